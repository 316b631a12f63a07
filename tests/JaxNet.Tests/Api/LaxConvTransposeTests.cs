using JaxNet.Core;
using static JaxNet.Tests.Api.Expect;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Api;

/// <summary>lax.conv_transpose against PyTorch's conv_transpose2d (values computed once in Python), JAX's SAME and
/// VALID output sizes, the kernel gradient by finite differences, Jit, and bad geometry; conv_with_general_padding
/// against conv_general_dilated.</summary>
public class LaxConvTransposeTests
{
    private static readonly int[][] Nchw = [[0, 1, 2, 3], [0, 1, 2, 3], [0, 1, 2, 3]];

    private static NDArray Input() => Jnp.Reshape(Jnp.Arange(1 * 2 * 4 * 5) % 7 - 3, [1, 2, 4, 5]).Astype(DType.Float32);

    private static NDArray TorchWeight() => Jnp.Reshape(Jnp.Arange(2 * 3 * 3 * 2) % 5 - 2, [2, 3, 3, 2]).Astype(DType.Float32);

    [Fact]
    public void Transposed_kernel_matches_torch_conv_transpose2d()
    {
        // torch: conv_transpose2d(x, w, stride=(2, 1), padding=(1, 0), dilation=(1, 2), output_padding=(1, 0)), whose
        // padding in JAX's terms is (dilated kernel - 1 - padding) low and that plus output_padding high.
        var y = Lax.ConvTranspose(Input(), TorchWeight(), [2, 1], [(1, 2), (2, 2)], rhsDilation: [1, 2], dimensionNumbers: Nchw,
            transposeKernel: true);
        double[] torch =
        [
            -6, 6, -2, 3, 1, 1, 1, -9, -8, 16, 3, 11, -5, -5, -2, -4, -5, 7, -2, 1, 1, 3, 4, -14, -13, 16, 2, 9, 2, 0, -1, -3, -5, 1,
            -6, 1, 2, -2, -1, -14, -5, 9, 6, 4, 3, 1, -1, 1, 1, -4, -2, 1, 2, 3, -2, -3, -6, 1, -5, -3, -1, 0, 2, 9, 2, 16, -13, -14,
            4, 3, 1, 1, -2, 7, -5, -4, -2, -5, -5, 11, 3, 16, -8, -9, 1, 1, 1, 3, -2, 6, -6, -5, -5, -1, -2, 11, 1, 7, 1, 1, -3, -1,
            1, 2, 4, 1, 0, -5, -5, -5, -1, 0, -6, -4, 7, 1, 2, -1, -2, 7, -8, -14, 11, 1, 3, 1, 4, 6, -9, -8, 7, 1, 0, 2, 1, 6, -11,
            -14, 7, -2, 0, 2, 3, 4, -9, -4, 9, 4, 3, 5, 2, 6, -3, -5, -4, -2, 1, 2, 3, -2, -3, -4, -3, 4, 3, 2, 0, -2,
        ];
        Values(torch, y, shape: [1, 3, 8, 7]);
        var jitted = Jax.Jit((NDArray a, NDArray b) => Lax.ConvTranspose(a, b, [2, 1], [(1, 2), (2, 2)], [1, 2], Nchw, true))(Input(), TorchWeight());
        Values(torch, jitted);
    }

    [Fact]
    public void Same_and_valid_padding_give_jax_output_sizes_in_the_default_channels_last_layout()
    {
        var x = Jnp.Ones([2, 4, 5, 3]);
        var kernel = Jnp.Ones([3, 2, 3, 6]);
        Assert.Equal([2, 8, 5, 6], Lax.ConvTranspose(x, kernel, [2, 1], "SAME").Shape);
        Assert.Equal([2, 9, 6, 6], Lax.ConvTranspose(x, kernel, [2, 1], "VALID").Shape);
        // Stride 1, SAME: every output sees the whole 3x2 window of ones where it fits, 3 channels deep.
        var same = Lax.ConvTranspose(Jnp.Ones([1, 3, 3, 1]), Jnp.Ones([3, 3, 1, 1]), [1, 1], "SAME");
        Values([4, 6, 4, 6, 9, 6, 4, 6, 4], same, shape: [1, 3, 3, 1]);
    }

    [Fact]
    public void Kernel_gradient_matches_finite_differences()
    {
        var x = Input() * 0.1f;
        NDArray Loss(NDArray w) => Jnp.Sum(Jnp.Tanh(Lax.ConvTranspose(x, w, [2, 1], "SAME", dimensionNumbers: Nchw, transposeKernel: true)));
        var w0 = TorchWeight() * 0.1f;
        var grad = Jax.Grad(Loss)(w0).ToArray<float>();
        var host = w0.ToArray<float>();
        const float step = 1e-2f;
        foreach (var i in new[] { 0, 7, 20, 35 })
        {
            var up = (float[])host.Clone();
            var down = (float[])host.Clone();
            up[i] += step;
            down[i] -= step;
            var difference = (Loss(Jnp.FromHost<float>(up, w0.Shape)).Item<float>() - Loss(Jnp.FromHost<float>(down, w0.Shape)).Item<float>()) / (2 * step);
            Assert.True(Math.Abs(difference - grad[i]) < 1e-2 * (1 + Math.Abs(grad[i])), $"entry {i}: {difference} vs {grad[i]}");
        }
    }

    [Fact]
    public void General_padding_is_conv_general_dilated_in_nchw()
    {
        var kernel = Jnp.Reshape(Jnp.Arange(3 * 2 * 2 * 2) % 3, [3, 2, 2, 2]).Astype(DType.Float32);
        var expected = Lax.ConvGeneralDilated(Input(), kernel, [1, 2], [(1, 0), (0, 1)], [2, 1], [1, 1]);
        var actual = Lax.ConvWithGeneralPadding(Input(), kernel, [1, 2], [(1, 0), (0, 1)], lhsDilation: [2, 1]);
        Assert.Equal(expected.Shape, actual.Shape);
        Assert.Equal(expected.ToArray<float>(), actual.ToArray<float>());
    }

    [Fact]
    public void Bad_geometry_is_refused()
    {
        var x = Jnp.Ones([1, 4, 4, 3]);
        Assert.Throws<ArgumentException>(() => Lax.ConvTranspose(x, Jnp.Ones([3, 3, 3, 2]), [1, 1], "FULL"));
        Assert.Throws<ShapeException>(() => Lax.ConvTranspose(x, Jnp.Ones([3, 3, 2]), [1, 1], "SAME"));
        Assert.Throws<ShapeException>(() => Lax.ConvTranspose(x, Jnp.Ones([3, 3, 3, 2]), [1], "SAME"));
        Assert.Throws<ShapeException>(() => Lax.ConvTranspose(x, Jnp.Ones([3, 3, 3, 2]), [1, 1], [(0, 0)]));
        Assert.ThrowsAny<Exception>(() => Lax.ConvTranspose(x, Jnp.Ones([3, 3, 5, 2]), [1, 1], "SAME"));
    }
}
