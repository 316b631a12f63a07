namespace JaxNet.Bench.Workloads;

/// <summary>
/// The row-filling loop of <see cref="JitLoopUpdateWorkload"/> with its matrix donated (jax.jit's donate_argnums),
/// as a JAX user writes an in-place loop: <c>m = f(m)</c> gives the matrix up to the call, so the loop updates it in
/// its own buffer and no call copies 4 MB first. That is the peers' program too: they assign rows of an array they
/// allocated once.
/// </summary>
internal sealed class JitLoopUpdateDonatedWorkload : FrontendWorkload
{
    private const int N = 1024;

    public override string Title => "fori_loop of dynamic_update_slice, 1024 rows of 1024, donated (jit)";

    public override string PeerKey => "fori_update_rows_1024";

    public override Unit Unit => Unit.Milliseconds;

    protected override string Implementation => "JaxNet (jit, donated)";

    protected override (Action, Func<string>, NDArray[]) Prepare()
    {
        var f = Jax.Jit((NDArray m) => Jax.Lax.ForiLoop(0, N, (i, a) =>
            Jax.Lax.DynamicUpdateSlice(a, Jnp.Ones([1, N]) * i.Astype(DType.Float32), [i, Jnp.Array(0)]), m),
            donateArgnums: [0]);
        // The one array the calls pass along: each call consumes it and returns its successor in the same buffer.
        var state = new NDArray[] { Jnp.Zeros([N, N]) };
        return (() => state[0] = f(state[0]).BlockUntilReady(), () =>
        {
            var lowered = f.Lower(state[0]);
            state[0] = f(state[0]);
            var values = state[0].ToArray<float>();
            for (var i = 0; i < N * N; i += 7919)
                if (values[i] != i / N)
                    throw new ResultMismatchException($"donated loop update: out[{i / N},{i % N}] = {values[i]}, expected {i / N}");
            return $"sampled elements match; {KernelCount(lowered)}";
        }, state);
    }
}
