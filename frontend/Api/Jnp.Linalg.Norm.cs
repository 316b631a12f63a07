using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

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
            if (axis is not null) return VectorNormOf(values, ord ?? 2, [axis.Value], keepdims);
            if (ord is null) return VectorNormOf(values, 2, null, keepdims);
            if (x.Ndim == 1) return VectorNormOf(values, ord.Value, null, keepdims);
            if (x.Ndim != 2) throw new ShapeException($"norm: ord={ord} without an axis needs a vector or a matrix, got {x.Ndim} dimensions");
            return Norm(values, ord, (0, 1), keepdims);
        }

        /// <summary>
        /// numpy.linalg.norm with a pair of axes: the matrix norm of order <paramref name="ord"/> (null: Frobenius; 1,
        /// -1, 2, -2, inf, -inf as in <see cref="Norm(NDArray, double?, int?, bool)"/>) of the matrices whose rows are
        /// along <paramref name="axis"/>.Row and columns along <paramref name="axis"/>.Column; the other axes are a batch.
        /// </summary>
        /// <exception cref="ShapeException">an axis is out of range, or both are the same.</exception>
        /// <exception cref="ArgumentException">ord is not a matrix norm's order.</exception>
        public static NDArray Norm(NDArray x, double? ord, (int Row, int Column) axis, bool keepdims = false) =>
            OverAxes(x, axis, keepdims, m => ord is { } o ? MatrixNormOf(m, o, "norm") : MatrixNormOf(m, "fro", "norm"));

        /// <summary>numpy.linalg.norm with <paramref name="ord"/> "fro" (Frobenius) or "nuc" (nuclear: the sum of the
        /// singular values) of a matrix, or, with <paramref name="axis"/>, of the matrices those two axes span.</summary>
        /// <exception cref="ShapeException">no axis and x is not a matrix; an axis out of range, or both the same.</exception>
        /// <exception cref="ArgumentException">ord is not "fro" or "nuc".</exception>
        public static NDArray Norm(NDArray x, string ord, (int Row, int Column)? axis = null, bool keepdims = false)
        {
            if (axis is null && x.Ndim != 2)
                throw new ShapeException($"norm: ord=\"{ord}\" without an axis needs a matrix, got shape {Shapes.Format(x.Aval.Shape)}");
            return OverAxes(x, axis ?? (0, 1), keepdims, m => MatrixNormOf(m, ord, "norm"));
        }

        /// <summary>
        /// numpy.linalg.matrix_norm: the norm of each matrix [..., m, n], Frobenius by default or "nuc"; shape [...],
        /// or [..., 1, 1] with <paramref name="keepdims"/>.
        /// </summary>
        /// <exception cref="ShapeException">x has fewer than 2 dimensions.</exception>
        /// <exception cref="ArgumentException">ord is not "fro" or "nuc".</exception>
        public static NDArray MatrixNorm(NDArray x, bool keepdims = false, string ord = "fro") => Norm(x, ord, (-2, -1), keepdims);

        /// <summary>numpy.linalg.matrix_norm of a numeric order (1, -1, 2, -2, inf, -inf) of each matrix [..., m, n].</summary>
        /// <exception cref="ShapeException">x has fewer than 2 dimensions.</exception>
        /// <exception cref="ArgumentException">ord is not a matrix norm's order.</exception>
        public static NDArray MatrixNorm(NDArray x, double ord, bool keepdims = false) => Norm(x, ord, (-2, -1), keepdims);

        /// <summary>
        /// numpy.linalg.vector_norm: the norm of order <paramref name="ord"/> (2 by default; inf, -inf, 0 (the count of
        /// nonzeros, as a float), 1, or any p: (Σ|x|ᵖ)^(1/p)) over <paramref name="axis"/>, all axes (the flattened
        /// array) when null. Integers promote to the default float.
        /// </summary>
        /// <exception cref="ShapeException">an axis is out of range or repeated.</exception>
        public static NDArray VectorNorm(NDArray x, int[]? axis = null, bool keepdims = false, double ord = 2) =>
            VectorNormOf(PromoteInexact(x)[0], ord, axis, keepdims);

        /// <inheritdoc cref="VectorNorm(NDArray, int[], bool, double)"/>
        public static NDArray VectorNorm(NDArray x, int axis, bool keepdims = false, double ord = 2) => VectorNorm(x, [axis], keepdims, ord);

        private static NDArray VectorNormOf(NDArray values, double p, int[]? axes, bool keepdims)
        {
            var magnitude = Abs(values);
            if (double.IsPositiveInfinity(p)) return Reduce(Lax.ReduceMax, magnitude, axes, keepdims, "norm");
            if (double.IsNegativeInfinity(p)) return Reduce(Lax.ReduceMin, magnitude, axes, keepdims, "norm");
            if (p == 0) return Sum(NotEqual(magnitude, 0).Astype(magnitude.DType), axes, keepdims);
            if (p == 1) return Sum(magnitude, axes, keepdims);
            if (p == 2) return Sqrt(Sum(Square(magnitude), axes, keepdims));
            return Power(Sum(Power(magnitude, p), axes, keepdims), 1 / p);
        }

        // norm(matrix) of the matrices that the axes (rows, columns) span: those axes are moved last, and with keepdims
        // put back as ones.
        private static NDArray OverAxes(NDArray x, (int Row, int Column) axis, bool keepdims, Func<NDArray, NDArray> norm)
        {
            var values = PromoteInexact(x)[0];
            if (values.Ndim < 2) throw new ShapeException($"norm: a matrix norm needs at least 2 dimensions, got shape {Shapes.Format(x.Aval.Shape)}");
            var (row, column) = (Shapes.Axis(axis.Row, values.Ndim, "norm"), Shapes.Axis(axis.Column, values.Ndim, "norm"));
            if (row == column) throw new ShapeException($"norm: the two axes of a matrix norm must differ, got ({axis.Row}, {axis.Column})");
            var others = Enumerable.Range(0, values.Ndim).Where(d => d != row && d != column);
            var result = norm(Lax.Transpose(values, [.. others, row, column]));
            return keepdims ? Lax.ExpandDims(result, [Math.Min(row, column), Math.Max(row, column)]) : result;
        }

        // The induced norms of each matrix in the last two axes: the largest (smallest) column sum of magnitudes for 1
        // (−1), row sum for ±inf, largest (smallest) singular value for ±2.
        private static NDArray MatrixNormOf(NDArray m, double ord, string function) => ord switch
        {
            1 => Max(Sum(Abs(m), -2), -1),
            -1 => Min(Sum(Abs(m), -2), -1),
            double.PositiveInfinity => Max(Sum(Abs(m), -1), -1),
            double.NegativeInfinity => Min(Sum(Abs(m), -1), -1),
            2 => Max(Jax.Scipy.Linalg.Svdvals(m), -1),
            -2 => Min(Jax.Scipy.Linalg.Svdvals(m), -1),
            _ => throw new ArgumentException($"{function}: invalid order {ord} for a matrix norm (1, -1, 2, -2, inf, -inf, \"fro\" or \"nuc\")", nameof(ord)),
        };

        private static NDArray MatrixNormOf(NDArray m, string ord, string function) => ord switch
        {
            "fro" or "f" => Sqrt(Sum(SquaredModulus(m), [-2, -1])),
            "nuc" => Sum(Jax.Scipy.Linalg.Svdvals(m), -1),
            _ => throw new ArgumentException($"{function}: invalid norm order \"{ord}\" (\"fro\", \"nuc\", or a number)", nameof(ord)),
        };
    }
}
