using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using JaxNet.Backends.CpuSimd.Codegen.Scalar;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// Shifts and rotates by per-lane amounts. Without these the emitter ran them lane by lane, and threefry (JAX's PRNG:
/// twenty rounds of add, rotate and xor per pair of words) ran every random draw at scalar speed through memory. The
/// variable-count instructions have the IR's semantics as they are: vpsllv/vpsrlv give 0 for an amount at or past the
/// width (read as unsigned), vpsrav fills with the sign, and vprolv/vprorv take the amount modulo the width.
/// </summary>
internal static unsafe partial class Simd512
{
    [MethodImpl(Inline)]
    public static Vector512<int> ShiftLeft(Vector512<int> a, Vector512<int> b) =>
        Avx512F.IsSupported ? Avx512F.ShiftLeftLogicalVariable(a, b.AsUInt32()) : PerLane(a, b, ScalarMath.ShiftLeft);
    [MethodImpl(Inline)]
    public static Vector512<uint> ShiftLeft(Vector512<uint> a, Vector512<uint> b) =>
        Avx512F.IsSupported ? Avx512F.ShiftLeftLogicalVariable(a, b) : PerLane(a, b, ScalarMath.ShiftLeft);
    [MethodImpl(Inline)]
    public static Vector512<long> ShiftLeft(Vector512<long> a, Vector512<long> b) =>
        Avx512F.IsSupported ? Avx512F.ShiftLeftLogicalVariable(a, b.AsUInt64()) : PerLane(a, b, ScalarMath.ShiftLeft);

    [MethodImpl(Inline)]
    public static Vector512<int> ShiftRightLogical(Vector512<int> a, Vector512<int> b) =>
        Avx512F.IsSupported ? Avx512F.ShiftRightLogicalVariable(a, b.AsUInt32()) : PerLane(a, b, ScalarMath.ShiftRightLogical);
    [MethodImpl(Inline)]
    public static Vector512<uint> ShiftRightLogical(Vector512<uint> a, Vector512<uint> b) =>
        Avx512F.IsSupported ? Avx512F.ShiftRightLogicalVariable(a, b) : PerLane(a, b, ScalarMath.ShiftRightLogical);
    [MethodImpl(Inline)]
    public static Vector512<long> ShiftRightLogical(Vector512<long> a, Vector512<long> b) =>
        Avx512F.IsSupported ? Avx512F.ShiftRightLogicalVariable(a, b.AsUInt64()) : PerLane(a, b, ScalarMath.ShiftRightLogical);

    [MethodImpl(Inline)]
    public static Vector512<int> ShiftRightArithmetic(Vector512<int> a, Vector512<int> b) =>
        Avx512F.IsSupported ? Avx512F.ShiftRightArithmeticVariable(a, b.AsUInt32()) : PerLane(a, b, ScalarMath.ShiftRightArithmetic);
    [MethodImpl(Inline)]
    public static Vector512<uint> ShiftRightArithmetic(Vector512<uint> a, Vector512<uint> b) =>
        Avx512F.IsSupported ? Avx512F.ShiftRightArithmeticVariable(a.AsInt32(), b).AsUInt32() : PerLane(a, b, ScalarMath.ShiftRightArithmetic);
    [MethodImpl(Inline)]
    public static Vector512<long> ShiftRightArithmetic(Vector512<long> a, Vector512<long> b) =>
        Avx512F.IsSupported ? Avx512F.ShiftRightArithmeticVariable(a, b.AsUInt64()) : PerLane(a, b, ScalarMath.ShiftRightArithmetic);

    [MethodImpl(Inline)]
    public static Vector512<int> RotateLeft(Vector512<int> a, Vector512<int> b) =>
        Avx512F.IsSupported ? Avx512F.RotateLeftVariable(a, b.AsUInt32()) : PerLane(a, b, ScalarMath.RotateLeft);
    [MethodImpl(Inline)]
    public static Vector512<uint> RotateLeft(Vector512<uint> a, Vector512<uint> b) =>
        Avx512F.IsSupported ? Avx512F.RotateLeftVariable(a, b) : PerLane(a, b, ScalarMath.RotateLeft);
    [MethodImpl(Inline)]
    public static Vector512<long> RotateLeft(Vector512<long> a, Vector512<long> b) =>
        Avx512F.IsSupported ? Avx512F.RotateLeftVariable(a, b.AsUInt64()) : PerLane(a, b, ScalarMath.RotateLeft);

    [MethodImpl(Inline)]
    public static Vector512<int> RotateRight(Vector512<int> a, Vector512<int> b) =>
        Avx512F.IsSupported ? Avx512F.RotateRightVariable(a, b.AsUInt32()) : PerLane(a, b, ScalarMath.RotateRight);
    [MethodImpl(Inline)]
    public static Vector512<uint> RotateRight(Vector512<uint> a, Vector512<uint> b) =>
        Avx512F.IsSupported ? Avx512F.RotateRightVariable(a, b) : PerLane(a, b, ScalarMath.RotateRight);
    [MethodImpl(Inline)]
    public static Vector512<long> RotateRight(Vector512<long> a, Vector512<long> b) =>
        Avx512F.IsSupported ? Avx512F.RotateRightVariable(a, b.AsUInt64()) : PerLane(a, b, ScalarMath.RotateRight);

    /// <summary>The scalar semantics lane by lane, where Vector512 is accelerated without AVX-512F (not on x86).</summary>
    private static Vector512<T> PerLane<T>(Vector512<T> a, Vector512<T> b, Func<T, T, T> op)
    {
        var lanes = new T[Vector512<T>.Count];
        for (var i = 0; i < lanes.Length; i++) lanes[i] = op(a.GetElement(i), b.GetElement(i));
        return Vector512.Create(lanes);
    }
}
