using System.Collections.Concurrent;
using System.Reflection;

namespace JaxNet.Backends.CpuSimd.Codegen.Emit;

/// <summary>
/// Finds the static helper a generated call should use: a method of <c>owner</c> with the given name whose
/// parameters are exactly <c>arguments</c>. Non-generic overloads win; a generic method is instantiated with a
/// type taken from an argument (or the lane type of a vector argument). The owner may be a constructed generic type
/// (the vector routines at one width, Math512 or Math256), whose methods are found already instantiated. Results are
/// cached per owner type: compiling a kernel costs a dictionary lookup per node once warm.
/// </summary>
internal static class HelperResolver
{
    private static readonly ConcurrentDictionary<(Type Owner, string Signature), MethodInfo?> Cache = new();

    public static MethodInfo? Find(Type owner, string name, params Type[] arguments)
    {
        // The owner type itself, not its name: both widths' routines are named VectorMath`5.
        var key = (owner, name + "(" + string.Join(",", arguments.Select(a => a.FullName)) + ")");
        return Cache.GetOrAdd(key, _ => Resolve(owner, name, arguments));
    }

    private static MethodInfo? Resolve(Type owner, string name, Type[] arguments)
    {
        var candidates = owner.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.Name == name && m.GetParameters().Length == arguments.Length)
            .ToList();
        foreach (var method in candidates.Where(m => !m.IsGenericMethodDefinition))
            if (Matches(method, arguments)) return method;
        var typeArguments = arguments
            .SelectMany(a => a.IsGenericType ? a.GetGenericArguments() : [a])
            .Distinct()
            .ToList();
        foreach (var method in candidates.Where(m => m.IsGenericMethodDefinition && m.GetGenericArguments().Length == 1))
        {
            foreach (var typeArgument in typeArguments)
            {
                var instance = TryInstantiate(method, typeArgument);
                if (instance is not null && Matches(instance, arguments)) return instance;
            }
        }
        return null;
    }

    private static MethodInfo? TryInstantiate(MethodInfo definition, Type typeArgument)
    {
        try
        {
            return definition.MakeGenericMethod(typeArgument);
        }
        catch (ArgumentException)
        {
            return null; // the type argument breaks a constraint (e.g. bool for INumber<T>)
        }
    }

    private static bool Matches(MethodInfo method, Type[] arguments) =>
        method.GetParameters().Select(p => p.ParameterType).SequenceEqual(arguments);
}
