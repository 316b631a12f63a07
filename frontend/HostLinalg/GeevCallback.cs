using System.Numerics;
using JaxNet.Core;

namespace JaxNet.HostLinalg;

/// <summary>
/// The host side of <see cref="Jnp.Linalg.Eig"/> and <see cref="Jnp.Linalg.Eigvals"/>: a pure callback that reads a
/// concrete [..., n, n] array, runs <see cref="Geev"/> on each matrix in double precision and returns the complex
/// eigenvalues [..., n] (and eigenvectors [..., n, n]). Any leading axes are batch axes, so a vmapped call hands over
/// the whole batch at once. A matrix geev fails on (a NaN or infinite entry, or no convergence) gives NaN results, as
/// JAX's CPU lowering does with LAPACK's info.
/// </summary>
internal static class GeevCallback
{
    /// <summary>The declared result types for matrices of <paramref name="shape"/> and <paramref name="dtype"/>.</summary>
    public static ShapeDtypeStruct[] Results(int[] shape, DType dtype, bool vectors)
    {
        var complex = dtype.ToComplex();
        ShapeDtypeStruct values = new(shape[..^1], complex);
        return vectors ? [values, new ShapeDtypeStruct(shape, complex)] : [values];
    }

    /// <summary>Eigenvalues (and eigenvectors) of every matrix of <paramref name="a"/>.</summary>
    public static NDArray[] Run(NDArray a, bool vectors)
    {
        var shape = a.Shape;
        var n = shape[^1];
        var count = (int)Shapes.Size(shape[..^2]);
        var complex = a.DType.IsComplex();
        var entries = complex ? a.ToArray<Complex>() : null;
        var reals = complex ? null : a.ToArray<double>();
        var w = new Complex[count * n];
        var v = vectors ? new Complex[count * n * n] : null;
        for (var b = 0; b < count; b++)
        {
            var result = complex ? Geev.OfComplex(Matrix(entries!, b, n), vectors) : Geev.OfReal(Matrix(reals!, b, n), vectors);
            for (var i = 0; i < n; i++)
            {
                w[b * n + i] = result?.W[i] ?? NaN;
                if (v is null) continue;
                for (var j = 0; j < n; j++) v[(b * n + i) * n + j] = result?.V![i, j] ?? NaN;
            }
        }
        var types = Results(shape, a.DType, vectors);
        NDArray[] outputs = [Jnp.FromHost<Complex>(w, types[0].Shape, types[0].DType)];
        return v is null ? outputs : [.. outputs, Jnp.FromHost<Complex>(v, types[1].Shape, types[1].DType)];
    }

    private static Complex NaN => new(double.NaN, double.NaN);

    /// <summary>Matrix <paramref name="batch"/> of a row-major batch of n x n matrices.</summary>
    internal static T[,] Matrix<T>(T[] values, int batch, int n)
    {
        var m = new T[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++) m[i, j] = values[(batch * n + i) * n + j];
        return m;
    }
}
