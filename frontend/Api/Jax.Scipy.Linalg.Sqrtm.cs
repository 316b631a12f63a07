using JaxNet.HostLinalg;
using static JaxNet.LinalgMatrices;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Linalg
        {
            /// <summary>
            /// scipy.linalg.sqrtm: the principal square root X of square matrices [..., n, n] (X X = a, the eigenvalues
            /// of X in the closed right half-plane), by JAX's complex Schur method: a = Z T Zᴴ
            /// (<see cref="Schur"/> with output "complex"), R R = T by the triangular recurrence, X = Z R Zᴴ. As in JAX
            /// the result is always complex (complex64 for float32 input, complex128 for float64), even where a real
            /// root exists (take its real part then); integers promote to the default float. JAX takes one matrix;
            /// here leading axes are batch axes. A singular matrix whose square root is not a function of it (a
            /// nilpotent block such as [[0, 1], [0, 0]]) gives infinite or NaN entries, a NaN input NaN everywhere.
            /// No derivative, as in JAX (schur has none).
            /// </summary>
            /// <exception cref="ShapeException">rank below 2, or matrices that are not square.</exception>
            /// <exception cref="ArgumentException">float16 or bfloat16 matrices.</exception>
            /// <exception cref="NotSupportedException">a blocksize other than 1, which JAX does not implement either.</exception>
            public static NDArray Sqrtm(NDArray a, int blocksize = 1)
            {
                if (blocksize != 1) throw new NotSupportedException($"sqrtm: blocksize {blocksize} is not implemented, as in JAX (only 1)");
                SchurInput("sqrtm", a);
                var (t, z) = Schur(a, "complex");
                var r = Jax.PureCallback(values => [TriangularSqrt.Run(values[0])], [new ShapeDtypeStruct(t.Shape, t.DType)], [t],
                    VmapMethod.ExpandDims)[0];
                return Jnp.Matmul(Jnp.Matmul(z, r), H(z));
            }
        }
    }
}
