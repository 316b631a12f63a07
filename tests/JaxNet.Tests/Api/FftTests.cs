using System.Numerics;

namespace JaxNet.Tests.Api;

/// <summary>jnp.fft against NumPy's values (numpy.fft, computed with /usr/bin/python3), and the fft primitive's rules.</summary>
public class FftTests
{
    private static readonly Complex[] Z = [new(1, 2), new(-1, 0.5), new(0.25, -1), new(2, 0)];

    private static readonly float[] X = [1, 2, -1, 0.5f, 3];

    private static void Near(Complex[] expected, NDArray actual, double tol = 1e-5) => Expect.Complexes(expected, actual, tol);

    [Fact]
    public void ComplexTransformsMatchNumpy()
    {
        var z = Jnp.Array(Z);
        Near([new(2.25, 1.5), new(1.25, 6), new(0.25, 0.5), new(0.25, 0)], Jnp.FFT.Fft(z));
        Near([new(0.5625, 0.375), new(0.0625, 0), new(0.0625, 0.125), new(0.3125, 1.5)], Jnp.FFT.Ifft(z));
        Near([new(1.125, 0.75), new(0.625, 3), new(0.125, 0.25), new(0.125, 0)], Jnp.FFT.Fft(z, norm: FftNorm.Ortho));
        Near([new(2.25, 1.5), new(-2.058012701892219, 3.399519052838329), new(4.674038105676658, 3.332531754730548),
            new(0.25, 0.5), new(2.075961894323342, 1.1674682452694518), new(-1.1919872981077808, 2.100480947161671)], Jnp.FFT.Fft(z, n: 6));
        Near([new(0.25, 1.5), new(2.674038105676658, 3.332531754730548), new(0.075961894323342, 1.1674682452694518)], Jnp.FFT.Fft(z, n: 3));
        Near(Z, Jnp.FFT.Ifft(Jnp.FFT.Fft(z)));
        Near(Z, Jnp.FFT.Ifft(Jnp.FFT.Fft(z, norm: FftNorm.Forward), norm: FftNorm.Forward));
    }

    [Fact]
    public void RealTransformsMatchNumpy()
    {
        var x = Jnp.Array(X);
        Near([new(5.5, 0), new(2.949593469062211, 1.8327343947338632), new(-3.199593469062211, -0.8387995221502571),
            new(-3.199593469062211, 0.8387995221502571), new(2.949593469062211, -1.8327343947338632)], Jnp.FFT.Fft(x));
        var spectrum = Jnp.FFT.Rfft(x);
        Near([new(5.5, 0), new(2.949593469062211, 1.8327343947338632), new(-3.199593469062211, -0.8387995221502571)], spectrum);
        Expect.Values([1, 2, -1, 0.5, 3], Jnp.FFT.Irfft(spectrum, n: 5));
        Expect.Values([2.049898367265553, 1.2585311698986212, -0.8996951017966582, 3.0912655646324847], Jnp.FFT.Irfft(spectrum));
        Expect.Values([-0.75, 1.75, 3.25, -0.25], Jnp.FFT.Hfft(Jnp.Array(Z[..3])));
        Near([new(1.1, 0), new(0.5899186938124422, -0.3665468789467727), new(-0.6399186938124423, 0.16775990443005143)], Jnp.FFT.Ihfft(x));
    }

    [Fact]
    public void MultiDimensionalTransformsMatchNumpy()
    {
        var m = Jnp.Array(new float[,] { { 1, 2, 0 }, { 0, -1, 3 } });
        var s3 = Math.Sqrt(3);
        Near([new(5, 0), new(-1, s3), new(-1, -s3), new(1, 0), new(1, -3 * s3), new(1, 3 * s3)], Jnp.FFT.Fft2(m));
        Near([new(5, 0), new(-1, s3), new(1, 0), new(1, -3 * s3)], Jnp.FFT.Rfft2(m));
        Expect.Values([1, 2, 0, 0, -1, 3], Jnp.FFT.Irfft2(Jnp.FFT.Rfft2(m), s: [2, 3]));
        Near([new(5, 0), new(-1, s3), new(-1, -s3), new(1, 0), new(1, -3 * s3), new(1, 3 * s3)], Jnp.FFT.Fftn(m));
        // Axes in any order, and one axis of a matrix: the columns' transforms.
        Near([new(1, 0), new(1, 0), new(3, 0), new(1, 0), new(3, 0), new(-3, 0)], Jnp.FFT.Fft(m, axis: 0));
        Near(Jnp.FFT.Fft2(m).ToArray<Complex>(), Jnp.FFT.Fftn(m, axes: [1, 0]));
    }

