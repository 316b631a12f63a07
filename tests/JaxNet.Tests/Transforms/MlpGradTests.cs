using JaxNet.Abstractions.Kernels;

namespace JaxNet.Tests.Transforms;

/// <summary>The MNIST sample's model: a 784-512-512-10 MLP with softmax cross-entropy, differentiated and jitted.</summary>
public class MlpGradTests
{
    private static readonly int[] Sizes = [784, 512, 512, 10];

    private static NDArray[] Parameters(DType dtype, int seed)
    {
        var rng = new Random(seed);
        var result = new List<NDArray>();
        for (var l = 0; l < 3; l++)
        {
            var (fanIn, fanOut) = (Sizes[l], Sizes[l + 1]);
            var scale = Math.Sqrt(2.0 / fanIn);
            result.Add(Jnp.FromHost<double>(Enumerable.Range(0, fanIn * fanOut).Select(_ => (rng.NextDouble() * 2 - 1) * scale).ToArray(),
                [fanIn, fanOut], dtype));
            result.Add(Jnp.FromHost<double>(Enumerable.Range(0, fanOut).Select(_ => (rng.NextDouble() - 0.5) * 0.1).ToArray(), [fanOut], dtype));
        }
        return [.. result];
    }

    private static (NDArray Images, NDArray Labels) Batch(int n, DType dtype)
    {
        var rng = new Random(7);
        var images = Jnp.FromHost<double>(Enumerable.Range(0, n * 784).Select(_ => rng.NextDouble()).ToArray(), [n, 784], dtype);
        var labels = Jax.Nn.OneHot(Jnp.FromHost<int>(Enumerable.Range(0, n).Select(i => (i * 3) % 10).ToArray(), [n], DType.Int32), 10, dtype);
        return (images, labels);
    }

    private static NDArray Loss(NDArray[] p, NDArray images, NDArray labels)
    {
        var h = Jax.Nn.Relu(Jnp.Matmul(images, p[0]) + p[1]);
        h = Jax.Nn.Relu(Jnp.Matmul(h, p[2]) + p[3]);
        var logits = Jnp.Matmul(h, p[4]) + p[5];
        return -Jnp.Mean(Jnp.Sum(labels * Jax.Nn.LogSoftmax(logits), -1));
    }

    [Fact]
    public void GradientsMatchFiniteDifferences()
    {
        var (images, labels) = Batch(4, DType.Float64);
        var parameters = Parameters(DType.Float64, 1);
        var count = parameters.Sum(p => p.Size);
        GradCheck.Check(p => [Loss(p, images, labels)], parameters, order: 1, modes: GradCheck.Modes.Rev, directionScale: 1 / Math.Sqrt(count));
    }

    [Fact]
    public void JitOfValueAndGradGivesTheEagerNumbers()
    {
        var (images, labels) = Batch(8, DType.Float32);
        var parameters = Parameters(DType.Float32, 2);
        var valueAndGrad = Jax.ValueAndGradN(a => Loss(a[..6], a[6], a[7]), [0, 1, 2, 3, 4, 5]);
        var (value, grads) = valueAndGrad([.. parameters, images, labels]);
        var step = Jax.Jit(a =>
        {
            var (v, g) = valueAndGrad(a);
            return [v, .. g];
        }, 8);
        var jitted = step([.. parameters, images, labels]);
        Assert.Equal((float)value, (float)jitted[0], 5);
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(parameters[i].Shape, jitted[i + 1].Shape);
            var (e, j) = (grads[i].ToArray<float>(), jitted[i + 1].ToArray<float>());
            var scale = e.Max(Math.Abs) + 1e-6f;
            for (var k = 0; k < e.Length; k++)
                Assert.True(Math.Abs(e[k] - j[k]) <= 1e-4f * scale, $"gradient {i} element {k}: eager {e[k]}, jit {j[k]}");
        }
        Assert.Contains(grads, g => g.ToArray<float>().Any(v => v != 0));
        // A second call hits the cache: the train step is traced once.
        step([.. parameters, images, labels]);
        Assert.Equal(1, step.JitInfo().TraceCount);
    }

    [Fact]
    public void TheLossIsOneReductionOverTheBatchAndTheClasses()
    {
        // -mean(sum(labels * log_softmax(logits), -1)): the row sums are read only by the mean, so both are one
        // reduction over [batch, classes], not a row-sum kernel and a kernel summing the batch's rows.
        var (images, labels) = Batch(8, DType.Float32);
        var parameters = Parameters(DType.Float32, 4);
        var step = Jax.Jit(a => [Loss(a[..6], a[6], a[7])], 8);
        var module = step.JitInfo().Lower([.. parameters, images, labels]).Module;
        var loss = Assert.Single(module.Kernels.OfType<ReductionKernel>(), r => r.OutputShape.Length == 0);
        Assert.Equal([0, 1], loss.Axes);
        Assert.Equal((float)Loss(parameters, images, labels), step([.. parameters, images, labels])[0].Item<float>(), 5);
    }

    [Fact]
    public void EachHiddenLayersReluIsItsContractionsEpilogueUnderGrad()
    {
        // Relu's derivative masks by relu(h) > 0, so the backward pass needs no pre-activation: each hidden layer is
        // one contraction computing max(xW + b, 0), and no elementwise pass computes a relu of its own.
        var (images, labels) = Batch(8, DType.Float32);
        var parameters = Parameters(DType.Float32, 3);
        var step = Jax.Jit(a =>
        {
            var (v, g) = Jax.ValueAndGradN(q => Loss(q[..6], q[6], q[7]), [0, 1, 2, 3, 4, 5])(a);
            return [v, .. g];
        }, 8);
        var module = step.JitInfo().Lower([.. parameters, images, labels]).Module;
        static bool HasMax(ScalarProgram? program) => program?.Nodes.Any(n => n is BinaryNode { Op: BinaryOp.Max }) == true;
        Assert.DoesNotContain(module.Kernels.OfType<ElementwiseKernel>(), k => HasMax(k.Program));
        Assert.Equal(2, module.Kernels.OfType<ContractionKernel>().Count(k => HasMax(k.Epilogue?.Program)));
    }
}
