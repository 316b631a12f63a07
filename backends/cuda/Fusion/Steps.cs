using ILGPU;
using JaxNet.Backends.Cuda.Numerics;

namespace JaxNet.Backends.Cuda.Fusion;

/// <summary>
/// One statement of a fused kernel, run per point: it reads registers, writes one register or one output
/// element. A scalar program becomes a balanced tree of <see cref="Seq{A,B}"/> over these steps, built with
/// MakeGenericType, so each IR kernel compiles to one specialised ILGPU kernel (no interpretation per element).
/// Registers are a per-thread local array: an SSA DAG shares values without recomputing them.
/// </summary>
internal interface IStep
{
    void Run(Slots slots, ArrayView<long> meta, ArrayView<long> regs, long linear);
}

internal struct Seq<TFirst, TSecond> : IStep
    where TFirst : struct, IStep
    where TSecond : struct, IStep
{
    public TFirst First;
    public TSecond Second;

    public void Run(Slots slots, ArrayView<long> meta, ArrayView<long> regs, long linear)
    {
        First.Run(slots, meta, regs, linear);
        Second.Run(slots, meta, regs, linear);
    }
}

internal struct NopStep : IStep
{
    public readonly void Run(Slots slots, ArrayView<long> meta, ArrayView<long> regs, long linear) { }
}

/// <summary>Loads an input through its index map (see <see cref="MapCodec"/>) at the current point.</summary>
internal struct LoadStep<TD> : IStep where TD : struct, IDTypeTag
{
    public int Dst;
    public int Slot;
    public int MapAt;

    public readonly void Run(Slots slots, ArrayView<long> meta, ArrayView<long> regs, long linear)
    {
        var element = MapCodec.Resolve(meta, MapAt, linear, out var valid);
        regs[Dst] = valid ? slots.Load(Slot, element, default(TD).DType) : MapCodec.PadValue(meta, MapAt);
    }
}

/// <summary>Loads an input read in the kernel's row-major order: element = offset + linear, no index arithmetic.</summary>
internal struct ContiguousLoadStep<TD> : IStep where TD : struct, IDTypeTag
{
    public int Dst;
    public int Slot;
    public long Offset;

    public readonly void Run(Slots slots, ArrayView<long> meta, ArrayView<long> regs, long linear) =>
        regs[Dst] = slots.Load(Slot, Offset + linear, default(TD).DType);
}

/// <summary>Loads a raw register value (an intermediate of a multi-kernel lowering) through an index map.</summary>
internal struct LoadRawStep : IStep
{
    public int Dst;
    public int Slot;
    public int MapAt;

    public readonly void Run(Slots slots, ArrayView<long> meta, ArrayView<long> regs, long linear)
    {
        var element = MapCodec.Resolve(meta, MapAt, linear, out var valid);
        regs[Dst] = valid ? slots.LoadRaw(Slot, element) : MapCodec.PadValue(meta, MapAt);
    }
}

internal struct CopyRegisterStep : IStep
{
    public int Dst;
    public int Src;

    public readonly void Run(Slots slots, ArrayView<long> meta, ArrayView<long> regs, long linear) => regs[Dst] = regs[Src];
}

internal struct ConstStep : IStep
{
    public int Dst;
    public long Value;

    public readonly void Run(Slots slots, ArrayView<long> meta, ArrayView<long> regs, long linear) => regs[Dst] = Value;
}

/// <summary>The coordinate along one dimension of the kernel's shape (iota); the shape is at ShapeAt in meta.</summary>
internal struct IndexStep : IStep
{
    public int Dst;
    public int ShapeAt;
    public int Dimension;

    public readonly void Run(Slots slots, ArrayView<long> meta, ArrayView<long> regs, long linear)
    {
        var rank = (int)meta[ShapeAt];
        var rest = linear;
        for (var d = rank - 1; d > Dimension; d--) rest /= meta[ShapeAt + 1 + d];
        regs[Dst] = rest % meta[ShapeAt + 1 + Dimension];
    }
}

internal struct UnaryStep<TOp, TD> : IStep where TOp : struct, IUnaryTag where TD : struct, IDTypeTag
{
    public int Dst;
    public int X;

    public readonly void Run(Slots slots, ArrayView<long> meta, ArrayView<long> regs, long linear) =>
        regs[Dst] = ScalarOps.Unary(default(TOp).Op, default(TD).DType, regs[X]);
}

internal struct BinaryStep<TOp, TD> : IStep where TOp : struct, IBinaryTag where TD : struct, IDTypeTag
{
    public int Dst;
    public int A;
    public int B;

    public readonly void Run(Slots slots, ArrayView<long> meta, ArrayView<long> regs, long linear) =>
        regs[Dst] = ScalarOps.Binary(default(TOp).Op, default(TD).DType, regs[A], regs[B]);
}

internal struct SelectStep : IStep
{
    public int Dst;
    public int Predicate;
    public int OnTrue;
    public int OnFalse;

    public readonly void Run(Slots slots, ArrayView<long> meta, ArrayView<long> regs, long linear) =>
        regs[Dst] = regs[Predicate] != 0 ? regs[OnTrue] : regs[OnFalse];
}

internal struct ConvertStep<TFrom, TTo> : IStep where TFrom : struct, IDTypeTag where TTo : struct, IDTypeTag
{
    public int Dst;
    public int X;

    public readonly void Run(Slots slots, ArrayView<long> meta, ArrayView<long> regs, long linear) =>
        regs[Dst] = Registers.Convert(regs[X], default(TFrom).DType, default(TTo).DType);
}

internal struct BitcastStep<TFrom, TTo> : IStep where TFrom : struct, IDTypeTag where TTo : struct, IDTypeTag
{
    public int Dst;
    public int X;

    public readonly void Run(Slots slots, ArrayView<long> meta, ArrayView<long> regs, long linear) =>
        regs[Dst] = Registers.FromStorageBits(Registers.StorageBits(regs[X], default(TFrom).DType), default(TTo).DType);
}

/// <summary>Writes a register row-major at the current point, in the output's dtype.</summary>
internal struct StoreStep<TD> : IStep where TD : struct, IDTypeTag
{
    public int Src;
    public int Slot;

    public readonly void Run(Slots slots, ArrayView<long> meta, ArrayView<long> regs, long linear) =>
        slots.Store(Slot, linear, default(TD).DType, regs[Src]);
}

/// <summary>Writes a raw register value (an intermediate consumed by a later kernel of the same lowering).</summary>
internal struct StoreRawStep : IStep
{
    public int Src;
    public int Slot;

    public readonly void Run(Slots slots, ArrayView<long> meta, ArrayView<long> regs, long linear) =>
        slots.StoreRaw(Slot, linear, regs[Src]);
}
