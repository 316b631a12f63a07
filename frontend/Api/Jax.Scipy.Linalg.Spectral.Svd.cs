using JaxNet.Core;
using JaxNet.Spectral;
using JaxNet.Transforms;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Linalg
        {
            /// <summary>
            /// scipy.linalg.svd: A = U diag(S) Vh for real or complex matrices [..., m, n], with S (k = min(m, n) values)
            /// descending, non-negative and real (float32 for complex64). With <paramref name="fullMatrices"/> U is m x m
            /// and Vh n x n (orthogonal, or unitary); without, the economic form, U is m x k and Vh k x n (orthonormal
            /// rows and columns). Integers promote to the default float. Computed by one-sided Jacobi on A (never AᴴA),
            /// or on Aᴴ when m &lt; n; an input with a NaN or infinity gives NaN everywhere. Differentiable with JAX's rule
            /// (economic form), which needs distinct nonzero singular values for U and Vh; as in JAX, the derivative of
            /// the full form of a non-square matrix is not implemented (<see cref="NotSupportedException"/> when
            /// differentiated). Singular vectors are defined up to sign (a unit complex factor shared by a column of U
            /// and the row of Vh), so only functions invariant to those have well-defined derivatives.
            /// </summary>
            /// <exception cref="ShapeException">rank below 2.</exception>
            public static (NDArray U, NDArray S, NDArray Vh) Svd(NDArray a, bool fullMatrices = true)
            {
                var x = Matrices.Checked(a, "Svd", square: false);
                var outs = Matrices.Map(m => SvdOfMatrix(m, fullMatrices), x, 3);
                return (outs[0], outs[1], outs[2]);
            }

            /// <summary>
            /// scipy.linalg.svdvals (svd with compute_uv false): the (real) singular values of real or complex matrices
            /// [..., m, n], descending. Its derivative, Re diag(Uᴴ dA V), is defined for repeated singular values too.
            /// </summary>
            /// <exception cref="ShapeException">rank below 2.</exception>
            public static NDArray Svdvals(NDArray a)
            {
                var x = Matrices.Checked(a, "Svdvals", square: false);
                return Matrices.Map(m =>
                {
                    if (m.Shape[0] < m.Shape[1]) m = LinalgMatrices.H(m);
                    return m.Shape[1] == 0 ? [Jnp.Zeros([0], m.DType.RealPart())] : SvdvalsWithRule(m);
                }, x, 1)[0];
            }

            // U, S, Vh of one matrix: a wide one is the adjoint of the decomposition of its (tall) adjoint.
            private static NDArray[] SvdOfMatrix(NDArray a, bool full)
            {
                var (m, n) = (a.Shape[0], a.Shape[1]);
                if (m < n)
                {
                    var t = SvdOfMatrix(LinalgMatrices.H(a), full);
                    return [LinalgMatrices.H(t[2]), t[1], LinalgMatrices.H(t[0])];
                }
                if (n == 0)
                    return [full ? Jnp.Eye(m, dtype: a.DType) : Jnp.Zeros([m, 0], a.DType), Jnp.Zeros([0], a.DType.RealPart()), Jnp.Zeros([0, 0], a.DType)];
                var outs = SvdWithRule(a, full);
                return [outs[0], outs[1], LinalgMatrices.H(outs[2])];
            }

            // U, S, V of a tall or square matrix, with JAX's rule.
            private static NDArray[] SvdWithRule(NDArray a, bool full) =>
                CustomDerivatives.CallCustomJvp(x => SvdOutputs(x[0], full), (primals, tangents) => SvdJvp(primals[0], tangents[0], full), [a]);

            private static NDArray[] SvdOutputs(NDArray a, bool full)
            {
                var (u, s, v) = JacobiSvd.Decompose(a, full);
                return [u, s, v];
            }

            /// <summary>
            /// JAX's svd_jvp_rule for A = U diag(S) V^H with m &gt;= n (U m x n, V n x n): with dP = U^H dA V,
            /// dS = Re diag(dP), F_ij = 1/(s_j^2 - s_i^2) off the diagonal,
            /// dU = U (F o (dP S + S dP^H) + i Im diag(dP) S^-1) + (I - U U^H) dA V S^-1 and dV = V (F o (S dP + dP^H S)).
            /// The imaginary diagonal term (zero for real matrices) is JAX's choice of the phase gauge: it puts the change
            /// of each pair's common phase on U.
            /// </summary>
            private static (NDArray[] Primals, NDArray[] Tangents) SvdJvp(NDArray a, NDArray da, bool full)
            {
                var (m, n) = (a.Shape[0], a.Shape[1]);
                if (full && m != n)
                    throw new NotSupportedException($"Jax.Scipy.Linalg.Svd: the derivative of the full decomposition (fullMatrices: true) of a " +
                        $"non-square {m}x{n} matrix is not implemented, as in JAX; use fullMatrices: false");
                var outs = SvdWithRule(a, full);
                var (u, s, v) = (outs[0], outs[1], outs[2]);
                var dav = Jnp.Matmul(da, v);
                var dp = Jnp.Matmul(LinalgMatrices.H(u), dav);
                var dpH = LinalgMatrices.H(dp);
                var (row, column) = (Jnp.ExpandDims(s, 0), Jnp.ExpandDims(s, 1));
                var diagonal = Jnp.Eye(n, dtype: DType.Bool);
                // The inner Where keeps the diagonal's 1/0 out of every derivative of F, not just out of its value.
                var gaps = (row + column) * (row - column);
                var f = Jnp.Where(diagonal, Jnp.ZerosLike(gaps), 1.0 / Jnp.Where(diagonal, Jnp.OnesLike(gaps), gaps));
                var du = Jnp.Matmul(u, f * (dp * row + column * dpH));
                var dv = Jnp.Matmul(v, f * (column * dp + dpH * row));
                // A zero singular value's column of U is arbitrary, so its share of dU is left out (0, not 1/0).
                var zero = s == 0.0;
                var inverse = Jnp.Where(zero, Jnp.ZerosLike(s), 1.0 / Jnp.Where(zero, Jnp.OnesLike(s), s));
                var dpDiagonal = Jnp.Diagonal(dp);
                if (a.DType.IsComplex()) du += u * Jnp.ExpandDims((dpDiagonal - Jnp.Real(dpDiagonal)) * inverse, 0);
                if (m > n) du += (dav - Jnp.Matmul(u, dp)) * Jnp.ExpandDims(inverse, 0);
                return (outs, [du, Jnp.Real(dpDiagonal), dv]);
            }

            private static NDArray[] SvdvalsWithRule(NDArray a) =>
                CustomDerivatives.CallCustomJvp(x => [JacobiSvd.Decompose(x[0], full: false).S], (primals, tangents) =>
                {
                    var outs = SvdWithRule(primals[0], full: false);
                    var (u, v) = (outs[0], outs[2]);
                    return ([outs[1]], [Jnp.Real(Jnp.Diagonal(Jnp.Matmul(LinalgMatrices.H(u), Jnp.Matmul(tangents[0], v))))]);
                }, [a]);
        }
    }
}
