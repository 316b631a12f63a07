namespace JaxNet.Tests.Api;

/// <summary>Test objectives with known minima, and host-side reads for the jax.scipy.optimize tests.</summary>
internal static class ScipyOptimizeChecks
{
    public static NDArray F64(params double[] values) => Jnp.Array(values, DType.Float64);

    public static NDArray F32(params double[] values) => Jnp.Array(values, DType.Float32);

    public static double[] Host(NDArray x) => x.Astype(DType.Float64).ToArray<double>();

    public static double Scalar(NDArray x) => (double)x.Astype(DType.Float64);

    public static int Int(NDArray x) => (int)x.Astype(DType.Int32);

    /// <summary>Σ 100 (x[i+1] - x[i]²)² + (1 - x[i])², minimum 0 at (1, …, 1).</summary>
    public static NDArray Rosenbrock(NDArray x)
    {
        var (head, tail) = (x[..^1], x[1..]);
        return Jnp.Sum(100.0 * Jnp.Square(tail - Jnp.Square(head)) + Jnp.Square(1.0 - head));
    }

    /// <summary>(x² + y - 11)² + (x + y² - 7)²: four minima, all of value 0.</summary>
    public static NDArray Himmelblau(NDArray p)
    {
        var (x, y) = (p[0], p[1]);
        return Jnp.Square(Jnp.Square(x) + y - 11.0) + Jnp.Square(x + Jnp.Square(y) - 7.0);
    }

    /// <summary>Himmelblau's minima (the last three to 15 digits, roots of its gradient found by Newton's method in float64).</summary>
    public static readonly double[][] HimmelblauMinima =
    [
        [3, 2], [-2.805118086952745, 3.131312518250573], [-3.779310253377747, -3.283185991286170], [3.584428340330492, -1.848126526964404],
    ];

    public static void AssertClose(double[] expected, NDArray actual, double tolerance)
    {
        var got = Host(actual);
        Assert.Equal(expected.Length, got.Length);
        for (var i = 0; i < got.Length; i++)
            Assert.True(Math.Abs(expected[i] - got[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"[{i}]: expected {expected[i]}, got {got[i]} (tolerance {tolerance})");
    }

    /// <summary>Every field of two results equal: the same iterates, counts and codes.</summary>
    public static void AssertSameResults(Jax.Scipy.Optimize.OptimizeResults expected, Jax.Scipy.Optimize.OptimizeResults actual, double tolerance)
    {
        AssertClose(Host(expected.X), actual.X, tolerance);
        AssertClose([Scalar(expected.Fun)], actual.Fun, tolerance);
        AssertClose(Host(expected.Jac), actual.Jac, tolerance);
        Assert.Equal((bool)expected.Success, (bool)actual.Success);
        Assert.Equal(Int(expected.Status), Int(actual.Status));
        Assert.Equal(Int(expected.Nit), Int(actual.Nit));
        Assert.Equal(Int(expected.Nfev), Int(actual.Nfev));
        Assert.Equal(Int(expected.Njev), Int(actual.Njev));
    }
}
