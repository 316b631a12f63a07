namespace JaxNet.Bench.Workloads;

/// <summary>
/// <c>Jax.Jit(Jax.Nn.LogSoftmax)</c> over [4096, 10] float32 logits in [-5, 5): a classifier head's rows of 10, shorter
/// than one AVX-512 vector, so its max and sum reductions run on partial vectors.
/// </summary>
internal sealed class JitLogSoftmaxWorkload : FrontendWorkload
{
    private const int Rows = 4096, Classes = 10;

    public override string Title => "log_softmax, [4096, 10] f32 (jit)";

    public override string PeerKey => "log_softmax_4096x10";

    public override Unit Unit => Unit.Microseconds;

    protected override string Implementation => "JaxNet (jit)";

    protected override (Action, Func<string>, NDArray[]) Prepare()
    {
        var values = Uniform(Rows * Classes, 64).Select(v => v * 5).ToArray();
        var x = Jnp.FromHost(values, [Rows, Classes]);
        var f = Jax.Jit((NDArray u) => Jax.Nn.LogSoftmax(u));
        return (() => Disposed(f(x)), () =>
        {
            using var result = f(x);
            var got = result.ToArray<float>();
            for (var r = 0; r < Rows; r += 37)
            {
                var row = values.AsSpan(r * Classes, Classes).ToArray().Select(v => (double)v).ToArray();
                var max = row.Max();
                var logSum = max + Math.Log(row.Sum(v => Math.Exp(v - max)));
                for (var c = 0; c < Classes; c++)
                {
                    var expected = row[c] - logSum;
                    if (Math.Abs(got[r * Classes + c] - expected) > 2e-6 * Math.Max(1, Math.Abs(expected)))
                        throw new ResultMismatchException($"log_softmax: out[{r}, {c}] = {got[r * Classes + c]}, expected {expected}");
                }
            }
            return $"sampled rows match; {KernelCount(f.Lower(x))}";
        }, [x]);
    }
}
