using ILGPU;
using JaxNet.Backends.Cuda.Kernels;
using JaxNet.Backends.Cuda.Numerics;

namespace JaxNet.Backends.Cuda.Fusion;

/// <summary>
/// One statement of a fused kernel, run per point: it reads registers, writes one register or one output
/// element. A scalar program becomes a balanced tree of <see cref="Seq{A,B}"/> over these steps, built with
/// MakeGenericType, so each IR kernel compiles to one specialised ILGPU kernel (no interpretation per element).
/// Registers and buffer slots are named by type arguments (<see cref="IRegister"/>, <see cref="ISlot"/>), so every
/// register access is a field of <see cref="ThreadRegisters"/> (an SSA value, so a GPU register) and every buffer
/// access one slot's view; an SSA DAG still shares values without recomputing them.
/// </summary>
internal interface IStep
{
    void Run(Slots slots, ArrayView<long> meta, ref ThreadRegisters regs, long linear);
}

internal struct Seq<TFirst, TSecond> : IStep
    where TFirst : struct, IStep
    where TSecond : struct, IStep
{
    public TFirst First;
    public TSecond Second;

    public void Run(Slots slots, ArrayView<long> meta, ref ThreadRegisters regs, long linear)
    {
        First.Run(slots, meta, ref regs, linear);
        Second.Run(slots, meta, ref regs, linear);
    }
}

internal struct NopStep : IStep
{
    public readonly void Run(Slots slots, ArrayView<long> meta, ref ThreadRegisters regs, long linear) { }
}

/// <summary>Loads an input through its index map (see <see cref="MapCodec"/>) at the current point.</summary>
internal struct LoadStep<TD, TDst, TSlot> : IStep
    where TD : struct, IDTypeTag
    where TDst : struct, IRegister
    where TSlot : struct, ISlot
{
    public int MapAt;

    public readonly void Run(Slots slots, ArrayView<long> meta, ref ThreadRegisters regs, long linear)
    {
        var element = MapCodec.Resolve(meta, MapAt, linear);
        default(TDst).Set(ref regs,
            element >= 0 ? Slots.LoadFrom(default(TSlot).Of(slots), element, default(TD).DType) : MapCodec.PadValue(meta, MapAt));
    }
}

/// <summary>Loads an input read in the kernel's row-major order: element = offset + linear, no index arithmetic.</summary>
internal struct ContiguousLoadStep<TD, TDst, TSlot> : IStep
    where TD : struct, IDTypeTag
    where TDst : struct, IRegister
    where TSlot : struct, ISlot
{
    public long Offset;

    public readonly void Run(Slots slots, ArrayView<long> meta, ref ThreadRegisters regs, long linear) =>
        default(TDst).Set(ref regs, Slots.LoadFrom(default(TSlot).Of(slots), Offset + linear, default(TD).DType));
}

/// <summary>Loads a raw register value (an intermediate of a multi-kernel lowering) through an index map.</summary>
internal struct LoadRawStep<TDst, TSlot> : IStep
    where TDst : struct, IRegister
    where TSlot : struct, ISlot
{
    public int MapAt;

    public readonly void Run(Slots slots, ArrayView<long> meta, ref ThreadRegisters regs, long linear)
    {
        var element = MapCodec.Resolve(meta, MapAt, linear);
        default(TDst).Set(ref regs, element >= 0 ? default(TSlot).Of(slots).Cast<long>()[element] : MapCodec.PadValue(meta, MapAt));
    }
}

internal struct CopyRegisterStep<TDst, TSrc> : IStep
    where TDst : struct, IRegister
    where TSrc : struct, IRegister
{
    public readonly void Run(Slots slots, ArrayView<long> meta, ref ThreadRegisters regs, long linear) =>
        default(TDst).Set(ref regs, default(TSrc).Get(ref regs));
}

internal struct ConstStep<TDst> : IStep where TDst : struct, IRegister
{
    public long Value;

    public readonly void Run(Slots slots, ArrayView<long> meta, ref ThreadRegisters regs, long linear) =>
        default(TDst).Set(ref regs, Value);
}

/// <summary>The coordinate along one dimension of the kernel's shape (iota); the shape is at ShapeAt in meta.</summary>
internal struct IndexStep<TDst> : IStep where TDst : struct, IRegister
{
    public int ShapeAt;
    public int Dimension;

