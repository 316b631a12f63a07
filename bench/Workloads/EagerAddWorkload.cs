namespace JaxNet.Bench.Workloads;

/// <summary>Eager <c>x + y</c> on 8 float32 values: the frontend's whole per-op cost (dispatch, output, launch).</summary>
internal sealed class EagerAddWorkload : FrontendWorkload
{
    private const int Size = 8;

    public override string Title => "eager x + y, 8 floats";

    public override string PeerKey => "eager_add_8";

    public override Unit Unit => Unit.Nanoseconds;

    protected override string Implementation => "JaxNet (eager)";

    protected override (Action, Func<string>, NDArray[]) Prepare()
    {
        var (a, b) = (Uniform(Size, 41), Uniform(Size, 42));
        var (x, y) = (Jnp.Array(a), Jnp.Array(b));
        return (() => Disposed(x + y), () =>
        {
            using var result = x + y;
            var sum = result.ToArray<float>();
            for (var i = 0; i < Size; i++)
                if (sum[i] != a[i] + b[i]) throw new ResultMismatchException($"eager x + y: [{i}] = {sum[i]}, expected {a[i] + b[i]}");
            return "exact";
        }, [x, y]);
    }
}
