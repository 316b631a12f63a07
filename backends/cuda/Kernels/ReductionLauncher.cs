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

    /// <summary>Split reductions (<see cref="Splits"/> &gt; 1): reduced points per partial (the partials are in the
    /// launcher's TPartials slot, <c>[values of outputs × splits][their indices]</c>).</summary>
    public int Splits;
    public long SplitLength;

    /// <summary>1 when the reduced axes are the input's trailing ones: reduced point r is at input offset r from its
    /// output's base, with no index arithmetic.</summary>
    public int ReducedTrailing;
}

internal interface IReductionLauncher
{
    /// <summary>One group per output element.</summary>
    void Launch(AcceleratorStream stream, long outputs, Slots slots, ArrayView<long> meta, ReduceParams p);

    /// <summary>Two launches: <c>p.Splits</c> groups per output element each reduce a contiguous share of the
    /// reduced points into a partial, then one group per output combines its partials and runs the epilogue.</summary>
    void LaunchSplit(AcceleratorStream stream, long outputs, Slots slots, ArrayView<long> meta, ReduceParams p);
}

/// <summary>
/// A fused reduction: one thread group per output element. Each thread runs the prologue over a strided share of
/// the reduced points and combines in the accumulator dtype; each warp combines with shuffles, then thread 0
/// combines the warps' partials from shared memory (arg reductions break ties by index), runs the epilogue and
/// stores. The reduce op and the accumulator dtype are type arguments, so each kernel folds with one operation
/// (a runtime op would compile every op for every dtype at each combine, and branch per element), and so are
/// the registers the prologue leaves its value in (TResult) and the epilogue takes the reduced value from (TInput),
/// and the slot of a split reduction's partials (TPartials). When there are few outputs and many reduced points
/// (a full sum, say), one group per output would leave a GPU idle, so the split form spreads each output over many
/// groups and combines their partials in a second launch.
/// </summary>
internal sealed class ReductionLauncher<TPrologue, TEpilogue, TOp, TAcc, TResult, TInput, TPartials> : IReductionLauncher
    where TPrologue : struct, IStep
    where TEpilogue : struct, IStep
    where TOp : struct, IReduceTag
    where TAcc : struct, IDTypeTag
    where TResult : struct, IRegister
    where TInput : struct, IRegister
    where TPartials : struct, ISlot
{
    /// <summary>Threads per group at most; the kernels' shared memory is sized for it.</summary>
    public const int MaxGroupSize = ReductionShape.MaxGroupSize;
    private readonly ReductionShape shape;

    // Folds to a constant per instantiation: only arg reductions carry an index through the shuffles.
    private static bool IsArg => default(TOp).Op is ReduceOp.ArgMax or ReduceOp.ArgMin;
    private readonly Action<AcceleratorStream, KernelConfig, Slots, ArrayView<long>, ReduceParams, TPrologue, TEpilogue>? kernel;
    private readonly Action<AcceleratorStream, KernelConfig, Slots, ArrayView<long>, ReduceParams, TPrologue, TEpilogue>? partial;
    private readonly Action<AcceleratorStream, KernelConfig, Slots, ArrayView<long>, ReduceParams, TPrologue, TEpilogue>? final;
    private readonly TPrologue prologue;
    private readonly TEpilogue epilogue;

    public ReductionLauncher(Accelerator accelerator, object prologue, object epilogue, int registers, bool split)
    {
        this.prologue = (TPrologue)prologue;
        this.epilogue = (TEpilogue)epilogue;
        shape = ReductionShape.For(accelerator);
        if (split)
        {
            // A split reduction never launches the one-pass kernel, so it is not compiled: in emulation that saves
            // an ILGPU compile, a PTX codegen and a ptxas run (the one-pass form is compiled where it runs).
            (partial, final) = registers switch
            {
                RegisterFile.Small => (Load(accelerator, PartialSmall), Load(accelerator, FinalSmall)),
                RegisterFile.Medium => (Load(accelerator, PartialMedium), Load(accelerator, FinalMedium)),
                _ => (Load(accelerator, PartialLarge), Load(accelerator, FinalLarge)),
            };
            return;
        }
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
        if (kernel is null) throw new InvalidOperationException("launcher loaded for split launches only");
        if (outputs > int.MaxValue) throw new NotSupportedException($"{outputs} outputs exceed one launch's grid");
        kernel(stream, new KernelConfig((int)outputs, GroupFor(p.ReducedCount)), slots, meta, p, prologue, epilogue);
    }

    public void LaunchSplit(AcceleratorStream stream, long outputs, Slots slots, ArrayView<long> meta, ReduceParams p)
    {
        if (outputs == 0) return;
        if (partial is null || final is null) throw new InvalidOperationException("launcher loaded without its split kernels");
        if (outputs * p.Splits > int.MaxValue) throw new NotSupportedException($"{outputs} x {p.Splits} partials exceed one launch's grid");
        partial(stream, new KernelConfig((int)(outputs * p.Splits), GroupFor(p.SplitLength)), slots, meta, p, prologue, epilogue);
        final(stream, new KernelConfig((int)outputs, GroupFor(p.Splits)), slots, meta, p, prologue, epilogue);
    }

    /// <summary>Threads per group for <paramref name="points"/> reduced points each, as the device shapes it
    /// (<see cref="ReductionShape.GroupFor"/>).</summary>
    internal int GroupFor(long points) => shape.GroupFor(points);

    private static Action<AcceleratorStream, KernelConfig, Slots, ArrayView<long>, ReduceParams, TPrologue, TEpilogue> Load(
        Accelerator accelerator, Action<Slots, ArrayView<long>, ReduceParams, TPrologue, TEpilogue> kernel) =>
        KernelLoading.Explicit(accelerator, kernel);

    private static void PartialSmall(Slots s, ArrayView<long> m, ReduceParams p, TPrologue a, TEpilogue b) =>
        Partial(s, m, p, a, default(ThreadRegisters));

    private static void PartialMedium(Slots s, ArrayView<long> m, ReduceParams p, TPrologue a, TEpilogue b) =>
        Partial(s, m, p, a, new ThreadRegisters { Spill = LocalMemory.Allocate<long>(RegisterFile.Medium - RegisterFile.Small) });

    private static void PartialLarge(Slots s, ArrayView<long> m, ReduceParams p, TPrologue a, TEpilogue b) =>
        Partial(s, m, p, a, new ThreadRegisters { Spill = LocalMemory.Allocate<long>(RegisterFile.Large - RegisterFile.Small) });

    private static void FinalSmall(Slots s, ArrayView<long> m, ReduceParams p, TPrologue a, TEpilogue b) =>
        Final(s, m, p, b, default(ThreadRegisters));

    private static void FinalMedium(Slots s, ArrayView<long> m, ReduceParams p, TPrologue a, TEpilogue b) =>
        Final(s, m, p, b, new ThreadRegisters { Spill = LocalMemory.Allocate<long>(RegisterFile.Medium - RegisterFile.Small) });

    private static void FinalLarge(Slots s, ArrayView<long> m, ReduceParams p, TPrologue a, TEpilogue b) =>
        Final(s, m, p, b, new ThreadRegisters { Spill = LocalMemory.Allocate<long>(RegisterFile.Large - RegisterFile.Small) });

    // One group per (output, split): a contiguous share of the reduced points, so neighbouring threads read
    // neighbouring elements when the reduced axis is the innermost one.
    private static void Partial(Slots slots, ArrayView<long> meta, ReduceParams p, TPrologue prologue, ThreadRegisters regs)
    {
        var group = (long)Grid.IdxX;
        var share = IndexMath.Divide(group, p.Splits);
        var start = (group - share * p.Splits) * p.SplitLength;
        var end = start + p.SplitLength < p.ReducedCount ? start + p.SplitLength : p.ReducedCount;
        FoldRange(slots, meta, p, prologue, ref regs, share, start, end, out var value, out var index);
        if (Group.IdxX == 0)
        {
            var partials = default(TPartials).Of(slots).Cast<long>();
            partials[group] = value;
            partials[Grid.DimX + group] = index;
        }
    }

    // One group per output: its partials, in split order, then the epilogue.
    private static void Final(Slots slots, ArrayView<long> meta, ReduceParams p, TEpilogue epilogue, ThreadRegisters regs)
    {
        var values = SharedMemory.Allocate<long>(MaxGroupSize);
        var indices = SharedMemory.Allocate<long>(MaxGroupSize);
        var output = (long)Grid.IdxX;
        var partials = default(TPartials).Of(slots).Cast<long>();
        var count = (long)Grid.DimX * p.Splits;
        var value = Combiner.Identity(default(TOp).Op, default(TAcc).DType);
        var index = long.MaxValue;
        for (long k = Group.IdxX; k < p.Splits; k += Group.DimX)
        {
            var at = output * p.Splits + k;
            Combiner.Combine(default(TAcc), default(TOp).Op, ref value, ref index, partials[at],
                partials[count + at]);
        }
        CombineGroup(p, values, indices, ref value, ref index);
        if (Group.IdxX == 0)
        {
            default(TInput).Set(ref regs, IsArg ? index : value);
            epilogue.Run(slots, meta, ref regs, output);
        }
    }

    private static void RunSmall(Slots s, ArrayView<long> m, ReduceParams p, TPrologue a, TEpilogue b) =>
        Run(s, m, p, a, b, default(ThreadRegisters));

    private static void RunMedium(Slots s, ArrayView<long> m, ReduceParams p, TPrologue a, TEpilogue b) =>
        Run(s, m, p, a, b, new ThreadRegisters { Spill = LocalMemory.Allocate<long>(RegisterFile.Medium - RegisterFile.Small) });

    private static void RunLarge(Slots s, ArrayView<long> m, ReduceParams p, TPrologue a, TEpilogue b) =>
        Run(s, m, p, a, b, new ThreadRegisters { Spill = LocalMemory.Allocate<long>(RegisterFile.Large - RegisterFile.Small) });

    private static void Run(Slots slots, ArrayView<long> meta, ReduceParams p, TPrologue prologue, TEpilogue epilogue,
        ThreadRegisters regs)
    {
        var output = (long)Grid.IdxX;
        FoldRange(slots, meta, p, prologue, ref regs, output, 0, p.ReducedCount, out var value, out var index);
        if (Group.IdxX == 0)
        {
            default(TInput).Set(ref regs, IsArg ? index : value);
            epilogue.Run(slots, meta, ref regs, output);
        }
    }

    /// <summary>
    /// Folds reduced points [start, end) of <paramref name="output"/> over the group, each thread a strided share
    /// through the prologue; afterwards thread 0 holds the group's value and index. Trailing reduced axes (no index
    /// arithmetic) take four points a round while all four are in range, folded in the same order as one at a
    /// time: a GPU issues a warp's instructions in order, so with one point a round each warp would wait for its
    /// loads at every combine, one point's loads in flight; four rounds' loads are independent of the running value,
    /// so they can all be issued before the first combine waits.
    /// </summary>
    private static void FoldRange(Slots slots, ArrayView<long> meta, ReduceParams p, TPrologue prologue,
        ref ThreadRegisters regs, long output, long start, long end, out long value, out long index)
    {
        var values = SharedMemory.Allocate<long>(MaxGroupSize);
        var indices = SharedMemory.Allocate<long>(MaxGroupSize);
        var keptBase = StridedOffset.Of(meta, p.GeometryAt, output);
        var reducedAt = StridedOffset.After(meta, p.GeometryAt);
        value = Combiner.Identity(default(TOp).Op, default(TAcc).DType);
        index = long.MaxValue;
        long stride = Group.DimX;
        var r = start + Group.IdxX;
        if (p.ReducedTrailing != 0)
        {
            for (; r + 3 * stride < end; r += 4 * stride)
            {
                FoldPoint(slots, meta, prologue, ref regs, keptBase + r, r, ref value, ref index);
                FoldPoint(slots, meta, prologue, ref regs, keptBase + r + stride, r + stride, ref value, ref index);
                FoldPoint(slots, meta, prologue, ref regs, keptBase + r + 2 * stride, r + 2 * stride, ref value, ref index);
                FoldPoint(slots, meta, prologue, ref regs, keptBase + r + 3 * stride, r + 3 * stride, ref value, ref index);
            }
            for (; r < end; r += stride) FoldPoint(slots, meta, prologue, ref regs, keptBase + r, r, ref value, ref index);
        }
        else
        {
            for (; r < end; r += stride)
                FoldPoint(slots, meta, prologue, ref regs, keptBase + StridedOffset.Of(meta, reducedAt, r), r, ref value, ref index);
        }
        CombineGroup(p, values, indices, ref value, ref index);
    }

    /// <summary>Runs the prologue at input point <paramref name="linear"/> and folds its value (reduced point
    /// <paramref name="r"/>, the index arg reductions keep) into the running one.</summary>
    private static void FoldPoint(Slots slots, ArrayView<long> meta, TPrologue prologue, ref ThreadRegisters regs,
        long linear, long r, ref long value, ref long index)
    {
        prologue.Run(slots, meta, ref regs, linear);
        Combiner.Combine(default(TAcc), default(TOp).Op, ref value, ref index, default(TResult).Get(ref regs), r);
    }

    // Within each warp: shuffles, no shared memory. Then lane 0 of each warp publishes its value and thread 0
    // combines the few (group size / WarpSize) of them: the group's result is thread 0's value and index.
    private static void CombineGroup(ReduceParams p, ArrayView<long> values, ArrayView<long> indices, ref long value, ref long index)
    {
        for (var offset = Warp.WarpSize / 2; offset > 0; offset /= 2)
        {
            var otherValue = Warp.ShuffleDown(value, offset);
            var otherIndex = IsArg ? Warp.ShuffleDown(index, offset) : index;
            if (Warp.LaneIdx + offset < Warp.WarpSize)
                Combiner.Combine(default(TAcc), default(TOp).Op, ref value, ref index, otherValue, otherIndex);
        }
        if (Warp.LaneIdx == 0)
        {
            values[Warp.WarpIdx] = value;
            indices[Warp.WarpIdx] = index;
        }
        Group.Barrier();
        if (Group.IdxX == 0)
        {
            for (var w = 1; w < Group.DimX / Warp.WarpSize; w++)
                Combiner.Combine(default(TAcc), default(TOp).Op, ref value, ref index, values[w], indices[w]);
        }
    }

    public static IReductionLauncher Create(Accelerator accelerator, (Type Type, object Value) prologue,
        (Type Type, object Value) epilogue, ReduceOp op, DType accumulator, int result, int input, int registers,
        int? partialSlot) =>
        (IReductionLauncher)Activator.CreateInstance(
            typeof(ReductionLauncher<,,,,,,>).MakeGenericType(prologue.Type, epilogue.Type, Tags.Of(op), Tags.Of(accumulator),
                Names.Register(result), Names.Register(input), Names.Slot(partialSlot ?? 0)),
            accelerator, prologue.Value, epilogue.Value, registers, partialSlot is not null)!;
}

