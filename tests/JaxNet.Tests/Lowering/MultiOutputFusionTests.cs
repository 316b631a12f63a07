using JaxNet.Abstractions.Kernels;
using JaxNet.Lowering;

namespace JaxNet.Tests.Lowering;

/// <summary>
/// Multi-output fusion in the lowering: elementwise values of one shape, shared by several consumers, become one
/// kernel that writes only what other kernels read or the program returns. Each case checks the kernel count
/// and that the fused program computes what eager execution (one kernel per primitive, unfused) computes.
/// </summary>
public class MultiOutputFusionTests
{
    private static NDArray Vector(int n, int seed)
    {
        var rng = new Random(seed);
        return Jnp.Array(Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray());
    }

    private static void AssertClose(NDArray expected, NDArray actual, float tolerance = 1e-6f)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var e = expected.ToArray<float>();
        var a = actual.ToArray<float>();
        for (var i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - a[i]) <= tolerance * Math.Max(1, Math.Abs(e[i])), $"element {i}: eager {e[i]}, jit {a[i]}");
    }

    private static NDArray Chain(NDArray x)
    {
        var y = x;
        for (var i = 0; i < 42; i++) y = Jnp.Tanh(y) * 0.9f + 0.1f;
        return Jnp.Sum(y);
    }

    [Fact]
    public void GradOfAnElementwiseChainKeepsOneTanhPerKernel()
    {
        var x = Vector(1000, 1);
        var grad = Jax.Jit(Jax.Grad(Chain));
        var module = grad.Lower(x).Module;
        // On the cpu backend a kernel with two tanh runs slower than two kernels (FusionBudget), so the forward
        // pass stays one kernel per tanh (42), each writing the tanh value the backward pass reads; the backward
        // pass, arithmetic on 42 of them, takes two kernels of at most FusionBudget.MaxBuffers buffers.
        Assert.Equal(44, module.Kernels.Count);
        var kernels = module.Kernels.Cast<ElementwiseKernel>().ToArray();
        Assert.All(kernels, k => Assert.True(k.Program.Nodes.Count(n => n is UnaryNode { Op: UnaryOp.Tanh }) <= 1));
        Assert.All(kernels, k =>
            Assert.True(k.Inputs.Select(i => i.Buffer).Distinct().Count() + k.Outputs.Count <= FusionBudget.MaxBuffers));
        AssertClose(Jax.Grad(Chain)(x), grad(x), 1e-5f);
    }

    [Fact]
    public void LongSingleUseChainIsSplitAtTheBudget()
    {
        // 42 x (tanh, *0.9, +0.1) with no value shared: each tanh starts a new program, and its arithmetic joins it.
        static NDArray Forward(NDArray x)
        {
            var y = x;
            for (var i = 0; i < 42; i++) y = Jnp.Tanh(y) * 0.9f + 0.1f;
            return y;
        }
        var x = Vector(1000, 13);
        var f = Jax.Jit(Forward);
        var module = f.Lower(x).Module;
        Assert.Equal(42, module.Kernels.Count);
        Assert.All(module.Kernels, k => Assert.Single(((ElementwiseKernel)k).Program.Nodes, n => n is UnaryNode { Op: UnaryOp.Tanh }));
        AssertClose(Forward(x), f(x), 1e-5f);
    }

    [Fact]
    public void CheapChainStaysOneKernel()
    {
        // 100 arithmetic ops, every intermediate used twice: one kernel, one output (unfused: 50 kernels).
        static NDArray F(NDArray x)
        {
            var (a, b) = (x, x * 0.5f);
            for (var i = 0; i < 25; i++) (a, b) = (a * 0.99f + b, b - a * 0.01f);
            return a + b;
        }
        var x = Vector(1000, 15);
        var f = Jax.Jit(F);
        var kernel = Assert.IsType<ElementwiseKernel>(Assert.Single(f.Lower(x).Module.Kernels));
        Assert.Single(kernel.Outputs);
        AssertClose(F(x), f(x), 1e-5f);
    }

    [Fact]
    public void DiamondWithAValueUsedTwiceIsOneKernelWithOneOutput()
    {
        // x -> a -> b, and a + b: a has two consumers, both in the group, so it never reaches memory.
        static NDArray Diamond(NDArray x)
        {
            var a = Jnp.Tanh(x) * 3f;
            var b = Jnp.Exp(a);
            return a + b;
        }
        var x = Vector(257, 2);
        var f = Jax.Jit(Diamond);
        var module = f.Lower(x).Module;
        var kernel = Assert.IsType<ElementwiseKernel>(Assert.Single(module.Kernels));
        Assert.Single(kernel.Outputs);
        Assert.Equal(BufferRole.Result, module.Buffers[kernel.Outputs[0]].Role);
        AssertClose(Diamond(x), f(x));
    }

    [Fact]
    public void ValueReadByAReductionIsRecomputedInItsPrologue()
    {
        // a feeds the elementwise result and a reduction: the reduction's prologue recomputes a, so a is never
        // written and the group's only output is a + b.
        static NDArray[] Both(NDArray[] args)
        {
            var a = Jnp.Exp(args[0]) * 0.5f;
            var b = Jnp.Log1p(a);
            return [a + b, Jnp.Max(a)];
        }
        var x = Vector(300, 3);
        var f = Jax.Jit(Both, arity: 1);
        var module = f.JitInfo().Lower([x]).Module;
        Assert.Equal(2, module.Kernels.Count);
        var reduction = Assert.Single(module.Kernels.OfType<ReductionKernel>());
        Assert.Contains(reduction.Prologue.Nodes, n => n is UnaryNode { Op: UnaryOp.Exp });
        var group = Assert.Single(module.Kernels.OfType<ElementwiseKernel>());
        Assert.Equal(BufferRole.Result, module.Buffers[Assert.Single(group.Outputs)].Role);
        var eager = Both([x]);
        var jitted = f([x]);
        AssertClose(eager[0], jitted[0]);
        AssertClose(eager[1], jitted[1]);
    }

    [Fact]
    public void ValueTooDearToRecomputeIsWrittenOnceBesideTheGroupsResult()
    {
        // With a tanh, a is over what a prologue may recompute: the group writes a (for the reduction) and a + b
        // in one kernel.
        static NDArray[] Both(NDArray[] args)
        {
            var a = Jnp.Tanh(args[0]) * 3f;
            var b = a * a - a;
            return [a + b, Jnp.Max(a)];
        }
        var x = Vector(300, 3);
        var f = Jax.Jit(Both, arity: 1);
        var module = f.JitInfo().Lower([x]).Module;
        Assert.Equal(2, module.Kernels.Count);
        var group = Assert.IsType<ElementwiseKernel>(module.Kernels[0]);
        Assert.Equal(2, group.Outputs.Count);
        Assert.IsType<ReductionKernel>(module.Kernels[1]);
        var eager = Both([x]);
        var jitted = f([x]);
        AssertClose(eager[0], jitted[0]);
        AssertClose(eager[1], jitted[1]);
    }

    [Fact]
    public void SoftmaxGradientComputesItsExpOnceWithoutAnElementwiseKernel()
    {
        // exp(x - max) is read by its row sum and by the gradient's elementwise work.
        static NDArray Loss(NDArray x) => Jnp.Sum(Jax.Nn.LogSoftmax(x) * Jax.Lax.ConvertElementType(Jnp.Arange(10), DType.Float32));
        var x = Vector(80, 14).Reshape([8, 10]);
        var grad = Jax.Jit(Jax.Grad(Loss));
        var module = grad.Lower(x).Module;
        // The max's epilogue computes exp and stores it for both readers: the row sum and the epilogue that forms the
        // gradient. Unfused, one elementwise kernel wrote it; with the max differentiated, a fourth kernel
        // counted its ties.
        var exps = module.Kernels.SelectMany(k => k.Programs()).Count(p => p.Nodes.Any(n => n is UnaryNode { Op: UnaryOp.Exp }));
        Assert.True(exps == 1, module.ToText());
        Assert.Empty(module.Kernels.OfType<ElementwiseKernel>());
        Assert.Equal(3, module.Kernels.Count);
        AssertClose(Jax.Grad(Loss)(x), grad(x), 1e-5f);
    }

    [Fact]
    public void ValueReadThroughATransposeIsEmittedBeforeItsReader()
    {
        // a + a.T reads a at other points than its own, so a is written by one kernel and read by the next.
        static NDArray F(NDArray x)
        {
            var a = Jnp.Sin(x) * Jnp.Cos(x);
            return a + Jnp.Transpose(a) * a;
        }
        var x = Vector(36, 4).Reshape([6, 6]);
        var f = Jax.Jit(F);
        var module = f.Lower(x).Module;
        Assert.Equal(2, module.Kernels.Count);
        Assert.All(module.Kernels, k => Assert.IsType<ElementwiseKernel>(k));
        AssertClose(F(x), f(x));
    }

    [Fact]
    public void SharedValuesOfSeveralShapesAndResultsAgreeWithEager()
    {
        // Two groups (shapes [8] and [4, 8]) with a broadcast between them, a value that is also a result, and
        // the same value returned twice.
        static NDArray[] F(NDArray[] args)
        {
            var (v, m) = (args[0], args[1]);
            var a = Jnp.Tanh(v) + 1f;
            var c = Jnp.Exp(m * a) - Jnp.Log(a);
            var d = c * c + Jnp.Sin(c);
            return [a, d, a * a, Jnp.Sum(d, 0) + a];
        }
        var v = Vector(8, 5);
        var m = Vector(32, 6).Reshape([4, 8]);
        var f = Jax.Jit(F, arity: 2);
        var eager = F([v, m]);
        var jitted = f([v, m]);
        for (var i = 0; i < eager.Length; i++) AssertClose(eager[i], jitted[i], 1e-5f);
    }

    [Fact]
    public void TransposedWeightGradientTakesTheUpdateAsItsEpilogue()
    {
        // w - lr * (a^T b)^T, as an SGD step writes it: the product is computed transposed (b^T a) and the update
        // runs on its tile, so there is neither a transpose pass nor an update pass.
        static NDArray Step(NDArray w, NDArray a, NDArray b) =>
            w - 0.1f * Jnp.Transpose(Jax.Lax.DotGeneral(a, b, ([0], [0])));
        var w = Vector(35, 7).Reshape([7, 5]);
        var a = Vector(15, 8).Reshape([3, 5]);
        var b = Vector(21, 9).Reshape([3, 7]);
        var f = Jax.Jit(Step);
        var module = f.Lower(w, a, b).Module;
        var kernel = Assert.IsType<ContractionKernel>(Assert.Single(module.Kernels));
        Assert.NotNull(kernel.Epilogue);
        AssertClose(Step(w, a, b), f(w, a, b), 1e-5f);
    }

    [Fact]
    public void CheapValueReadByTwoContractionsIsWrittenOnce()
    {
        // relu(k) is cheap enough to recompute inside elementwise consumers, but two contractions need it in
        // memory: one group writes k and relu(k) once, for both of them.
        static NDArray[] F(NDArray[] args)
        {
            var k = Jnp.Tanh(args[0]);
            var l = Jnp.Maximum(k, 0f);
            return [Jnp.Matmul(l, args[1]), Jnp.Matmul(l, args[2]), k * 2f];
        }
        var x = Vector(24, 10).Reshape([4, 6]);
        var w1 = Vector(18, 11).Reshape([6, 3]);
        var w2 = Vector(12, 12).Reshape([6, 2]);
        var f = Jax.Jit(F, arity: 3);
        var module = f.JitInfo().Lower([x, w1, w2]).Module;
        Assert.Equal(4, module.Kernels.Count);
        var group = Assert.IsType<ElementwiseKernel>(module.Kernels[0]);
        Assert.Equal(2, group.Outputs.Count);
        Assert.Equal(2, module.Kernels.Count(k => k is ContractionKernel));
        var eager = F([x, w1, w2]);
        var jitted = f([x, w1, w2]);
        for (var i = 0; i < eager.Length; i++) AssertClose(eager[i], jitted[i], 1e-5f);
    }
}
