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
            /// A V = V diag(W)) of symmetric matrices [..., n, n]. As JAX, the input is symmetrized first, (A + Aᵀ)/2,
            /// so its gradient is symmetric; with <paramref name="symmetrizeInput"/> false only the lower triangle is
            /// read (the upper one with <paramref name="lower"/> false) and mirrored, as SciPy does, and the gradient
            /// lands on that triangle. Integers promote to the default float.
            /// Computed by the cyclic Jacobi method in round-robin order; an input with a NaN or infinity gives NaN
            /// everywhere. Differentiable with JAX's rule (dW = diag(V^T dA V), dV = V (F o V^T dA V), F_ij = 1/(w_j - w_i)),
            /// which needs distinct eigenvalues for V. Eigenvectors are defined up to sign, so only functions
            /// invariant to the signs (W, V diag(W) V^T, squares of V) have well-defined derivatives.
            /// </summary>
            /// <exception cref="ShapeException">rank below 2, or matrices that are not square.</exception>
            public static (NDArray W, NDArray V) Eigh(NDArray a, bool lower = true, bool symmetrizeInput = true)
            {
                var x = Matrices.Checked(a, "Eigh", square: true);
                var outs = Matrices.Map(m => m.Shape[0] == 0 ? [Jnp.Zeros([0], m.DType), m] : EighWithRule(Symmetric(m, lower, symmetrizeInput)), x, 2);
                return (outs[0], outs[1]);
            }

            /// <summary>
            /// scipy.linalg.eigvalsh (eigh with eigvals_only): the ascending eigenvalues of symmetric matrices
            /// [..., n, n], symmetrizing the input or reading the <paramref name="lower"/> triangle as <see cref="Eigh"/>
            /// does. Its derivative,
            /// diag(V^T dA V), is defined for repeated eigenvalues too.
            /// </summary>
            /// <exception cref="ShapeException">rank below 2, or matrices that are not square.</exception>
            public static NDArray EigvalsH(NDArray a, bool lower = true, bool symmetrizeInput = true)
            {
                var x = Matrices.Checked(a, "EigvalsH", square: true);
                return Matrices.Map(m => m.Shape[0] == 0 ? [Jnp.Zeros([0], m.DType)] : EigvalsWithRule(Symmetric(m, lower, symmetrizeInput)), x, 1)[0];
            }

            // The symmetric matrix the decomposition sees: (a + aᵀ)/2 (JAX's symmetrize_input), or the one the chosen
            // triangle stands for (its mirror image fills the other one).
            private static NDArray Symmetric(NDArray a, bool lower, bool symmetrize) =>
                symmetrize ? (a + a.T) / 2.0 : lower ? Jnp.Tril(a) + Jnp.Tril(a, -1).T : Jnp.Triu(a) + Jnp.Triu(a, 1).T;

            private static NDArray[] EighWithRule(NDArray symmetric) =>
                CustomDerivatives.CallCustomJvp(a => EighOutputs(a[0]), EighJvp, [symmetric]);

            private static NDArray[] EighOutputs(NDArray symmetric)
            {
                var (w, v) = JacobiEigh.Decompose(symmetric);
                return [w, v];
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
                return (outs, [Jnp.Diagonal(x), Jnp.Matmul(v, f * x)]);
            }

            private static NDArray[] EigvalsWithRule(NDArray symmetric) =>
                CustomDerivatives.CallCustomJvp(a => [JacobiEigh.Decompose(a[0]).W], (primals, tangents) =>
                {
                    var outs = EighWithRule(primals[0]);
                    return ([outs[0]], [Jnp.Diagonal(Projected(outs[1], tangents[0]))]);
                }, [symmetric]);

            // V^T sym(dA) V: the tangent in the eigenvector basis. dA is symmetric here (the derivative of Symmetric);
            // symmetrizing anyway keeps the rule exact for any direction, as JAX's does.
            private static NDArray Projected(NDArray v, NDArray tangent) =>
                Jnp.Matmul(v.T, Jnp.Matmul((tangent + tangent.T) / 2.0, v));
        }
    }
}
