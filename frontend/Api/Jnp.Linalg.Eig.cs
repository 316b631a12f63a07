using JaxNet.Core;
using JaxNet.HostLinalg;
using JaxNet.Transforms;

namespace JaxNet;

public static partial class Jnp
{
    public static partial class Linalg
    {
        /// <summary>
        /// numpy.linalg.eig: the eigenvalues and right eigenvectors (columns, A v = λ v) of general square matrices
        /// [..., n, n]. As in JAX, both are complex whatever the values: complex64 for float32 (and complex64) input,
        /// complex128 for float64; integers promote to the default float. Computed on the host as JAX's CPU backend
        /// does with LAPACK's geev (balancing, Hessenberg reduction, Francis QR iterations to the Schur form,
        /// back-substitution), in double precision, through <see cref="Jax.PureCallback(Func{NDArray[], NDArray[]}, ShapeDtypeStruct[], NDArray[], VmapMethod)"/>,
        /// so it works eagerly and under Jit and Vmap (one host call for a whole batch). Eigenvectors have unit 2-norm
        /// and their largest component real (geev's normalization); a real matrix's conjugate eigenvalues come in
        /// pairs, the one with positive imaginary part first, with conjugate eigenvectors. The order of the
        /// eigenvalues is the algorithm's, not sorted. A matrix with a NaN or infinite entry gives NaN everywhere.
        /// As in JAX, eig has no derivative (non-symmetric eigenvectors are not differentiable without assumptions
        /// JAX cannot check): differentiate <see cref="Eigvals"/> for the eigenvalues.
        /// </summary>
        /// <exception cref="ShapeException">rank below 2, or matrices that are not square.</exception>
        /// <exception cref="ArgumentException">float16 or bfloat16 matrices, which geev does not take.</exception>
        public static (NDArray Eigenvalues, NDArray Eigenvectors) Eig(NDArray a)
        {
            var x = GeevInput("Eig", a);
            var outs = EigWithRule(x);
            return (outs[0], outs[1]);
        }

        /// <summary>
        /// numpy.linalg.eigvals: the eigenvalues of general square matrices [..., n, n], complex as in
        /// <see cref="Eig"/> and in the same order. Differentiable with JAX's rule, dλ_i = (V⁻¹ dA V)_ii (first order:
        /// like JAX's, the rule needs the eigenvectors, whose derivatives are not defined, so a second derivative fails).
        /// </summary>
        /// <exception cref="ShapeException">rank below 2, or matrices that are not square.</exception>
        /// <exception cref="ArgumentException">float16 or bfloat16 matrices, which geev does not take.</exception>
        public static NDArray Eigvals(NDArray a) =>
            CustomDerivatives.CallCustomJvp(x => HostGeev(x[0], vectors: false), EigvalsJvp, [GeevInput("Eigvals", a)])[0];

        private static NDArray GeevInput(string function, NDArray a)
        {
            LinalgMatrices.CheckMatrix($"Jnp.Linalg.{function}", a, square: true);
            var x = PromoteInexact(a)[0];
            if (x.DType is DType.Float16 or DType.BFloat16)
                throw new ArgumentException($"Jnp.Linalg.{function}: {x.Aval.Str()} matrices are not supported; geev takes float32, float64, " +
                    "complex64 and complex128 ones (convert with Astype(DType.Float32))", nameof(a));
            return x;
        }

        private static NDArray[] HostGeev(NDArray x, bool vectors) =>
            Jax.PureCallback(values => GeevCallback.Run(values[0], vectors), GeevCallback.Results(x.Shape, x.DType, vectors), [x],
                VmapMethod.ExpandDims);

        private static NDArray[] EigWithRule(NDArray x) =>
            CustomDerivatives.CallCustomJvp(a => HostGeev(a[0], vectors: true), (_, _) => throw new NotSupportedException(
                "Jnp.Linalg.Eig: the derivatives of non-symmetric eigenvectors are not implemented, as in JAX (they are only valid " +
                "under assumptions on the input that cannot be checked; see https://github.com/jax-ml/jax/issues/2748). " +
                "Differentiate Jnp.Linalg.Eigvals for the eigenvalues, or Jnp.Linalg.Eigh for symmetric matrices"), [x]);

        // JAX's eig_jvp_rule for eigenvalues only (eqn 4.60 of arXiv:1701.00392): dλ = diag(V⁻¹ dA V), as
        // sum(solve(V, dA) * Vᵀ, -1).
        private static (NDArray[] Primals, NDArray[] Tangents) EigvalsJvp(NDArray[] primals, NDArray[] tangents)
        {
            var outs = EigWithRule(primals[0]);
            var (w, v) = (outs[0], outs[1]);
            var da = tangents[0].Astype(v.DType);
            return ([w], [Sum(Solve(v, da) * LinalgMatrices.T(v), -1)]);
        }
    }
}
