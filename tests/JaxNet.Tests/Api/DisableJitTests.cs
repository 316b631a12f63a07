using static JaxNet.Tests.Api.Expect;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Api;

/// <summary>
/// jax.disable_jit: jitted functions run op by op and control flow on concrete values runs as C# control flow, so the
/// function bodies see concrete values (Item works, each call runs the body again) and give the jitted results.
/// </summary>
public class DisableJitTests
{
    [Fact]
    public void JitRunsItsBodyOnEveryCallAndOnConcreteValues()
    {
        var calls = 0;
        var seen = new List<float>();
        var f = Jax.Jit((NDArray x) =>
        {
            calls++;
            if (x.Tracer is null) seen.Add(x.Item<float>()); // concretization: refused while tracing
            return x * 2f + 1f;
        });
        Values([7], f(Jnp.Array(3f)));
        Values([9], f(Jnp.Array(4f)));
        Assert.Equal(1, calls); // traced once for the scalar float32 signature
        Assert.Empty(seen);
        using (Jax.DisableJit())
        {
            Values([11], f(Jnp.Array(5f)));
            Values([13], f(Jnp.Array(6f)));
        }
        Assert.Equal(3, calls);
        Assert.Equal([5f, 6f], seen);
        // The scope is over: the compiled program again, with no new trace.
        Values([15], f(Jnp.Array(7f)));
        Assert.Equal(3, calls);
    }

    [Fact]
    public void ScopesNestAndEndOnce()
    {
        var f = Jax.Jit((NDArray x) => x.Tracer is null ? x + 100f : x);
        var outer = Jax.DisableJit();
        var inner = Jax.DisableJit();
        inner.Dispose();
        inner.Dispose(); // a second dispose does not end the outer scope
        Values([101], f(Jnp.Array(1f)));
        outer.Dispose();
        Values([1], f(Jnp.Array(1f)));
    }

    [Fact]
    public void ControlFlowRunsAsCSharpWithTheSameResults()
    {
        NDArray[] Run()
        {
            var branches = new List<string>();
            var cond = Lax.Cond(Jnp.Array(2f) > 1f, x => { branches.Add("true"); return x + 1f; }, x => { branches.Add("false"); return x - 1f; }, Jnp.Array(10f));
            var sw = Lax.Switch(Jnp.Array(7), [x => x * 0f, x => x * 2f, x => x * 3f], Jnp.Array(5f)); // clamped to the last
            var steps = 0;
            var loop = Lax.WhileLoop(c => c < 10f, c => { steps++; return c * 2f; }, Jnp.Array(1f));
            var fori = Lax.ForiLoop(0, 4, (i, c) => c + Lax.ConvertElementType(i, DType.Float32), Jnp.Array(0f));
            var empty = Lax.ForiLoop(3, 3, (i, c) => c + 1f, Jnp.Array(42f));
            var (carry, ys) = Lax.Scan((c, x) => ([c[0] + x[0]], [c[0] * x[0]]), [Jnp.Array(1f)], [Jnp.Array(new[] { 1f, 2f, 3f })]);
            var (rcarry, rys) = Lax.Scan((c, x) => ([c[0] + x[0]], [c[0]]), [Jnp.Array(0f)], [Jnp.Array(new[] { 1f, 2f, 3f })], reverse: true);
            return [cond, sw, loop, fori, empty, carry[0], ys[0], rcarry[0], rys[0], Jnp.Array((float)branches.Count), Jnp.Array((float)steps)];
        }
        var staged = Run();
        NDArray[] eager;
        using (Jax.DisableJit()) eager = Run();
        for (var k = 0; k < 9; k++)
        {
            Assert.Equal(staged[k].Shape, eager[k].Shape);
            Assert.Equal(staged[k].ToArray<float>(), eager[k].ToArray<float>());
        }
        Values([11], eager[0]);
        Values([15], eager[1]);
        Values([16], eager[2]);
        Values([6], eager[3]);
        Values([42], eager[4]);
        Values([7], eager[5]);
        Values([1, 4, 12], eager[6]);
        Values([5, 3, 0], eager[8]);
        // Traced, both branches ran once each and the loop body once; without jit only the taken branch and each step.
        Values([2], staged[9]);
        Values([1], staged[10]);
        Values([1], eager[9]);
        Values([4], eager[10]);
    }

    [Fact]
    public void TransformationsStillTraceAndBadInputStillFails()
    {
        using var scope = Jax.DisableJit();
        // Under Grad the primitives are kept: the gradient of a loop is the same.
        var g = Jax.Grad((NDArray x) => Lax.ForiLoop(0, 3, (i, c) => c * x, Jnp.Array(1f)))(Jnp.Array(2f));
        Values([12], g);
        var vmapped = Jax.Vmap((NDArray x) => Lax.Cond(x.Sum() > 0f, v => v, v => -v, x))(Jnp.Array(new[,] { { 1f, 2f }, { -3f, 1f } }));
        Values([1, 2, 3, -1], vmapped, shape: [2, 2]);
        Assert.Throws<ShapeException>(() => Lax.WhileLoop(c => c, c => c + 1f, Jnp.Array(1f)));
        Assert.Throws<ArgumentException>(() => Lax.Scan((c, x) => (c, x), [Jnp.Array(0f)], [], length: 0));
    }

    [Fact]
    public void JacobianRematAndBlockUntilReadyAreJaxsOtherNames()
    {
        var f = (NDArray x) => Jnp.Sin(x) * x;
        var x = Jnp.Array(new[] { 0.5f, 1.5f });
        Assert.Equal(Jax.JacRev(f)(x).ToArray<float>(), Jax.Jacobian(f)(x).ToArray<float>());
        Assert.Equal(Jax.Grad((NDArray v) => Jnp.Sum(f(v)))(x).ToArray<float>(), Jax.Grad((NDArray v) => Jnp.Sum(Jax.Remat(f)(v)))(x).ToArray<float>());
        var tree = (x, new List<NDArray> { x * 2f }, new Dictionary<string, NDArray> { ["w"] = x + 1f });
        var same = Jax.BlockUntilReady(tree);
        Assert.Same(tree.Item2, same.Item2);
        Values([1.5, 2.5], same.Item3["w"]);
    }
}
