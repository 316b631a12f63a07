using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using JaxNet.Backends.CpuSimd.Codegen.Scalar;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// Vector forms of the kernel IR's ops on full Vector256 lanes, called by name from generated code (see
/// <see cref="Emit.HelperResolver"/>). The transcendental routines (exp, sin, erf, ...) are
/// <see cref="VectorMath{TLanes, TDouble, TLong, TFloat, TInt}"/>, written once for both widths; these one-line forms
/// differ by more than the width (their lane type varies), so they stay in two files. An op missing from both is
/// computed lane by lane with <see cref="ScalarMath"/> by the emitter.
/// A Bool value is a lane mask (all bits set or clear) as wide as the program's other lanes; ops on masks are
/// named Mask + the op. Generated from Simd512.cs by replacing 512 with 256: keep the two in step.
/// </summary>
internal static unsafe partial class Simd256
{
    private const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;

    // ---- memory ----
    [MethodImpl(Inline)] public static Vector256<T> Load<T>(nint p) where T : unmanaged => Vector256.Load((T*)p);
    [MethodImpl(Inline)] public static void Store<T>(nint p, Vector256<T> v) where T : unmanaged => v.Store((T*)p);

    [MethodImpl(Inline)]
    public static Vector256<T> Gather<T>(nint p, nint strideBytes) where T : unmanaged
    {
        Unsafe.SkipInit(out Vector256<T> v);
        ref var lanes = ref Unsafe.As<Vector256<T>, T>(ref v);
        for (var i = 0; i < Vector256<T>.Count; i++) Unsafe.Add(ref lanes, i) = *(T*)(p + i * strideBytes);
        return v;
    }

    [MethodImpl(Inline)] public static Vector256<float> LoadFloat16(nint p) => GatherFloat16(p, 2);

    [MethodImpl(Inline)]
    public static Vector256<float> GatherFloat16(nint p, nint strideBytes)
    {
        Unsafe.SkipInit(out Vector256<float> v);
        ref var lanes = ref Unsafe.As<Vector256<float>, float>(ref v);
        for (var i = 0; i < Vector256<float>.Count; i++) Unsafe.Add(ref lanes, i) = HalfPrecision.HalfBitsToSingle(*(ushort*)(p + i * strideBytes));
        return v;
    }

    [MethodImpl(Inline)] public static Vector256<float> LoadBFloat16(nint p) => GatherBFloat16(p, 2);

    [MethodImpl(Inline)]
    public static Vector256<float> GatherBFloat16(nint p, nint strideBytes)
    {
        Unsafe.SkipInit(out Vector256<uint> v);
        ref var lanes = ref Unsafe.As<Vector256<uint>, uint>(ref v);
        for (var i = 0; i < Vector256<uint>.Count; i++) Unsafe.Add(ref lanes, i) = *(ushort*)(p + i * strideBytes);
        return (v << 16).AsSingle();
    }

    [MethodImpl(Inline)] public static Vector256<uint> LoadBoolW4(nint p) => GatherBoolW4(p, 1);
    [MethodImpl(Inline)] public static Vector256<ulong> LoadBoolW8(nint p) => GatherBoolW8(p, 1);

    [MethodImpl(Inline)]
    public static Vector256<uint> GatherBoolW4(nint p, nint strideBytes)
    {
        Unsafe.SkipInit(out Vector256<uint> v);
        ref var lanes = ref Unsafe.As<Vector256<uint>, uint>(ref v);
        for (var i = 0; i < Vector256<uint>.Count; i++) Unsafe.Add(ref lanes, i) = *(byte*)(p + i * strideBytes);
        return ~Vector256.Equals(v, Vector256<uint>.Zero);
    }

    [MethodImpl(Inline)]
    public static Vector256<ulong> GatherBoolW8(nint p, nint strideBytes)
    {
        Unsafe.SkipInit(out Vector256<ulong> v);
        ref var lanes = ref Unsafe.As<Vector256<ulong>, ulong>(ref v);
        for (var i = 0; i < Vector256<ulong>.Count; i++) Unsafe.Add(ref lanes, i) = *(byte*)(p + i * strideBytes);
        return ~Vector256.Equals(v, Vector256<ulong>.Zero);
    }

    [MethodImpl(Inline)]
    public static void StoreFloat16(nint p, Vector256<float> v)
    {
        for (var i = 0; i < Vector256<float>.Count; i++) ((ushort*)p)[i] = HalfPrecision.SingleToHalfBits(v.GetElement(i));
    }

