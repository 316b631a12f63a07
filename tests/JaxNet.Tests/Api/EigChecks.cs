using System.Numerics;

namespace JaxNet.Tests.Api;

/// <summary>Inputs and order-free checks for the tests of Jnp.Linalg.Eig, Eigvals and Jnp.Roots: matrices NumPy can
/// rebuild exactly, eigenvalues matched whatever their order, and the eigen-identities geev promises.</summary>
internal static class EigChecks
{
    /// <summary>
    /// count values in [-0.5, 0.5) from a 32-bit linear congruential generator (x ← 1664525 x + 1013904223), each the
    /// top 24 bits over 2^24 - 0.5: exact in float32, and the same in the NumPy script that computed the expected
    /// values (<c>(x &gt;&gt; 8) / 2**24 - 0.5</c>).
    /// </summary>
    public static double[] Lcg(int count, uint seed)
    {
        var values = new double[count];
        var x = seed;
        for (var i = 0; i < count; i++)
        {
            x = unchecked(1664525 * x + 1013904223);
            values[i] = (x >> 8) / 16777216.0 - 0.5;
        }
        return values;
    }

    /// <summary>An LCG array of the given shape and dtype.</summary>
    public static NDArray LcgArray(int[] shape, uint seed, DType dtype) =>
        Jnp.FromHost<double>(Lcg(shape.Aggregate(1, (a, b) => a * b), seed), shape, dtype);

    /// <summary>Each expected value has its own actual value within tol (relative to max(1, |expected|)), whatever the
    /// order: the nearest one not yet taken.</summary>
    public static void SameUnordered(Complex[] expected, Complex[] actual, double tol)
    {
        Assert.Equal(expected.Length, actual.Length);
        var taken = new bool[actual.Length];
        foreach (var e in expected)
        {
            var best = Enumerable.Range(0, actual.Length).Where(i => !taken[i]).MinBy(i => Complex.Abs(actual[i] - e));
            Assert.True(Complex.Abs(actual[best] - e) <= tol * Math.Max(1, Complex.Abs(e)),
                $"expected eigenvalue {e}; the nearest left is {actual[best]}");
            taken[best] = true;
        }
    }

    /// <summary>
    /// geev's promises for the matrices [..., n, n] of <paramref name="a"/>, checked on the host in double precision:
    /// A v = λ v for every column (to tol times max(1, |A|)), each column of unit 2-norm with its largest component
    /// real.
    /// </summary>
    public static void AreEigenpairs(NDArray a, NDArray w, NDArray v, double tol)
    {
        var n = a.Shape[^1];
        var matrices = a.ToArray<Complex>();
        var (values, vectors) = (w.ToArray<Complex>(), v.ToArray<Complex>());
        var scale = Math.Max(1, matrices.Select(Complex.Abs).DefaultIfEmpty().Max());
        for (var b = 0; b < matrices.Length / (n * n); b++)
            for (var j = 0; j < n; j++)
            {
                Complex At(Complex[] m, int i, int k) => m[(b * n + i) * n + k];
                var column = Enumerable.Range(0, n).Select(i => At(vectors, i, j)).ToArray();
                Assert.Equal(1, Math.Sqrt(column.Sum(c => c.Magnitude * c.Magnitude)), 1e-6);
                var largest = column.MaxBy(c => c.Magnitude);
                Assert.True(largest.Imaginary == 0, $"matrix {b}, vector {j}: largest component {largest} is not real");
                for (var i = 0; i < n; i++)
                {
                    var av = Enumerable.Range(0, n).Aggregate(Complex.Zero, (s, k) => s + At(matrices, i, k) * column[k]);
                    var residual = Complex.Abs(av - values[b * n + j] * column[i]);
                    Assert.True(residual <= tol * scale, $"matrix {b}, eigenpair {j}: |(A v - λ v)_{i}| = {residual}");
                }
            }
    }

    /// <summary>The eigenvectors are NumPy's (LAPACK's) to tol, entry by entry: the same normalization, so the same
    /// phase, not just the same directions.</summary>
    public static void SameVectors(Complex[,] expected, NDArray actual, double tol)
    {
        var (n, v) = (expected.GetLength(0), actual.ToArray<Complex>());
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                Assert.True(Complex.Abs(v[i * n + j] - expected[i, j]) <= tol, $"v[{i}, {j}] = {v[i * n + j]}, NumPy's is {expected[i, j]}");
    }
}
