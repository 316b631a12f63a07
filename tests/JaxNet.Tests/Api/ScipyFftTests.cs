namespace JaxNet.Tests.Api;

/// <summary>jax.scipy.fft's DCT of type 2 and its inverse against a float64 direct sum of scipy's definitions.</summary>
public class ScipyFftTests
{
    private static readonly Random Rng = new(20261129);

    private static float[] RandomFloats(int n) => Enumerable.Range(0, n).Select(_ => (float)(Rng.NextDouble() * 4 - 2)).ToArray();

    /// <summary>scipy's unscaled DCT-II of one row: y[k] = 2 Σ x[n] cos(πk(2n+1)/(2N)), scaled per norm.</summary>
    private static double[] ReferenceDct(double[] x, FftNorm norm = FftNorm.Backward)
    {
        var n = x.Length;
        var y = new double[n];
        for (var k = 0; k < n; k++)
        {
            double sum = 0;
            for (var j = 0; j < n; j++) sum += x[j] * Math.Cos(Math.PI * k * (2 * j + 1) / (2.0 * n));
            y[k] = 2 * sum * norm switch
            {
                FftNorm.Ortho => Math.Sqrt(1 / ((k == 0 ? 4.0 : 2.0) * n)),
                FftNorm.Forward => 1 / (2.0 * n),
                _ => 1,
            };
        }
        return y;
    }

