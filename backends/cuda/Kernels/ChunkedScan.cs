using System.Reflection;
using ILGPU;
using ILGPU.Runtime;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Fusion;
using JaxNet.Backends.Cuda.Numerics;

namespace JaxNet.Backends.Cuda.Kernels;

/// <summary>
/// Inclusive scans (cumsum, cumprod, cummax, cummin) in chunks, so that a long line does not scan on one thread:
/// each line is cut into chunks of about sqrt(n) elements; one thread per chunk reduces it, one thread per line
/// turns the chunks' totals into each chunk's carry (an exclusive scan), and one thread per chunk scans it from its
/// carry. A line of one chunk takes only the last launch. Sums and products add in another order than one
/// sequential pass (as JAX's associative scan on GPUs does); max, min and integer scans are exact.
/// </summary>
internal sealed class ChunkedScan : ICompiledKernel
{
    private const int Carries = -1;

    /// <summary>Chunks are at least this long: shorter lines scan as one chunk.</summary>
    internal const int MinimumChunk = 16;

    private readonly Action<AcceleratorStream, Index1D, Slots, LineParams> reduce;
    private readonly Action<AcceleratorStream, Index1D, Slots, LineParams> carry;
    private readonly Action<AcceleratorStream, Index1D, Slots, LineParams> scan;
    private readonly LineParams p;
    private readonly int[] buffers;

    public ChunkedScan(Accelerator accelerator, ScanKernel kernel)
    {
        // The kernels are specialised for the op and accumulator (as the reductions are), so a float32 cumsum
        // compiles one float32 add, not every op of every dtype class.
        var kernels = typeof(ScanKernels<,>).MakeGenericType(Tags.Of(kernel.Op), Tags.Of(kernel.AccumulatorDType));
        reduce = Load(accelerator, kernels, nameof(ScanKernels<RSum, DFloat32>.ReduceChunk));
        carry = Load(accelerator, kernels, nameof(ScanKernels<RSum, DFloat32>.CarryLine));
        scan = Load(accelerator, kernels, nameof(ScanKernels<RSum, DFloat32>.ScanChunk));
        p = LineParams.For(kernel.Input.Shape, kernel.Axis);
        p.Input = kernel.Input.DType;
        p.Output = kernel.OutputDType;
        p.Reverse = kernel.Reverse ? 1 : 0;
        p.Chunk = ChunkFor(p.Length);
        p.Chunks = (p.Length + p.Chunk - 1) / p.Chunk;
        if (p.Lines * p.Chunks > int.MaxValue) throw new NotSupportedException($"a scan of {p.Lines} x {p.Chunks} chunks exceeds one launch");
        IndexMath.CheckIndexSpace(p.Lines * p.Length, $"scan '{kernel.Name}'");
        buffers = [kernel.Input.Buffer, kernel.Output, Carries];
    }

    /// <summary>Elements per chunk for a line of <paramref name="length"/>: about its square root, so the chunk
    /// scans and the carry pass are equally long.</summary>
    internal static int ChunkFor(int length) => Math.Max(MinimumChunk, (int)Math.Ceiling(Math.Sqrt(length)));

    internal int ChunksPerLine => p.Chunks;

    private static Action<AcceleratorStream, Index1D, Slots, LineParams> Load(Accelerator accelerator, Type kernels, string name) =>
        KernelLoading.AutoGrouped(accelerator,
            kernels.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<Action<Index1D, Slots, LineParams>>());

    public void Issue(LaunchFrame frame)
    {
        if (p.Lines * p.Length == 0) return;
        var chunks = (int)(p.Lines * p.Chunks);
        // The carries are read only when lines have several chunks; otherwise the slot gets a token buffer.
        frame.Bind(Carries, frame.Scratch(p.Chunks > 1 ? (long)chunks * sizeof(long) : sizeof(long)));
        var slots = frame.SlotsOf(buffers);
        if (p.Chunks > 1)
        {
            reduce(frame.Stream, chunks, slots, p);
            carry(frame.Stream, (int)p.Lines, slots, p);
        }
        scan(frame.Stream, chunks, slots, p);
    }

    public void Dispose() { }
}

/// <summary>The scan's three kernels for one op and accumulator dtype (see <see cref="ChunkedScan"/>).</summary>
internal static class ScanKernels<TOp, TAcc>
    where TOp : struct, IReduceTag
    where TAcc : struct, IDTypeTag
{
    public static void ReduceChunk(Index1D chunk, Slots slots, LineParams p)
    {
        var value = Fold(slots, p, chunk, Identity, store: false);
        slots.StoreRaw(2, chunk, value);
    }

    public static void CarryLine(Index1D line, Slots slots, LineParams p)
    {
        var total = Identity;
        long index = 0;
        for (var c = 0; c < p.Chunks; c++)
        {
            var at = (long)line.X * p.Chunks + c;
            var chunkTotal = slots.LoadRaw(2, at);
            slots.StoreRaw(2, at, total);
            Combiner.Combine(default(TAcc), default(TOp).Op, ref total, ref index, chunkTotal, 0);
        }
    }

    public static void ScanChunk(Index1D chunk, Slots slots, LineParams p) =>
        Fold(slots, p, chunk, p.Chunks > 1 ? slots.LoadRaw(2, chunk) : Identity, store: true);

    private static long Identity => Combiner.Identity(default(TOp).Op, default(TAcc).DType);

    // Folds chunk (line, c)'s elements in scan order onto value, writing each running value when asked.
    private static long Fold(Slots slots, LineParams p, long chunk, long value, bool store)
    {
        var line = IndexMath.Divide(chunk, p.Chunks);
        var first = (int)(chunk - line * p.Chunks) * p.Chunk;
        var end = Math.Min(first + p.Chunk, p.Length);
        var start = p.Start(line);
        var accumulator = default(TAcc).DType;
        long index = 0;
        for (var i = first; i < end; i++)
        {
            var at = start + (p.Reverse != 0 ? p.Length - 1 - i : i) * p.Inner;
            var x = Registers.Convert(slots.Load(0, at, p.Input), p.Input, accumulator);
            Combiner.Combine(default(TAcc), default(TOp).Op, ref value, ref index, x, 0);
            if (store) slots.Store(1, at, p.Output, Registers.Convert(value, accumulator, p.Output));
        }
        return value;
    }
}
