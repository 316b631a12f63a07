using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    /// <summary>jax.flatten_util: a whole pytree of arrays as one vector, for optimisers, solvers and
    /// Hessians that want a flat parameter vector.</summary>
    public static class FlattenUtil
    {
        /// <summary>
        /// The leaves of <paramref name="tree"/> (see <see cref="TreeUtil"/>), each flattened, converted to their
        /// promoted dtype and joined in flattening order, and the function that splits such a vector back into a tree
        /// of the same structure, shapes and dtypes (jax.flatten_util.ravel_pytree). When the leaves share a dtype
        /// the unravel function keeps the vector's dtype, whatever it is (JAX's dtype-polymorphic unravel); otherwise
        /// it needs a vector of the promoted dtype and casts each part back. A tree without leaves gives an empty
        /// float32 vector. Both directions are array operations, so they work under Jit, Vmap and Grad.
        /// </summary>
        public static (NDArray Flat, Func<NDArray, T> Unravel) RavelPytree<T>(T tree)
        {
            var (leaves, def) = TreeUtil.TreeFlatten(tree);
            var shapes = leaves.Select(l => l.Shape).ToArray();
            var dtypes = leaves.Select(l => l.DType).ToArray();
            var sizes = leaves.Select(l => (int)l.Size).ToArray();
            var total = sizes.Sum();
            if (leaves.Count == 0) return (Jnp.Zeros([0]), flat => Unravel<T>(def, flat, 0, _ => []));
            Span<(DType, bool)> types = stackalloc (DType, bool)[dtypes.Length];
            for (var i = 0; i < dtypes.Length; i++) types[i] = (dtypes[i], false);
            var target = TypePromotion.ResultType(types).DType;
            var single = dtypes.All(d => d == target);
            var flat = Lax.Concatenate(leaves.Select(l => Jnp.Ravel(Lax.ConvertElementType(l, target))).ToArray(), 0);
            return (flat, UnravelVector);

            T UnravelVector(NDArray vector)
            {
                if (!single && vector.DType != target)
                    throw new ArgumentException($"ravel_pytree: the unravel function was given an array of dtype {vector.DType}, but expected dtype {target}");
                return Unravel<T>(def, vector, total, v =>
                {
                    var parts = new NDArray[sizes.Length];
                    for (int i = 0, offset = 0; i < parts.Length; offset += sizes[i], i++)
                    {
                        var part = Lax.Reshape(Lax.SliceInDim(v, offset, offset + sizes[i]), shapes[i]);
                        parts[i] = single ? part : Lax.ConvertElementType(part, dtypes[i]);
                    }
                    return parts;
                });
            }
        }

        private static T Unravel<T>(TreeDef def, NDArray vector, int length, Func<NDArray, NDArray[]> split)
        {
            if (vector.Ndim != 1 || vector.Aval.Shape[0] != length)
                throw new ArgumentException($"ravel_pytree: the unravel function expected an array of shape [{length}], got shape {Shapes.Format(vector.Aval.Shape)}");
            return TreeUtil.TreeUnflatten<T>(def, split(vector));
        }
    }
}
