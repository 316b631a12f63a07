using System.Numerics;
using JaxNet.Bench.Limits;

namespace JaxNet.Bench.Workloads;

/// <summary>
/// <c>Jax.Jit(x =&gt; Jnp.FFT.Fft(x))</c> of 64 complex64 rows of 1,024: the fft primitive's expansion (a four-step
/// Cooley-Tukey recursion whose 32-point pieces are real matrix products) against NumPy's pocketfft and PyTorch's.
/// </summary>
internal sealed class JitFftWorkload : FrontendWorkload
{
    private const int Rows = 64;
    private const int Length = 1024;

    public override string Title => "fft of 64 x 1024 complex64 (jit)";

    public override string PeerKey => "fft_64x1024";

    public override Unit Unit => Unit.Milliseconds;

    protected override string Implementation => "JaxNet (jit)";

    public override Limit? LimitFrom(RooflineFigures roofline) => null;

    protected override (Action, Func<string>, NDArray[]) Prepare()
    {
        var (re, im) = (Uniform(Rows * Length, 61), Uniform(Rows * Length, 62));
        var values = Enumerable.Range(0, Rows * Length).Select(i => new Complex(re[i], im[i])).ToArray();
        var x = Jnp.Array(values).Astype(DType.Complex64).Reshape([Rows, Length]);
        var f = Jax.Jit((NDArray v) => Jnp.FFT.Fft(v));
        return (() => Disposed(f(x)), () =>
        {
            using var result = f(x);
            var spectrum = result.ToArray<Complex>();
            // A few bins of a few rows against the direct sum.
            for (var r = 0; r < Rows; r += 21)
                for (var k = 0; k < Length; k += 127)
                {
                    var expected = Complex.Zero;
                    for (var j = 0; j < Length; j++) expected += values[r * Length + j] * Complex.FromPolarCoordinates(1, -2 * Math.PI * (j * k % Length) / Length);
                    if (Complex.Abs(spectrum[r * Length + k] - expected) > 1e-3 * Math.Sqrt(Length))
                        throw new ResultMismatchException($"fft: row {r} bin {k} = {spectrum[r * Length + k]}, expected {expected}");
                }
            return $"sampled bins match; {KernelCount(f.Lower(x))}";
        }, [x]);
    }
}