    [MethodImpl(Inline)]
    public static void StoreBFloat16(nint p, Vector256<float> v)
    {
        var bits = BFloat16Bits(v);
        for (var i = 0; i < Vector256<uint>.Count; i++) ((ushort*)p)[i] = (ushort)bits.GetElement(i);
    }

    [MethodImpl(Inline)]
    public static void StoreBool(nint p, Vector256<uint> mask)
    {
        var ones = mask & Vector256<uint>.One;
        for (var i = 0; i < Vector256<uint>.Count; i++) ((byte*)p)[i] = (byte)ones.GetElement(i);
    }

    [MethodImpl(Inline)]
    public static void StoreBool(nint p, Vector256<ulong> mask)
    {
        var ones = mask & Vector256<ulong>.One;
        for (var i = 0; i < Vector256<ulong>.Count; i++) ((byte*)p)[i] = (byte)ones.GetElement(i);
    }

    // A loop nest that moved a long dimension innermost stores its rows with a stride, lane by lane.
    [MethodImpl(Inline)]
    public static void Scatter<T>(nint p, nint strideBytes, Vector256<T> v) where T : unmanaged
    {
        for (var i = 0; i < Vector256<T>.Count; i++) *(T*)(p + i * strideBytes) = v.GetElement(i);
    }

    [MethodImpl(Inline)]
    public static void ScatterFloat16(nint p, nint strideBytes, Vector256<float> v)
    {
        for (var i = 0; i < Vector256<float>.Count; i++) *(ushort*)(p + i * strideBytes) = HalfPrecision.SingleToHalfBits(v.GetElement(i));
    }

    [MethodImpl(Inline)]
    public static void ScatterBFloat16(nint p, nint strideBytes, Vector256<float> v)
    {
        var bits = BFloat16Bits(v);
        for (var i = 0; i < Vector256<uint>.Count; i++) *(ushort*)(p + i * strideBytes) = (ushort)bits.GetElement(i);
    }

    [MethodImpl(Inline)]
    public static void ScatterBool(nint p, nint strideBytes, Vector256<uint> mask)
    {
        var ones = mask & Vector256<uint>.One;
        for (var i = 0; i < Vector256<uint>.Count; i++) *(byte*)(p + i * strideBytes) = (byte)ones.GetElement(i);
    }

    [MethodImpl(Inline)]
    public static void ScatterBool(nint p, nint strideBytes, Vector256<ulong> mask)
    {
        var ones = mask & Vector256<ulong>.One;
        for (var i = 0; i < Vector256<ulong>.Count; i++) *(byte*)(p + i * strideBytes) = (byte)ones.GetElement(i);
    }

    // ---- constants, iota, reinterpretation ----
    [MethodImpl(Inline)] public static Vector256<T> Broadcast<T>(T x) => Vector256.Create(x);
    [MethodImpl(Inline)] public static Vector256<uint> MaskW4(bool b) => Vector256.Create(b ? uint.MaxValue : 0u);
    [MethodImpl(Inline)] public static Vector256<ulong> MaskW8(bool b) => Vector256.Create(b ? ulong.MaxValue : 0ul);
    [MethodImpl(Inline)] public static Vector256<int> IndexInt32(long start) => Vector256.Create((int)start) + Vector256<int>.Indices;
    [MethodImpl(Inline)] public static Vector256<long> IndexInt64(long start) => Vector256.Create(start) + Vector256<long>.Indices;
    [MethodImpl(Inline)] public static Vector256<TTo> Reinterpret<TFrom, TTo>(Vector256<TFrom> v) => v.As<TFrom, TTo>();

    [MethodImpl(Inline)]
    public static Vector256<T> Select<T, TMask>(Vector256<TMask> mask, Vector256<T> onTrue, Vector256<T> onFalse) =>
        Vector256.ConditionalSelect(mask.As<TMask, T>(), onTrue, onFalse);

    // A periodic row's repeat input: one load, then each group's element moved to the group's lanes. AVX2 moves
    // 8-byte lanes by an immediate only, so those move as pairs of 4-byte lanes, the control naming both halves.
    [MethodImpl(Inline)]
    public static Vector256<T> PermuteW4<T>(Vector256<T> v, Vector256<int> control) where T : unmanaged => Avx2.IsSupported
        ? Avx2.PermuteVar8x32(v.As<T, float>(), control).As<float, T>()
        : Vector256.Shuffle(v.As<T, float>(), control).As<float, T>();

    [MethodImpl(Inline)]
    public static Vector256<T> PermuteW8<T>(Vector256<T> v, Vector256<int> control) where T : unmanaged => PermuteW4(v, control);

