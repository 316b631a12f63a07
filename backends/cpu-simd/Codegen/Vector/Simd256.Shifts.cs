using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using JaxNet.Backends.CpuSimd.Codegen.Scalar;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// Simd512.Shifts.cs at 256 bits, on AVX2: vpsllv/vpsrlv (0 at or past the width) and vpsravd (sign fill) as they
/// are; AVX2 has no vpsravq or variable rotates, so those are built from the logical shifts (a shift by the full
/// width gives 0, which makes x &lt;&lt; 0 | x &gt;&gt; 32 = x for a rotate by zero).
/// </summary>
internal static unsafe partial class Simd256
{
    [MethodImpl(Inline)]
    public static Vector256<int> ShiftLeft(Vector256<int> a, Vector256<int> b) =>
        Avx2.IsSupported ? Avx2.ShiftLeftLogicalVariable(a, b.AsUInt32()) : PerLane(a, b, ScalarMath.ShiftLeft);
    [MethodImpl(Inline)]
    public static Vector256<uint> ShiftLeft(Vector256<uint> a, Vector256<uint> b) =>
        Avx2.IsSupported ? Avx2.ShiftLeftLogicalVariable(a, b) : PerLane(a, b, ScalarMath.ShiftLeft);
    [MethodImpl(Inline)]
    public static Vector256<long> ShiftLeft(Vector256<long> a, Vector256<long> b) =>
        Avx2.IsSupported ? Avx2.ShiftLeftLogicalVariable(a, b.AsUInt64()) : PerLane(a, b, ScalarMath.ShiftLeft);

    [MethodImpl(Inline)]
    public static Vector256<int> ShiftRightLogical(Vector256<int> a, Vector256<int> b) =>
        Avx2.IsSupported ? Avx2.ShiftRightLogicalVariable(a, b.AsUInt32()) : PerLane(a, b, ScalarMath.ShiftRightLogical);
    [MethodImpl(Inline)]
    public static Vector256<uint> ShiftRightLogical(Vector256<uint> a, Vector256<uint> b) =>
        Avx2.IsSupported ? Avx2.ShiftRightLogicalVariable(a, b) : PerLane(a, b, ScalarMath.ShiftRightLogical);
    [MethodImpl(Inline)]
    public static Vector256<long> ShiftRightLogical(Vector256<long> a, Vector256<long> b) =>
        Avx2.IsSupported ? Avx2.ShiftRightLogicalVariable(a, b.AsUInt64()) : PerLane(a, b, ScalarMath.ShiftRightLogical);

    [MethodImpl(Inline)]
    public static Vector256<int> ShiftRightArithmetic(Vector256<int> a, Vector256<int> b) =>
        Avx2.IsSupported ? Avx2.ShiftRightArithmeticVariable(a, b.AsUInt32()) : PerLane(a, b, ScalarMath.ShiftRightArithmetic);
    [MethodImpl(Inline)]
    public static Vector256<uint> ShiftRightArithmetic(Vector256<uint> a, Vector256<uint> b) =>
        Avx2.IsSupported ? Avx2.ShiftRightArithmeticVariable(a.AsInt32(), b).AsUInt32() : PerLane(a, b, ScalarMath.ShiftRightArithmetic);

    /// <summary>x &gt;&gt;&gt; c with the sign's copies shifted in: (sign mask) &lt;&lt; (64 - c) fills the top c bits
    /// (nothing for c = 0, where the shift by 64 gives 0); c is capped at 63 as vpsravq would.</summary>
    [MethodImpl(Inline)]
    public static Vector256<long> ShiftRightArithmetic(Vector256<long> a, Vector256<long> b)
    {
        if (!Avx2.IsSupported) return PerLane(a, b, ScalarMath.ShiftRightArithmetic);
        var count = Vector256.Min(b.AsUInt64(), Vector256.Create(63ul));
        var sign = Vector256.LessThan(a, Vector256<long>.Zero).AsUInt64();
        var fill = Avx2.ShiftLeftLogicalVariable(sign, Vector256.Create(64ul) - count);
        return (Avx2.ShiftRightLogicalVariable(a.AsUInt64(), count) | fill).AsInt64();
    }

    [MethodImpl(Inline)] public static Vector256<int> RotateLeft(Vector256<int> a, Vector256<int> b) => RotateLeft(a.AsUInt32(), b.AsUInt32()).AsInt32();
    [MethodImpl(Inline)] public static Vector256<long> RotateLeft(Vector256<long> a, Vector256<long> b) => RotateLeft(a.AsUInt64(), b.AsUInt64()).AsInt64();

    [MethodImpl(Inline)]
    public static Vector256<uint> RotateLeft(Vector256<uint> a, Vector256<uint> b)
    {
        if (!Avx2.IsSupported) return PerLane(a, b, ScalarMath.RotateLeft);
        var count = b & Vector256.Create(31u);
        return Avx2.ShiftLeftLogicalVariable(a, count) | Avx2.ShiftRightLogicalVariable(a, Vector256.Create(32u) - count);
    }

    [MethodImpl(Inline)] public static Vector256<int> RotateRight(Vector256<int> a, Vector256<int> b) => RotateRight(a.AsUInt32(), b.AsUInt32()).AsInt32();
    [MethodImpl(Inline)] public static Vector256<long> RotateRight(Vector256<long> a, Vector256<long> b) => RotateRight(a.AsUInt64(), b.AsUInt64()).AsInt64();

    [MethodImpl(Inline)]
    public static Vector256<uint> RotateRight(Vector256<uint> a, Vector256<uint> b)
    {
        if (!Avx2.IsSupported) return PerLane(a, b, ScalarMath.RotateRight);
        var count = b & Vector256.Create(31u);
        return Avx2.ShiftRightLogicalVariable(a, count) | Avx2.ShiftLeftLogicalVariable(a, Vector256.Create(32u) - count);
    }

    // ulong is not a kernel dtype: these serve the int64 rotates above.
    [MethodImpl(Inline)]
    private static Vector256<ulong> RotateLeft(Vector256<ulong> a, Vector256<ulong> b)
    {
        if (!Avx2.IsSupported) return PerLane(a.AsInt64(), b.AsInt64(), ScalarMath.RotateLeft).AsUInt64();
        var count = b & Vector256.Create(63ul);
        return Avx2.ShiftLeftLogicalVariable(a, count) | Avx2.ShiftRightLogicalVariable(a, Vector256.Create(64ul) - count);
    }

    [MethodImpl(Inline)]
    private static Vector256<ulong> RotateRight(Vector256<ulong> a, Vector256<ulong> b)
    {
        if (!Avx2.IsSupported) return PerLane(a.AsInt64(), b.AsInt64(), ScalarMath.RotateRight).AsUInt64();
        var count = b & Vector256.Create(63ul);
        return Avx2.ShiftRightLogicalVariable(a, count) | Avx2.ShiftLeftLogicalVariable(a, Vector256.Create(64ul) - count);
    }

    /// <summary>The scalar semantics lane by lane, where Vector256 is accelerated without AVX2 (not on x86).</summary>
    private static Vector256<T> PerLane<T>(Vector256<T> a, Vector256<T> b, Func<T, T, T> op)
    {
        var lanes = new T[Vector256<T>.Count];
        for (var i = 0; i < lanes.Length; i++) lanes[i] = op(a.GetElement(i), b.GetElement(i));
        return Vector256.Create(lanes);
    }
}
