namespace JaxNet;

public static partial class Jnp
{
    /// <summary>
    /// jax.numpy.linalg: NumPy's names and conventions (batches in leading axes, integers promoted to the default
    /// float) on top of the decompositions in <see cref="Jax.Scipy.Linalg"/>.
    /// </summary>
    public static partial class Linalg
    {
        /// <summary>
        /// numpy.linalg.norm. Without <paramref name="axis"/>: for <paramref name="ord"/> null the 2-norm of the
        /// flattened array (a matrix's Frobenius norm); otherwise a vector's norm of that order, or a matrix's: 1 and -1
        /// (largest and smallest column sum of magnitudes), inf and -inf (row sums), 2 and -2 (largest and smallest
        /// singular value, through <see cref="Jax.Scipy.Linalg.Svdvals"/>). With one axis: the vector norm of order
        /// <paramref name="ord"/> (2 by default; inf, -inf, 0 and any p).
        /// </summary>
        public static NDArray Norm(NDArray x, double? ord = null, int? axis = null, bool keepdims = false)
        {
            var values = PromoteInexact(x)[0];
            if (axis is null)
            {
                if (ord is { } o)
                {
                    if (x.Ndim == 1) return Norm(x, o, 0, keepdims);
                    if (x.Ndim != 2) throw new ShapeException($"norm: ord={o} without an axis needs a vector or a matrix, got {x.Ndim} dimensions");
                    var matrix = MatrixNorm(values, o);
                    return keepdims ? matrix.Reshape([1, 1]) : matrix;
                }
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

        private static NDArray MatrixNorm(NDArray m, double ord) => ord switch
        {
            1 => Max(Sum(Abs(m), 0)),
            -1 => Min(Sum(Abs(m), 0)),
            double.PositiveInfinity => Max(Sum(Abs(m), 1)),
            double.NegativeInfinity => Min(Sum(Abs(m), 1)),
            2 => Max(Jax.Scipy.Linalg.Svdvals(m)),
            -2 => Min(Jax.Scipy.Linalg.Svdvals(m)),
            _ => throw new ArgumentException($"norm: invalid order {ord} for a matrix (1, -1, 2, -2, inf or -inf; null for Frobenius)", nameof(ord)),
        };
    }
}
