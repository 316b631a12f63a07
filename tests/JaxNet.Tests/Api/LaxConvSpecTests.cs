using static JaxNet.Tests.Api.Expect;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Api;

/// <summary>Convolutions with layouts given as strings (lax.conv_dimension_numbers) and padding given by name: JAX's
/// documented permutations, an NHWC / HWIO convolution against loops written out here, SAME / SAME_LOWER / VALID
/// against the explicit padding JAX derives, gradients, Jit, and the errors JAX raises.</summary>
public class LaxConvSpecTests
{
    private static readonly (string, string, string) ChannelsLast = ("NHWC", "HWIO", "NHWC");

    // Small integers, so every sum below is exact in float32 and results compare bit for bit.
    private static NDArray Small(int[] shape, int modulus, int offset) =>
        (Jnp.Reshape(Jnp.Arange(shape.Aggregate(1, (a, b) => a * b)) % modulus - offset, shape)).Astype(DType.Float32);

    [Fact]
    public void Dimension_numbers_are_jax_permutations()
    {
        // JAX's docstring example: conv_dimension_numbers(..., ('NHWC', 'HWIO', 'NHWC')) -> (0, 3, 1, 2), (3, 2, 0, 1), (0, 3, 1, 2).
        Assert.Equal([[0, 3, 1, 2], [3, 2, 0, 1], [0, 3, 1, 2]], Lax.ConvDimensionNumbers(ChannelsLast));
        Assert.Equal([[0, 1, 2, 3], [0, 1, 2, 3], [0, 1, 2, 3]], Lax.ConvDimensionNumbers(("NCHW", "OIHW", "NCHW")));
        // Spatial dimensions are ordered as the kernel's spec lists them.
        Assert.Equal([[0, 1, 3, 2], [0, 1, 2, 3], [1, 0, 3, 2]], Lax.ConvDimensionNumbers(("NCHW", "OIWH", "CNHW")));
        Assert.Equal([[0, 2, 1], [2, 1, 0], [0, 2, 1]], Lax.ConvDimensionNumbers(("NWC", "WIO", "NWC")));
    }

    [Fact]
    public void Channels_last_convolution_matches_loops()
    {
        // x [N=2, H=5, W=4, C=3], w [KH=3, KW=2, I=3, O=4], stride (2, 1), padding (1, 1) and (0, 1).
        var x = Small([2, 5, 4, 3], 7, 3);
        var w = Small([3, 2, 3, 4], 5, 2);
        var y = Lax.ConvGeneralDilated(x, w, [2, 1], [(1, 1), (0, 1)], ChannelsLast);
        Assert.Equal([2, 3, 4, 4], y.Shape);
        var xs = x.ToArray<float>();
        var ws = w.ToArray<float>();
        var expected = new double[2 * 3 * 4 * 4];
        for (var n = 0; n < 2; n++)
            for (var oh = 0; oh < 3; oh++)
                for (var ow = 0; ow < 4; ow++)
                    for (var o = 0; o < 4; o++)
                    {
                        double sum = 0;
                        for (var kh = 0; kh < 3; kh++)
                            for (var kw = 0; kw < 2; kw++)
                            {
                                var (ih, iw) = (oh * 2 + kh - 1, ow + kw);
                                if (ih < 0 || ih >= 5 || iw >= 4) continue;
                                for (var c = 0; c < 3; c++) sum += xs[((n * 5 + ih) * 4 + iw) * 3 + c] * ws[((kh * 2 + kw) * 3 + c) * 4 + o];
                            }
                        expected[((n * 3 + oh) * 4 + ow) * 4 + o] = sum;
                    }
        Values(expected, y, tol: 0);
    }

    [Fact]
    public void Channels_last_equals_channels_first_on_transposed_operands()
    {
        var x = Small([2, 6, 5, 3], 11, 5);
        var w = Small([3, 3, 3, 2], 7, 3);
        var last = Lax.ConvGeneralDilated(x, w, [1, 2], "SAME", ChannelsLast, rhsDilation: [2, 1]);
        var first = Lax.ConvGeneralDilated(Jnp.Transpose(x, [0, 3, 1, 2]), Jnp.Transpose(w, [3, 2, 0, 1]), [1, 2], "SAME", rhsDilation: [2, 1]);
        Assert.Equal(first.ToArray<float>(), Jnp.Transpose(last, [0, 3, 1, 2]).ToArray<float>());
    }

    [Fact]
    public void Named_padding_is_the_padding_jax_derives()
    {
        var x = Small([1, 2, 5, 6], 9, 4);
        var w = Small([3, 2, 3, 3], 5, 2);
        // H: n 5, k 3, stride 2 -> 3 outputs, 2 of padding; W: n 6, k 3, stride 2 -> 3 outputs, 1 of padding.
        void Same(string name, (int, int)[] pads)
        {
            var named = Lax.ConvGeneralDilated(x, w, [2, 2], name);
            var explicitly = Lax.ConvGeneralDilated(x, w, [2, 2], pads);
            Assert.Equal(explicitly.Shape, named.Shape);
            Assert.Equal(explicitly.ToArray<float>(), named.ToArray<float>());
        }
        Same("SAME", [(1, 1), (0, 1)]);
        Same("SAME_LOWER", [(1, 1), (1, 0)]);
        Same("VALID", [(0, 0), (0, 0)]);
        Assert.Equal([1, 3, 3, 3], Lax.Conv(x, w, [2, 2], "SAME").Shape);
        // The kernel dilated by 2 spans 5: stride 1 SAME pads 2 on each side of H and W.
        Assert.Equal(Lax.ConvGeneralDilated(x, w, [1, 1], [(2, 2), (2, 2)], rhsDilation: [2, 2]).ToArray<float>(),
            Lax.ConvGeneralDilated(x, w, [1, 1], "SAME", rhsDilation: [2, 2]).ToArray<float>());
    }

