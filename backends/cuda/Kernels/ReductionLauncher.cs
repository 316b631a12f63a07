using ILGPU;
using ILGPU.Runtime;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Fusion;
using JaxNet.Backends.Cuda.Numerics;

namespace JaxNet.Backends.Cuda.Kernels;

/// <summary>Uniform parameters of a reduction launch.</summary>
internal struct ReduceParams
{
    /// <summary>Meta position of <c>[nk, keptExtents, keptStrides, nr, reducedExtents, reducedStrides]</c>:
    /// how an (output point, reduced point) pair maps to the input's row-major linear index.</summary>
    public int GeometryAt;
    public long ReducedCount;
    public ReduceOp Op;
    public DType Accumulator;
    public int PrologueResult;
    public int EpilogueInput;
}

internal interface IReductionLauncher
{
    void Launch(AcceleratorStream stream, long outputs, Slots slots, ArrayView<long> meta, ReduceParams p);
}

/// <summary>
/// A fused reduction: one thread group per output element. Each thread runs the prologue over a strided share of
/// the reduced points and combines in the accumulator dtype; each warp combines with shuffles, then thread 0
/// combines the warps' partials from shared memory (arg reductions break ties by index), runs the epilogue and
/// stores.
/// </summary>
internal sealed class ReductionLauncher<TPrologue, TEpilogue> : IReductionLauncher
    where TPrologue : struct, IStep
    where TEpilogue : struct, IStep
{
    public const int GroupSize = 64;
    private readonly Action<AcceleratorStream, KernelConfig, Slots, ArrayView<long>, ReduceParams, TPrologue, TEpilogue> kernel;
    private readonly TPrologue prologue;
    private readonly TEpilogue epilogue;

    public ReductionLauncher(Accelerator accelerator, object prologue, object epilogue, int registers)
    {
        this.prologue = (TPrologue)prologue;
        this.epilogue = (TEpilogue)epilogue;
        kernel = registers switch
        {
            RegisterFile.Small => KernelLoading.Explicit<Slots, ArrayView<long>, ReduceParams, TPrologue, TEpilogue>(accelerator, RunSmall),
            RegisterFile.Medium => KernelLoading.Explicit<Slots, ArrayView<long>, ReduceParams, TPrologue, TEpilogue>(accelerator, RunMedium),
            _ => KernelLoading.Explicit<Slots, ArrayView<long>, ReduceParams, TPrologue, TEpilogue>(accelerator, RunLarge),
        };
    }

    public void Launch(AcceleratorStream stream, long outputs, Slots slots, ArrayView<long> meta, ReduceParams p)
    {
        if (outputs == 0) return;
        if (outputs > int.MaxValue) throw new NotSupportedException($"{outputs} outputs exceed one launch's grid");
        kernel(stream, new KernelConfig((int)outputs, GroupSize), slots, meta, p, prologue, epilogue);
    }

    private static void RunSmall(Slots s, ArrayView<long> m, ReduceParams p, TPrologue a, TEpilogue b) =>
        Run(s, m, p, a, b, LocalMemory.Allocate<long>(RegisterFile.Small));

    private static void RunMedium(Slots s, ArrayView<long> m, ReduceParams p, TPrologue a, TEpilogue b) =>
        Run(s, m, p, a, b, LocalMemory.Allocate<long>(RegisterFile.Medium));

    private static void RunLarge(Slots s, ArrayView<long> m, ReduceParams p, TPrologue a, TEpilogue b) =>
        Run(s, m, p, a, b, LocalMemory.Allocate<long>(RegisterFile.Large));

    private static void Run(Slots slots, ArrayView<long> meta, ReduceParams p, TPrologue prologue, TEpilogue epilogue,
        ArrayView<long> regs)
    {
        var values = SharedMemory.Allocate<long>(GroupSize);
        var indices = SharedMemory.Allocate<long>(GroupSize);
        var output = (long)Grid.IdxX;
        var thread = Group.IdxX;
        var keptBase = KeptOffset(meta, p.GeometryAt, output);
        var value = Combiner.Identity(p.Op, p.Accumulator);
        var index = long.MaxValue;
        for (long r = thread; r < p.ReducedCount; r += GroupSize)
        {
            prologue.Run(slots, meta, regs, keptBase + ReducedOffset(meta, p.GeometryAt, r));
            Combiner.Combine(p.Op, p.Accumulator, ref value, ref index, regs[p.PrologueResult], r);
        }
        // Within each warp: shuffles, no shared memory. Then lane 0 of each warp publishes its partial value and
        // the first thread combines the few partials (GroupSize / WarpSize of them).
        for (var offset = Warp.WarpSize / 2; offset > 0; offset /= 2)
        {
            var otherValue = Warp.ShuffleDown(value, offset);
            var otherIndex = Warp.ShuffleDown(index, offset);
            if (Warp.LaneIdx + offset < Warp.WarpSize)
                Combiner.Combine(p.Op, p.Accumulator, ref value, ref index, otherValue, otherIndex);
        }
        if (Warp.LaneIdx == 0)
        {
            values[Warp.WarpIdx] = value;
            indices[Warp.WarpIdx] = index;
        }
        Group.Barrier();
        if (thread == 0)
        {
            for (var w = 1; w < GroupSize / Warp.WarpSize; w++)
                Combiner.Combine(p.Op, p.Accumulator, ref value, ref index, values[w], indices[w]);
            regs[p.EpilogueInput] = p.Op is ReduceOp.ArgMax or ReduceOp.ArgMin ? index : value;
            epilogue.Run(slots, meta, regs, output);
        }
    }

    private static long KeptOffset(ArrayView<long> meta, int at, long output)
    {
        var nk = (int)meta[at];
        long offset = 0;
        for (var d = nk - 1; d >= 0; d--)
        {
            var extent = meta[at + 1 + d];
            offset += output % extent * meta[at + 1 + nk + d];
            output /= extent;
        }
        return offset;
    }

    private static long ReducedOffset(ArrayView<long> meta, int at, long reduced)
    {
        var nrAt = at + 1 + 2 * (int)meta[at];
        var nr = (int)meta[nrAt];
        long offset = 0;
        for (var d = nr - 1; d >= 0; d--)
        {
            var extent = meta[nrAt + 1 + d];
            offset += reduced % extent * meta[nrAt + 1 + nr + d];
            reduced /= extent;
        }
        return offset;
    }

    public static IReductionLauncher Create(Accelerator accelerator, (Type Type, object Value) prologue,
        (Type Type, object Value) epilogue, int registers) =>
        (IReductionLauncher)Activator.CreateInstance(
            typeof(ReductionLauncher<,>).MakeGenericType(prologue.Type, epilogue.Type), accelerator, prologue.Value,
            epilogue.Value, registers)!;
}

