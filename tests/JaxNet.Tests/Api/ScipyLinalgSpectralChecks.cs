namespace JaxNet.Tests.Api;

/// <summary>Matrices and identity checks shared by the tests of Jax.Scipy.Linalg's spectral family (Eigh, Svd, Qr).</summary>
internal static class SpectralChecks
{
    /// <summary>A matrix of uniform entries in [-1, 1) from a seeded host generator.</summary>
    public static NDArray Random(int seed, int m, int n, DType dtype = DType.Float64) => Random(seed, [m, n], dtype);

    public static NDArray Random(int seed, int[] shape, DType dtype = DType.Float64)
    {
        var rng = new System.Random(seed);
        var values = new double[shape.Aggregate(1, (a, b) => a * b)];
        for (var i = 0; i < values.Length; i++) values[i] = 2 * rng.NextDouble() - 1;
        return Jnp.FromHost<double>(values, shape, dtype);
    }

    public static NDArray Matrix(double[,] values) => Jnp.Array(values, DType.Float64);

    /// <summary>A real Schur form with one standardized 2x2 block (eigenvalues 1 ± 2i) and the eigenvalue 2.</summary>
    public static readonly NDArray StandardizedBlock = Matrix(new double[,] { { 1, -2, 0 }, { 2, 1, 0 }, { 0, 0, 2 } });

    /// <summary>The conjugate transpose over the last two axes.</summary>
    public static NDArray Mh(NDArray x) => Jnp.Conj(Jnp.Swapaxes(x, -1, -2));

    /// <summary>The largest |entry| (0 for an empty array), in float64.</summary>
    public static double MaxAbs(NDArray x) => x.Size == 0 ? 0 : (double)Jnp.Max(Jnp.Abs(x)).Astype(DType.Float64);

    /// <summary>x^H x = I over the last two axes (orthonormal columns; x^T x for real x).</summary>
    public static void OrthonormalColumns(NDArray x, double tol)
    {
        var n = x.Shape[^1];
        var gram = Jnp.Matmul(Jnp.Conj(Jnp.Swapaxes(x, -1, -2)), x);
        Assert.True(MaxAbs(gram - Jnp.Eye(n, dtype: x.DType)) <= tol, $"x^T x differs from I by {MaxAbs(gram - Jnp.Eye(n, dtype: x.DType))}");
    }

    public static void Close(NDArray expected, NDArray actual, double tol)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var error = MaxAbs(expected - actual);
        Assert.True(error <= tol, $"max |expected - actual| = {error} > {tol}");
    }

    public static void Close(double[] expected, NDArray actual, double tol) =>
        Close(Jnp.FromHost<double>(expected, [expected.Length], DType.Float64), actual.Astype(DType.Float64), tol);

    /// <summary>Values along the last axis in order (ascending, or descending).</summary>
    public static void Sorted(NDArray values, bool descending)
    {
        var v = values.Astype(DType.Float64).ToArray<double>();
        var n = values.Shape[^1];
        for (var i = 0; i < v.Length; i++)
            if (i % n > 0) Assert.True(descending ? v[i - 1] >= v[i] : v[i - 1] <= v[i], $"not sorted at {i}: {v[i - 1]}, {v[i]}");
    }

    public static bool AllNan(NDArray x) => x.Astype(DType.Float64).ToArray<double>().All(double.IsNaN);
}
