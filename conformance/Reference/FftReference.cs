using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Numerics;

namespace JaxNet.Conformance.Reference;

/// <summary>
/// The DFT along the kernel's axis by its definition, X[k] = Σ x[j]·e^(∓2πi·jk/n), in float64 with exact integer phases
/// (jk mod n), O(n²) per row, either layout of the parts (separate or interleaved); the inverse takes the + sign and the 1/n scale. Results are rounded once to the
/// parts' dtype.
/// </summary>
internal static class FftReference
{
    public static void Run(FftKernel k, ReferenceMemory memory)
    {
        var n = k.Length;
        var sign = k.Inverse ? 1.0 : -1.0;
        var scale = k.Inverse && n > 0 ? 1.0 / n : 1.0;
        var (cos, sin) = (new double[Math.Max(n, 1)], new double[Math.Max(n, 1)]);
        for (var t = 0; t < n; t++) (sin[t], cos[t]) = double.SinCosPi(sign * 2.0 * t / n);
        var (re, im) = (new double[n], new double[n]);
        var inner = k.Inner;
        for (long line = 0; line < k.Outer * inner; line++)
        {
            var start = line / inner * n * inner + line % inner;
            for (var j = 0; j < n; j++)
            {
                var at = start + j * inner;
                if (k.InterleavedOperand) (re[j], im[j]) = (memory.Read(k.Real, 2 * at).ToDouble(), memory.Read(k.Real, 2 * at + 1).ToDouble());
                else (re[j], im[j]) = (memory.Read(k.Real, at).ToDouble(), k.Imag is { } part ? memory.Read(part, at).ToDouble() : 0);
            }
            for (var f = 0; f < n; f++)
            {
                double sr = 0, si = 0;
                for (var j = 0; j < n; j++)
                {
                    var t = (int)((long)j * f % n);
                    sr += re[j] * cos[t] - im[j] * sin[t];
                    si += re[j] * sin[t] + im[j] * cos[t];
                }
                var at = start + f * inner;
                // An interleaved result is one buffer (OutImag = OutReal) with the parts side by side.
                var (atRe, atIm) = k.InterleavedResult ? (2 * at, 2 * at + 1) : (at, at);
                memory.Write(k.OutReal, k.Real.DType, atRe, Scalar.FromDouble(k.Real.DType, sr * scale));
                memory.Write(k.OutImag, k.Real.DType, atIm, Scalar.FromDouble(k.Real.DType, si * scale));
            }
        }
    }
}
