using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Transforms;

/// <summary>Vmap of control flow against a loop of single calls, with batched and unbatched predicates and operands.</summary>
public class ControlFlowVmapTests
{
    private static void AssertClose(NDArray expected, NDArray actual, float tolerance = 1e-5f)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var (e, a) = (Jnp.Astype(expected, DType.Float32).ToArray<float>(), Jnp.Astype(actual, DType.Float32).ToArray<float>());
        for (var i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - a[i]) <= tolerance * (1 + Math.Abs(e[i])), $"element {i}: expected {e[i]}, got {a[i]}");
    }

    private static NDArray Row(NDArray x, int i) => Lax.Squeeze(Lax.SliceInDim(x, i, i + 1), [0]);

    /// <summary>f vmapped over the arguments flagged in <paramref name="mapped"/> (axis 0) against stacking single calls.</summary>
    private static void CheckAgainstLoop(Func<NDArray, NDArray, NDArray> f, NDArray a, NDArray b, bool mapA, bool mapB, int size)
    {
        var vmapped = Jax.Vmap(f, [mapA ? 0 : null, mapB ? 0 : null]);
        var expected = Jnp.Stack(Enumerable.Range(0, size).Select(i => f(mapA ? Row(a, i) : a, mapB ? Row(b, i) : b)).ToArray(), 0);
        AssertClose(expected, vmapped(a, b));
        AssertClose(expected, Jax.Jit(vmapped)(a, b));
    }

    private static NDArray Floats(params float[] values) => Jnp.FromHost<float>(values, [values.Length]);

    [Fact]
    public void CondWithBatchedAndUnbatchedPredicates()
    {
        static NDArray F(NDArray p, NDArray x) => Lax.Cond(p, v => v * 2f, v => v - 1f, x);
        var preds = Jnp.FromHost<bool>([true, false, true], [3]);
        var xs = Jnp.Reshape(Jnp.Arange(0.0, 6.0, 1.0, DType.Float32), [3, 2]);
        CheckAgainstLoop(F, preds, xs, true, true, 3);
        CheckAgainstLoop(F, preds, Jnp.Array(5f), true, false, 3);
        CheckAgainstLoop(F, Jnp.Array(false), xs, false, true, 3);
    }

    [Fact]
    public void SwitchWithABatchedIndexClampsPerElement()
    {
        static NDArray F(NDArray i, NDArray x) => Lax.Switch(i, [v => v + 1f, v => v * 10f, v => -v], x);
        var index = Jnp.FromHost<int>([0, 1, 2, -3, 9], [5]);
        CheckAgainstLoop(F, index, Floats(1, 2, 3, 4, 5), true, true, 5);
        CheckAgainstLoop(F, index, Jnp.Array(2f), true, false, 5);
    }

    [Fact]
    public void WhileWithABatchedPredicateRunsEachElementToItsOwnEnd()
    {
        static NDArray F(NDArray x, NDArray limit) => Lax.WhileLoop(v => v <= limit, v => v * 2f, x);
        CheckAgainstLoop(F, Floats(1, 3, 2000, 0.5f), Jnp.Array(1000f), true, false, 4);
        CheckAgainstLoop(F, Jnp.Array(1f), Floats(10, 100, 1000), false, true, 3);
        CheckAgainstLoop(F, Floats(1, 3, 7), Floats(10, 100, 1000), true, true, 3);
        var doubled = Jax.Vmap((NDArray x) => F(x, Jnp.Array(1000f)))(Floats(1, 3, 2000));
        AssertClose(Floats(1024, 1536, 2000), doubled);
    }

    [Fact]
    public void WhileWithAnUnbatchedPredicateAndBatchedCarry()
    {
        // The counter (and so the predicate) is the same for every element; only the accumulated value is batched.
        static NDArray F(NDArray x, NDArray n) => Lax.ForiLoop(Jnp.Array(0), n, (i, acc) => acc * 2f + x, Jnp.Zeros([2]));
        CheckAgainstLoop(F, Jnp.Reshape(Jnp.Arange(0.0, 6.0, 1.0, DType.Float32), [3, 2]), Jnp.Array(4), true, false, 3);
        CheckAgainstLoop(F, Floats(1, 2), Jnp.FromHost<int>([0, 3, 5], [3]), false, true, 3);
    }

    [Fact]
    public void ScanAndForiLoopWithBatchedCarriesAndXs()
    {
        static NDArray F(NDArray init, NDArray xs)
        {
            var (c, ys) = Lax.Scan((c, x) => (c * 0.5f + x, Jnp.Sin(c)), init, xs);
            return ys + c;
        }
        var inits = Floats(1, 2, 3);
        var xs = Jnp.Reshape(Jnp.Arange(0.0, 12.0, 1.0, DType.Float32), [3, 4]);
        CheckAgainstLoop(F, inits, xs, true, true, 3);
        CheckAgainstLoop(F, inits, Floats(1, 1, 2, 3), true, false, 3);
        CheckAgainstLoop(F, Jnp.Array(0.5f), xs, false, true, 3);
        static NDArray G(NDArray x, NDArray y) => Lax.ForiLoop(0, 5, (i, acc) => acc + x * Lax.ConvertElementType(i, DType.Float32), y);
        CheckAgainstLoop(G, Floats(1, 2, 3), Jnp.Array(1f), true, false, 3);
    }

    [Fact]
    public void MapUnderVmap()
    {
        static NDArray F(NDArray xs, NDArray scale) => Lax.Map(r => Jnp.Sum(r * scale), xs);
        var xs = Jnp.Reshape(Jnp.Arange(0.0, 24.0, 1.0, DType.Float32), [2, 3, 4]);
        CheckAgainstLoop(F, xs, Jnp.Array(2f), true, false, 2);
        CheckAgainstLoop(F, Row(xs, 0), Floats(1, 2), false, true, 2);
    }
}