/// <summary>Identities and combination of the reduce ops on register values (arg ops: value and index).</summary>
internal static class Combiner
{
    public static long Identity(ReduceOp op, DType dtype) => op switch
    {
        ReduceOp.Sum or ReduceOp.Or => dtype.IsFloat() ? Registers.Bits(0.0) : 0,
        ReduceOp.Prod => dtype.IsFloat() ? Registers.Bits(1.0) : 1,
        ReduceOp.And => Registers.Normalize(-1, dtype),
        ReduceOp.Max or ReduceOp.ArgMax => dtype.IsFloat() ? Registers.Bits(double.NegativeInfinity) : MinOf(dtype),
        _ => dtype.IsFloat() ? Registers.Bits(double.PositiveInfinity) : MaxOf(dtype),
    };

    private static long MinOf(DType dtype) => dtype switch
    {
        DType.Int32 => int.MinValue,
        DType.Int64 => long.MinValue,
        _ => 0,
    };

    private static long MaxOf(DType dtype) => dtype switch
    {
        DType.Int32 => int.MaxValue,
        DType.Int64 => long.MaxValue,
        DType.UInt32 => uint.MaxValue,
        DType.UInt8 => byte.MaxValue,
        DType.Bool => 1,
        _ => long.MaxValue,
    };

    public static void Combine(ReduceOp op, DType dtype, ref long value, ref long index, long other, long otherIndex)
    {
        switch (op)
        {
            case ReduceOp.Sum: value = ScalarOps.Binary(BinaryOp.Add, dtype, value, other); break;
            case ReduceOp.Prod: value = ScalarOps.Binary(BinaryOp.Mul, dtype, value, other); break;
            case ReduceOp.Max: value = ScalarOps.Binary(BinaryOp.Max, dtype, value, other); break;
            case ReduceOp.Min: value = ScalarOps.Binary(BinaryOp.Min, dtype, value, other); break;
            case ReduceOp.And: value = ScalarOps.Binary(BinaryOp.And, dtype, value, other); break;
            case ReduceOp.Or: value = ScalarOps.Binary(BinaryOp.Or, dtype, value, other); break;
            default:
                if (Prefer(op == ReduceOp.ArgMax, dtype, other, otherIndex, value, index))
                {
                    value = other;
                    index = otherIndex;
                }
                break;
        }
    }

    /// <summary>Whether (b, bi) beats (a, ai): the larger (smaller) value, NaN first, ties to the lower index.</summary>
    private static bool Prefer(bool max, DType dtype, long b, long bi, long a, long ai)
    {
        if (dtype.IsFloat())
        {
            var x = Registers.F(b);
            var y = Registers.F(a);
            var xNaN = double.IsNaN(x);
            var yNaN = double.IsNaN(y);
            if (xNaN || yNaN) return xNaN && (!yNaN || bi < ai);
            if (x == y) return bi < ai;
            return max ? x > y : x < y;
        }
        if (b == a) return bi < ai;
        var greater = dtype == DType.UInt32 || dtype == DType.UInt8 ? (ulong)b > (ulong)a : b > a;
        return max ? greater : !greater;
    }
}
