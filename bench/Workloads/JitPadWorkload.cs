using JaxNet.Bench.Limits;

namespace JaxNet.Bench.Workloads;

/// <summary><c>Jax.Jit(x =&gt; Jnp.Pad(x, 1))</c> of a 2048 x 1024 float32 array: one copy kernel of a padded view, a
/// border of zeros around every row and above and below.</summary>
internal sealed class JitPadWorkload : FrontendWorkload
{
    private const int Rows = 2048;
    private const int Columns = 1024;

    public override string Title => "pad [2048,1024] f32 by 1 (jit)";

    public override string PeerKey => "pad_2m";

    public override Unit Unit => Unit.Milliseconds;

    protected override string Implementation => "JaxNet (jit)";

    /// <summary>The input read and the (slightly larger) output written, at the STREAM triad's bandwidth.</summary>
    public override Limit? LimitFrom(RooflineFigures roofline) =>
        roofline.TriadGBs is { } gbs ? new Limit(4.0 * (Rows * Columns + (Rows + 2) * (Columns + 2)) / (gbs * 1e9) * 1e3, "16.8 MB moved at the triad bandwidth") : null;

    protected override (Action, Func<string>, NDArray[]) Prepare()
    {
        var a = Uniform(Rows * Columns, 45);
        var x = Jnp.Array(a).Reshape([Rows, Columns]);
        var f = Jax.Jit((NDArray u) => Jnp.Pad(u, 1));
        return (() => Disposed(f(x)), () =>
        {
            using var result = f(x);
            var values = result.ToArray<float>();
            for (var r = 0; r < Rows + 2; r += 89)
                for (var c = 0; c < Columns + 2; c += 11)
                {
                    var inside = r >= 1 && r <= Rows && c >= 1 && c <= Columns;
                    var expected = inside ? a[(r - 1) * Columns + c - 1] : 0f;
                    if (values[r * (Columns + 2) + c] != expected)
                        throw new ResultMismatchException($"pad: out[{r},{c}] = {values[r * (Columns + 2) + c]}, expected {expected}");
                }
            return $"sampled elements match; {KernelCount(f.Lower(x))}";
        }, [x]);
    }
}
