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
            /// scipy.linalg.qr: A = Q R for matrices [..., m, n], with Q orthogonal (unitary, for complex matrices) and R
            /// upper triangular with a real diagonal (its signs are those of the Householder reflections, as in LAPACK, not
            /// necessarily positive; for complex matrices too the reflections are LAPACK's, so Q and R are NumPy's). By
            /// default (SciPy's mode "full") Q is m x m and R m x n; <paramref name="economic"/> gives Q m x k and
            /// R k x n, k = min(m, n). Integers promote to the default float; an input with a NaN or infinity gives NaN
            /// everywhere. Differentiable with JAX's rule where it is defined, as in JAX: for m &gt;= n in the
            /// economic form, or square matrices (<see cref="NotSupportedException"/> when other cases are
            /// differentiated); the rule needs R invertible (A of full column rank).
            /// </summary>
            /// <exception cref="ShapeException">rank below 2.</exception>
            public static (NDArray Q, NDArray R) Qr(NDArray a, bool economic = false)
            {
                var x = Matrices.Checked(a, "Qr", square: false);
                var outs = Matrices.Map(m => QrOfMatrix(m, economic), x, 2);
                return (outs[0], outs[1]);
            }

            private static NDArray[] QrOfMatrix(NDArray a, bool economic)
            {
                var (m, n) = (a.Shape[0], a.Shape[1]);
                var k = Math.Min(m, n);
                if (k == 0) return [economic ? Jnp.Zeros([m, 0], a.DType) : Jnp.Eye(m, dtype: a.DType), Jnp.Zeros([economic ? 0 : m, n], a.DType)];
                return QrWithRule(a, economic);
            }

            private static NDArray[] QrWithRule(NDArray a, bool economic) =>
                CustomDerivatives.CallCustomJvp(x => QrOutputs(x[0], economic), (primals, tangents) => QrJvp(primals[0], tangents[0], economic), [a]);

            private static NDArray[] QrOutputs(NDArray a, bool economic)
            {
                var (m, n) = (a.Shape[0], a.Shape[1]);
                var k = Math.Min(m, n);
                var (q, r) = Householder.Decompose(a);
                if (economic) (q, r) = (Jax.Lax.Slice(q, [0, 0], [m, k]), Jax.Lax.Slice(r, [0, 0], [k, n]));
                var ok = Matrices.AllFinite(a);
                return [Matrices.NanUnless(ok, q), Matrices.NanUnless(ok, r)];
            }

            /// <summary>
            /// JAX's qr_jvp_rule (m &gt;= n, Q m x n or square, R n x n): with X = dA R^-1 and Z = Q^H X,
            /// Omega = tril(Z, -1) - tril(Z, -1)^H plus, for complex matrices, i Im(diag(Z)) (so that Q^H dQ is
            /// skew-Hermitian, and dR upper triangular with a real diagonal), dQ = Q (Omega - Z) + X and dR = (Z - Omega) R.
            /// </summary>
            private static (NDArray[] Primals, NDArray[] Tangents) QrJvp(NDArray a, NDArray da, bool economic)
            {
                var (m, n) = (a.Shape[0], a.Shape[1]);
                if (m < n || (!economic && m != n))
                    throw new NotSupportedException($"Jax.Scipy.Linalg.Qr: the derivative of the QR decomposition of a {m}x{n} matrix is only " +
                        "implemented, as in JAX, for m >= n in the economic form (economic: true) or for square matrices");
                var outs = QrWithRule(a, economic);
                var (q, r) = (outs[0], outs[1]);
                // dA R⁻¹: X R = dA is Rᵀ Xᵀ = dAᵀ, a lower-triangular solve.
                var x = TriangularSolve.Lower(r.T, da.T).T;
                var z = Jnp.Matmul(LinalgMatrices.H(q), x);
                var lower = Jnp.Tril(z, -1);
                var omega = lower - LinalgMatrices.H(lower);
                if (z.DType.IsComplex()) omega += Jnp.Eye(n, dtype: z.DType) * (z - Jnp.Real(z));
                return (outs, [Jnp.Matmul(q, omega - z) + x, Jnp.Matmul(z - omega, r)]);
            }
        }
    }
}
