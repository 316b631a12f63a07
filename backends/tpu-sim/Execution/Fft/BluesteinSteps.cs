using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.TpuSim.Numerics;

namespace JaxNet.Backends.TpuSim.Execution.Fft;

/// <summary>
/// A length with a prime factor past <see cref="FftPlan.MaxPrimeRadix"/>, by Bluestein's identity
/// jk = (j² + k² - (k - j)²) / 2: X = c · ((x · c) ⊛ conj(c)) with the chirp c_t = e^(sign·πi·t²/n), the cyclic
/// convolution over the plan's power of two m ≥ 2n - 1 done as a forward transform, a product with the spectrum of
/// conj(c) and an inverse transform (both by <see cref="StockhamStep"/> passes on the MXU). The chirp products and the
/// spectrum product run on the vector unit; the spectrum, with the inverse's 1/m, is a constant computed on the host
/// in float64 and rounded once.
/// </summary>
internal static class BluesteinSteps
{
    public static ComplexArray Run(ComplexArray x, FftRows rows, FftPlan plan, int sign, DType dtype)
    {
        var (n, m) = (rows.Length, plan.Padded!.Value);
        var padded = rows.WithLength(m);
        var chirp = FftTables.Chirp(n, sign, dtype);
        var spectrum = Spectrum(n, m, sign, plan.Radices, dtype);
        var a = ComplexArray.Zeros(padded.Count);
        rows.ForEach(n, (o, t, c) => Multiply(x, rows.At(o, t, c), chirp[t], a, padded.At(o, t, c), dtype));
        var transformed = StockhamStep.Transform(a, padded, plan.Radices, -1, dtype);
        padded.ForEach(m, (o, t, c) => Multiply(transformed, padded.At(o, t, c), spectrum[t], transformed, padded.At(o, t, c), dtype));
        var convolved = StockhamStep.Transform(transformed, padded, plan.Radices, +1, dtype);
        var y = ComplexArray.Zeros(rows.Count);
        rows.ForEach(n, (o, t, c) => Multiply(convolved, padded.At(o, t, c), chirp[t], y, rows.At(o, t, c), dtype));
        return y;
    }

    /// <summary>to[at] = from[source] · w on the vector unit.</summary>
    private static void Multiply(ComplexArray from, long source, (double Re, double Im) w, ComplexArray to, long at, DType dtype) =>
        (to.Re[at], to.Im[at]) = VectorUnitComplex.Mul(from.Re[source], from.Im[source], w, dtype);

    /// <summary>The forward transform of conj(c) placed cyclically (at t and m - t), times 1/m, in float64.</summary>
    private static (double Re, double Im)[] Spectrum(int n, int m, int sign, IReadOnlyList<int> radices, DType dtype)
    {
        var kernel = ComplexArray.Zeros(m);
        var chirp = FftTables.Chirp(n, sign, DType.Float64);
        for (var t = 0; t < n; t++)
        {
            (kernel.Re[t], kernel.Im[t]) = (chirp[t].Re / m, -chirp[t].Im / m);
            if (t > 0) (kernel.Re[m - t], kernel.Im[m - t]) = (kernel.Re[t], kernel.Im[t]);
        }
        var spectrum = StockhamStep.Transform(kernel, new FftRows(1, m, 1), radices, -1, DType.Float64);
        return Enumerable.Range(0, m).Select(t => (DTypeValues.Round(spectrum.Re[t], dtype), DTypeValues.Round(spectrum.Im[t], dtype))).ToArray();
    }
}