/// <summary>Identities and combination of the reduce ops on register values (arg ops: value and index).</summary>
internal static class Combiner
{
    public static long Identity(ReduceOp op, DType dtype) => op switch
    {
        ReduceOp.Sum or ReduceOp.Or => 0, // +0.0 too
        ReduceOp.Prod => dtype.IsFloat() ? Registers.One(dtype) : 1,
        ReduceOp.And => Registers.Normalize(-1, dtype),
        ReduceOp.Max or ReduceOp.ArgMax => dtype.IsFloat() ? Registers.Infinity(dtype, negative: true) : MinOf(dtype),
        _ => dtype.IsFloat() ? Registers.Infinity(dtype, negative: false) : MaxOf(dtype),
    };

    private static long MinOf(DType dtype) => dtype switch
    {
        DType.Int32 => int.MinValue,
        DType.Int64 => long.MinValue,
        DType.Int8 => sbyte.MinValue,
        DType.Int16 => short.MinValue,
        _ => 0,
    };

    private static long MaxOf(DType dtype) => dtype switch
    {
        DType.Int32 => int.MaxValue,
        DType.Int64 => long.MaxValue,
        DType.UInt32 => uint.MaxValue,
        DType.UInt8 => byte.MaxValue,
        DType.Int8 => sbyte.MaxValue,
        DType.Int16 => short.MaxValue,
        DType.UInt16 => ushort.MaxValue,
        DType.UInt64 => -1, // all bits set
        DType.Bool => 1,
        _ => long.MaxValue,
    };

