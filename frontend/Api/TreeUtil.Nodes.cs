using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace JaxNet;

/// <summary>
/// How each kind of CLR value is taken apart into children and put back together: the registry behind
/// <see cref="Jax.TreeUtil"/>. Reflection over a record type happens once per type and is cached.
/// </summary>
internal static class TreeNodes
{
    public static TreeDef Flatten(object? node, List<NDArray> leaves)
    {
        switch (node)
        {
            case null:
                return TreeDef.NoneDef;
            case NDArray array:
                leaves.Add(array);
                return TreeDef.LeafDef;
            case PRNGKeyArray keyArray:
                leaves.Add(Jax.Random.KeyData(keyArray));
                return KeyArrayDef(keyArray.DType);
            case ITuple tuple:
                return new TreeDef(TreeNodeKind.Tuple, node.GetType(), Children(Enumerable.Range(0, tuple.Length).Select(i => tuple[i]), leaves));
            case Array array when array.Rank == 1:
                return new TreeDef(TreeNodeKind.Array, node.GetType(), Children(array.Cast<object?>(), leaves));
            case IDictionary dictionary when IsStringKeyed(node.GetType()):
                var keys = dictionary.Keys.Cast<string>().Order(StringComparer.Ordinal).ToArray();
                return new TreeDef(TreeNodeKind.Dictionary, node.GetType(), Children(keys.Select(k => dictionary[k]), leaves), keys);
            case IList list when HasDefaultConstructor(node.GetType()):
                return new TreeDef(TreeNodeKind.List, node.GetType(), Children(list.Cast<object?>(), leaves));
        }
        var type = node.GetType();
        if (IsStatic(type)) return new TreeDef(TreeNodeKind.Static, type, [], staticValue: node);
        var record = RecordShape.Of(type);
        if (record.Properties.Length == 0) return new TreeDef(TreeNodeKind.Static, type, [], staticValue: node);
        return new TreeDef(TreeNodeKind.Record, type, Children(record.Properties.Select(p => p.GetValue(node)), leaves),
            [.. record.Properties.Select(p => p.Name)]);
    }

    public static object? Build(TreeDef def, IReadOnlyList<NDArray> leaves, ref int next)
    {
        switch (def.Kind)
        {
            case TreeNodeKind.Leaf:
                return leaves[next++];
            case TreeNodeKind.None:
                return null;
            case TreeNodeKind.Static:
                return def.StaticValue;
            case TreeNodeKind.KeyArray:
                return Jax.Random.WrapKeyData(leaves[next++], ((PRNGKeyDType)def.StaticValue!).Impl);
        }
        var children = new object?[def.Children.Count];
        for (var i = 0; i < children.Length; i++) children[i] = Build(def.Children[i], leaves, ref next);
        var type = def.NodeType!;
        switch (def.Kind)
        {
            case TreeNodeKind.Tuple:
                return BuildTuple(type, children);
            case TreeNodeKind.Array:
                var array = Array.CreateInstance(type.GetElementType()!, children.Length);
                for (var i = 0; i < children.Length; i++) array.SetValue(children[i], i);
                return array;
            case TreeNodeKind.List:
                var list = (IList)Activator.CreateInstance(type)!;
                foreach (var c in children) list.Add(c);
                return list;
            case TreeNodeKind.Dictionary:
                var dictionary = (IDictionary)Activator.CreateInstance(type)!;
                for (var i = 0; i < children.Length; i++) dictionary.Add(def.Keys![i], children[i]);
                return dictionary;
            default:
                return RecordShape.Of(type).Create(children);
        }
    }

    // The key dtype is the node's static data, so trees of keys of different implementations do not match.
    private static TreeDef KeyArrayDef(PRNGKeyDType dtype) => dtype == PRNGKeyDType.Threefry2x32 ? ThreefryKeyArrayDef
        : new(TreeNodeKind.KeyArray, typeof(PRNGKeyArray), [TreeDef.LeafDef], staticValue: dtype);

    private static readonly TreeDef ThreefryKeyArrayDef = new(TreeNodeKind.KeyArray, typeof(PRNGKeyArray), [TreeDef.LeafDef],
        staticValue: PRNGKeyDType.Threefry2x32);

    private static TreeDef[] Children(IEnumerable<object?> items, List<NDArray> leaves) => [.. items.Select(i => Flatten(i, leaves))];

    /// <summary>Tuples of more than seven items nest the rest in their eighth type argument (ValueTuple`8's TRest).</summary>
    private static object BuildTuple(Type type, object?[] items)
    {
        var arguments = type.GetGenericArguments();
        if (arguments.Length == 8 && items.Length > 7)
            items = [.. items[..7], BuildTuple(arguments[7], items[7..])];
        return Activator.CreateInstance(type, items)!;
    }

    private static bool IsStringKeyed(Type type) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>) && i.GetGenericArguments()[0] == typeof(string))
        && HasDefaultConstructor(type);

    private static bool HasDefaultConstructor(Type type) => type.GetConstructor(Type.EmptyTypes) is not null;

    // A TreeDef inside a tree is static data, as JAX keeps it in the aux data of an optimizer's state.
    private static bool IsStatic(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || typeof(Delegate).IsAssignableFrom(type)
        || typeof(Type).IsAssignableFrom(type) || typeof(MemberInfo).IsAssignableFrom(type) || type == typeof(TreeDef);

    /// <summary>A record's children (public readable instance properties, base class first, in declaration order) and how to rebuild it.</summary>
    private sealed class RecordShape
    {
        private static readonly ConcurrentDictionary<Type, RecordShape> Cache = new();

        private readonly Type type;
        private readonly ConstructorInfo? constructor;
        private readonly int[] argumentOrder = [];

        private RecordShape(Type type)
        {
            this.type = type;
            Properties = [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
                .OrderBy(p => Depth(p.DeclaringType!)).ThenBy(p => p.MetadataToken)];
            // A constructor taking exactly the properties (a record's primary constructor) is preferred, so
            // get-only properties and validation in constructors work; else a parameterless one and the setters.
            foreach (var c in type.GetConstructors().OrderByDescending(c => c.GetParameters().Length))
            {
                var parameters = c.GetParameters();
                if (parameters.Length != Properties.Length) continue;
                var order = parameters.Select(a => Array.FindIndex(Properties,
                    p => string.Equals(p.Name, a.Name, StringComparison.OrdinalIgnoreCase) && a.ParameterType.IsAssignableFrom(p.PropertyType))).ToArray();
                if (order.Any(i => i < 0) || order.Distinct().Count() != order.Length) continue;
                constructor = c;
                argumentOrder = order;
                break;
            }
        }

        public PropertyInfo[] Properties { get; }

        public static RecordShape Of(Type type) => Cache.GetOrAdd(type, t => new RecordShape(t));

        public object Create(object?[] values)
        {
            if (constructor is not null) return constructor.Invoke([.. argumentOrder.Select(i => values[i])]);
            if ((type.IsValueType || HasDefaultConstructor(type)) && Properties.All(p => p.CanWrite))
            {
                var instance = Activator.CreateInstance(type)!;
                for (var i = 0; i < values.Length; i++) Properties[i].SetValue(instance, values[i]);
                return instance;
            }
            throw new InvalidOperationException(
                $"TreeUnflatten: can't rebuild {type.Name}: it needs a constructor taking its properties ({string.Join(", ", Properties.Select(p => p.Name))}) " +
                "or a parameterless constructor and settable properties");
        }

        private static int Depth(Type t)
        {
            var depth = 0;
            for (var b = t.BaseType; b is not null; b = b.BaseType) depth++;
            return depth;
        }
    }
}
