using ILGPU;
using ILGPU.Runtime;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Fusion;
using JaxNet.Backends.Cuda.Numerics;

namespace JaxNet.Backends.Cuda.Kernels;

/// <summary>Geometry of kernels that work on lines along one axis: line l starts at
/// <c>(l / Inner) * Inner * Length + l % Inner</c> and steps by <c>Inner</c>.</summary>
internal struct LineParams
{
    public long Lines;
    public int Length;
    public long Inner;
    public ReduceOp Op;
    public DType Input;
    public DType Accumulator;
    public DType Output;
    public int Reverse;
    public int Operands;
    public int Keys;
    public int Descending;

    public readonly long Start(long line) => line / Inner * Inner * Length + line % Inner;

    public static LineParams For(int[] shape, int axis)
    {
        long inner = 1;
        for (var d = axis + 1; d < shape.Length; d++) inner *= shape[d];
        long lines = 1;
        for (var d = 0; d < shape.Length; d++) if (d != axis) lines *= shape[d];
        return new LineParams { Lines = lines, Length = shape.Length == 0 ? 1 : shape[axis], Inner = inner };
    }
}

/// <summary>Inclusive scans (cumsum, cumprod, cummax, cummin): one thread per line, sequential along it.</summary>
internal sealed class ScanLine : ICompiledKernel
{
    private readonly Action<AcceleratorStream, Index1D, Slots, LineParams> kernel;
    private readonly LineParams p;
    private readonly int[] buffers;

    public ScanLine(Accelerator accelerator, ScanKernel scan)
    {
        kernel = KernelLoading.AutoGrouped<Slots, LineParams>(accelerator, Run);
        p = LineParams.For(scan.Input.Shape, scan.Axis);
        p.Op = scan.Op;
        p.Input = scan.Input.DType;
        p.Accumulator = scan.AccumulatorDType;
        p.Output = scan.OutputDType;
        p.Reverse = scan.Reverse ? 1 : 0;
        buffers = [scan.Input.Buffer, scan.Output];
    }

    private static void Run(Index1D line, Slots slots, LineParams p)
    {
        var start = p.Start(line);
        var value = Combiner.Identity(p.Op, p.Accumulator);
        long index = 0;
        for (var i = 0; i < p.Length; i++)
        {
            var at = start + (p.Reverse != 0 ? p.Length - 1 - i : i) * p.Inner;
            var x = Registers.Convert(slots.Load(0, at, p.Input), p.Input, p.Accumulator);
            Combiner.Combine(p.Op, p.Accumulator, ref value, ref index, x, 0);
            slots.Store(1, at, p.Output, Registers.Convert(value, p.Accumulator, p.Output));
        }
    }

    public void Issue(LaunchFrame frame)
    {
        if (p.Lines * p.Length > 0) kernel(frame.Stream, (int)p.Lines, frame.SlotsOf(buffers), p);
    }

    public void Dispose() { }
}

/// <summary>
/// Sort along an axis: one thread per line runs a bottom-up merge sort of positions (stable; ties by position),
/// comparing the key operands lexicographically in the IR's total order, then permutes every operand through a
/// scratch line (the output may be the operand itself).
/// </summary>
internal sealed class SortLine : ICompiledKernel
{
    private const int Positions = -1;
    private const int Merge = -2;
    private readonly Action<AcceleratorStream, Index1D, Slots, ArrayView<long>, LineParams> kernel;
    private readonly MemoryBuffer1D<long, Stride1D.Dense> dtypes;
    private readonly LineParams p;
    private readonly int[] buffers;

    public SortLine(Accelerator accelerator, SortKernel sort)
    {
        if (sort.Operands.Count > (Slots.Count - 2) / 2)
            throw new NotSupportedException($"sort of {sort.Operands.Count} operands (at most {(Slots.Count - 2) / 2})");
        kernel = KernelLoading.AutoGrouped<Slots, ArrayView<long>, LineParams>(accelerator, Run);
        p = LineParams.For(sort.Operands[0].Shape, sort.Dimension);
        p.Operands = sort.Operands.Count;
        p.Keys = sort.NumKeys;
        p.Descending = sort.Descending ? 1 : 0;
        dtypes = accelerator.Allocate1D(sort.Operands.Select(o => (long)o.DType).ToArray());
        buffers = [.. sort.Operands.Select(o => o.Buffer), .. sort.Outputs, Positions, Merge];
    }

    private static void Run(Index1D line, Slots slots, ArrayView<long> dtypes, LineParams p)
    {
        var start = p.Start(line);
        var n = p.Length;
        var scratchAt = (long)line.X * n;
        var positions = 2 * p.Operands;
        var merge = positions + 1;
        for (var i = 0; i < n; i++) slots.StoreRaw(positions, scratchAt + i, i);
        var from = positions;
        var to = merge;
        for (var width = 1; width < n; width *= 2)
        {
            for (var lo = 0; lo < n; lo += 2 * width)
            {
                var mid = Math.Min(lo + width, n);
                var hi = Math.Min(lo + 2 * width, n);
                int a = lo, b = mid;
                for (var k = lo; k < hi; k++)
                {
                    var takeB = a >= mid || (b < hi && Before(slots, dtypes, p, start,
                        slots.LoadRaw(from, scratchAt + b), slots.LoadRaw(from, scratchAt + a)));
                    slots.StoreRaw(to, scratchAt + k, slots.LoadRaw(from, scratchAt + (takeB ? b++ : a++)));
                }
            }
            (from, to) = (to, from);
        }
        // Permute each operand: gather into the free scratch line, then write the output.
        for (var o = 0; o < p.Operands; o++)
        {
            var dtype = (DType)dtypes[o];
            for (var i = 0; i < n; i++)
                slots.StoreRaw(to, scratchAt + i, slots.Load(o, start + slots.LoadRaw(from, scratchAt + i) * p.Inner, dtype));
            for (var i = 0; i < n; i++)
                slots.Store(p.Operands + o, start + i * p.Inner, dtype, slots.LoadRaw(to, scratchAt + i));
        }
    }

    /// <summary>Whether position x sorts strictly before position y (ties by position: stable).</summary>
    private static bool Before(Slots slots, ArrayView<long> dtypes, LineParams p, long start, long x, long y)
    {
        for (var k = 0; k < p.Keys; k++)
        {
            var dtype = (DType)dtypes[k];
            var a = SortKey(slots.Load(k, start + x * p.Inner, dtype), dtype);
            var b = SortKey(slots.Load(k, start + y * p.Inner, dtype), dtype);
            if (a != b) return p.Descending != 0 ? a > b : a < b;
        }
        return x < y;
    }

    /// <summary>A signed key whose order is the IR's total order: -inf &lt; ... &lt; -0 &lt; +0 &lt; ... &lt; +inf &lt; NaN.</summary>
    private static long SortKey(long value, DType dtype)
    {
        if (!dtype.IsFloat()) return value;
        if (double.IsNaN(Registers.F(value))) return long.MaxValue;
        // Sign-magnitude to two's complement order: negative floats reverse.
        return value < 0 ? long.MinValue - value - 1 : value;
    }

    public void Issue(LaunchFrame frame)
    {
        if (p.Lines * p.Length == 0) return;
        frame.Bind(Positions, frame.Scratch(p.Lines * p.Length * sizeof(long)));
        frame.Bind(Merge, frame.Scratch(p.Lines * p.Length * sizeof(long)));
        kernel(frame.Stream, (int)p.Lines, frame.SlotsOf(buffers), dtypes.View, p);
    }

    public void Dispose() => dtypes.Dispose();
}
