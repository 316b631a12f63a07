using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.TpuSim.Execution.Fft;

/// <summary>
/// One Stockham autosort pass on the simulated core, combining sub-transforms of <c>span</c> points into ones of
/// span·r points. Butterfly j of the m = n / r of a row takes points j + q·m (q &lt; r); the vector unit multiplies
/// point q by the twiddle w^(q·k) (w = e^(sign·2πi / (span·r)), k = j mod span) and lays the parts out as one row
/// [re 0..r-1, im 0..r-1]; the MXU multiplies the [butterflies, 2r] matrix of all rows by the radix's real DFT matrix
/// (<see cref="FftTables.DftMatrix"/>), float32 at Precision.Highest (six bf16 passes, fp32 accumulation), float64
/// exactly; output q of butterfly j is stored at (j - k)·r + k + q·span, in natural order.
/// </summary>
internal static class StockhamStep
{
    public static ComplexArray Run(ComplexArray x, FftRows rows, int radix, int span, int sign, DType dtype)
    {
        var n = rows.Length;
        var m = n / radix;
        var width = 2 * radix;
        var butterflies = checked((int)(rows.Outer * m * rows.Inner));
        var roots = span > 1 ? FftTables.Roots(n, sign, dtype) : [];
        var step = n / (span * radix);
        // Butterfly (o, j, c) is row b of the matrix, in the order of the points it starts from.
        var butterfly = rows.WithLength(m);
        var lhs = new double[(long)butterflies * width];
        butterfly.ForEach(m, (o, j, c) =>
        {
            var (b, k) = (butterfly.At(o, j, c), j % span);
            for (var q = 0; q < radix; q++)
            {
                var at = rows.At(o, j + q * m, c);
                var (re, im) = (x.Re[at], x.Im[at]);
                if (q > 0 && k > 0) (re, im) = VectorUnitComplex.Mul(re, im, roots[q * k * step], dtype);
                (lhs[b * width + q], lhs[b * width + radix + q]) = (re, im);
            }
        });
        var product = ContractionExecutor.Multiply(Column.OfFloats(dtype, lhs), Column.OfFloats(dtype, FftTables.DftMatrix(radix, sign, dtype)),
            1, butterflies, width, width, Precision.Highest, dtype).Floats;
        var y = ComplexArray.Zeros(x.Count);
        butterfly.ForEach(m, (o, j, c) =>
        {
            var (b, k) = (butterfly.At(o, j, c), j % span);
            for (var q = 0; q < radix; q++)
            {
                var at = rows.At(o, (j - k) * radix + k + q * span, c);
                (y.Re[at], y.Im[at]) = (product[b * width + q], product[b * width + radix + q]);
            }
        });
        return y;
    }

    /// <summary>The passes of <paramref name="radices"/> in order: one whole transform (no scale).</summary>
    public static ComplexArray Transform(ComplexArray x, FftRows rows, IReadOnlyList<int> radices, int sign, DType dtype)
    {
        var span = 1;
        foreach (var radix in radices)
        {
            x = Run(x, rows, radix, span, sign, dtype);
            span *= radix;
        }
        return x;
    }
}
