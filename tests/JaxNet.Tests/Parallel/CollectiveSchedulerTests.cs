using JaxNet.Core;
using JaxNet.Parallel;

namespace JaxNet.Tests.Parallel;

/// <summary>How a pmapped program's collectives are ordered and combined before it is compiled.</summary>
public class CollectiveSchedulerTests(FourCpuDevices cpu) : IClassFixture<FourCpuDevices>
{
    private static ClosedJaxpr Trace(Func<NDArray, NDArray[]> f, int[] shape)
    {
        using (AxisEnv.Bind("i", 4))
            return Tracing.ToJaxpr(a => f(a[0]), [new ShapedArray(shape, DType.Float32)], "pmap", "test");
    }

    private static JaxprEqn[] Collectives(ClosedJaxpr j) => j.Jaxpr.Eqns.Where(e => e.Primitive is CollectivePrimitive).ToArray();

    [Fact]
    public void IndependentPsumsBecomeOneAfterAllTheComputeTheyNeed()
    {
        // Three gradients-like values, each psum'd and then used: three meetings become one.
        var traced = Trace(x => [Jax.Lax.Psum(Jnp.Sin(x), "i") * 2f, Jax.Lax.Psum(Jnp.Cos(x), "i") + 1f, Jax.Lax.Psum(x * x, "i")], [3]);
        Assert.Equal(3, Collectives(traced).Length);
        var scheduled = CollectiveScheduler.Schedule(traced);
        var psum = Assert.Single(Collectives(scheduled));
        Assert.Equal(3, psum.Inputs.Length);
        // Everything the psum reads comes before it, everything that reads it after.
        var at = Array.IndexOf(scheduled.Jaxpr.Eqns, psum);
        Assert.Equal(3, at);
        Assert.All(scheduled.Jaxpr.Eqns[(at + 1)..], e => Assert.Contains(e.Inputs, a => psum.Outputs.Contains(a)));
    }

    [Fact]
    public void APsumOfAPsumStaysASecondMeetingAndOtherReductionsStayApart()
    {
        var traced = Trace(x =>
        {
            var s = Jax.Lax.Psum(x, "i");
            return [Jax.Lax.Psum(s * s, "i"), Jax.Lax.Pmax(x, "i"), Jax.Lax.Psum(Jnp.Exp(x), "i")];
        }, [2]);
        var scheduled = Collectives(CollectiveScheduler.Schedule(traced));
        // Stage 0: psum(x, exp x) combined and pmax(x) apart; stage 1: psum(s*s).
        Assert.Equal(["psum", "pmax", "psum"], scheduled.Select(e => e.Primitive.Name));
        Assert.Equal([2, 1, 1], scheduled.Select(e => e.Inputs.Length));
    }

    [Fact]
    public void AxisIndexGoesFirst()
    {
        var traced = Trace(x => [Jax.Lax.Psum(x, "i") + Jax.Lax.Psum(x * 2f, "i") * Jax.Lax.AxisIndex("i").Astype(DType.Float32)], [2]);
        Assert.IsType<AxisIndexPrimitive>(CollectiveScheduler.Schedule(traced).Jaxpr.Eqns[0].Primitive);
    }

    [Fact]
    public void CombinedPsumsOfSeveralDtypesGiveEachItsSum()
    {
        var rows = Jnp.Arange(8).Astype(DType.Float32).Reshape([4, 2]);
        var results = Jax.PmapN(a => [Jax.Lax.Psum(a[0], "i"), Jax.Lax.Psum(a[0].Astype(DType.Int32) * 3, "i"), Jax.Lax.Psum(a[0] > 3f, "i")],
            [0], "i", cpu.Devices)([rows]);
        Assert.Equal(Enumerable.Repeat(new[] { 12f, 16f }, 4).SelectMany(x => x), results[0].ToArray<float>());
        Assert.Equal(Enumerable.Repeat(new[] { 36, 48 }, 4).SelectMany(x => x), results[1].ToArray<int>());
        Assert.Equal(Enumerable.Repeat(new[] { 2, 2 }, 4).SelectMany(x => x), results[2].ToArray<int>());
    }

    [Fact]
    public void AProgramWithOneCollectiveIsLeftAsItIs()
    {
        var traced = Trace(x => [Jax.Lax.Psum(x, "i") * 2f], [2]);
        Assert.Same(traced, CollectiveScheduler.Schedule(traced));
    }
}
