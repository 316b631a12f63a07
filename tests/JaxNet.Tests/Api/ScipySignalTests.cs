using System.Numerics;
using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.Expect;
using Signal = JaxNet.Jax.Scipy.Signal;

namespace JaxNet.Tests.Api;

/// <summary>jax.scipy.signal's convolutions against SciPy 1.10 (scipy.signal.convolve, correlate, convolve2d,
/// correlate2d, fftconvolve).</summary>
public class ScipySignalTests
{
    private static NDArray Of(int[] shape, params float[] v) => Jnp.FromHost<float>(v, shape);

    private static readonly NDArray A1 = F(1, 2, 3, 2, 1), V1 = F(1, -1, 0.5f, 2);

    // 3 x 4 and 2 x 3.
    private static readonly NDArray A2 = Of([3, 4], -1, -0.5f, 0, 0.5f, 1, 1.5f, 2, 2.5f, 3, 3.5f, 4, 4.5f);
    private static readonly NDArray B2 = Of([2, 3], 1, 2, -1, 0.5f, 3, 1);

    // 4 x 5 and 2 x 3 for the boundaries.
    private static readonly NDArray Img = Of([4, 5], 1, 2, 0, -1, 3, 2, -2, 1, 0, 1, 0.5f, 1, 1, 2, -1, 3, 0, 1, 1, 2);
    private static readonly NDArray Ker = Of([2, 3], 1, -1, 2, 0.5f, 2, 1);

    // A 2 x 3 first input smaller than its 3 x 4 second.
    private static readonly NDArray Small = Of([2, 3], 1, 2, -1, 0, 1, 3);
    private static readonly NDArray Large = Of([3, 4], 1, 0, 2, 1, -1, 1, 0.5f, 2, 2, 1, 1, 0);

    [Theory]
    [InlineData(ConvolveMode.Full, new double[] { 1, 1, 1.5, 2, 4.5, 6, 4.5, 2 }, new double[] { 2, 4.5, 6, 4.5, 2, 1.5, 1, 1 }, new double[] { 1, 1, 1.5, 2, 4.5, 6, 4.5, 2 })]
    [InlineData(ConvolveMode.Same, new double[] { 1, 1.5, 2, 4.5, 6 }, new double[] { 4.5, 6, 4.5, 2, 1.5 }, new double[] { 1.5, 2, 4.5, 6 })]
    [InlineData(ConvolveMode.Valid, new double[] { 2, 4.5 }, new double[] { 4.5, 2 }, new double[] { 2, 4.5 })]
    public void OneDimensional(ConvolveMode mode, double[] convolve, double[] correlate, double[] swapped)
    {
        foreach (var method in new[] { ConvolveMethod.Auto, ConvolveMethod.Direct, ConvolveMethod.Fft })
        {
            Values(convolve, Signal.Convolve(A1, V1, mode, method));
            Values(correlate, Signal.Correlate(A1, V1, mode, method));
            Values(swapped, Signal.Convolve(V1, A1, mode, method));
            Values(swapped, Signal.Correlate(V1, A1, mode, method));
        }
    }

    [Theory]
    [InlineData(ConvolveMode.Full, new[] { 4, 6 }, new double[] { -1, -2.5, 0, 1, 1, -0.5, 0.5, 0.25, 1.5, 4.75, 4.5, -2, 3.5, 13.25, 14.5, 17.75, 14.5, -2, 1.5, 10.75, 15.5, 17.75, 17.5, 4.5 },
        new double[] { -1, -3.5, -2, 0.25, 1.5, 0.25, 2, 3, 5, 8.25, 9.5, 1.75, 2, 13, 18, 21.25, 22.5, 4.75, -3, 2.5, 6, 7, 13, 4.5 },
        new[] { 4, 6 }, new double[] { -1, -2.5, 0, 1, 1, -0.5, 0.5, 0.25, 1.5, 4.75, 4.5, -2, 3.5, 13.25, 14.5, 17.75, 14.5, -2, 1.5, 10.75, 15.5, 17.75, 17.5, 4.5 })]
    [InlineData(ConvolveMode.Same, new[] { 3, 4 }, new double[] { -2.5, 0, 1, 1, 0.25, 1.5, 4.75, 4.5, 13.25, 14.5, 17.75, 14.5 },
        new double[] { -3.5, -2, 0.25, 1.5, 3, 5, 8.25, 9.5, 13, 18, 21.25, 22.5 }, new[] { 2, 3 }, new double[] { 0.25, 1.5, 4.75, 13.25, 14.5, 17.75 })]
    [InlineData(ConvolveMode.Valid, new[] { 2, 2 }, new double[] { 1.5, 4.75, 14.5, 17.75 }, new double[] { 5, 8.25, 18, 21.25 },
        new[] { 2, 2 }, new double[] { 1.5, 4.75, 14.5, 17.75 })]
    public void NDimensional(ConvolveMode mode, int[] shape, double[] convolve, double[] correlate, int[] swappedShape, double[] swapped)
    {
        foreach (var method in new[] { ConvolveMethod.Direct, ConvolveMethod.Fft })
        {
            Values(convolve, Signal.Convolve(A2, B2, mode, method), shape: shape);
            Values(correlate, Signal.Correlate(A2, B2, mode, method), shape: shape);
            Values(swapped, Signal.Convolve(B2, A2, mode, method), shape: swappedShape);
        }
        Values(convolve, Signal.FftConvolve(A2, B2, mode), shape: shape);
    }