    [Fact]
    public void One_and_three_spatial_dimensions()
    {
        var signal = Lax.ConvGeneralDilated(Jnp.Ones([2, 7, 3]), Jnp.Ones([3, 3, 4]), [2], "SAME", ("NWC", "WIO", "NWC"));
        Assert.Equal([2, 4, 4], signal.Shape);
        // Position 0 sees the pad and two inputs, each of 3 channels: 6; the last sees two inputs and the pad.
        Values([6, 9, 9, 6], signal[0, .., 0]);
        var volume = Lax.ConvGeneralDilated(Jnp.Ones([1, 4, 4, 4, 2]), Jnp.Ones([2, 2, 2, 2, 3]), [1, 1, 1], "VALID",
            ("NDHWC", "DHWIO", "NDHWC"));
        Assert.Equal([1, 3, 3, 3, 3], volume.Shape);
        Assert.All(volume.ToArray<float>(), v => Assert.Equal(16f, v));
    }

    [Fact]
    public void Gradients_and_jit_agree_with_the_channels_first_form()
    {
        var x = Small([2, 5, 5, 3], 7, 3) * 0.1f;
        var w = Small([3, 3, 3, 4], 5, 2) * 0.1f;
        NDArray Last(NDArray a, NDArray b) => Jnp.Sum(Jnp.Tanh(Lax.ConvGeneralDilated(a, b, [1, 1], "SAME", ChannelsLast)));
        NDArray First(NDArray a, NDArray b) =>
            Jnp.Sum(Jnp.Tanh(Lax.ConvGeneralDilated(Jnp.Transpose(a, [0, 3, 1, 2]), Jnp.Transpose(b, [3, 2, 0, 1]), [1, 1], "SAME")));
        var gradLast = Jax.Grad(Last, argnums: [0, 1])(x, w);
        var gradFirst = Jax.Grad(First, argnums: [0, 1])(x, w);
        for (var i = 0; i < 2; i++) Values(gradFirst[i].ToArray<float>().Select(v => (double)v).ToArray(), gradLast[i], tol: 1e-5);
        Values([First(x, w).Item<float>()], Jnp.Reshape(Jax.Jit((Func<NDArray, NDArray, NDArray>)Last)(x, w), [1]), tol: 1e-5);
    }

    [Fact]
    public void Bad_specs_and_padding_fail_as_in_jax()
    {
        var x = Jnp.Ones([1, 4, 4, 2]);
        var w = Jnp.Ones([3, 3, 2, 2]);
        Assert.Throws<ArgumentException>(() => Lax.ConvDimensionNumbers(("NHW", "HWIO", "NHWC")));
        Assert.Throws<ArgumentException>(() => Lax.ConvDimensionNumbers(("NHHC", "HWIO", "NHWC")));
        Assert.Throws<ArgumentException>(() => Lax.ConvDimensionNumbers(("NHWC", "HWIO", "NHDC")));
        Assert.Throws<ArgumentException>(() => Lax.ConvDimensionNumbers(("NC", "OI", "NC")));
        Assert.Throws<ArgumentException>(() => Lax.ConvGeneralDilated(x, w, [1, 1], "FULL", ChannelsLast));
        var transposed = Assert.Throws<ArgumentException>(() => Lax.ConvGeneralDilated(x, w, [1, 1], "SAME", ChannelsLast, lhsDilation: [2, 2]));
        Assert.Contains("ConvTranspose", transposed.Message);
        Assert.Throws<ShapeException>(() => Lax.ConvGeneralDilated(x, w, [1], "SAME", ChannelsLast));
        Assert.Throws<ShapeException>(() => Lax.ConvGeneralDilated(Jnp.Ones([1, 4, 2]), w, [1, 1], "SAME", ChannelsLast));
        Assert.Throws<ShapeException>(() => Lax.Conv(Jnp.Ones([4]), Jnp.Ones([2]), [1], "SAME"));
        // The kernel's in-feature count (2) must match the input's channels (3).
        Assert.Throws<ShapeException>(() => Lax.ConvGeneralDilated(Jnp.Ones([1, 4, 4, 3]), w, [1, 1], "SAME", ChannelsLast));
    }

    [Fact]
    public void Nan_and_empty_batches_flow_through()
    {
        var x = Jnp.Ones([1, 3, 3, 1]).At[0, 1, 1, 0].Set(Jnp.Array(float.NaN));
        var y = Lax.ConvGeneralDilated(x, Jnp.Ones([1, 2, 1, 1]), [1, 1], "VALID", ChannelsLast).ToArray<float>();
        // Windows over columns (0,1) and (1,2) of row 1 hold the NaN; the others do not.
        Assert.Equal([2f, 2f, float.NaN, float.NaN, 2f, 2f], y);
        var empty = Lax.ConvGeneralDilated(Jnp.Ones([0, 4, 4, 2]), Jnp.Ones([3, 3, 2, 5]), [1, 1], "SAME", ChannelsLast);
        Assert.Equal([0, 4, 4, 5], empty.Shape);
    }
}
