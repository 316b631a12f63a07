using JaxNet.Primitives;
using Xunit.Abstractions;

namespace JaxNet.Tests.Api;

/// <summary>
/// The real-arithmetic DFT behind the fft primitive's expansion (<see cref="PlanarDft"/>), on planar complex values:
/// short lengths against numpy.fft, long ones against a double-precision O(n²) DFT computed here, in float32 and
/// float64, eagerly and under Jit, Vmap and Grad. Errors are relative to the largest output modulus.
/// </summary>
public class PlanarDftTests(ITestOutputHelper output)
{
    private const double Float32Tolerance = 2e-6;
    private const double Float64Tolerance = 1e-14;

    private static readonly DType[] FloatTypes = [DType.Float32, DType.Float64];

    /// <summary>The input of <see cref="PlanarDftReference"/>'s tables.</summary>
    internal static (double[] Re, double[] Im) Input(int n) =>
        (Enumerable.Range(0, n).Select(j => (j * 37 + 11) % 23 / 23.0 - 0.5).ToArray(),
         Enumerable.Range(0, n).Select(j => (j * 53 + 7) % 19 / 19.0 - 0.5).ToArray());

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(12)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(64)]
    public void ShortLengthsMatchNumpy(int n) => MatchesNumpy(n, inverse: false, PlanarDftReference.Fft[n]);

    [Theory]
    [InlineData(5)]
    [InlineData(12)]
    [InlineData(16)]
    public void InverseMatchesNumpy(int n) => MatchesNumpy(n, inverse: true, PlanarDftReference.Ifft[n]);

    private static void MatchesNumpy(int n, bool inverse, (double[] Re, double[] Im) expected)
    {
        var (re, im) = Input(n);
        foreach (var dtype in FloatTypes)
            // The default threshold makes all but 64 one dense product; a threshold of 1 splits every composite length
            // down to its prime factors, so 8, 12, 16 and 64 go through two or three levels of four-step.
            foreach (var denseMax in new[] { PlanarDft.DenseMax, 1 })
            {
                var y = PlanarDft.Transform(Array(re, [n], dtype), Array(im, [n], dtype), inverse, denseMax);
                AssertClose(expected, y, [n], dtype, Tolerance(dtype));
            }
    }

    [Theory]
    [InlineData(new[] { 1000 })]
    [InlineData(new[] { 1024 })]
    [InlineData(new[] { 4096 })]
    [InlineData(new[] { 291 })]
    [InlineData(new[] { 6, 1024 })]
    [InlineData(new[] { 3, 5, 360 })]
    // Primes past DftPlan.BluesteinMin: Bluestein's algorithm, alone and as a piece of a four-step split.
    [InlineData(new[] { 257 })]
    [InlineData(new[] { 3, 1031 })]
    [InlineData(new[] { 2, 8198 })]
    public void LongLengthsMatchADoublePrecisionDft(int[] shape)
    {
        // Measured: at most 5e-7 in float32 and 4e-15 in float64 (relative to the largest |X|).
        var (re, im) = RandomPlanar(shape, seed: shape[^1]);
        foreach (var inverse in new[] { false, true })
        {
            var expected = ReferenceDft(re, im, shape[^1], inverse);
            foreach (var dtype in FloatTypes)
            {
                var y = PlanarDft.Transform(Array(re, shape, dtype), Array(im, shape, dtype), inverse);
                var error = AssertClose(expected, y, shape, dtype, dtype == DType.Float32 ? 1.5e-6 : 2e-14);
                output.WriteLine($"{string.Join("x", shape)} {(inverse ? "inverse" : "forward")} {dtype.NumpyName()}: {error:e2}");
            }
        }
    }

    [Theory]
    [InlineData(8, 1024, 9)]
    [InlineData(4, 1000, 16)]
    [InlineData(3, 97, 5)]
    [InlineData(2, 257, 34)]
    public void UnderJitItIsOneProgramWithoutConstants(int rows, int n, int maxKernels)
    {
        int[] shape = [rows, n];
        var (re, im) = RandomPlanar(shape, seed: 1);
        var x = Array(re, shape, DType.Float32);
        var y = Array(im, shape, DType.Float32);
        var jitted = Jax.Jit(a => Pair(PlanarDft.Transform(a[0], a[1], inverse: false)), arity: 2);
        var result = jitted([x, y]);
        AssertClose(ReferenceDft(re, im, n, inverse: false), (result[0], result[1]), shape, DType.Float32, 1.5e-6);
        var lowered = jitted.JitInfo().Lower([x, y]);
        // Every root of unity is computed in the program from iotas: nothing from the host becomes a module input.
        Assert.Empty(lowered.Jaxpr.Consts);
        // 1024 = 32·32 rows first: the interleaved input, the matrix and its broadcast over rows, the twiddles, two
        // batched products, the twiddle multiply and the output (8). 97 dense: input, matrix, product, output. 1000 =
        // 25·(5·8) by the general recursion, a table and a product per dense DFT plus the layout passes; 257 by
        // Bluestein: chirps, two DFTs of length 540 = 20·27 and the kernel's.
        var kernels = lowered.Compile().Kernels.Count;
        output.WriteLine($"[{rows}, {n}]: {kernels} kernels");
        Assert.InRange(kernels, 1, maxKernels);
    }

    [Theory]
    [InlineData(6, 48, 4)]
    [InlineData(3, 131, PlanarDft.DenseMax)]
    public void VmapOverALeadingAxisIsTheBatchedTransform(int rows, int n, int denseMax)
    {
        int[] shape = [rows, n];
        var (re, im) = RandomPlanar(shape, seed: 2);
        var x = Array(re, shape, DType.Float32);
        var y = Array(im, shape, DType.Float32);
        var expected = ReferenceDft(re, im, n, inverse: true);
        Func<NDArray[], NDArray[]> f = a => Pair(PlanarDft.Transform(a[0], a[1], inverse: true, denseMax));
        foreach (var axis in new[] { 0, 1 })
        {
            // Mapped along axis 1 the batch axis is not the leading one inside: transpose the input so that row b is
            // still element b.
            var args = axis == 0 ? new[] { x, y } : [Jnp.Transpose(x), Jnp.Transpose(y)];
            var mapped = Jax.Vmap(f, [axis, axis], [0, 0]);
            var result = mapped(args);
            AssertClose(expected, (result[0], result[1]), shape, DType.Float32, Float32Tolerance);
            result = Jax.Jit(mapped, arity: 2)(args);
            AssertClose(expected, (result[0], result[1]), shape, DType.Float32, Float32Tolerance);
        }
    }

    [Theory]
    [InlineData(12)]
    [InlineData(100)]
    [InlineData(37)]
    [InlineData(131)]
    public void GradientOfTheEnergyIsParsevals(int n)
    {
        // Σ|X|² = n Σ|x|² (Σ|x|² / n for the inverse), so its gradient with respect to each part is 2n times that part.
        int[] shape = [2, n];
        var (re, im) = RandomPlanar(shape, seed: n);
        var x = Array(re, shape, DType.Float64);
        var y = Array(im, shape, DType.Float64);
        foreach (var inverse in new[] { false, true })
        {
            var scale = inverse ? 2.0 / n : 2.0 * n;
            NDArray Energy(NDArray r, NDArray i)
            {
                var (a, b) = PlanarDft.Transform(r, i, inverse, denseMax: 8);
                return Jnp.Sum(a * a + b * b);
            }
            var energy = (Func<NDArray, NDArray, NDArray>)Energy;
            Expect.Values(re.Select(v => scale * v).ToArray(), Jax.Grad(energy)(x, y), DType.Float64, shape, 1e-12);
            Expect.Values(im.Select(v => scale * v).ToArray(), Jax.Grad(energy, argnums: 1)(x, y), DType.Float64, shape, 1e-12);
            Expect.Values(re.Select(v => scale * v).ToArray(), Jax.Jit(Jax.Grad(energy))(x, y), DType.Float64, shape, 1e-12);
        }
    }

    [Fact]
    public void GradientOfANonlinearFunctionMatchesFiniteDifferences()
    {
        // f = Σ_k c_k·Re X_k·Im X_k, with the two factors from differently split transforms, against central
        // differences of the float64 transform.
        const int n = 30;
        var (re, im) = RandomPlanar([n], seed: 5);
        var weights = Jnp.FromHost<double>(Enumerable.Range(0, n).Select(k => Math.Sin(k + 1.0)).ToArray(), [n], DType.Float64);
        NDArray F(NDArray r, NDArray i) =>
            Jnp.Sum(weights * PlanarDft.Transform(r, i, inverse: false, denseMax: 4).Re * PlanarDft.Transform(r, i, inverse: false).Im);
        var x = Array(re, [n], DType.Float64);
        var y = Array(im, [n], DType.Float64);
        var grad = Jax.Grad((Func<NDArray, NDArray, NDArray>)F)(x, y).ToArray<double>();
        const double h = 1e-6;
        for (var j = 0; j < n; j += 7)
        {
            var up = (double[])re.Clone();
            var down = (double[])re.Clone();
            up[j] += h;
            down[j] -= h;
            var difference = (F(Array(up, [n], DType.Float64), y).Item<double>() - F(Array(down, [n], DType.Float64), y).Item<double>()) / (2 * h);
            Assert.Equal(difference, grad[j], 1e-7);
        }
    }

    [Theory]
    [InlineData(new[] { 7, 210 })]
    [InlineData(new[] { 2, 2, 1024 })]
    [InlineData(new[] { 1, 97 })]
    public void InverseOfForwardIsTheIdentity(int[] shape)
    {
        var (re, im) = RandomPlanar(shape, seed: 3);
        foreach (var dtype in FloatTypes)
        {
            var x = Array(re, shape, dtype);
            var y = Array(im, shape, dtype);
            var (a, b) = PlanarDft.Transform(x, y, inverse: false);
            AssertClose((re, im), PlanarDft.Transform(a, b, inverse: true), shape, dtype, Tolerance(dtype));
        }
    }

    [Fact]
    public void LengthOneIsTheIdentityAndEmptyInputsComeBack()
    {
        var x = Array([0.5, -2, 3], [3, 1], DType.Float32);
        var y = Array([1, 0.25, -1], [3, 1], DType.Float32);
        foreach (var inverse in new[] { false, true })
        {
            var (a, b) = PlanarDft.Transform(x, y, inverse);
            Expect.Values([0.5, -2, 3], a, shape: [3, 1]);
            Expect.Values([1, 0.25, -1], b, shape: [3, 1]);
        }
        foreach (var shape in new[] { new[] { 0 }, [4, 0], [0, 16] })
        {
            var (a, b) = PlanarDft.Transform(Jnp.Zeros(shape), Jnp.Zeros(shape), inverse: false);
            Assert.Equal(shape, a.Shape);
            Assert.Equal(shape, b.Shape);
        }
    }

    [Fact]
    public void ANanSpoilsOnlyItsOwnRow()
    {
        var shape = new[] { 3, 40 };
        var (re, im) = RandomPlanar(shape, seed: 4);
        re[40 + 7] = double.NaN;
        var (a, b) = PlanarDft.Transform(Array(re, shape, DType.Float32), Array(im, shape, DType.Float32), inverse: false);
        var ra = a.ToArray<double>();
        var rb = b.ToArray<double>();
        for (var i = 0; i < ra.Length; i++)
        {
            var inSpoiledRow = i / 40 == 1;
            Assert.Equal(inSpoiledRow, double.IsNaN(ra[i]));
            Assert.Equal(inSpoiledRow, double.IsNaN(rb[i]));
        }
    }

    [Fact]
    public void BadInput()
    {
        var f32 = Jnp.Zeros([2, 4]);
        var error = Assert.Throws<ArgumentException>(() => PlanarDft.Transform(f32, Jnp.Zeros([2, 5]), false));
        Assert.Contains("fft", error.Message);
        Assert.Contains("[2,4]", error.Message);
        error = Assert.Throws<ArgumentException>(() => PlanarDft.Transform(f32, Jnp.Zeros([2, 4], DType.Float64), false));
        Assert.Contains("float64", error.Message);
        error = Assert.Throws<ArgumentException>(() => PlanarDft.Transform(Jnp.Zeros([4], DType.Int32), Jnp.Zeros([4], DType.Int32), true));
        Assert.Contains("int32", error.Message);
        Assert.Throws<ArgumentException>(() => PlanarDft.Transform(Jnp.Zeros([4], DType.Float16), Jnp.Zeros([4], DType.Float16), false));
        Assert.Throws<ArgumentException>(() => PlanarDft.Transform(Jnp.Scalar(1f), Jnp.Scalar(0f), false));
    }

    [Fact]
    public void PhaseProductsDoNotOverflowForLargeModuli()
    {
        // (j·k) mod m past 46341², where the int32 product overflows, against long arithmetic.
        foreach (var m in new[] { 65537, 1_000_003, 40_000_000 })
        {
            long[] js = [0, 1, m / 3, m - 2, m - 1];
            long[] ks = [m - 1, m / 2 + 1, 12345, m - 1, m - 1];
            var got = DftFactors.ModMul(Jnp.Array(js.Select(v => (int)v).ToArray()), Jnp.Array(ks.Select(v => (int)v).ToArray()), m);
            Assert.Equal(js.Zip(ks, (j, k) => (int)(j * k % m)).ToArray(), got.ToArray<int>());
        }
    }

    [Fact]
    public void PlansSplitNearTheSquareRoot()
    {
        Assert.Equal(1, DftPlan.Split(PlanarDft.DenseMax, PlanarDft.DenseMax));
        Assert.Equal(32, DftPlan.Split(1024, PlanarDft.DenseMax));
        Assert.Equal(25, DftPlan.Split(1000, PlanarDft.DenseMax));
        Assert.Equal(3, DftPlan.Split(291, PlanarDft.DenseMax));
        Assert.Equal(1, DftPlan.Split(4099, PlanarDft.DenseMax));
        Assert.Equal([4, 8, 32], DftPlan.Digits(1024, PlanarDft.DenseMax));
        Assert.Equal([1, 17], DftPlan.Digits(17, PlanarDft.DenseMax));
        Assert.Equal([1, 3, 97], DftPlan.Digits(291, PlanarDft.DenseMax));
        Assert.Equal(32, DftPlan.LongestDense(1024, PlanarDft.DenseMax));
        Assert.Equal(25, DftPlan.LongestDense(1000, PlanarDft.DenseMax));
        Assert.Equal(97, DftPlan.LongestDense(291, PlanarDft.DenseMax));
        // Primes past BluesteinMin: a convolution of 5-smooth length from 2p - 1 on.
        Assert.False(DftPlan.UsesBluestein(DftPlan.Digits(127, PlanarDft.DenseMax)));
        Assert.True(DftPlan.UsesBluestein(DftPlan.Digits(257, PlanarDft.DenseMax)));
        Assert.Equal(540, DftPlan.ConvolutionLength(257));
        Assert.Equal(27, DftPlan.LongestDense(257, PlanarDft.DenseMax));
    }

    private static double Tolerance(DType dtype) => dtype == DType.Float32 ? Float32Tolerance : Float64Tolerance;

    private static NDArray Array(double[] values, int[] shape, DType dtype) => Jnp.FromHost<double>(values, shape, dtype);

    private static NDArray[] Pair((NDArray Re, NDArray Im) y) => [y.Re, y.Im];

    private static (double[] Re, double[] Im) RandomPlanar(int[] shape, int seed)
    {
        var random = new Random(seed);
        var size = shape.Aggregate(1, (a, b) => a * b);
        return (Enumerable.Range(0, size).Select(_ => random.NextDouble() - 0.5).ToArray(),
            Enumerable.Range(0, size).Select(_ => random.NextDouble() - 0.5).ToArray());
    }

    /// <summary>The DFT of every row of length n, in double precision, straight from the definition.</summary>
    private static (double[] Re, double[] Im) ReferenceDft(double[] re, double[] im, int n, bool inverse)
    {
        var sign = inverse ? 1.0 : -1.0;
        var cos = Enumerable.Range(0, n).Select(m => Math.Cos(2 * Math.PI * m / n)).ToArray();
        var sin = Enumerable.Range(0, n).Select(m => sign * Math.Sin(2 * Math.PI * m / n)).ToArray();
        var scale = inverse ? 1.0 / n : 1.0;
        var (outRe, outIm) = (new double[re.Length], new double[re.Length]);
        for (var row = 0; row < re.Length; row += n)
            for (var k = 0; k < n; k++)
            {
                double sr = 0, si = 0;
                for (var j = 0; j < n; j++)
                {
                    var m = (int)((long)j * k % n);
                    sr += re[row + j] * cos[m] - im[row + j] * sin[m];
                    si += re[row + j] * sin[m] + im[row + j] * cos[m];
                }
                outRe[row + k] = sr * scale;
                outIm[row + k] = si * scale;
            }
        return (outRe, outIm);
    }

    /// <summary>Checks dtype and shape, and max |actual - expected| / max |expected| against the tolerance; returns that
    /// error.</summary>
    private static double AssertClose((double[] Re, double[] Im) expected, (NDArray Re, NDArray Im) actual, int[] shape, DType dtype,
        double tolerance)
    {
        Assert.Equal(dtype, actual.Re.DType);
        Assert.Equal(dtype, actual.Im.DType);
        Assert.Equal(shape, actual.Re.Shape);
        Assert.Equal(shape, actual.Im.Shape);
        var re = actual.Re.ToArray<double>();
        var im = actual.Im.ToArray<double>();
        double largest = 0, worst = 0;
        for (var i = 0; i < re.Length; i++)
        {
            largest = Math.Max(largest, Math.Sqrt(expected.Re[i] * expected.Re[i] + expected.Im[i] * expected.Im[i]));
            worst = Math.Max(worst, Math.Sqrt(Math.Pow(re[i] - expected.Re[i], 2) + Math.Pow(im[i] - expected.Im[i], 2)));
        }
        var error = worst / Math.Max(largest, double.Epsilon);
        Assert.True(error <= tolerance, $"relative error {error:e3} exceeds {tolerance:e1}");
        return error;
    }
}