    [Fact]
    public void ThreeDimensional()
    {
        var x = Of([2, 3, 2], -3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8);
        var k = Of([2, 2, 2], 1, 2, 0, -1, 0.5f, 1, 2, 1);
        double[] full = [-3, -8, -4, -1, 1, 2, 1, 5, 4, 0, -1, -2, 1.5, 6, 6, -1.5, 5, 6, 5.5, 18, 12, 2, -2, -6, 1.5, 5, 4, 8.5, 19, 10, 13.5, 28, 14, 14, 23, 8];
        Values(full, Signal.Convolve(x, k), shape: [3, 4, 3]);
        Values(full, Signal.FftConvolve(x, k), shape: [3, 4, 3]);
        Values([-3, -8, -4, -5.5, 0, 3.5, 6, 12, 3, 14.5, 9, 27.5], Signal.Correlate(x, k, ConvolveMode.Same), shape: [2, 3, 2]);
    }

    public static TheoryData<ConvolveMode, ConvolveBoundary, double[], double[]> Boundaries => new()
    {
        { ConvolveMode.Full, ConvolveBoundary.Fill, [1, 1, 0, 3, 4, -5, 6, 2.5, -1, 12, -3.5, 2.5, 4, 5, 1.5, 3.5, -0.5, 3, 0.5, 7, -1, 3.25, -1.5, 10, 4, 7.5, 0, 3, 1.5, 6, 3.5, 2.5, 4, 5, 2],
            [1, 4, 4.5, 0, 1, 5.5, 1.5, 4, 5, -3, 1, 8.5, -2, 3.5, 4.5, -4, 9.25, 1.5, 6.5, -2, 0.5, 4, 7.5, 4, 7, 1.5, 7.5, 0, 6, -3, 5, 1, 4, -1, 2] },
        { ConvolveMode.Full, ConvolveBoundary.Wrap, [2.5, 15, 3.5, 5.5, 8, 2.5, 15, 6.5, 4, 12, -3.5, 2.5, 6.5, 4, 8.5, 2.5, -0.5, 3, 0.5, 8.5, 2.5, 3.25, 1.5, 10, 4, 7.5, 3.25, 1.5, 2.5, 15, 3.5, 5.5, 8, 2.5, 15],
            [11.5, 4.5, 9.5, 1, 5, 11.5, 4.5, 2, 8.5, -3, 1, 8.5, 2, 8.5, 2.5, -3.5, 9.25, 1.5, 6.5, 2.5, -3.5, 11.5, 7.5, 4, 7, 1.5, 11.5, 7.5, 11.5, 4.5, 9.5, 1, 5, 11.5, 4.5] },
        { ConvolveMode.Full, ConvolveBoundary.Symm, [8.5, 7, 5, 4.5, 3.5, 4.5, 10.5, 0.5, 4, 12, -3.5, 2.5, 6.5, 9.5, 5, 6.5, -0.5, 3, 0.5, 6.5, 4, 2.25, 5, 10, 4, 7.5, 1.5, 1, 7.5, 12, 10.5, 2.5, 7, 8, 9.5],
            [7, 8.5, 3.5, 0, 8, 10.5, 4.5, 8, 7, -3, 1, 8.5, 5, 0.5, 2, -1.75, 9.25, 1.5, 6.5, -1, -0.5, 10.5, 9.5, 4, 7, 1.5, 7.5, 10, 12, 7.5, 7.5, 4, 8.5, 9.5, 8] },
        { ConvolveMode.Same, ConvolveBoundary.Fill, [1, 0, 3, 4, -5, -1, 12, -3.5, 2.5, 4, 3.5, -0.5, 3, 0.5, 7, -1.5, 10, 4, 7.5, 0],
            [5, -3, 1, 8.5, -2, -4, 9.25, 1.5, 6.5, -2, 7.5, 4, 7, 1.5, 7.5, -3, 5, 1, 4, -1] },
        { ConvolveMode.Same, ConvolveBoundary.Wrap, [15, 3.5, 5.5, 8, 2.5, 4, 12, -3.5, 2.5, 6.5, 2.5, -0.5, 3, 0.5, 8.5, 1.5, 10, 4, 7.5, 3.25],
            [8.5, -3, 1, 8.5, 2, -3.5, 9.25, 1.5, 6.5, 2.5, 7.5, 4, 7, 1.5, 11.5, 4.5, 9.5, 1, 5, 11.5] },
        { ConvolveMode.Same, ConvolveBoundary.Symm, [7, 5, 4.5, 3.5, 4.5, 4, 12, -3.5, 2.5, 6.5, 6.5, -0.5, 3, 0.5, 6.5, 5, 10, 4, 7.5, 1.5],
            [7, -3, 1, 8.5, 5, -1.75, 9.25, 1.5, 6.5, -1, 9.5, 4, 7, 1.5, 7.5, 7.5, 7.5, 4, 8.5, 9.5] },
        { ConvolveMode.Valid, ConvolveBoundary.Wrap, [12, -3.5, 2.5, -0.5, 3, 0.5, 10, 4, 7.5], [-3, 1, 8.5, 9.25, 1.5, 6.5, 4, 7, 1.5] },
    };

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void TwoDimensionalBoundaries(ConvolveMode mode, ConvolveBoundary boundary, double[] convolve, double[] correlate)
    {
        Values(convolve, Signal.Convolve2d(Img, Ker, mode, boundary));
        Values(correlate, Signal.Correlate2d(Img, Ker, mode, boundary));
    }

