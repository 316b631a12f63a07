namespace JaxNet.Tests.Api;

/// <summary>Assertions for the jax.scipy tests, whose expected values come from SciPy and mpmath (60 digits): relative
/// errors, so that values far in a tail (erfc(26) ≈ 6e−296) are checked to their own size.</summary>
internal static class ScipySpecialChecks
{
    public static NDArray D(params double[] v) => Jnp.FromHost<double>(v, [v.Length], DType.Float64);

    public static NDArray Shaped(double[] v, params int[] shape) => Jnp.FromHost<double>(v, shape, DType.Float64);

    /// <summary>Each value within <paramref name="tol"/> of the expected one relative to its size (NaN equal to NaN,
    /// infinities exactly), and of <paramref name="dtype"/>.</summary>
    public static void Relative(double[] expected, NDArray actual, double tol, DType dtype = DType.Float64)
    {
        Assert.Equal(dtype, actual.DType);
        var a = actual.ToArray<double>();
        Assert.Equal(expected.Length, a.Length);
        for (var i = 0; i < a.Length; i++)
        {
            if (double.IsNaN(expected[i])) Assert.True(double.IsNaN(a[i]), $"element {i}: expected NaN, got {a[i]}");
            else if (double.IsInfinity(expected[i]) || expected[i] == 0) Assert.True(expected[i] == a[i], $"element {i}: expected {expected[i]}, got {a[i]}");
            else Assert.True(Math.Abs(a[i] - expected[i]) <= tol * Math.Abs(expected[i]), $"element {i}: expected {expected[i]}, got {a[i]} (relative error {Math.Abs(a[i] - expected[i]) / Math.Abs(expected[i]):G3})");
        }
    }

    /// <summary>The same for float32 inputs: the expected float64 values within <paramref name="tol"/>.</summary>
    public static void Relative32(double[] expected, NDArray actual, double tol = 2e-6) => Relative(expected, actual, tol, DType.Float32);
}