    // ---- arithmetic (integers wrap) ----
    [MethodImpl(Inline)] public static Vector256<T> Add<T>(Vector256<T> a, Vector256<T> b) => a + b;
    [MethodImpl(Inline)] public static Vector256<T> Sub<T>(Vector256<T> a, Vector256<T> b) => a - b;
    [MethodImpl(Inline)] public static Vector256<T> Mul<T>(Vector256<T> a, Vector256<T> b) => a * b;
    [MethodImpl(Inline)] public static Vector256<int> Neg(Vector256<int> x) => -x;
    [MethodImpl(Inline)] public static Vector256<long> Neg(Vector256<long> x) => -x;
    [MethodImpl(Inline)] public static Vector256<uint> Neg(Vector256<uint> x) => Vector256<uint>.Zero - x;
    [MethodImpl(Inline)] public static Vector256<float> Neg(Vector256<float> x) => x ^ Vector256.Create(-0f);
    [MethodImpl(Inline)] public static Vector256<double> Neg(Vector256<double> x) => x ^ Vector256.Create(-0d);
    [MethodImpl(Inline)] public static Vector256<T> Abs<T>(Vector256<T> x) => Vector256.Abs(x);
    [MethodImpl(Inline)] public static Vector256<float> Div(Vector256<float> a, Vector256<float> b) => a / b;
    [MethodImpl(Inline)] public static Vector256<double> Div(Vector256<double> a, Vector256<double> b) => a / b;
    [MethodImpl(Inline)] public static Vector256<T> Max<T>(Vector256<T> a, Vector256<T> b) => Vector256.Max(a, b);
    [MethodImpl(Inline)] public static Vector256<T> Min<T>(Vector256<T> a, Vector256<T> b) => Vector256.Min(a, b);