    public readonly void Run(Slots slots, ArrayView<long> meta, ref ThreadRegisters regs, long linear)
    {
        var rank = (int)meta[ShapeAt];
        var rest = linear;
        for (var d = rank - 1; d > Dimension; d--) rest = IndexMath.Divide(rest, meta[ShapeAt + 1 + d]);
        default(TDst).Set(ref regs, IndexMath.Remainder(rest, meta[ShapeAt + 1 + Dimension]));
    }
}

internal struct UnaryStep<TOp, TD, TDst, TX> : IStep
    where TOp : struct, IUnaryTag
    where TD : struct, IDTypeTag
    where TDst : struct, IRegister
    where TX : struct, IRegister
{
    public readonly void Run(Slots slots, ArrayView<long> meta, ref ThreadRegisters regs, long linear) =>
        default(TDst).Set(ref regs, default(TD).Unary(default(TOp).Op, default(TX).Get(ref regs)));
}

internal struct BinaryStep<TOp, TD, TDst, TA, TB> : IStep
    where TOp : struct, IBinaryTag
    where TD : struct, IDTypeTag
    where TDst : struct, IRegister
    where TA : struct, IRegister
    where TB : struct, IRegister
{
    public readonly void Run(Slots slots, ArrayView<long> meta, ref ThreadRegisters regs, long linear) =>
        default(TDst).Set(ref regs, default(TD).Binary(default(TOp).Op, default(TA).Get(ref regs), default(TB).Get(ref regs)));
}

internal struct SelectStep<TDst, TPredicate, TOnTrue, TOnFalse> : IStep
    where TDst : struct, IRegister
    where TPredicate : struct, IRegister
    where TOnTrue : struct, IRegister
    where TOnFalse : struct, IRegister
{
    public readonly void Run(Slots slots, ArrayView<long> meta, ref ThreadRegisters regs, long linear) =>
        default(TDst).Set(ref regs, default(TPredicate).Get(ref regs) != 0
            ? default(TOnTrue).Get(ref regs)
            : default(TOnFalse).Get(ref regs));
}

internal struct ConvertStep<TFrom, TTo, TDst, TX> : IStep
    where TFrom : struct, IDTypeTag
    where TTo : struct, IDTypeTag
    where TDst : struct, IRegister
    where TX : struct, IRegister
{
    public readonly void Run(Slots slots, ArrayView<long> meta, ref ThreadRegisters regs, long linear) =>
        default(TDst).Set(ref regs, Registers.Convert(default(TX).Get(ref regs), default(TFrom).DType, default(TTo).DType));
}

internal struct BitcastStep<TFrom, TTo, TDst, TX> : IStep
    where TFrom : struct, IDTypeTag
    where TTo : struct, IDTypeTag
    where TDst : struct, IRegister
    where TX : struct, IRegister
{
    public readonly void Run(Slots slots, ArrayView<long> meta, ref ThreadRegisters regs, long linear) =>
        default(TDst).Set(ref regs, Registers.FromStorageBits(
            Registers.StorageBits(default(TX).Get(ref regs), default(TFrom).DType), default(TTo).DType));
}

/// <summary>Writes a register row-major at the current point, in the output's dtype.</summary>
internal struct StoreStep<TD, TSrc, TSlot> : IStep
    where TD : struct, IDTypeTag
    where TSrc : struct, IRegister
    where TSlot : struct, ISlot
{
    public readonly void Run(Slots slots, ArrayView<long> meta, ref ThreadRegisters regs, long linear) =>
        Slots.StoreTo(default(TSlot).Of(slots), linear, default(TD).DType, default(TSrc).Get(ref regs));
}

/// <summary>Writes a raw register value (an intermediate consumed by a later kernel of the same lowering).</summary>
internal struct StoreRawStep<TSrc, TSlot> : IStep
    where TSrc : struct, IRegister
    where TSlot : struct, ISlot
{
    public readonly void Run(Slots slots, ArrayView<long> meta, ref ThreadRegisters regs, long linear) =>
        default(TSlot).Of(slots).Cast<long>()[linear] = default(TSrc).Get(ref regs);
}
