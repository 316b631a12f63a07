using System.Numerics;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Shared.Fft;

namespace JaxNet.Backends.Vulkan.Codegen.Kernels.Fft;

/// <summary>
/// The Fourier transform kernel (IR 1.2) as one dispatch per Stockham pass (<see cref="StockhamPass"/>), the passes
/// alternating between the results and a scratch array so that the last one lands in the results. A length with a
/// prime factor past <see cref="FftRadices.MaxRadix"/> runs Bluestein's algorithm (<see cref="BluesteinPasses"/>)
/// over power-of-two transforms, so every length is O(n log n). The inverse exchanges the parts on the way in and
/// out and scales by 1/n (<see cref="PassEnds"/>). Complex values stored interleaved (IR 1.3) are read by the first
/// pass and written by the last one as they are (<see cref="FftArray"/>): no dispatch of their own.
/// </summary>
internal static class FftGenerator
{
    public static IReadOnlyList<KernelPass> Generate(FftKernel k, GenerationContext ctx)
    {
        var shape = new FftShape(k.Outer, k.Length, k.Inner);
        if (shape.Count == 0) return [];
        var input = FftArray.Operand(k);
        var output = FftArray.Result(k);
        var dtype = k.Real.DType;
        var ends = new PassEnds(k.Inverse, k.Inverse, k.Inverse ? 1.0 / k.Length : 1);
        if (FftRadices.Of(k.Length) is { } radices)
        {
            CheckIndexable(k, 2 * shape.Count);
            var scratch = radices.Count > 1 ? FftArray.Scratch(ctx, dtype, shape.Count) : output;
            // Pass i lands in the results when an even number of passes follows it.
            var constants = FftConstants.Roots(ctx, dtype, k.Length);
            return Stockham(ctx, constants, dtype, shape, radices, input, i => (radices.Count - 1 - i) % 2 == 0 ? output : scratch, ends);
        }
        return Bluestein(k, ctx, shape, input, output, ends);
    }

    /// <summary>The passes of one forward transform from <paramref name="from"/>, pass i writing to
    /// <paramref name="destination"/>(i); the first takes <paramref name="ends"/>' swap in, the last its swap out and scale.</summary>
    private static List<KernelPass> Stockham(GenerationContext ctx, FftConstants constants, DType dtype, FftShape shape, IReadOnlyList<int> radices,
        FftArray from, Func<int, FftArray> destination, PassEnds ends)
    {
        var passes = new List<KernelPass>();
        var span = 1;
        for (var i = 0; i < radices.Count; i++)
        {
            var first = i == 0 ? PassEnds.None with { SwapIn = ends.SwapIn } : PassEnds.None;
            var these = i == radices.Count - 1 ? first with { SwapOut = ends.SwapOut, Scale = ends.Scale } : first;
            passes.Add(StockhamPass.Generate(ctx, constants, dtype, shape, radices[i], span, from, destination(i), these));
            from = destination(i);
            span *= radices[i];
        }
        return passes;
    }

    /// <summary>
    /// The spectrum of the convolution kernel (one row, recomputed by each launch), then per row: x · c padded with
    /// zeros, its transform, the product with the spectrum, the transform back and the product with c. The padded
    /// rows ping-pong between two scratch arrays, the multiply working in place.
    /// </summary>
    private static List<KernelPass> Bluestein(FftKernel k, GenerationContext ctx, FftShape shape, FftArray input, FftArray output, PassEnds ends)
    {
        var (n, dtype) = (k.Length, k.Real.DType);
        var m = (int)BitOperations.RoundUpToPowerOf2((uint)(2 * n - 1));
        var padded = shape.WithLength(m);
        CheckIndexable(k, 2 * padded.Count);
        var radices = FftRadices.Of(m)!;
        var row = new FftShape(1, m, 1);
        var constants = FftConstants.Bluestein(ctx, dtype, m, n);
        var (kernel, spare) = (FftArray.Scratch(ctx, dtype, m), FftArray.Scratch(ctx, dtype, m));
        var work = new[] { FftArray.Scratch(ctx, dtype, padded.Count), FftArray.Scratch(ctx, dtype, padded.Count) };
        var passes = new List<KernelPass> { BluesteinPasses.Kernel(ctx, constants, dtype, n, m, kernel) };
        // Ping-pong from one array of a pair: pass i writes to the other one when i is even.
        FftArray Other(FftArray a, FftArray b, FftArray from, int i) => (i % 2 == 0) == (from == a) ? b : a;
        passes.AddRange(Stockham(ctx, constants, dtype, row, radices, kernel, i => Other(kernel, spare, kernel, i), PassEnds.None));
        var spectrum = radices.Count % 2 == 0 ? kernel : spare;
        passes.Add(BluesteinPasses.ChirpIn(ctx, constants, dtype, padded, n, input, work[0], PassEnds.None with { SwapIn = ends.SwapIn }));
        passes.AddRange(Stockham(ctx, constants, dtype, padded, radices, work[0], i => Other(work[0], work[1], work[0], i), PassEnds.None));
        var transformed = work[radices.Count % 2];
        passes.Add(BluesteinPasses.Multiply(ctx, dtype, padded, transformed, spectrum));
        passes.AddRange(Stockham(ctx, constants, dtype, padded, radices, transformed, i => Other(work[0], work[1], transformed, i), PassEnds.None));
        var convolved = radices.Count % 2 == 0 ? transformed : Other(work[0], work[1], transformed, 0);
        passes.Add(BluesteinPasses.ChirpOut(ctx, constants, dtype, padded, n, convolved, output, ends with { SwapIn = false }));
        return passes;
    }

    // Shaders index with 32-bit unsigned integers.
    private static void CheckIndexable(FftKernel k, long elements)
    {
        if (elements > uint.MaxValue)
            throw new NotSupportedException($"fft of shape [{string.Join(", ", k.Real.Shape)}] along axis {k.Axis}: " +
                $"its work arrays hold {elements} elements, past 32-bit indices");
    }
}