    public static TheoryData<ConvolveMode, ConvolveBoundary, double[], double[]> SmallFirst => new()
    {
        { ConvolveMode.Full, ConvolveBoundary.Fill, [1, 2, 1, 5, 0, -1, -1, 0, 6.5, 4, 10.5, 1, 2, 4, -1, 4.5, 2.5, 6, 0, 2, 7, 4, 3, 0],
            [0, 1, 3, 3, 3, -2, 2, 4.5, 1, 4.5, 2, 7, 1, 6, 9.5, 1.5, 4, -4, 0, 1, 5, 6, 1, 3] },
        { ConvolveMode.Full, ConvolveBoundary.Wrap, [12.5, 8.5, 5, 12.5, 8.5, 5, 7, 15.5, 14.5, 7, 15.5, 14.5, 12.5, 8.5, 5, 12.5, 8.5, 5, 7, 15.5, 14.5, 7, 15.5, 14.5],
            [5.5, 14, 6.5, 5.5, 14, 6.5, 12.5, 8.5, 16, 12.5, 8.5, 16, 5.5, 14, 6.5, 5.5, 14, 6.5, 12.5, 8.5, 16, 12.5, 8.5, 16] },
        { ConvolveMode.Full, ConvolveBoundary.Symm, [4, 11.5, 14.5, 17, 10.5, 0.5, 9, 11.5, 9.5, 7, 10.5, 10.5, 16.5, 9, 2, 4.5, 15.5, 20.5, 11.5, 9, 7, 14.5, 15.5, 10.5],
            [9.5, 11.5, 9, 10.5, 10.5, 7, 14.5, 11.5, 4, 0.5, 10.5, 17, 7, 9, 11.5, 10.5, 15.5, 14.5, 2, 9, 16.5, 20.5, 15.5, 4.5] },
        { ConvolveMode.Same, ConvolveBoundary.Fill, [0, 6.5, 4, 4, -1, 4.5], [1, 4.5, 2, 9.5, 1.5, 4] },
        { ConvolveMode.Same, ConvolveBoundary.Wrap, [15.5, 14.5, 7, 8.5, 5, 12.5], [16, 12.5, 8.5, 6.5, 5.5, 14] },
        { ConvolveMode.Same, ConvolveBoundary.Symm, [11.5, 9.5, 7, 9, 2, 4.5], [4, 0.5, 10.5, 11.5, 10.5, 15.5] },
        { ConvolveMode.Valid, ConvolveBoundary.Fill, [6.5, 4, -1, 4.5], [1, 4.5, 9.5, 1.5] },
    };

