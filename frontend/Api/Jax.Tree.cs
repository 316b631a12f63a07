namespace JaxNet;

public static partial class Jax
{
    /// <summary>
    /// jax.tree, the newer spelling of <see cref="TreeUtil"/> that JAX recommends: the same pytrees, the same
    /// functions, plus reductions over a tree's leaves.
    /// </summary>
    public static class Tree
    {
        /// <inheritdoc cref="TreeUtil.TreeMap{T}(Func{NDArray, NDArray}, T)"/>
        public static T Map<T>(Func<NDArray, NDArray> f, T tree) => TreeUtil.TreeMap(f, tree);

        /// <inheritdoc cref="TreeUtil.TreeMap{T}(Func{NDArray, NDArray, NDArray}, T, T)"/>
        public static T Map<T>(Func<NDArray, NDArray, NDArray> f, T tree, T other) => TreeUtil.TreeMap(f, tree, other);

        /// <inheritdoc cref="TreeUtil.TreeMap{T}(Func{NDArray, NDArray, NDArray, NDArray}, T, T, T)"/>
        public static T Map<T>(Func<NDArray, NDArray, NDArray, NDArray> f, T tree, T second, T third) => TreeUtil.TreeMap(f, tree, second, third);

        public static IReadOnlyList<NDArray> Leaves(object? tree) => TreeUtil.TreeLeaves(tree);

        public static TreeDef Structure(object? tree) => TreeUtil.TreeStructure(tree);

        public static (IReadOnlyList<NDArray> Leaves, TreeDef TreeDef) Flatten(object? tree) => TreeUtil.TreeFlatten(tree);

        public static T Unflatten<T>(TreeDef treeDef, IEnumerable<NDArray> leaves) => TreeUtil.TreeUnflatten<T>(treeDef, leaves);

        /// <summary>jax.tree.reduce: <paramref name="f"/> folded over the leaves in order, from <paramref name="initializer"/>
        /// (an empty tree gives it back).</summary>
        public static TAcc Reduce<TAcc>(Func<TAcc, NDArray, TAcc> f, object? tree, TAcc initializer) =>
            TreeUtil.TreeLeaves(tree).Aggregate(initializer, f);

        /// <summary>jax.tree.reduce without an initializer: the first leaf starts the fold; an empty tree is an error,
        /// as in JAX.</summary>
        public static NDArray Reduce(Func<NDArray, NDArray, NDArray> f, object? tree)
        {
            var leaves = TreeUtil.TreeLeaves(tree);
            if (leaves.Count == 0) throw new ArgumentException("Tree.Reduce of a tree with no leaves needs an initializer", nameof(tree));
            return leaves.Skip(1).Aggregate(leaves[0], f);
        }

        /// <summary>jax.tree.all: whether every leaf is true (all of its elements nonzero); an empty tree gives true.
        /// Reads the leaves' values, so it runs outside traced code.</summary>
        public static bool All(object? tree) => TreeUtil.TreeLeaves(tree).All(leaf => Jnp.All(leaf).Item<bool>());
    }
}
