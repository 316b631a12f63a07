using System.Numerics;

namespace JaxNet.Bench.Workloads;

/// <summary>
/// <c>Jax.Jit(x =&gt; Jnp.FFT.Fft2(x))</c> of a 256 × 256 complex64 image: the transform of the rows, then of the
/// columns (read through a transpose), each 256 = 16·16, against NumPy's pocketfft and PyTorch's.
/// </summary>
internal sealed class JitFft2Workload : SpectrumWorkload
{
    private const int Side = 256;

    public override string Title => "fft2 of 256 x 256 complex64 (jit)";

    public override string PeerKey => "fft2_256x256";

    protected override (Action, Func<string>, NDArray[]) Prepare()
    {
        var (values, x) = ComplexInput([Side, Side], 63);
        var f = Jax.Jit((NDArray v) => Jnp.FFT.Fft2(v));
        return (() => Disposed(f(x)), () =>
        {
            using var result = f(x);
            var spectrum = result.ToArray<Complex>();
            foreach (var (u, v) in new[] { (0, 0), (1, 0), (0, 77), (130, 5), (255, 255) })
                CheckBin($"fft2: bin ({u}, {v})", spectrum[u * Side + v], Side * Side, j => values[j], j => (long)u * (j / Side) + (long)v * (j % Side), Side,
                    1e-3 * Side);
            return $"sampled bins match; {KernelCount(f.Lower(x))}";
        }, [x]);
    }
}