    [Theory]
    [MemberData(nameof(SmallFirst))]
    public void TwoDimensionalWithTheLargerSecond(ConvolveMode mode, ConvolveBoundary boundary, double[] convolve, double[] correlate)
    {
        Values(convolve, Signal.Convolve2d(Small, Large, mode, boundary));
        Values(correlate, Signal.Correlate2d(Small, Large, mode, boundary));
    }

    [Fact]
    public void FillValue()
    {
        Values([9.25, 5.25, 8.25, 9.25, 1.75, 3.5, 12, -3.5, 2.5, 6.25, 8, -0.5, 3, 0.5, 9.25, 3, 10, 4, 7.5, 2.25],
            Signal.Convolve2d(Img, Ker, ConvolveMode.Same, fillvalue: 1.5));
        Values([7.75, 7.75, 7.5, 3, 4, 10, 9, 7.75, 7.25, -3, 1, 8.5, 2.5, 9.5, 8.25, -1.75, 9.25, 1.5, 6.5, 2.5, 6.5, 7.75, 9.75, 4, 7, 1.5, 12, 6, 11.25, 3.75,
            10.25, 6.25, 9.25, 7.25, 8.75], Signal.Correlate2d(Img, Ker, fillvalue: 1.5), shape: [5, 7]);
    }

    [Fact]
    public void ComplexCorrelationConjugatesAsSciPyDoes()
    {
        var z1 = Jnp.Array(new Complex[] { new(1, 1), 2, 0, new(1, -2) }).Reshape(2, 2);
        var z2 = Jnp.Array(new Complex[] { 1, new(0, 2), 0, 1, 1, new(0, -1), 2, 0, 1 }).Reshape(3, 3);
        Complexes([new(2, -1), new(3, -1), new(4, 1), new(2, 5)], Signal.Correlate2d(z1, z2, ConvolveMode.Valid));
        Complexes([new(2, 1), new(3, 1), new(4, -1), new(2, -5)], Signal.Correlate(z1, z2, ConvolveMode.Valid));
        Complexes([new(2, 1), new(3, 1), new(4, -1), new(2, -5)], Signal.Correlate(z1, z2, ConvolveMode.Valid, ConvolveMethod.Fft));
        Complexes([new(2, 5), new(4, 1), 0, new(3, -1), new(2, -1), new(-1, -1), new(2, -2), 2, new(1, -1)],
            Signal.Correlate2d(z2, z1, ConvolveMode.Same));
    }

    [Theory]
    [InlineData(ConvolveMode.Full, new[] { 2, 7 }, new double[] { 1, 1, 3, 5, 7, 3, 10, 0, 0.5, 0.5, 0.5, 0.5, 0, 2 })]
    [InlineData(ConvolveMode.Same, new[] { 2, 5 }, new double[] { 1, 3, 5, 7, 3, 0.5, 0.5, 0.5, 0.5, 0 })]
    [InlineData(ConvolveMode.Valid, new[] { 2, 3 }, new double[] { 3, 5, 7, 0.5, 0.5, 0.5 })]
    public void FftConvolveAlongAxes(ConvolveMode mode, int[] shape, double[] expected)
    {
        var p = Of([2, 5], 1, 2, 3, 4, 5, 0, 1, 0, -1, 2);
        var q = Of([2, 3], 1, -1, 2, 0.5f, 0.5f, 1);
        Values(expected, Signal.FftConvolve(p, q, mode, axes: [1]), shape: shape);
        Values(expected, Signal.FftConvolve(p, q, mode, axes: [-1]), shape: shape);
    }

    [Fact]
    public void IntegersConvolveAsFloats()
    {
        Values([1, 3, 6, 7, 6, 3, 1], Signal.Convolve(I(1, 2, 3, 2, 1), I(1, 1, 1)));
        Values([6, 7, 6], Signal.FftConvolve(I(1, 2, 3, 2, 1), I(1, 1, 1), ConvolveMode.Valid));
        Values([6], Signal.Convolve(Jnp.Array(2f), Jnp.Array(3f)), shape: []);
    }

