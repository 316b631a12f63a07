using System.Numerics;
using JaxNet.Primitives;
using Xunit.Abstractions;

namespace JaxNet.Tests.Api;

/// <summary>
/// jnp.fft of single long rows (2^16 to 2^20 points, a length with large odd factors, primes past Bluestein's
/// threshold) against a float64 FFT (<see cref="DoublePrecisionFft"/>), with error bounds that grow like log n, and
/// the gradient of a long transform against its closed form.
/// </summary>
public class LongFftTests(ITestOutputHelper output)
{
    /// <summary>Relative error bound per log2 n, as multiples of the dtype's epsilon (measured: at most 0.21 in float32
    /// and 0.41 in float64 at these lengths).</summary>
    private const double UlpsPerLevel = 1.0;

    private static Complex[] RandomRow(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5)).ToArray();
    }

    [Theory]
    [InlineData(1 << 16, false)]
    [InlineData(1 << 17, true)]
    [InlineData(1 << 20, false)]
    [InlineData(3 * 5 * 5 * 5 * 5 * 7 * 11, false)]
    [InlineData(65_537, false)]
    [InlineData(65_537, true)]
    public void OneLongRowMatchesAFloat64Fft(int n, bool inverse)
    {
        var x = RandomRow(n, seed: n % 1000);
        var expected = DoublePrecisionFft.Transform(x, inverse);
        foreach (var dtype in new[] { DType.Complex64, DType.Complex128 })
        {
            var input = Jnp.FromHost<Complex>(x, [n], dtype);
            var y = inverse ? Jnp.FFT.Ifft(input) : Jnp.FFT.Fft(input);
            Assert.Equal(dtype, y.DType);
            Assert.Equal([n], y.Shape);
            var error = RelativeError(expected, y.ToArray<Complex>());
            var bound = UlpsPerLevel * Math.Log2(n) * (dtype == DType.Complex64 ? 1.1920929e-7 : 2.220446e-16);
            output.WriteLine($"{n} {(inverse ? "ifft" : "fft")} {dtype.NumpyName()}: {error:e2} (bound {bound:e2})");
            Assert.True(error <= bound, $"relative error {error:e3} exceeds {bound:e2}");
        }
    }

    [Fact]
    public void APrimeOfAMillionMatchesDirectSumsAtSampledBins()
    {
        // 1,000,003 is prime: Bluestein's convolution of length 2,025,000. Checked at a few bins by the O(n) sum.
        const int n = 1_000_003;
        var x = RandomRow(n, seed: 3);
        var y = Jnp.FFT.Fft(Jnp.FromHost<Complex>(x, [x.Length], DType.Complex64)).ToArray<Complex>();
        var largest = 0.0;
        foreach (var k in new[] { 0, 1, 777_777, n - 1 })
        {
            var sum = Complex.Zero;
            for (var j = 0; j < n; j++) sum += x[j] * Complex.FromPolarCoordinates(1, -2 * Math.PI * ((long)j * k % n) / n);
            largest = Math.Max(largest, Complex.Abs(y[k] - sum));
        }
        // Relative to √n, the size of a typical bin of this input (the largest bin is a few times more).
        var error = largest / Math.Sqrt(n / 6.0);
        output.WriteLine($"1,000,003 fft complex64: {error:e2} at sampled bins");
        Assert.True(error <= UlpsPerLevel * Math.Log2(n) * 1.1920929e-7 * 4, $"error {error:e3}");
    }

    [Fact]
    public void TheGradientOfALongTransformIsTheTransformOfTheWeights()
    {
        // f(x) = Σ_k w_k·Re X_k with X = fft(x): ∂f/∂Re x_j = Σ_k w_k cos(2πjk/n) = Re W_j and ∂f/∂Im x_j = -Im W_j,
        // W = fft(w). Planar parts in float64 through the fft primitive's expansion.
        const int n = 1 << 16;
        var random = new Random(7);
        var w = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var weights = Jnp.FromHost<double>(w, [n], DType.Float64);
        var x = RandomRow(n, seed: 8);
        var re = Jnp.FromHost<double>(x.Select(v => v.Real).ToArray(), [n], DType.Float64);
        var im = Jnp.FromHost<double>(x.Select(v => v.Imaginary).ToArray(), [n], DType.Float64);
        NDArray F(NDArray r, NDArray i) => Jnp.Sum(weights * PlanarDft.Transform(r, i, inverse: false).Re);
        var f = (Func<NDArray, NDArray, NDArray>)F;
        var expected = DoublePrecisionFft.Transform(w.Select(v => new Complex(v, 0)).ToArray(), inverse: false);
        var scale = expected.Max(Complex.Abs);
        var dRe = Jax.Jit(Jax.Grad(f))(re, im).ToArray<double>();
        var dIm = Jax.Grad(f, argnums: 1)(re, im).ToArray<double>();
        for (var j = 0; j < n; j++)
        {
            Assert.True(Math.Abs(dRe[j] - expected[j].Real) <= 1e-12 * scale, $"d/dRe x[{j}] = {dRe[j]}, expected {expected[j].Real}");
            Assert.True(Math.Abs(dIm[j] + expected[j].Imaginary) <= 1e-12 * scale, $"d/dIm x[{j}] = {dIm[j]}, expected {-expected[j].Imaginary}");
        }
    }

    [Fact]
    public void ANanInALongRowSpoilsTheWholeRowAndNothingElse()
    {
        const int n = 1 << 16;
        var x = RandomRow(2 * n, seed: 9);
        x[n + 5] = new Complex(double.NaN, 0);
        var y = Jnp.FFT.Fft(Jnp.FromHost<Complex>(x, [x.Length], DType.Complex64).Reshape([2, n])).ToArray<Complex>();
        Assert.All(y[..n], v => Assert.False(double.IsNaN(v.Real) || double.IsNaN(v.Imaginary)));
        Assert.All(y[n..], v => Assert.True(double.IsNaN(v.Real)));
    }

    private static double RelativeError(Complex[] expected, Complex[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        double largest = 0, worst = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            largest = Math.Max(largest, Complex.Abs(expected[i]));
            worst = Math.Max(worst, Complex.Abs(actual[i] - expected[i]));
        }
        return worst / largest;
    }
}