    private static void AssertClose(double[] expected, float[] actual, double tolerance = 2e-5)
    {
        Assert.Equal(expected.Length, actual.Length);
        var scale = Math.Max(1, expected.Max(Math.Abs));
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * scale, $"[{i}]: expected {expected[i]}, got {actual[i]}");
    }

    [Theory]
    [InlineData(1, FftNorm.Backward)]
    [InlineData(2, FftNorm.Ortho)]
    [InlineData(5, FftNorm.Backward)]
    [InlineData(8, FftNorm.Ortho)]
    [InlineData(13, FftNorm.Forward)]
    public void DctMatchesTheDefinitionAndIdctInvertsIt(int n, FftNorm norm)
    {
        var rows = 3;
        var data = RandomFloats(rows * n);
        var x = Jnp.Array(data).Reshape(rows, n);
        var y = Jax.Scipy.Fft.Dct(x, norm: norm);
        Assert.Equal(DType.Float32, y.DType);
        var expected = Enumerable.Range(0, rows).SelectMany(r => ReferenceDct(data[(r * n)..((r + 1) * n)].Select(v => (double)v).ToArray(), norm)).ToArray();
        AssertClose(expected, y.ToArray<float>());
        AssertClose(data.Select(v => (double)v).ToArray(), Jax.Scipy.Fft.Idct(y, norm: norm).ToArray<float>());
    }

    [Fact]
    public void AxisAndLengthCropOrZeroPad()
    {
        var data = RandomFloats(12);
        var x = Jnp.Array(data).Reshape(4, 3);
        // Along axis 0, cropped to 2 and zero-padded to 6, as scipy's n.
        var column = Enumerable.Range(0, 4).Select(r => (double)data[r * 3 + 1]).ToArray();
        AssertClose(ReferenceDct(column[..2]), Jax.Scipy.Fft.Dct(x, n: 2, axis: 0).ToArray<float>().Where((_, i) => i % 3 == 1).ToArray());
        AssertClose(ReferenceDct([.. column, 0, 0]), Jax.Scipy.Fft.Dct(x, n: 6, axis: 0).ToArray<float>().Where((_, i) => i % 3 == 1).ToArray());
        Assert.Equal(new[] { 6, 3 }, Jax.Scipy.Fft.Idct(x, n: 6, axis: 0).Shape);
    }

    [Fact]
    public void DctnIsTheDctAlongEachAxis()
    {
        var x = Jnp.Array(RandomFloats(2 * 5 * 4)).Reshape(2, 5, 4);
        var twice = Jax.Scipy.Fft.Dct(Jax.Scipy.Fft.Dct(x, axis: 1, norm: FftNorm.Ortho), axis: 2, norm: FftNorm.Ortho);
        AssertClose(twice.ToArray<float>().Select(v => (double)v).ToArray(), Jax.Scipy.Fft.Dctn(x, axes: [1, 2], norm: FftNorm.Ortho).ToArray<float>());
        // s alone names the last axes; idctn undoes dctn.
        Assert.Equal(new[] { 2, 3, 6 }, Jax.Scipy.Fft.Dctn(x, s: [3, 6]).Shape);
        var all = Jax.Scipy.Fft.Dctn(x);
        AssertClose(x.ToArray<float>().Select(v => (double)v).ToArray(), Jax.Scipy.Fft.Idctn(all).ToArray<float>());
    }

    [Fact]
    public void ComplexIntegerNaNAndEmptyInputs()
    {
        var re = RandomFloats(6);
        var im = RandomFloats(6);
        var z = Jax.Lax.Complex(Jnp.Array(re), Jnp.Array(im));
        var dz = Jax.Scipy.Fft.Dct(z);
        Assert.Equal(DType.Complex64, dz.DType);
        AssertClose(ReferenceDct(re.Select(v => (double)v).ToArray()), Jnp.Real(dz).ToArray<float>());
        AssertClose(ReferenceDct(im.Select(v => (double)v).ToArray()), Jnp.Imag(dz).ToArray<float>());

        var ints = Jax.Scipy.Fft.Dct(Jnp.Array(new[] { 1, 2, 3 }));
        Assert.Equal(DType.Float32, ints.DType);
        AssertClose(ReferenceDct([1, 2, 3]), ints.ToArray<float>());

        // Every output sums every input, so one NaN fills its row and no other.
        var withNaN = Jax.Scipy.Fft.Dct(Jnp.Array(new[,] { { 1f, float.NaN, 2f }, { 1f, 2f, 3f } })).ToArray<float>();
        Assert.All(withNaN[..3], v => Assert.True(float.IsNaN(v)));
        Assert.All(withNaN[3..], v => Assert.False(float.IsNaN(v)));

        Assert.Equal(new[] { 0, 4 }, Jax.Scipy.Fft.Dct(Jnp.Zeros([0, 4])).Shape);
    }

    [Fact]
    public void JitVmapAndGradientsFollowTheTransform()
    {
        var x = Jnp.Array(RandomFloats(3 * 7)).Reshape(3, 7);
        var direct = Jax.Scipy.Fft.Dct(x, norm: FftNorm.Ortho).ToArray<float>();
        AssertClose(direct.Select(v => (double)v).ToArray(), Jax.Jit((NDArray a) => Jax.Scipy.Fft.Dct(a, norm: FftNorm.Ortho))(x).ToArray<float>());
        AssertClose(direct.Select(v => (double)v).ToArray(), Jax.Vmap((NDArray r) => Jax.Scipy.Fft.Dct(r, norm: FftNorm.Ortho))(x).ToArray<float>());
        // The orthonormal DCT's transpose is its inverse: the gradient of <dct(x), w> is idct(w).
        var w = Jnp.Array(RandomFloats(7));
        var gradient = Jax.Grad((NDArray v) => Jnp.Sum(Jax.Scipy.Fft.Dct(v, norm: FftNorm.Ortho) * w))(x[0]);
        AssertClose(Jax.Scipy.Fft.Idct(w, norm: FftNorm.Ortho).ToArray<float>().Select(v => (double)v).ToArray(), gradient.ToArray<float>());
    }

    [Fact]
    public void BadArgumentsAreRefused()
    {
        var x = Jnp.Ones([3, 4]);
        Assert.Throws<NotSupportedException>(() => Jax.Scipy.Fft.Dct(x, type: 3));
        Assert.Throws<NotSupportedException>(() => Jax.Scipy.Fft.Idctn(x, type: 1));
        Assert.Throws<ArgumentException>(() => Jax.Scipy.Fft.Dct(x, n: 0));
        Assert.Throws<ArgumentException>(() => Jax.Scipy.Fft.Dct(x, axis: 2));
        Assert.Throws<ArgumentException>(() => Jax.Scipy.Fft.Dctn(x, axes: [0, -2]));
        Assert.Throws<ArgumentException>(() => Jax.Scipy.Fft.Dctn(x, s: [2, 2], axes: [0]));
        Assert.Throws<ArgumentException>(() => Jax.Scipy.Fft.Dct(Jnp.Zeros([2, 0])));
    }
}
