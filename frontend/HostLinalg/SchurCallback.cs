using System.Numerics;
using JaxNet.Core;

namespace JaxNet.HostLinalg;

/// <summary>
/// The host side of <see cref="Jax.Scipy.Linalg.Schur"/>: a pure callback that reads a concrete [..., n, n] array and
/// returns T and Z with a = Z T Zᴴ for each matrix, computed in double precision as LAPACK's gees does without sorting:
/// Hessenberg reduction, then the real double-shift QR iterations (T quasi-triangular, its 2x2 blocks standardized)
/// for real matrices or the complex single-shift ones (T triangular) for complex matrices. Unlike geev it does not
/// balance: balancing is not a unitary similarity, so Z would not stay unitary. A matrix with a NaN or infinite entry,
/// or whose iterations do not converge, gives NaN in both results, as JAX's CPU lowering does with LAPACK's info.
/// </summary>
internal static class SchurCallback
{
    /// <summary>The declared result types: T and Z, both of the input's shape and dtype.</summary>
    public static ShapeDtypeStruct[] Results(int[] shape, DType dtype) => [new(shape, dtype), new(shape, dtype)];

    /// <summary>[T, Z] for every matrix of <paramref name="a"/>.</summary>
    public static NDArray[] Run(NDArray a) => a.DType.IsComplex()
        ? Run(a, a.ToArray<Complex>(), (h, z) => ComplexSchur.Decompose(h, z, 0, h.GetLength(0) - 1) is not null, new Complex(double.NaN, double.NaN))
        : Run(a, a.ToArray<double>(), (h, z) => RealSchur.Decompose(h, z, 0, h.GetLength(0) - 1) is not null, double.NaN);

    private static NDArray[] Run<T>(NDArray a, T[] entries, Func<T[,], T[,], bool> decompose, T nan)
        where T : unmanaged, INumberBase<T>
    {
        var n = a.Shape[^1];
        var count = (int)Shapes.Size(a.Shape[..^2]);
        var (t, z) = (new T[entries.Length], new T[entries.Length]);
        for (var b = 0; b < count; b++)
        {
            var h = GeevCallback.Matrix(entries, b, n);
            var finite = true;
            foreach (var x in h) finite &= T.IsFinite(x);
            var q = HostHessenberg<T>.Reduce(h, 0, n - 1);
            var ok = finite && decompose(h, q);
            for (var i = 0; i < n; i++)
                for (var j = 0; j < n; j++)
                    (t[(b * n + i) * n + j], z[(b * n + i) * n + j]) = ok ? (h[i, j], q[i, j]) : (nan, nan);
        }
        return [Jnp.FromHost<T>(t, a.Shape, a.DType), Jnp.FromHost<T>(z, a.Shape, a.DType)];
    }
}
