using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Transforms;

/// <summary>
/// Autodiff through control flow: JVP and reverse mode (linearize + transpose) of cond, switch, scan, fori_loop with
/// static bounds and map, checked against finite differences; forward mode through while_loop and JAX's error for
/// reverse mode through it.
/// </summary>
public class ControlFlowGradTests
{
    private static NDArray D(int[] shape, int seed = 0)
    {
        var rng = new Random(seed);
        var size = shape.Aggregate(1, (a, b) => a * b);
        return Jnp.FromHost<double>(Enumerable.Range(0, size).Select(_ => rng.NextDouble() * 2 - 1).ToArray(), shape, DType.Float64);
    }

    private static NDArray D(params double[] v) => Jnp.FromHost<double>(v, [v.Length], DType.Float64);

    /// <summary>An RNN over the rows of xs: h' = tanh(W h + U x), y = sum(h'^2); returns the final h and the ys.</summary>
    private static NDArray Rnn(NDArray w, NDArray u, NDArray h0, NDArray xs)
    {
        var (h, ys) = Lax.Scan((c, x) =>
        {
            var next = Jnp.Tanh(Jnp.Matmul(w, c[0]) + Jnp.Matmul(u, x[0]));
            return ([next], [Jnp.Sum(next * next)]);
        }, [h0], [xs]);
        return Jnp.Sum(h[0] * 1.5) + Jnp.Sum(ys[0] * Jnp.Arange(1.0, 5.0, 1.0, DType.Float64));
    }

    [Fact]
    public void CondGradientsMatchFiniteDifferencesOnBothBranches()
    {
        NDArray[] F(NDArray[] a) => Lax.Cond(Jnp.Sum(a[0]) > 0, o => [Jnp.Sin(o[0]) * o[1]], o => [Jnp.Exp(o[0]) + o[1] * o[1]], [a[0], a[1]]);
        GradCheck.Check(F, [D(0.5, 0.3), D(0.2, -0.7)]);
        GradCheck.Check(F, [D(-0.5, 0.1), D(0.2, -0.7)]);
        var g = Jax.Grad(x => Lax.Cond(x > 0, v => v * v, v => -v * 3.0, x));
        Assert.Equal(4.0, g(Jnp.Array(2.0)).ToArray<double>()[0], 12);
        Assert.Equal(-3.0, g(Jnp.Array(-2.0)).ToArray<double>()[0], 12);
    }

    [Fact]
    public void ScanRnnGradientsMatchFiniteDifferences()
    {
        NDArray[] F(NDArray[] a) => [Rnn(a[0], a[1], a[2], a[3])];
        GradCheck.Check(F, [D([3, 3], 1) * 0.5, D([3, 2], 2), D([3], 3), D([4, 2], 4)]);
    }

    [Fact]
    public void ForiLoopWithStaticBoundsIsReverseDifferentiable()
    {
        NDArray F(NDArray x) => Lax.ForiLoop(0, 5, (i, c) => Jnp.Sin(c) * Lax.ConvertElementType(i + 1, DType.Float64) * 0.5 + c, x);
        GradCheck.Check(F, D(0.3, -0.8, 1.1));
    }
}
