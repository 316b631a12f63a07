using System.Numerics;

namespace JaxNet.Bench.Workloads;

/// <summary>
/// <c>Jax.Jit(x =&gt; Jnp.FFT.Fft(x))</c> of one long complex64 row: 2^20 points (a four-step split into two passes of
/// batched short transforms) or 1,000,003, a prime (Bluestein's convolution of smooth length), against NumPy's
/// pocketfft and PyTorch's.
/// </summary>
internal sealed class JitLongFftWorkload(int length, string key) : SpectrumWorkload
{
    public override string Title => $"fft of one row of {length:N0} complex64 (jit)";

    public override string PeerKey => key;

    protected override (Action, Func<string>, NDArray[]) Prepare()
    {
        var (values, x) = ComplexInput([length], 67);
        var f = Jax.Jit((NDArray v) => Jnp.FFT.Fft(v));
        return (() => Disposed(f(x)), () =>
        {
            using var result = f(x);
            var spectrum = result.ToArray<Complex>();
            if (spectrum.Length != length) throw new ResultMismatchException($"fft: {spectrum.Length} bins");
            foreach (var k in new[] { 0, 1, 12345, length / 3, length - 1 })
                CheckBin($"fft: bin {k}", spectrum[k], length, j => values[j], j => (long)j * k, length, 1e-3 * Math.Sqrt(length));
            return $"sampled bins match; {KernelCount(f.Lower(x))}";
        }, [x]);
    }
}
