using System.Numerics;

namespace JaxNet.Bench.Workloads;

/// <summary>
/// <c>Jax.Jit(x =&gt; Jnp.FFT.Rfft(x))</c> of 1,048,576 float32 values: one long transform (the complex FFT of
/// 1,024 · 1,024 points by the general four-step recursion, half its frequencies kept), against NumPy's pocketfft
/// and PyTorch's.
/// </summary>
internal sealed class JitRfftWorkload : SpectrumWorkload
{
    private const int Length = 1 << 20;

    public override string Title => "rfft of 1M float32 (jit)";

    public override string PeerKey => "rfft_1m";

    protected override (Action, Func<string>, NDArray[]) Prepare()
    {
        var values = Uniform(Length, 65);
        var x = Jnp.Array(values);
        var f = Jax.Jit((NDArray v) => Jnp.FFT.Rfft(v));
        return (() => Disposed(f(x)), () =>
        {
            using var result = f(x);
            var spectrum = result.ToArray<Complex>();
            if (spectrum.Length != Length / 2 + 1) throw new ResultMismatchException($"rfft: {spectrum.Length} bins");
            foreach (var k in new[] { 0, 1, 12345, Length / 3, Length / 2 })
                CheckBin($"rfft: bin {k}", spectrum[k], Length, j => values[j], j => (long)j * k, Length, 1e-3 * Math.Sqrt(Length));
            return $"sampled bins match; {KernelCount(f.Lower(x))}";
        }, [x]);
    }
}