    [MethodImpl(Inline)]
    public static Vector256<float> Sign(Vector256<float> x) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), Vector256<float>.One,
            Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero), Vector256.Create(-1f), x));

    [MethodImpl(Inline)]
    public static Vector256<double> Sign(Vector256<double> x) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<double>.Zero), Vector256<double>.One,
            Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<double>.Zero), Vector256.Create(-1d), x));

    [MethodImpl(Inline)]
    public static Vector256<int> Sign(Vector256<int> x) =>
        (Vector256.GreaterThan(x, Vector256<int>.Zero) & Vector256<int>.One) | Vector256.LessThan(x, Vector256<int>.Zero);

    [MethodImpl(Inline)]
    public static Vector256<long> Sign(Vector256<long> x) =>
        (Vector256.GreaterThan(x, Vector256<long>.Zero) & Vector256<long>.One) | Vector256.LessThan(x, Vector256<long>.Zero);

    [MethodImpl(Inline)] public static Vector256<uint> Sign(Vector256<uint> x) => Vector256.Min(x, Vector256<uint>.One);

    // ---- comparisons: a lane mask of the operand's lane type (the emitter reinterprets it) ----
    [MethodImpl(Inline)] public static Vector256<T> Eq<T>(Vector256<T> a, Vector256<T> b) => Vector256.Equals(a, b);
    [MethodImpl(Inline)] public static Vector256<T> Ne<T>(Vector256<T> a, Vector256<T> b) => ~Vector256.Equals(a, b);
    [MethodImpl(Inline)] public static Vector256<T> Lt<T>(Vector256<T> a, Vector256<T> b) => Vector256.LessThan(a, b);
    [MethodImpl(Inline)] public static Vector256<T> Le<T>(Vector256<T> a, Vector256<T> b) => Vector256.LessThanOrEqual(a, b);
    [MethodImpl(Inline)] public static Vector256<T> Gt<T>(Vector256<T> a, Vector256<T> b) => Vector256.GreaterThan(a, b);
    [MethodImpl(Inline)] public static Vector256<T> Ge<T>(Vector256<T> a, Vector256<T> b) => Vector256.GreaterThanOrEqual(a, b);
    [MethodImpl(Inline)] public static Vector256<T> IsFinite<T>(Vector256<T> x) => Vector256.IsFinite(x);

    // ---- bitwise on integers ----
    [MethodImpl(Inline)] public static Vector256<T> And<T>(Vector256<T> a, Vector256<T> b) => a & b;
    [MethodImpl(Inline)] public static Vector256<T> Or<T>(Vector256<T> a, Vector256<T> b) => a | b;
    [MethodImpl(Inline)] public static Vector256<T> Xor<T>(Vector256<T> a, Vector256<T> b) => a ^ b;
    [MethodImpl(Inline)] public static Vector256<T> Not<T>(Vector256<T> x) => ~x;

    // ---- Bool masks: logical ops, and arithmetic read as logic ----
    [MethodImpl(Inline)] public static Vector256<T> MaskAnd<T>(Vector256<T> a, Vector256<T> b) => a & b;
    [MethodImpl(Inline)] public static Vector256<T> MaskOr<T>(Vector256<T> a, Vector256<T> b) => a | b;
    [MethodImpl(Inline)] public static Vector256<T> MaskXor<T>(Vector256<T> a, Vector256<T> b) => a ^ b;
    [MethodImpl(Inline)] public static Vector256<T> MaskNot<T>(Vector256<T> x) => ~x;
    [MethodImpl(Inline)] public static Vector256<T> MaskAdd<T>(Vector256<T> a, Vector256<T> b) => a | b;
    [MethodImpl(Inline)] public static Vector256<T> MaskSub<T>(Vector256<T> a, Vector256<T> b) => a ^ b;
    [MethodImpl(Inline)] public static Vector256<T> MaskMul<T>(Vector256<T> a, Vector256<T> b) => a & b;
    [MethodImpl(Inline)] public static Vector256<T> MaskMax<T>(Vector256<T> a, Vector256<T> b) => a | b;
    [MethodImpl(Inline)] public static Vector256<T> MaskMin<T>(Vector256<T> a, Vector256<T> b) => a & b;
    [MethodImpl(Inline)] public static Vector256<T> MaskEq<T>(Vector256<T> a, Vector256<T> b) => ~(a ^ b);
    [MethodImpl(Inline)] public static Vector256<T> MaskNe<T>(Vector256<T> a, Vector256<T> b) => a ^ b;
    [MethodImpl(Inline)] public static Vector256<T> MaskLt<T>(Vector256<T> a, Vector256<T> b) => ~a & b;
    [MethodImpl(Inline)] public static Vector256<T> MaskLe<T>(Vector256<T> a, Vector256<T> b) => ~a | b;
    [MethodImpl(Inline)] public static Vector256<T> MaskGt<T>(Vector256<T> a, Vector256<T> b) => a & ~b;
    [MethodImpl(Inline)] public static Vector256<T> MaskGe<T>(Vector256<T> a, Vector256<T> b) => a | ~b;
    [MethodImpl(Inline)] public static Vector256<T> MaskNeg<T>(Vector256<T> x) => x;
    [MethodImpl(Inline)] public static Vector256<T> MaskAbs<T>(Vector256<T> x) => x;
    [MethodImpl(Inline)] public static Vector256<T> MaskSign<T>(Vector256<T> x) => x;

    // ---- float functions ----
    [MethodImpl(Inline)] public static Vector256<float> Floor(Vector256<float> x) => Vector256.Floor(x);
    [MethodImpl(Inline)] public static Vector256<double> Floor(Vector256<double> x) => Vector256.Floor(x);
    [MethodImpl(Inline)] public static Vector256<float> Ceil(Vector256<float> x) => Vector256.Ceiling(x);
    [MethodImpl(Inline)] public static Vector256<double> Ceil(Vector256<double> x) => Vector256.Ceiling(x);
    [MethodImpl(Inline)] public static Vector256<float> RoundEven(Vector256<float> x) => Vector256.Round(x);
    [MethodImpl(Inline)] public static Vector256<double> RoundEven(Vector256<double> x) => Vector256.Round(x);
    [MethodImpl(Inline)] public static Vector256<T> Sqrt<T>(Vector256<T> x) => Vector256.Sqrt(x);
    [MethodImpl(Inline)] public static Vector256<float> Rsqrt(Vector256<float> x) => Vector256<float>.One / Vector256.Sqrt(x);
    [MethodImpl(Inline)] public static Vector256<double> Rsqrt(Vector256<double> x) => Vector256<double>.One / Vector256.Sqrt(x);
    [MethodImpl(Inline)] public static Vector256<double> Log(Vector256<double> x) => Vector256.Log(x);

    // exp, sin, cos, tan and the other transcendentals: VectorMath.*.cs, one generic code for both widths.

    /// <summary>Half away from zero: x - trunc(x) is exact, so comparing it with 0.5 decides the step.</summary>
    [MethodImpl(Inline)]
    public static Vector256<float> Round(Vector256<float> x)
    {
        var t = Vector256.Truncate(x);
        var up = Vector256.GreaterThanOrEqual(Vector256.Abs(x - t), Vector256.Create(0.5f));
        return Vector256.ConditionalSelect(up, t + Vector256.CopySign(Vector256<float>.One, x), t);
    }

    [MethodImpl(Inline)]
    public static Vector256<double> Round(Vector256<double> x)
    {
        var t = Vector256.Truncate(x);
        var up = Vector256.GreaterThanOrEqual(Vector256.Abs(x - t), Vector256.Create(0.5d));
        return Vector256.ConditionalSelect(up, t + Vector256.CopySign(Vector256<double>.One, x), t);
    }


    // ---- conversions (same lane width) ----
    [MethodImpl(Inline)] public static Vector256<int> ToInt32(Vector256<float> x) => Vector256.ConvertToInt32(x);
    [MethodImpl(Inline)] public static Vector256<int> ToInt32(Vector256<uint> x) => x.AsInt32();
    [MethodImpl(Inline)] public static Vector256<uint> ToUInt32(Vector256<float> x) => Vector256.ConvertToUInt32(x);
    [MethodImpl(Inline)] public static Vector256<uint> ToUInt32(Vector256<int> x) => x.AsUInt32();
    [MethodImpl(Inline)] public static Vector256<float> ToFloat32(Vector256<int> x) => Vector256.ConvertToSingle(x);
    [MethodImpl(Inline)] public static Vector256<float> ToFloat32(Vector256<uint> x) => Vector256.ConvertToSingle(x);
    [MethodImpl(Inline)] public static Vector256<float> ToFloat32(Vector256<float> x) => x;
    [MethodImpl(Inline)] public static Vector256<long> ToInt64(Vector256<double> x) => Vector256.ConvertToInt64(x);
    [MethodImpl(Inline)] public static Vector256<double> ToFloat64(Vector256<long> x) => Vector256.ConvertToDouble(x);
    [MethodImpl(Inline)] public static Vector256<float> ToBFloat16(Vector256<float> x) => (BFloat16Bits(x) << 16).AsSingle();
    [MethodImpl(Inline)] public static Vector256<T> ToBool<T>(Vector256<T> x) => ~Vector256.Equals(x, Vector256<T>.Zero);

    [MethodImpl(Inline)] public static Vector256<float> MaskToFloat32(Vector256<uint> m) => (m & Vector256.Create(1f).AsUInt32()).AsSingle();
    [MethodImpl(Inline)] public static Vector256<float> MaskToFloat16(Vector256<uint> m) => MaskToFloat32(m);
    [MethodImpl(Inline)] public static Vector256<float> MaskToBFloat16(Vector256<uint> m) => MaskToFloat32(m);
    [MethodImpl(Inline)] public static Vector256<int> MaskToInt32(Vector256<uint> m) => (m & Vector256<uint>.One).AsInt32();
    [MethodImpl(Inline)] public static Vector256<uint> MaskToUInt32(Vector256<uint> m) => m & Vector256<uint>.One;
    [MethodImpl(Inline)] public static Vector256<double> MaskToFloat64(Vector256<ulong> m) => (m & Vector256.Create(1d).AsUInt64()).AsDouble();
    [MethodImpl(Inline)] public static Vector256<long> MaskToInt64(Vector256<ulong> m) => (m & Vector256<ulong>.One).AsInt64();

    [MethodImpl(Inline)] public static Vector256<int> BitcastToInt32<T>(Vector256<T> x) => x.AsInt32();
    [MethodImpl(Inline)] public static Vector256<uint> BitcastToUInt32<T>(Vector256<T> x) => x.AsUInt32();
    [MethodImpl(Inline)] public static Vector256<float> BitcastToFloat32<T>(Vector256<T> x) => x.AsSingle();
    [MethodImpl(Inline)] public static Vector256<long> BitcastToInt64<T>(Vector256<T> x) => x.AsInt64();
    [MethodImpl(Inline)] public static Vector256<double> BitcastToFloat64<T>(Vector256<T> x) => x.AsDouble();

    /// <summary>bfloat16 bits (in the low half of each lane) of float32 lanes, rounded to nearest even.</summary>
    [MethodImpl(Inline)]
    private static Vector256<uint> BFloat16Bits(Vector256<float> x)
    {
        var bits = x.AsUInt32();
        var rounded = (bits + Vector256.Create(0x7FFFu) + ((bits >> 16) & Vector256<uint>.One)) >> 16;
        var nan = (bits >> 16) | Vector256.Create(0x0040u);
        return Vector256.ConditionalSelect(Vector256.IsNaN(x).AsUInt32(), nan, rounded);
    }
}
