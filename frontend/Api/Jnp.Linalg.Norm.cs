namespace JaxNet;

public static partial class Jnp
{
    /// <summary>numpy.linalg: the functions that need no decomposition (the decompositions are in Jax.Scipy.Linalg).</summary>
    public static class Linalg
    {
        /// <summary>
        /// numpy.linalg.norm. Without <paramref name="axis"/>: the 2-norm of a vector or the Frobenius norm of a matrix
        /// (of the flattened array for <paramref name="ord"/> null). With one axis: the vector norm of order
        /// <paramref name="ord"/> (2 by default; inf, -inf, 0 and any p). Matrix norms other than Frobenius need a
        /// singular value decomposition and are not available yet.
        /// </summary>
        public static NDArray Norm(NDArray x, double? ord = null, int? axis = null, bool keepdims = false)
        {
            var values = PromoteInexact(x)[0];
            if (axis is null)
            {
                if (ord is not null && !(ord == 2 && x.Ndim == 1))
                    throw new NotSupportedException($"norm: ord={ord} over all axes of {x.Ndim}-d input needs a singular value decomposition; give an axis");
                var all = Sqrt(Sum(Square(Abs(values))));
                return keepdims ? all.Reshape(Enumerable.Repeat(1, x.Ndim).ToArray()) : all;
            }
            var a = axis.Value;
            var p = ord ?? 2;
            var magnitude = Abs(values);
            if (double.IsPositiveInfinity(p)) return Max(magnitude, a, keepdims);
            if (double.IsNegativeInfinity(p)) return Min(magnitude, a, keepdims);
            if (p == 0) return Sum((magnitude != 0f).Astype(values.DType), a, keepdims);
            if (p == 1) return Sum(magnitude, a, keepdims);
            if (p == 2) return Sqrt(Sum(Square(magnitude), a, keepdims));
            return Power(Sum(Power(magnitude, (float)p), a, keepdims), (float)(1 / p));
        }
    }
}
