namespace JaxNet;

public static partial class Jax
{
    /// <summary>
    /// jax.tree_util: pytrees are NDArray leaves inside ValueTuples and Tuples, one-dimensional arrays, lists,
    /// dictionaries with string keys (children in sorted key order, as JAX sorts dict keys), and records or classes
    /// whose public properties are pytrees (rebuilt through the constructor taking those properties, else a
    /// parameterless constructor and the setters). null is an empty node (JAX's None). Other values (numbers,
    /// strings, enums, delegates, TreeDefs) are static data kept in the <see cref="TreeDef"/>, not leaves. Transformations take
    /// functions of pytrees apart with <see cref="TreeFlatten"/> and put results back with <see cref="TreeUnflatten"/>.
    /// </summary>
    public static class TreeUtil
    {
        /// <summary>The leaves of <paramref name="tree"/> in order (depth first) and its structure.</summary>
        public static (IReadOnlyList<NDArray> Leaves, TreeDef TreeDef) TreeFlatten(object? tree)
        {
            var leaves = new List<NDArray>();
            var def = TreeNodes.Flatten(tree, leaves);
            return (leaves, def);
        }

        /// <summary>The tree of structure <paramref name="treeDef"/> holding <paramref name="leaves"/> in flattening order.</summary>
        public static object? TreeUnflatten(TreeDef treeDef, IEnumerable<NDArray> leaves) => treeDef.Unflatten(leaves);

        /// <summary><see cref="TreeUnflatten(TreeDef, IEnumerable{NDArray})"/> cast to the tree's type.</summary>
        public static T TreeUnflatten<T>(TreeDef treeDef, IEnumerable<NDArray> leaves) => (T)treeDef.Unflatten(leaves)!;

        public static IReadOnlyList<NDArray> TreeLeaves(object? tree) => TreeFlatten(tree).Leaves;

        public static TreeDef TreeStructure(object? tree) => TreeFlatten(tree).TreeDef;

        /// <summary>A tree of the same structure with <paramref name="f"/> applied to every leaf.</summary>
        public static T TreeMap<T>(Func<NDArray, NDArray> f, T tree)
        {
            var (leaves, def) = TreeFlatten(tree);
            return (T)def.Unflatten(leaves.Select(f))!;
        }

        /// <summary>
        /// <paramref name="f"/> applied to corresponding leaves of trees of one structure (e.g. <c>params - lr * grads</c>);
        /// a clear error when the structures differ.
        /// </summary>
        public static T TreeMap<T>(Func<NDArray, NDArray, NDArray> f, T tree, T other)
        {
            var (leaves, def) = TreeFlatten(tree);
            var (otherLeaves, otherDef) = TreeFlatten(other);
            if (def != otherDef) throw new ArgumentException($"TreeMap: the trees have different structures: {def} and {otherDef}");
            return (T)def.Unflatten(leaves.Zip(otherLeaves, f))!;
        }

        /// <summary><paramref name="f"/> applied to corresponding leaves of three trees of one structure.</summary>
        public static T TreeMap<T>(Func<NDArray, NDArray, NDArray, NDArray> f, T tree, T second, T third)
        {
            var (leaves, def) = TreeFlatten(tree);
            var (l2, d2) = TreeFlatten(second);
            var (l3, d3) = TreeFlatten(third);
            if (def != d2 || def != d3) throw new ArgumentException($"TreeMap: the trees have different structures: {def}, {d2} and {d3}");
            return (T)def.Unflatten(leaves.Select((x, i) => f(x, l2[i], l3[i])))!;
        }
    }
}
