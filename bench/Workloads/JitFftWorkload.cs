using System.Numerics;

namespace JaxNet.Bench.Workloads;

/// <summary>
/// <c>Jax.Jit(x =&gt; Jnp.FFT.Fft(x))</c> of 64 complex64 rows of 1,024: the fft primitive's expansion (two 32-point
/// pieces, each a batch of real matrix products) against NumPy's pocketfft and PyTorch's.
/// </summary>
internal sealed class JitFftWorkload : SpectrumWorkload
{
    private const int Rows = 64;
    private const int Length = 1024;

    public override string Title => "fft of 64 x 1024 complex64 (jit)";

    public override string PeerKey => "fft_64x1024";

    protected override (Action, Func<string>, NDArray[]) Prepare()
    {
        var (values, x) = ComplexInput([Rows, Length], 61);
        var f = Jax.Jit((NDArray v) => Jnp.FFT.Fft(v));
        return (() => Disposed(f(x)), () =>
        {
            using var result = f(x);
            var spectrum = result.ToArray<Complex>();
            for (var r = 0; r < Rows; r += 21)
                for (var k = 0; k < Length; k += 127)
                    CheckBin($"fft: row {r} bin {k}", spectrum[r * Length + k], Length, j => values[r * Length + j], j => (long)j * k, Length,
                        1e-3 * Math.Sqrt(Length));
            return $"sampled bins match; {KernelCount(f.Lower(x))}";
        }, [x]);
    }
}
