using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Cases;
using static JaxNet.Conformance.Catalog.Elementwise;

namespace JaxNet.Conformance.Catalog;

/// <summary>
/// Fourier transforms (IR 1.2, optional): powers of two and four, mixed radices, primes past a butterfly's reach
/// (Bluestein's territory on the cpu backend), batches of rows, real operands (no imaginary buffer), inverses, a row
/// long enough to be split over cores, empty shapes, and (IR 1.3) complex values interleaved as stored. Inputs lie in [-1, 1]; the tolerance is the bound of a sum
/// of n·log2(n) terms, loose enough for any O(n log n) algorithm and far below what a wrong twiddle or order gives.
/// </summary>
internal static class FftCases
{
    public static IEnumerable<ConformanceCase> All()
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            int[][] shapes = [[1], [2], [3], [4], [8], [12], [3, 16], [60], [2, 64], [97], [128], [210], [2, 243], [1000], [2, 1024], [4096]];
            foreach (var shape in shapes)
                yield return Fft(dtype, shape, inverse: false, realInput: false);
            foreach (var shape in new[] { new[] { 5, 12 }, [97], [1024] })
                yield return Fft(dtype, shape, inverse: true, realInput: false);
            foreach (var shape in new[] { new[] { 4, 100 }, [256] })
            {
                yield return Fft(dtype, shape, inverse: false, realInput: true);
                yield return Fft(dtype, shape, inverse: true, realInput: true);
            }
            // Along an axis that is not the last: columns of the inner dimensions, some past a vector's lanes.
            yield return Fft(dtype, [64, 48], inverse: false, realInput: false, axis: 0);
            yield return Fft(dtype, [4, 30, 20], inverse: false, realInput: false, axis: 1);
            yield return Fft(dtype, [97, 5], inverse: false, realInput: false, axis: 0);
            yield return Fft(dtype, [2, 8, 100], inverse: true, realInput: true, axis: 1);
            yield return Fft(dtype, [16, 300], inverse: true, realInput: false, axis: 0);
            yield return Fft(dtype, [0, 8], inverse: false, realInput: false);
            yield return Fft(dtype, [3, 0], inverse: true, realInput: false);
        }
        // One row of 2^15 points: the cpu backend splits each pass over its cores.
        yield return Fft(DType.Float32, [1 << 15], inverse: false, realInput: false);
        // IR 1.3: complex values as stored, parts interleaved (skipped where InterleavedFft is not claimed).
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            foreach (var shape in new[] { new[] { 2, 64 }, [97], [1000], [0, 8] })
                yield return Fft(dtype, shape, inverse: false, realInput: false, interleaved: true);
            yield return Fft(dtype, [5, 12], inverse: true, realInput: false, interleaved: true);
            yield return Fft(dtype, [64, 48], inverse: false, realInput: false, axis: 0, interleaved: true);
            yield return Fft(dtype, [4, 100], inverse: false, realInput: true, interleaved: true);
        }
        yield return Fft(DType.Float32, [1 << 15], inverse: true, realInput: false, interleaved: true);
    }

    /// <param name="interleaved">A complex operand (else the real one) and the result as stored, S x 2 with the parts
    /// interleaved, in one buffer each (IR 1.3).</param>
    private static ConformanceCase Fft(DType dtype, int[] shape, bool inverse, bool realInput, int? axis = null, bool interleaved = false)
    {
        var along = axis ?? shape.Length - 1;
        var id = $"fft/{(inverse ? "ifft" : "fft")}/{dtype.ShortName()}/{string.Join("x", shape)}{(realInput ? "-real" : "")}" +
                 (along == shape.Length - 1 ? "" : $"-axis{along}") + (interleaved ? "-interleaved" : "");
        var m = new ModuleBuilder(ModuleName(id));
        int[] operand = interleaved && !realInput ? [.. shape, 2] : shape;
        var re = m.Parameter(dtype, operand);
        int? im = realInput || interleaved ? null : m.Parameter(dtype, shape);
        var outRe = m.Result(dtype, interleaved ? [.. shape, 2] : shape);
        var outIm = interleaved ? outRe : m.Result(dtype, shape);
        m.Add(new FftKernel("f0", new TensorRef(re, dtype, operand), im is { } i ? new TensorRef(i, dtype, shape) : null, along, inverse, outRe, outIm)
        {
            InterleavedOperand = interleaved && !realInput,
            InterleavedResult = interleaved,
        });
        var n = shape[along];
        var terms = (long)Math.Max(1, n) * Math.Max(1, (long)Math.Ceiling(Math.Log2(Math.Max(n, 2))));
        var tolerance = ToleranceTable.Accumulated(dtype, dtype, terms, inverse ? 1.5 / Math.Max(n, 1) : 1.5);
        return ConformanceCase.ForModule(id, dtype, m.Build(), m.ResultSpecs,
                g => realInput || interleaved
                    ? [g.Floats(dtype, operand, -1, 1, specials: false)]
                    : [g.Floats(dtype, shape, -1, 1, specials: false), g.Floats(dtype, shape, -1, 1, specials: false)],
                tolerance)
            .Describe($"{(inverse ? "inverse " : "")}DFT along axis {along} of {(realInput ? "real" : "complex")} values, {n} points")
            .Accumulating(terms, 1.5);
    }
}
