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
            /// scipy.linalg.eigh: the eigenvalues <c>W</c> (ascending) and eigenvectors <c>V</c> (orthonormal columns,
            /// A V = V diag(W)) of symmetric or complex Hermitian matrices [..., n, n]. W is real (float32 for complex64,
            /// float64 for complex128) and V has A's dtype. As JAX, the input is symmetrized first, (A + Aᴴ)/2, so its
            /// gradient is Hermitian; with <paramref name="symmetrizeInput"/> false only the lower triangle is read (the
            /// upper one with <paramref name="lower"/> false) and mirrored (conjugated), with the diagonal's real part, as
            /// LAPACK does, and the gradient lands on that triangle. Integers promote to the default float.
            /// Computed by the cyclic Jacobi method in round-robin order (complex rotations for complex matrices); an input
            /// with a NaN or infinity gives NaN everywhere. Differentiable with JAX's rule (dW = Re diag(Vᴴ dA V),
            /// dV = V (F o Vᴴ dA V), F_ij = 1/(w_j - w_i)), which needs distinct eigenvalues for V. Eigenvectors are
            /// defined up to sign (a unit complex factor), so only functions invariant to those (W, V diag(W) Vᴴ, |V|²)
            /// have well-defined derivatives. JaxNet fixes that factor (<see cref="VectorPhase"/>): in each column the first
            /// entry whose modulus is within 0.1% of the largest is real and positive, whatever the backend or batch.
            /// </summary>
            /// <exception cref="ShapeException">rank below 2, or matrices that are not square.</exception>
            public static (NDArray W, NDArray V) Eigh(NDArray a, bool lower = true, bool symmetrizeInput = true)
            {
                var x = Matrices.Checked(a, "Eigh", square: true);
                var outs = Matrices.Map(m => m.Shape[0] == 0 ? [Jnp.Zeros([0], m.DType.RealPart()), m] : EighWithRule(Hermitian(m, lower, symmetrizeInput)), x, 2);
                return (outs[0], outs[1]);
            }

            /// <summary>
            /// scipy.linalg.eigvalsh (eigh with eigvals_only): the ascending (real) eigenvalues of symmetric or Hermitian
            /// matrices [..., n, n], symmetrizing the input or reading the <paramref name="lower"/> triangle as
            /// <see cref="Eigh"/> does. Its derivative, Re diag(Vᴴ dA V), is defined for repeated eigenvalues too.
            /// </summary>
            /// <exception cref="ShapeException">rank below 2, or matrices that are not square.</exception>
            public static NDArray EigvalsH(NDArray a, bool lower = true, bool symmetrizeInput = true)
            {
                var x = Matrices.Checked(a, "EigvalsH", square: true);
                return Matrices.Map(m => m.Shape[0] == 0 ? [Jnp.Zeros([0], m.DType.RealPart())] : EigvalsWithRule(Hermitian(m, lower, symmetrizeInput)), x, 1)[0];
            }

            // The Hermitian matrix the decomposition sees: (a + aᴴ)/2 (JAX's symmetrize_input), or the one the chosen
            // triangle stands for (its conjugate mirror image fills the other one; the diagonal's imaginary part, which
            // a Hermitian matrix cannot have, is dropped, as LAPACK ignores it).
            private static NDArray Hermitian(NDArray a, bool lower, bool symmetrize)
            {
                if (symmetrize) return (a + LinalgMatrices.H(a)) / 2.0;
                var strict = lower ? Jnp.Tril(a, -1) : Jnp.Triu(a, 1);
                return strict + LinalgMatrices.H(strict) + Jnp.Diag(Jnp.Real(Jnp.Diagonal(a)));
            }

            private static NDArray[] EighWithRule(NDArray symmetric) =>
                CustomDerivatives.CallCustomJvp(a => EighOutputs(a[0]), EighJvp, [symmetric]);

            private static NDArray[] EighOutputs(NDArray symmetric)
            {
                var (w, v) = JacobiEigh.Decompose(symmetric);
                return [w, VectorPhase.WithPositivePivots(v)];
            }

            private static (NDArray[] Primals, NDArray[] Tangents) EighJvp(NDArray[] primals, NDArray[] tangents)
            {
                // The decomposition with its rule again, so that this rule's own derivative (second order) uses it.
                var outs = EighWithRule(primals[0]);
                var (w, v) = (outs[0], outs[1]);
                var x = Projected(v, tangents[0]);
                var n = w.Shape[0];
                var diagonal = Jnp.Eye(n, dtype: DType.Bool);
                // F_ij = 1 / (w_j - w_i) off the diagonal; the inner Where keeps the diagonal's 1/0 out of every
                // derivative of F, not just out of its value.
                var gaps = Jnp.ExpandDims(w, 0) - Jnp.ExpandDims(w, 1);
                var f = Jnp.Where(diagonal, Jnp.ZerosLike(gaps), 1.0 / Jnp.Where(diagonal, Jnp.OnesLike(gaps), gaps));
                return (outs, [Jnp.Real(Jnp.Diagonal(x)), Jnp.Matmul(v, f * x)]);
            }

            private static NDArray[] EigvalsWithRule(NDArray symmetric) =>
                CustomDerivatives.CallCustomJvp(a => [JacobiEigh.Decompose(a[0]).W], (primals, tangents) =>
                {
                    var outs = EighWithRule(primals[0]);
                    return ([outs[0]], [Jnp.Real(Jnp.Diagonal(Projected(outs[1], tangents[0])))]);
                }, [symmetric]);

            // Vᴴ sym(dA) V: the tangent in the eigenvector basis. dA is Hermitian here (the derivative of Hermitian);
            // symmetrizing anyway keeps the rule exact for any direction, as JAX's does.
            private static NDArray Projected(NDArray v, NDArray tangent) =>
                Jnp.Matmul(LinalgMatrices.H(v), Jnp.Matmul((tangent + LinalgMatrices.H(tangent)) / 2.0, v));
        }
    }
}