    public static void Combine<TD>(TD dtype, ReduceOp op, ref long value, ref long index, long other, long otherIndex)
        where TD : struct, IDTypeTag
    {
        switch (op)
        {
            case ReduceOp.Sum: value = dtype.Binary(BinaryOp.Add, value, other); break;
            case ReduceOp.Prod: value = dtype.Binary(BinaryOp.Mul, value, other); break;
            case ReduceOp.Max: value = dtype.Binary(BinaryOp.Max, value, other); break;
            case ReduceOp.Min: value = dtype.Binary(BinaryOp.Min, value, other); break;
            case ReduceOp.And: value = dtype.Binary(BinaryOp.And, value, other); break;
            case ReduceOp.Or: value = dtype.Binary(BinaryOp.Or, value, other); break;
            default:
                if (Prefer(op == ReduceOp.ArgMax, dtype.DType, other, otherIndex, value, index))
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
        if (Registers.IsSingle(dtype))
        {
            var x = Registers.S(b);
            var y = Registers.S(a);
            return PreferFloat(max, float.IsNaN(x), float.IsNaN(y), x == y, x > y, bi < ai);
        }
        if (dtype == DType.Float64)
        {
            var x = Registers.F(b);
            var y = Registers.F(a);
            return PreferFloat(max, double.IsNaN(x), double.IsNaN(y), x == y, x > y, bi < ai);
        }
        if (b == a) return bi < ai;
        var greater = Registers.IsUnsigned64(dtype) ? (ulong)b > (ulong)a : b > a;
        return max ? greater : !greater;
    }

    private static bool PreferFloat(bool max, bool xNaN, bool yNaN, bool equal, bool greater, bool earlier)
    {
        if (xNaN || yNaN) return xNaN && (!yNaN || earlier);
        if (equal) return earlier;
        return max ? greater : !greater;
    }
}
