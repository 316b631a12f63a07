using JaxNet.Bench.Limits;

namespace JaxNet.Bench.Workloads;

/// <summary>
/// <c>Jax.Jit((w, p) =&gt; w[:, None] * p)</c>: a million 3-vectors (points, say) each scaled by its own weight. The
/// kernel's rows are three elements long and the weight is broadcast along them, so the loop runs along the
/// million instead (strided loads and stores) rather than a million calls of three points.
/// </summary>
internal sealed class JitRowScaleWorkload : FrontendWorkload
{
    private const int Rows = 1_000_000;

    public override string Title => "w[:, None] * p, 1M x 3 (jit)";

    public override string PeerKey => "row_scale_1m_x_3";

    public override Unit Unit => Unit.Milliseconds;

    protected override string Implementation => "JaxNet (jit)";

    /// <summary>16 MB read and 12 MB written at the STREAM triad's bandwidth.</summary>
    public override Limit? LimitFrom(RooflineFigures roofline) =>
        roofline.TriadGBs is { } gbs ? new Limit(28.0 * Rows / (gbs * 1e9) * 1e3, "28 MB moved at the triad bandwidth") : null;

    protected override (Action, Func<string>, NDArray[]) Prepare()
    {
        var (a, b) = (Uniform(Rows, 43), Uniform(3 * Rows, 44));
        var (w, p) = (Jnp.Array(a), Jnp.Array(b).Reshape([Rows, 3]));
        var f = Jax.Jit((NDArray u, NDArray v) => u.Reshape([Rows, 1]) * v);
        return (() => Disposed(f(w, p)), () =>
        {
            using var result = f(w, p);
            var values = result.ToArray<float>();
            for (var i = 0; i < 3 * Rows; i += 7919)
                if (values[i] != a[i / 3] * b[i])
                    throw new ResultMismatchException($"row scale: out[{i / 3},{i % 3}] = {values[i]}, expected {a[i / 3] * b[i]}");
            return $"sampled elements match; {KernelCount(f.Lower(w, p))}";
        }, [w, p]);
    }
}
