namespace JaxNet.Bench.Workloads;

/// <summary>
/// A 1024 x 1024 float32 matrix filled row by row in a jitted <c>fori_loop</c> of <c>dynamic_update_slice</c>
/// (row i := i * ones): the loop's carry is updated in place, so each of the 1024 steps writes one 4 KB row, not a
/// copy of the 4 MB matrix. The peers write the rows into a preallocated array from a Python loop
/// (<c>m[i, :] = i</c>), which is their in-place form of the same program.
/// </summary>
internal sealed class JitLoopUpdateWorkload : FrontendWorkload
{
    private const int N = 1024;

    public override string Title => "fori_loop of dynamic_update_slice, 1024 rows of 1024 (jit)";

    public override string PeerKey => "fori_update_rows_1024";

    public override Unit Unit => Unit.Milliseconds;

    protected override string Implementation => "JaxNet (jit)";

    protected override (Action, Func<string>, NDArray[]) Prepare()
    {
        var start = Jnp.Zeros([N, N]);
        var f = Jax.Jit((NDArray m) => Jax.Lax.ForiLoop(0, N, (i, a) =>
            Jax.Lax.DynamicUpdateSlice(a, Jnp.Ones([1, N]) * i.Astype(DType.Float32), [i, Jnp.Array(0)]), m));
        return (() => Disposed(f(start)), () =>
        {
            using var result = f(start);
            var values = result.ToArray<float>();
            for (var i = 0; i < N * N; i += 7919)
                if (values[i] != i / N)
                    throw new ResultMismatchException($"loop update: out[{i / N},{i % N}] = {values[i]}, expected {i / N}");
            return $"sampled elements match; {KernelCount(f.Lower(start))}";
        }, [start]);
    }
}
