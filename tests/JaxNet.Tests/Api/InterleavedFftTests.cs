using System.Numerics;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Tests.Api;

/// <summary>
/// jnp.fft on the cpu backend, whose fft kernel reads and writes complex arrays as they are stored, parts
/// interleaved (IR 1.3): a stored operand goes into the kernel and its result comes back with no copies or select
/// around it, and the values match a float64 DFT by definition for complex64 and complex128, odd and Bluestein
/// lengths, inner axes, computed operands, NaN and empty arrays.
/// </summary>
public class InterleavedFftTests
{
    private static Complex[] Values(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => new Complex(random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1)).ToArray();
    }

    /// <summary>The DFT along <paramref name="axis"/> of a row-major [outer, n, inner] array, in float64.</summary>
    private static Complex[] Dft(Complex[] x, int[] shape, int axis, bool inverse)
    {
        var n = shape[axis];
        var outer = shape[..axis].Aggregate(1, (a, b) => a * b);
        var inner = shape[(axis + 1)..].Aggregate(1, (a, b) => a * b);
        var y = new Complex[x.Length];
        for (var o = 0; o < outer; o++)
            for (var c = 0; c < inner; c++)
                for (var k = 0; k < n; k++)
                {
                    var sum = Complex.Zero;
                    for (var j = 0; j < n; j++)
                    {
                        var (sin, cos) = double.SinCosPi((inverse ? 2.0 : -2.0) * ((long)j * k % n) / n);
                        sum += x[(o * n + j) * inner + c] * new Complex(cos, sin);
                    }
                    y[(o * n + k) * inner + c] = inverse ? sum / n : sum;
                }
        return y;
    }

    private static Kernel[] KernelsOf(Func<NDArray, NDArray> f, NDArray x) => Jax.Jit(f).Lower(x).Modules.SelectMany(m => m.Kernels).ToArray();

    private static NDArray Complex128(Complex[] x, params int[] shape) => Jnp.FromHost<Complex>(x, shape, DType.Complex128);

    [Fact]
    public void AStoredOperandIsTransformedWithNoCopiesAround()
    {
        var z = Jnp.Array(Values(4 * 16, 1)).Reshape(4, 16);
        var one = KernelsOf(a => Jnp.FFT.Fft(a), z);
        var fft = Assert.IsType<FftKernel>(Assert.Single(one));
        Assert.True(fft.InterleavedOperand && fft.InterleavedResult);
        var two = KernelsOf(a => Jnp.FFT.Fft2(a), z);
        Assert.Equal(2, two.Length);
        Assert.All(two, k => Assert.True(k is FftKernel { InterleavedOperand: true, InterleavedResult: true }));
        Assert.Equal(2, KernelsOf(a => Jnp.FFT.Ifft(Jnp.FFT.Fft(a)), z).Length);
        // A real operand is read as it is, with no imaginary part, and written interleaved.
        var real = Assert.IsType<FftKernel>(KernelsOf(a => Jnp.FFT.Fft(a), Jnp.Ones([4, 16])).Single(k => k is FftKernel));
        Assert.True(real is { InterleavedOperand: false, Imag: null, InterleavedResult: true });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(12)]
    [InlineData(67)]
    [InlineData(1000)]
    public void Complex128RowsAndColumnsMatchTheDefinition(int n)
    {
        var x = Values(3 * n, n);
        var z = Complex128(x, 3, n);
        Expect.Complexes(Dft(x, [3, n], 1, false), Jnp.FFT.Fft(z), 1e-12);
        Expect.Complexes(Dft(x, [3, n], 1, true), Jnp.FFT.Ifft(z), 1e-12);
        var columns = Complex128(x, n, 3);
        Expect.Complexes(Dft(x, [n, 3], 0, false), Jnp.FFT.Fft(columns, axis: 0), 1e-12);
        Expect.Complexes(Dft(x, [n, 3], 0, true), Jax.Jit((NDArray a) => Jnp.FFT.Ifft(a, axis: 0))(columns), 1e-12);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(97)]
    public void Complex64MatchesTheDefinition(int n)
    {
        var x = Values(2 * n, n + 1);
        var z = Jnp.Array(x).Reshape(2, n).Astype(DType.Complex64);
        var rounded = z.ToArray<Complex>();
        Expect.Complexes(Dft(rounded, [2, n], 1, false), Jax.Jit((NDArray a) => Jnp.FFT.Fft(a))(z), 2e-5 * Math.Sqrt(n));
        var (fft2, expected) = (Jnp.FFT.Fft2(z), Dft(Dft(rounded, [2, n], 0, false), [2, n], 1, false));
        Assert.Equal(DType.Complex64, fft2.DType);
        Expect.Complexes(expected, fft2, 2e-5 * Math.Sqrt(2 * n));
    }

    [Fact]
    public void ComputedOperandsAndPartsOfTheResult()
    {
        var x = Values(2 * 24, 9);
        var z = Complex128(x, 2, 24);
        // The operand is computed (its parts are separate), and the result's parts are read by other kernels.
        var f = Jax.Jit((NDArray a) => Jnp.Abs(Jnp.FFT.Fft(a * 2)) + Jnp.Real(Jnp.FFT.Fft(a)));
        var spectrum = Dft(x, [2, 24], 1, false);
        Expect.Values(spectrum.Select(s => 2 * s.Magnitude + s.Real).ToArray(), f(z), DType.Float64, tol: 1e-12);
    }

    [Fact]
    public void RealTransformsStillMatchTheDefinition()
    {
        var x = Values(2 * 30, 4).Select(c => c.Real).ToArray();
        var complex = x.Select(v => new Complex(v, 0)).ToArray();
        var spectrum = Dft(complex, [2, 30], 1, false);
        var rfft = Jnp.FFT.Rfft(Jnp.FromHost<double>(x, [2, 30], DType.Float64));
        Expect.Complexes(spectrum.Where((_, t) => t % 30 <= 15).ToArray(), rfft, 1e-12);
        Expect.Values(x, Jnp.FFT.Irfft(rfft, n: 30), DType.Float64, tol: 1e-12);
    }

    [Fact]
    public void NaNAndEmptyArrays()
    {
        var x = Values(2 * 8, 5);
        x[11] = new Complex(double.NaN, 0);
        var y = Jnp.FFT.Fft(Complex128(x, 2, 8)).ToArray<Complex>();
        Assert.All(y[..8], v => Assert.False(double.IsNaN(v.Real) || double.IsNaN(v.Imaginary)));
        Assert.All(y[8..], v => Assert.True(double.IsNaN(v.Real) && double.IsNaN(v.Imaginary)));
        Assert.Equal([0, 4], Jnp.FFT.Fft(Jnp.Zeros([0, 4], DType.Complex64)).Shape);
        Assert.Equal([2, 0, 4], Jnp.FFT.Fft(Jnp.Zeros([2, 0, 4], DType.Complex128), axis: 0).Shape);
    }
}
