namespace JaxNet.Tests.Lowering;

/// <summary>
/// A pending fusion group's values are inlined into a kernel's prologue or epilogue only when that runs over the
/// group's own shape. In the vmapped pullback below a group of shape [2,1,25] is read by a reduction's epilogue over
/// [1,2,25] through a load that visits it in order (the shapes differ only by where the size-1 dimension sits);
/// inlining the group's expression there read its inputs with [2,1,25] strides over [1,2,25] points, which the cpu
/// backend refused as reading past a buffer (fuzzer float32 derivative seeds 447 and 499).
/// </summary>
public class PendingGroupIndexSpaceTests
{
    private static NDArray[] Program(NDArray[] xs)
    {
        var ys = Jax.Lax.Scan((c, _) =>
        {
            var t = Jax.Lax.ErfInv(Jax.Lax.Mul(Jax.Lax.Tanh(c[0]), Jnp.Scalar(0.875f)));
            return ([t], [t]);
        }, [xs[1]], [xs[0]], reverse: true).Ys[0];                                        // [1,25]
        var max = Jax.Lax.BroadcastInDim(Jax.Lax.ReduceMax(ys, [0]), [1, 25], [1]);
        return [Jax.Lax.ReduceSum(Jax.Lax.Exp(Jax.Lax.Sub(ys, max)), [0])];
    }

    private static NDArray[] Pullback(NDArray[] args)
    {
        var (_, pullback) = Jax.VjpN(Program, args[..2]);
        return pullback([args[2]]);
    }

    [Fact]
    public void AnEpilogueOverAnotherShapeReadsTheGroupsBufferNotItsExpression()
    {
        var random = new Random(3);
        NDArray Values(params int[] shape) =>
            Jnp.Array(Enumerable.Range(0, shape.Aggregate(1, (p, e) => p * e)).Select(_ => (float)random.NextDouble() - 0.5f).ToArray()).Reshape(shape);
        NDArray[] args = [Values(2, 1, 25), Values(25), Values(2, 25)];
        var vmapped = Jax.Vmap(Pullback, [0, null, 0], [0, 0]);
        var eager = vmapped(args);
        var jitted = Jax.Jit(vmapped, arity: 3)(args);
        for (var r = 0; r < 2; r++)
        {
            Assert.Equal(eager[r].Shape, jitted[r].Shape);
            var (e, j) = (eager[r].ToArray<float>(), jitted[r].ToArray<float>());
            for (var i = 0; i < e.Length; i++) Assert.Equal(e[i], j[i], 4);
        }
    }
}