    [Fact]
    public void FrequenciesAndShifts()
    {
        Expect.Values([0, 0.4, 0.8, -0.8, -0.4], Jnp.FFT.Fftfreq(5, 0.5));
        Expect.Values([0, 0.25, -0.5, -0.25], Jnp.FFT.Fftfreq(4));
        Expect.Values([0, 0.4, 0.8], Jnp.FFT.Rfftfreq(5, 0.5));
        Expect.Values([0, 0.25, 0.5], Jnp.FFT.Rfftfreq(4));
        var a = Jnp.Arange(10).Reshape(2, 5);
        Assert.Equal(new[] { 8, 9, 5, 6, 7, 3, 4, 0, 1, 2 }, Jnp.FFT.Fftshift(a).ToArray<int>());
        Assert.Equal(new[] { 7, 8, 9, 5, 6, 2, 3, 4, 0, 1 }, Jnp.FFT.Ifftshift(a).ToArray<int>());
        Assert.Equal(new[] { 3, 4, 0, 1, 2, 8, 9, 5, 6, 7 }, Jnp.FFT.Fftshift(a, [1]).ToArray<int>());
    }

    [Fact]
    public void LongAndOddLengthsMatchADirectTransform()
    {
        foreach (var n in new[] { 1, 7, 97, 360, 1024 })
        {
            var rng = new Random(n);
            var values = Enumerable.Range(0, n).Select(_ => new Complex(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5)).ToArray();
            var expected = Enumerable.Range(0, n).Select(k =>
                Enumerable.Range(0, n).Aggregate(Complex.Zero, (s, j) => s + values[j] * Complex.FromPolarCoordinates(1, -2 * Math.PI * ((long)j * k % n) / n))).ToArray();
            Near(expected, Jax.Jit((NDArray v) => Jnp.FFT.Fft(v))(Jnp.Array(values)), 2e-5 * Math.Sqrt(n));
        }
    }

    [Fact]
    public void TransformationsOfTheFftPrimitive()
    {
        // Parseval: sum |fft(x)|^2 = n sum x^2, so its gradient is 2 n x; through rfft and irfft too.
        var x = Jnp.Array(X);
        Expect.Values(X.Select(v => 2.0 * 5 * v).ToArray(), Jax.Grad((NDArray v) => Jnp.Sum(Jnp.Square(Jnp.Abs(Jnp.FFT.Fft(v)))))(x), tol: 1e-4);
        Expect.Values(X.Select(v => 2.0 * v).ToArray(), Jax.Grad((NDArray v) => Jnp.Sum(Jnp.Square(Jnp.FFT.Irfft(Jnp.FFT.Rfft(v), n: 5))))(x), tol: 1e-4);
        // vmap over rows is the transform of each row.
        var rows = Jnp.Array(new float[,] { { 1, 2, 0, 5 }, { 0, -1, 3, 2 }, { 4, 4, 1, 0 } });
        var batched = Jax.Vmap((NDArray r) => Jnp.FFT.Fft(r))(rows);
        for (var i = 0; i < 3; i++) Near(Jnp.FFT.Fft(rows[i]).ToArray<Complex>(), batched[i]);
        Near(Jnp.FFT.Fft(rows).ToArray<Complex>(), Jnp.Transpose(Jax.Vmap((NDArray r) => Jnp.FFT.Fft(r), 1, 1)(Jnp.Transpose(rows))));
    }

    [Fact]
    public void BadInputIsRefused()
    {
        var z = Jnp.Array(Z);
        Assert.Throws<ArgumentException>(() => Jnp.FFT.Rfft(z));
        Assert.Throws<ArgumentException>(() => Jnp.FFT.Fft(z, axis: 1));
        Assert.Throws<ArgumentException>(() => Jnp.FFT.Fft(z, n: 0));
        Assert.Throws<ArgumentException>(() => Jnp.FFT.Fft2(z));
        Assert.Throws<ArgumentException>(() => Jnp.FFT.Fftn(Jnp.Zeros([2, 2]), s: [2], axes: [0, 1]));
        Assert.Throws<ArgumentException>(() => Jnp.FFT.Fftfreq(0));
        Assert.Throws<ArgumentException>(() => Jax.Lax.Fft(Jnp.Zeros([2, 2, 2, 2]), FftType.Fft, [2, 2, 2, 2]));
        Assert.Throws<ShapeException>(() => Jax.Lax.Fft(Jnp.Zeros([2, 3]), FftType.Fft, [2]));
    }

    /// <summary>The cpu backend claims the Fourier transform kernel (IR 1.2): each transformed axis is one fft kernel,
    /// and a real operand's imaginary part is no buffer at all.</summary>
    [Fact]
    public void OnTheCpuBackendEachAxisIsOneTransformKernel()
    {
        var x = Jnp.Arange(64).Astype(DType.Float32).Reshape(8, 8);
        var real = Jax.Jit((NDArray a) => Jnp.FFT.Rfft(a)).Lower(x).AsText();
        Assert.Single(real.Split('\n'), line => line.Contains(" fft "));
        Assert.Contains("im(zero)", real);
        var twoAxes = Jax.Jit((NDArray a) => Jnp.FFT.Fft2(a.Astype(DType.Complex64))).Lower(x).AsText();
        Assert.Equal(2, twoAxes.Split('\n').Count(line => line.Contains(" fft ")));
        Assert.DoesNotContain("dot_general", twoAxes);
        Assert.DoesNotContain("contraction", twoAxes);
    }
}
