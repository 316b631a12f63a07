namespace JaxNet.Bench.Workloads;

/// <summary>
/// The cost of a loop step itself: a jitted <c>fori_loop</c> of 10,000 steps whose body adds 1 to eight floats, so
/// nearly all the time is the host's work per step (running the body's program and launching its one kernel). The
/// peers run <c>a = a + 1</c> from a Python loop, their form of a loop the compiler cannot see.
/// </summary>
internal sealed class JitLoopStepWorkload : FrontendWorkload
{
    private const int Steps = 10_000;

    public override string Title => "fori_loop of a + 1 on 8 floats, 10,000 steps (jit)";

    public override string PeerKey => "fori_add_10k";

    public override Unit Unit => Unit.Milliseconds;

    protected override string Implementation => "JaxNet (jit)";

    protected override (Action, Func<string>, NDArray[]) Prepare()
    {
        var start = Jnp.Zeros([8]);
        var f = Jax.Jit((NDArray x) => Jax.Lax.ForiLoop(0, Steps, (_, a) => a + 1f, x));
        return (() => Disposed(f(start)), () =>
        {
            using var result = f(start);
            foreach (var v in result.ToArray<float>())
                if (v != Steps) throw new ResultMismatchException($"loop step: got {v}, expected {Steps}");
            return $"every element is {Steps}; {KernelCount(f.Lower(start))}";
        }, [start]);
    }
}