    [Fact]
    public void RejectsBadInput()
    {
        Assert.Throws<ShapeException>(() => Signal.Convolve(A1, B2));
        Assert.Throws<ShapeException>(() => Signal.Convolve(Jnp.Ones([2, 5]), Jnp.Ones([3, 2]), ConvolveMode.Valid));
        Assert.Throws<ShapeException>(() => Signal.FftConvolve(Jnp.Ones([2, 5]), Jnp.Ones([3, 2]), ConvolveMode.Valid));
        Assert.Throws<ShapeException>(() => Signal.Convolve2d(A1, V1));
        Assert.Throws<ShapeException>(() => Signal.Correlate2d(Jnp.Ones([2, 2, 2]), Jnp.Ones([2, 2, 2])));
        Assert.Throws<ShapeException>(() => Signal.FftConvolve(Jnp.Ones([2, 5]), Jnp.Ones([3, 2]), axes: [1]));
        Assert.Throws<ArgumentException>(() => Signal.FftConvolve(Jnp.Ones([2, 5]), Jnp.Ones([2, 2]), axes: [1, -1]));
        Assert.Throws<ShapeException>(() => Signal.FftConvolve(Jnp.Ones([2, 5]), Jnp.Ones([2, 2]), axes: [2]));
        // NaN spreads to every output it touches, and only those.
        Values([1, double.NaN, double.NaN, 3], Signal.Convolve(F(1, float.NaN, 3), F(1, 1)));
    }

    [Fact]
    public void EmptyInputsAsJax()
    {
        // jax.scipy.signal's direct convolutions raise on a zero-size input (_convolve_nd); fftconvolve, and so
        // convolve with method fft, returns an empty one-dimensional array, as SciPy's.
        var empty = Jnp.Zeros([0]);
        foreach (var (in1, in2) in new[] { (empty, V1), (V1, empty), (Jnp.Zeros([2, 0]), Jnp.Ones([1, 1])) })
        {
            var error = Assert.Throws<ShapeException>(() => Signal.Convolve(in1, in2));
            Assert.Contains("zero-size", error.Message);
            Assert.Throws<ShapeException>(() => Signal.Correlate(in1, in2, ConvolveMode.Same));
            if (in1.Ndim == 2)
            {
                Assert.Throws<ShapeException>(() => Signal.Convolve2d(in1, in2));
                Assert.Throws<ShapeException>(() => Signal.Correlate2d(in1, in2, ConvolveMode.Valid, ConvolveBoundary.Wrap));
            }
            foreach (var mode in new[] { ConvolveMode.Full, ConvolveMode.Same, ConvolveMode.Valid })
            {
                var result = Signal.FftConvolve(in1, in2, mode);
                Assert.Equal([0], result.Shape);
                Assert.Equal(DType.Float32, result.DType);
                Assert.Equal([0], Signal.Convolve(in1, in2, mode, ConvolveMethod.Fft).Shape);
            }
        }
        // Integers promote first, as the non-empty case; under Jit the empty result is a traced constant shape.
        Assert.Equal(DType.Float32, Signal.FftConvolve(Jnp.Zeros([0], DType.Int32), I(1, 2)).DType);
        Assert.Equal(DType.Complex64, Signal.FftConvolve(Jnp.Zeros([0], DType.Complex64), V1).DType);
        Assert.Equal([0], Jax.Jit((NDArray a, NDArray b) => Signal.FftConvolve(a, b))(empty, V1).Shape);
        // The rank check still comes first.
        Assert.Throws<ShapeException>(() => Signal.FftConvolve(empty, Jnp.Ones([2, 2])));
    }

    [Fact]
    public void DifferentiatesJitsAndVmaps()
    {
        var x = Jnp.FromHost<double>([0.3, -1.2, 2, 0.7, 1.5, -0.4], [2, 3], DType.Float64);
        var k = Jnp.FromHost<double>([0.5, 1.1, -0.3, 0.8], [2, 2], DType.Float64);
        GradCheck.Check((p, q) => Signal.Convolve(p, q, ConvolveMode.Same), x, k);
        GradCheck.Check((p, q) => Signal.Correlate2d(p, q, ConvolveMode.Full, ConvolveBoundary.Symm), x, k);
        GradCheck.Check((p, q) => Signal.Convolve2d(p, q, ConvolveMode.Full, ConvolveBoundary.Wrap), x, k, order: 1);
        GradCheck.Check((p, q) => Signal.FftConvolve(p, q, ConvolveMode.Valid), x, k, order: 1);
        JitAndVmapAgree(r => Signal.Convolve(r, F(1, -1, 2), ConvolveMode.Same), Jnp.Arange(12).Reshape(3, 4).Astype(DType.Float32));
        JitAndVmapAgree(r => Signal.FftConvolve(r, F(1, -1, 2)), Jnp.Arange(12).Reshape(3, 4).Astype(DType.Float32));
        JitAndVmapAgree(r => Signal.Correlate2d(r.Reshape(2, 3), Ker, ConvolveMode.Same, ConvolveBoundary.Wrap).Reshape(6),
            Jnp.Arange(18).Reshape(3, 6).Astype(DType.Float32));
    }
}
