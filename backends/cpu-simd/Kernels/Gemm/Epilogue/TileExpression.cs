using System.Numerics;
using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Kernels.Gemm.Epilogue;

/// <summary>
/// An epilogue program as a type: each node of the scalar program is a generic struct over its operands' types
/// (<c>Max&lt;Add&lt;Accumulator, Operand&lt;Slot0&gt;&gt;, Constant&lt;Slot0&gt;&gt;</c> for relu(acc + bias)), built with
/// MakeGenericType when the kernel compiles. The GEMM is instantiated over that type, so the JIT inlines the whole
/// program into the loop that finishes each tile of C right after the micro-kernel stores it (while it is in L1),
/// and into the narrow kernel's store of each row's register: no second pass over C, no interpreter.
/// </summary>
/// <remarks>
/// <see cref="Evaluate"/> computes one vector of results at row <paramref name="row"/>, columns
/// [<paramref name="col"/>, col + width) of C; <paramref name="limit"/> is the first column past the matrix, so
/// operand loads at a ragged right edge read only the columns that exist. Bool values are masks in the same
/// vector type.
/// </remarks>
internal unsafe interface ITileExpression
{
    static abstract TVec Evaluate<T, TVec, TOps>(TVec acc, TileOperands* ops, nint row, nint col, nint limit)
        where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec>;
}

/// <summary>No epilogue: the accumulator as it is (the JIT removes the call).</summary>
internal readonly struct NoEpilogue : ITileExpression
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe TVec Evaluate<T, TVec, TOps>(TVec acc, TileOperands* ops, nint row, nint col, nint limit)
        where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec> => acc;
}

/// <summary>The product's own value (input 0 of the epilogue).</summary>
internal readonly struct Accumulator : ITileExpression
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe TVec Evaluate<T, TVec, TOps>(TVec acc, TileOperands* ops, nint row, nint col, nint limit)
        where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec> => acc;
}

/// <summary>An operand slot or constant slot, as a type.</summary>
internal interface ISlot
{
    static abstract int Index { get; }
}

internal readonly struct Slot0 : ISlot { public static int Index => 0; }
internal readonly struct Slot1 : ISlot { public static int Index => 1; }
internal readonly struct Slot2 : ISlot { public static int Index => 2; }
internal readonly struct Slot3 : ISlot { public static int Index => 3; }
internal readonly struct Slot4 : ISlot { public static int Index => 4; }
internal readonly struct Slot5 : ISlot { public static int Index => 5; }
internal readonly struct Slot6 : ISlot { public static int Index => 6; }
internal readonly struct Slot7 : ISlot { public static int Index => 7; }

/// <summary>An epilogue input read at the current point (a bias, a residual, a mask's source).</summary>
internal readonly struct Operand<TSlot> : ITileExpression where TSlot : ISlot
{
    // A vector that runs past the right edge is a masked load, inlined: a call returning the vector (as this was)
    // made the JIT keep every value of the sweep in stack slots, and the SGD update in a 512 x 512 weight gradient's
    // epilogue cost a third of the product.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe TVec Evaluate<T, TVec, TOps>(TVec acc, TileOperands* ops, nint row, nint col, nint limit)
        where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec>
    {
        var s = TSlot.Index;
        var colStride = (nint)ops->ColStride[s];
        var p = (T*)ops->Base[s] + row * (nint)ops->RowStride[s] + col * colStride;
        if (colStride == 0) return TOps.Broadcast(*p);
        if (col + TOps.Width <= limit) return TOps.Load(p);
        return TOps.LoadFirst(p, (int)(limit - col));
    }
}

/// <summary>A constant of the program, broadcast.</summary>
internal readonly struct Constant<TSlot> : ITileExpression where TSlot : ISlot
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe TVec Evaluate<T, TVec, TOps>(TVec acc, TileOperands* ops, nint row, nint col, nint limit)
        where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec> =>
        TOps.Broadcast(T.CreateTruncating(ops->Constants[TSlot.Index]));
}
