using JaxNet.Abstractions.Kernels;
using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Lax
    {
        /// <summary>
        /// lax.sort_key_val: <paramref name="keys"/> sorted along <paramref name="dimension"/> (JAX's float order:
        /// -0.0 ties +0.0, NaN last) and <paramref name="values"/> permuted the same way.
        /// </summary>
        /// <exception cref="ShapeException">Keys and values of different shapes, a scalar, or an axis out of range.</exception>
        public static (NDArray Keys, NDArray Values) SortKeyVal(NDArray keys, NDArray values, int dimension = -1, bool isStable = true)
        {
            if (!keys.Shape.SequenceEqual(values.Shape))
                throw new ShapeException($"Lax.SortKeyVal: keys {keys.Aval.Str()} and values {values.Aval.Str()} must have one shape");
            if (keys.Ndim == 0) throw new ShapeException($"Lax.SortKeyVal: the keys need at least one dimension, got {keys.Aval.Str()}");
            var sorted = Sort([keys, values], Shapes.Axis(dimension, keys.Ndim, "Lax.SortKeyVal"), isStable, numKeys: 1);
            return (sorted[0], sorted[1]);
        }

        /// <summary>
        /// lax.batch_matmul: matrix products over matching leading batch dimensions, [..., m, k] x [..., k, n] to
        /// [..., m, n] (no broadcasting, as in JAX).
        /// </summary>
        /// <exception cref="ShapeException">Ranks that differ or are below 2, batch dimensions that differ, or inner
        /// dimensions that do not match.</exception>
        public static NDArray BatchMatmul(NDArray lhs, NDArray rhs, Precision precision = Precision.Default)
        {
            if (lhs.Ndim != rhs.Ndim || lhs.Ndim < 2)
                throw new ShapeException($"Lax.BatchMatmul: operands need one rank of at least 2, got {lhs.Aval.Str()} and {rhs.Aval.Str()}");
            var batch = Enumerable.Range(0, lhs.Ndim - 2).ToArray();
            if (!lhs.Shape[..^2].SequenceEqual(rhs.Shape[..^2]))
                throw new ShapeException($"Lax.BatchMatmul: batch dimensions differ: {lhs.Aval.Str()} and {rhs.Aval.Str()}");
            if (lhs.Shape[^1] != rhs.Shape[^2])
                throw new ShapeException($"Lax.BatchMatmul: inner dimensions differ: {lhs.Aval.Str()} and {rhs.Aval.Str()}");
            return DotGeneral(lhs, rhs, ([lhs.Ndim - 1], [rhs.Ndim - 2]), (batch, batch), precision);
        }
    }
}
