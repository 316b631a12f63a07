using JaxNet.HostLinalg;
using JaxNet.Transforms;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Linalg
        {
            /// <summary>
            /// scipy.linalg.schur: a = Z T Zᴴ for square matrices [..., n, n], with Z unitary (orthogonal for real
            /// input) and T upper triangular (<paramref name="output"/> "complex") or quasi-upper triangular ("real",
            /// the default: 2x2 diagonal blocks, with equal diagonal entries and off-diagonal entries of opposite signs,
            /// hold complex-conjugate eigenvalue pairs). As in JAX, "complex" converts real input to complex first
            /// (complex64 for float32), and "real" of complex input is complex T; integers promote to the default
            /// float. T and Z have the input's (promoted) dtype. Computed on the host in double precision (LAPACK's
            /// gees without sorting; JAX also supports schur on CPU only), through a pure callback, so it works
            /// eagerly and under Jit and Vmap. The order of the eigenvalues on T's diagonal is the algorithm's. A
            /// matrix with a NaN or infinite entry gives NaN T and Z. As in JAX, schur has no derivative.
            /// </summary>
            /// <exception cref="ShapeException">rank below 2, or matrices that are not square.</exception>
            /// <exception cref="ArgumentException">output is not "real" or "complex"; float16 or bfloat16 matrices.</exception>
            public static (NDArray T, NDArray Z) Schur(NDArray a, string output = "real")
            {
                if (output is not ("real" or "complex"))
                    throw new ArgumentException($"schur: output must be \"real\" or \"complex\", got \"{output}\"", nameof(output));
                var x = SchurInput("schur", a);
                if (output == "complex") x = x.Astype(x.DType.ToComplex());
                var outs = CustomDerivatives.CallCustomJvp(m => HostSchur(m[0]), (_, _) => throw new NotSupportedException(
                    "schur: the Schur decomposition has no derivative, as in JAX"), [x]);
                return (outs[0], outs[1]);
            }

            private static NDArray SchurInput(string function, NDArray a)
            {
                LinalgMatrices.CheckMatrix(function, a, square: true);
                var x = Jnp.PromoteInexact(a)[0];
                if (x.DType is DType.Float16 or DType.BFloat16)
                    throw new ArgumentException($"{function}: {x.Aval.Str()} matrices are not supported; gees takes float32, float64, " +
                        "complex64 and complex128 ones (convert with Astype(DType.Float32))", nameof(a));
                return x;
            }

            private static NDArray[] HostSchur(NDArray x) =>
                Jax.PureCallback(values => SchurCallback.Run(values[0]), SchurCallback.Results(x.Shape, x.DType), [x], VmapMethod.ExpandDims);
        }
    }
}
