using JaxNet.Bench.Limits;

namespace JaxNet.Bench.Workloads;

/// <summary>
/// <c>Jax.Jit((x, y) =&gt; Jnp.Concatenate([x, y], 1))</c> of two 2048 x 1024 float32 arrays: each output row is
/// half one input's row and half the other's, so every kernel row reads one padded operand (the layout of
/// concatenate, pad and stack, which pmap's results use).
/// </summary>
internal sealed class JitConcatenateWorkload : FrontendWorkload
{
    private const int Rows = 2048;
    private const int Columns = 1024;

    public override string Title => "concatenate 2 x [2048,1024] on axis 1 (jit)";

    public override string PeerKey => "concatenate_2x2m";

    public override Unit Unit => Unit.Milliseconds;

    protected override string Implementation => "JaxNet (jit)";

    /// <summary>Two inputs read and one output of both written, at the STREAM triad's bandwidth.</summary>
    public override Limit? LimitFrom(RooflineFigures roofline) =>
        roofline.TriadGBs is { } gbs ? new Limit(16.0 * Rows * Columns / (gbs * 1e9) * 1e3, "32 MB moved at the triad bandwidth") : null;

    protected override (Action, Func<string>, NDArray[]) Prepare()
    {
        var (a, b) = (Uniform(Rows * Columns, 41), Uniform(Rows * Columns, 42));
        var (x, y) = (Jnp.Array(a).Reshape([Rows, Columns]), Jnp.Array(b).Reshape([Rows, Columns]));
        var f = Jax.Jit((NDArray u, NDArray v) => Jnp.Concatenate([u, v], 1));
        return (() => Disposed(f(x, y)), () =>
        {
            using var result = f(x, y);
            var values = result.ToArray<float>();
            for (var r = 0; r < Rows; r += 97)
                for (var c = 0; c < 2 * Columns; c += 13)
                {
                    var expected = c < Columns ? a[r * Columns + c] : b[r * Columns + c - Columns];
                    if (values[r * 2 * Columns + c] != expected)
                        throw new ResultMismatchException($"concatenate: out[{r},{c}] = {values[r * 2 * Columns + c]}, expected {expected}");
                }
            return $"sampled elements match; {KernelCount(f.Lower(x, y))}";
        }, [x, y]);
    }
}
