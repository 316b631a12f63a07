using static JaxNet.Tests.Api.Expect;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Api;

/// <summary>
/// A 2x2 max pool's gradient through jit, at the layouts a CNN's training step runs: NCHW images of 28 and 14 pixels
/// (the fused gradient kernel reads each window element at stride 2 and each cotangent twice, in periodic rows of 28
/// and 14 points) and an odd width whose last column no window covers. The cotangent goes to each window's first
/// maximum in row-major order, checked against a loop; values from {0, 1, 2} make most windows hold ties.
/// </summary>
public class MaxPoolGradientKernelTests
{
    private static NDArray Pool(NDArray x) =>
        Lax.ReduceWindow(x, Jnp.Array(float.NegativeInfinity), Lax.Max, [1, 1, 2, 2], [1, 1, 2, 2], "VALID");

    /// <summary>d/dx sum(pool(x) * w) by a loop over the windows.</summary>
    private static double[] Reference(double[] x, double[] w, int images, int height, int width)
    {
        var (rows, columns) = (height / 2, width / 2);
        var grad = new double[x.Length];
        for (var n = 0; n < images; n++)
            for (var i = 0; i < rows; i++)
                for (var j = 0; j < columns; j++)
                {
                    var best = -1L;
                    for (var a = 0; a < 2; a++)
                        for (var b = 0; b < 2; b++)
                        {
                            var at = ((long)n * height + 2 * i + a) * width + 2 * j + b;
                            if (best < 0 || x[at] > x[best]) best = at;
                        }
                    grad[best] += w[((long)n * rows + i) * columns + j];
                }
        return grad;
    }

    [Theory]
    [InlineData(2, 3, 28, 28)]
    [InlineData(3, 4, 14, 14)]
    [InlineData(2, 2, 14, 15)]
    [InlineData(1, 5, 6, 8)]
    public void The_gradient_goes_to_each_windows_first_maximum(int batch, int channels, int height, int width)
    {
        int[] shape = [batch, channels, height, width];
        var rng = new Random(height * 100 + width);
        var host = Enumerable.Range(0, batch * channels * height * width).Select(_ => (double)rng.Next(3)).ToArray();
        var pooledCount = batch * channels * (height / 2) * (width / 2);
        var weights = Enumerable.Range(0, pooledCount).Select(i => 1.0 + i % 13).ToArray();
        var x = Jnp.FromHost<double>(host, shape, DType.Float64).Astype(DType.Float32);
        var w = Jnp.FromHost<double>(weights, [batch, channels, height / 2, width / 2], DType.Float64).Astype(DType.Float32);
        var grad = Jax.Jit((NDArray v, NDArray u) => Jax.Grad((NDArray z) => Jnp.Sum(Pool(z) * u))(v));
        var expected = Reference(host, weights, batch * channels, height, width);
        Values(expected, grad(x, w), DType.Float32, shape, tol: 0);
    }
}
