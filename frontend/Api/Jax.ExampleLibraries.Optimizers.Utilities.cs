namespace JaxNet;

public static partial class Jax
{
    public static partial class ExampleLibraries
    {
        public static partial class Optimizers
        {
            /// <summary>l2_norm: the Euclidean norm of all the leaves of <paramref name="tree"/> together (0 for a tree
            /// without leaves); useful for weight decay.</summary>
            public static NDArray L2Norm(object? tree)
            {
                var leaves = TreeUtil.TreeLeaves(tree);
                return Jnp.Sqrt(leaves.Count == 0 ? 0.0 : leaves.Select(x => Jnp.Vdot(x, x)).Aggregate((a, b) => a + b));
            }

            /// <summary>
            /// clip_grads: <paramref name="gradTree"/> scaled by <c>maxNorm / ‖g‖</c> when its <see cref="L2Norm"/> ‖g‖ is
            /// at least <paramref name="maxNorm"/>, else unchanged.
            /// </summary>
            public static T ClipGrads<T>(T gradTree, NDArray maxNorm)
            {
                ArgumentNullException.ThrowIfNull(maxNorm);
                var norm = L2Norm(gradTree);
                return TreeUtil.TreeMap(g => Jnp.Where(norm < maxNorm, g, g * (maxNorm / norm)), gradTree);
            }
        }
    }
}
