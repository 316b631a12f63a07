using System.Globalization;

namespace JaxNet;

/// <summary>The kind of a node of a pytree (see <see cref="Jax.TreeUtil"/>).</summary>
public enum TreeNodeKind
{
    /// <summary>An <see cref="NDArray"/>: the only kind of leaf.</summary>
    Leaf,

    /// <summary>A null: a node without children (JAX's None).</summary>
    None,

    /// <summary>A ValueTuple or Tuple: children in item order.</summary>
    Tuple,

    /// <summary>A one-dimensional C# array: children in index order.</summary>
    Array,

    /// <summary>A list (List&lt;T&gt; or another IList with a parameterless constructor): children in index order.</summary>
    List,

    /// <summary>A dictionary with string keys: children in ordinal key order, as JAX sorts dict keys.</summary>
    Dictionary,

    /// <summary>A record or class: its public instance properties, in declaration order, are the children.</summary>
    Record,

    /// <summary>A typed PRNG key array: one leaf, its uint32 words (keys.shape + [2]).</summary>
    KeyArray,

    /// <summary>
    /// A value that is not an array or container (number, string, enum, delegate, TreeDef): kept in the TreeDef as static data
    /// and given back unchanged by unflattening, like a static field in Flax or Equinox.
    /// </summary>
    Static,
}

/// <summary>
/// The structure of a pytree without its leaves (JAX's PyTreeDef): node kinds, their CLR types, keys and static
/// values. Two trees with equal TreeDefs differ only in their leaves. Immutable; equality is structural; ToString
/// reads like JAX's, e.g. <c>PyTreeDef((*, [*, *], {'b': *}, Params(W=*, B=*)))</c>.
/// </summary>
public sealed class TreeDef : IEquatable<TreeDef>
{
    internal TreeDef(TreeNodeKind kind, Type? nodeType, TreeDef[] children, string[]? keys = null, object? staticValue = null)
    {
        Kind = kind;
        NodeType = nodeType;
        Children = children;
        Keys = keys;
        StaticValue = staticValue;
        NumLeaves = kind == TreeNodeKind.Leaf ? 1 : children.Sum(c => c.NumLeaves);
        NumNodes = 1 + children.Sum(c => c.NumNodes);
    }

    internal static readonly TreeDef LeafDef = new(TreeNodeKind.Leaf, null, []);

    internal static readonly TreeDef NoneDef = new(TreeNodeKind.None, null, []);

    public TreeNodeKind Kind { get; }

    /// <summary>The CLR type rebuilt for this node (null for leaves and None).</summary>
    public Type? NodeType { get; }

    public IReadOnlyList<TreeDef> Children { get; }

    /// <summary>Dictionary keys (sorted) or record property names, parallel to <see cref="Children"/>; else null.</summary>
    public IReadOnlyList<string>? Keys { get; }

    /// <summary>The value of a <see cref="TreeNodeKind.Static"/> node; the <see cref="PRNGKeyDType"/> of a
    /// <see cref="TreeNodeKind.KeyArray"/> node.</summary>
    public object? StaticValue { get; }

    /// <summary>Number of NDArray leaves.</summary>
    public int NumLeaves { get; }

    /// <summary>Number of nodes, leaves included.</summary>
    public int NumNodes { get; }

    /// <summary>For each leaf, in flattening order, whether it is the words of a typed key array (whose key axes
    /// leave out the trailing words axis).</summary>
    internal IEnumerable<bool> KeyWordLeaves() => Kind switch
    {
        TreeNodeKind.Leaf => [false],
        TreeNodeKind.KeyArray => [true],
        _ => Children.SelectMany(c => c.KeyWordLeaves()),
    };

    /// <summary>Builds the tree of this structure with <paramref name="leaves"/> in flattening order.</summary>
    public object? Unflatten(IEnumerable<NDArray> leaves)
    {
        var list = leaves as IReadOnlyList<NDArray> ?? leaves.ToList();
        if (list.Count != NumLeaves)
            throw new ArgumentException($"TreeUnflatten: {this} has {NumLeaves} leaves, got {list.Count}");
        var next = 0;
        return TreeNodes.Build(this, list, ref next);
    }

    public bool Equals(TreeDef? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || Kind != other.Kind || NodeType != other.NodeType || Children.Count != other.Children.Count) return false;
        if (!(Keys ?? []).SequenceEqual(other.Keys ?? [])) return false;
        if (!Equals(StaticValue, other.StaticValue)) return false;
        for (var i = 0; i < Children.Count; i++)
            if (!Children[i].Equals(other.Children[i])) return false;
        return true;
    }

    public override bool Equals(object? obj) => obj is TreeDef t && Equals(t);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Kind);
        hash.Add(NodeType);
        hash.Add(NumNodes);
        foreach (var k in Keys ?? []) hash.Add(k);
        hash.Add(StaticValue);
        foreach (var c in Children) hash.Add(c.GetHashCode());
        return hash.ToHashCode();
    }

    public static bool operator ==(TreeDef? a, TreeDef? b) => a?.Equals(b) ?? b is null;

    public static bool operator !=(TreeDef? a, TreeDef? b) => !(a == b);

    public override string ToString() => $"PyTreeDef({Render()})";

    private string Render()
    {
        IEnumerable<string> Items() => Children.Select(c => c.Render());
        return Kind switch
        {
            TreeNodeKind.Leaf => "*",
            TreeNodeKind.None => "None",
            TreeNodeKind.Tuple => Children.Count == 1 ? $"({Children[0].Render()},)" : $"({string.Join(", ", Items())})",
            TreeNodeKind.Array => $"[{string.Join(", ", Items())}]",
            TreeNodeKind.List => $"List[{string.Join(", ", Items())}]",
            TreeNodeKind.Dictionary => $"{{{string.Join(", ", Keys!.Zip(Items(), (k, v) => $"'{k}': {v}"))}}}",
            TreeNodeKind.KeyArray => $"{StaticValue}(*)",
            TreeNodeKind.Record => $"{NodeType!.Name}({string.Join(", ", Keys!.Zip(Items(), (k, v) => $"{k}={v}"))})",
            _ => StaticValue switch
            {
                string s => $"'{s}'",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                Delegate d => $"<{d.Method.Name}>",
                var v => v?.ToString() ?? "None",
            },
        };
    }
}
