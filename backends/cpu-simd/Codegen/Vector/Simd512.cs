using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using JaxNet.Backends.CpuSimd.Codegen.Scalar;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// Vector forms of the kernel IR's ops on full Vector512 lanes, called by name from generated code (see
/// <see cref="Emit.HelperResolver"/>). The transcendental routines (exp, sin, erf, ...) are
/// <see cref="VectorMath{TLanes, TDouble, TLong, TFloat, TInt}"/>, written once for both widths; these one-line forms
/// differ by more than the width (their lane type varies), so they stay in two files. An op missing from both is
/// computed lane by lane with <see cref="ScalarMath"/> by the emitter.
/// A Bool value is a lane mask (all bits set or clear) as wide as the program's other lanes; ops on masks are
/// named Mask + the op. Simd256.cs is this file with 512 replaced by 256: keep the two in step.
/// </summary>
internal static unsafe partial class Simd512
{
    private const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;

    // ---- memory ----
    [MethodImpl(Inline)] public static Vector512<T> Load<T>(nint p) where T : unmanaged => Vector512.Load((T*)p);
    [MethodImpl(Inline)] public static void Store<T>(nint p, Vector512<T> v) where T : unmanaged => v.Store((T*)p);

    [MethodImpl(Inline)]
    public static Vector512<T> Gather<T>(nint p, nint strideBytes) where T : unmanaged
    {
        Unsafe.SkipInit(out Vector512<T> v);
        ref var lanes = ref Unsafe.As<Vector512<T>, T>(ref v);
        for (var i = 0; i < Vector512<T>.Count; i++) Unsafe.Add(ref lanes, i) = *(T*)(p + i * strideBytes);
        return v;
    }

    [MethodImpl(Inline)] public static Vector512<float> LoadFloat16(nint p) => GatherFloat16(p, 2);

    [MethodImpl(Inline)]
    public static Vector512<float> GatherFloat16(nint p, nint strideBytes)
    {
        Unsafe.SkipInit(out Vector512<float> v);
        ref var lanes = ref Unsafe.As<Vector512<float>, float>(ref v);
        for (var i = 0; i < Vector512<float>.Count; i++) Unsafe.Add(ref lanes, i) = HalfPrecision.HalfBitsToSingle(*(ushort*)(p + i * strideBytes));
        return v;
    }

    [MethodImpl(Inline)] public static Vector512<float> LoadBFloat16(nint p) => GatherBFloat16(p, 2);

    [MethodImpl(Inline)]
    public static Vector512<float> GatherBFloat16(nint p, nint strideBytes)
    {
        Unsafe.SkipInit(out Vector512<uint> v);
        ref var lanes = ref Unsafe.As<Vector512<uint>, uint>(ref v);
        for (var i = 0; i < Vector512<uint>.Count; i++) Unsafe.Add(ref lanes, i) = *(ushort*)(p + i * strideBytes);
        return (v << 16).AsSingle();
    }

    [MethodImpl(Inline)] public static Vector512<uint> LoadBoolW4(nint p) => GatherBoolW4(p, 1);
    [MethodImpl(Inline)] public static Vector512<ulong> LoadBoolW8(nint p) => GatherBoolW8(p, 1);

    [MethodImpl(Inline)]
    public static Vector512<uint> GatherBoolW4(nint p, nint strideBytes)
    {
        Unsafe.SkipInit(out Vector512<uint> v);
        ref var lanes = ref Unsafe.As<Vector512<uint>, uint>(ref v);
        for (var i = 0; i < Vector512<uint>.Count; i++) Unsafe.Add(ref lanes, i) = *(byte*)(p + i * strideBytes);
        return ~Vector512.Equals(v, Vector512<uint>.Zero);
    }

    [MethodImpl(Inline)]
    public static Vector512<ulong> GatherBoolW8(nint p, nint strideBytes)
    {
        Unsafe.SkipInit(out Vector512<ulong> v);
        ref var lanes = ref Unsafe.As<Vector512<ulong>, ulong>(ref v);
        for (var i = 0; i < Vector512<ulong>.Count; i++) Unsafe.Add(ref lanes, i) = *(byte*)(p + i * strideBytes);
        return ~Vector512.Equals(v, Vector512<ulong>.Zero);
    }

    [MethodImpl(Inline)]
    public static void StoreFloat16(nint p, Vector512<float> v)
    {
        for (var i = 0; i < Vector512<float>.Count; i++) ((ushort*)p)[i] = HalfPrecision.SingleToHalfBits(v.GetElement(i));
    }

    [MethodImpl(Inline)]
    public static void StoreBFloat16(nint p, Vector512<float> v)
    {
        var bits = BFloat16Bits(v);
        for (var i = 0; i < Vector512<uint>.Count; i++) ((ushort*)p)[i] = (ushort)bits.GetElement(i);
    }

    [MethodImpl(Inline)]
    public static void StoreBool(nint p, Vector512<uint> mask)
    {
        var ones = mask & Vector512<uint>.One;
        for (var i = 0; i < Vector512<uint>.Count; i++) ((byte*)p)[i] = (byte)ones.GetElement(i);
    }

    [MethodImpl(Inline)]
    public static void StoreBool(nint p, Vector512<ulong> mask)
    {
        var ones = mask & Vector512<ulong>.One;
        for (var i = 0; i < Vector512<ulong>.Count; i++) ((byte*)p)[i] = (byte)ones.GetElement(i);
    }

    // A loop nest that moved a long dimension innermost stores its rows with a stride, lane by lane.
    [MethodImpl(Inline)]
    public static void Scatter<T>(nint p, nint strideBytes, Vector512<T> v) where T : unmanaged
    {
        for (var i = 0; i < Vector512<T>.Count; i++) *(T*)(p + i * strideBytes) = v.GetElement(i);
    }

    [MethodImpl(Inline)]
    public static void ScatterFloat16(nint p, nint strideBytes, Vector512<float> v)
    {
        for (var i = 0; i < Vector512<float>.Count; i++) *(ushort*)(p + i * strideBytes) = HalfPrecision.SingleToHalfBits(v.GetElement(i));
    }

    [MethodImpl(Inline)]
    public static void ScatterBFloat16(nint p, nint strideBytes, Vector512<float> v)
    {
        var bits = BFloat16Bits(v);
        for (var i = 0; i < Vector512<uint>.Count; i++) *(ushort*)(p + i * strideBytes) = (ushort)bits.GetElement(i);
    }

    [MethodImpl(Inline)]
    public static void ScatterBool(nint p, nint strideBytes, Vector512<uint> mask)
    {
        var ones = mask & Vector512<uint>.One;
        for (var i = 0; i < Vector512<uint>.Count; i++) *(byte*)(p + i * strideBytes) = (byte)ones.GetElement(i);
    }

    [MethodImpl(Inline)]
    public static void ScatterBool(nint p, nint strideBytes, Vector512<ulong> mask)
    {
        var ones = mask & Vector512<ulong>.One;
        for (var i = 0; i < Vector512<ulong>.Count; i++) *(byte*)(p + i * strideBytes) = (byte)ones.GetElement(i);
    }

    // ---- constants, iota, reinterpretation ----
    [MethodImpl(Inline)] public static Vector512<T> Broadcast<T>(T x) => Vector512.Create(x);
    [MethodImpl(Inline)] public static Vector512<uint> MaskW4(bool b) => Vector512.Create(b ? uint.MaxValue : 0u);
    [MethodImpl(Inline)] public static Vector512<ulong> MaskW8(bool b) => Vector512.Create(b ? ulong.MaxValue : 0ul);
    [MethodImpl(Inline)] public static Vector512<int> IndexInt32(long start) => Vector512.Create((int)start) + Vector512<int>.Indices;
    [MethodImpl(Inline)] public static Vector512<long> IndexInt64(long start) => Vector512.Create(start) + Vector512<long>.Indices;
    [MethodImpl(Inline)] public static Vector512<TTo> Reinterpret<TFrom, TTo>(Vector512<TFrom> v) => v.As<TFrom, TTo>();

    [MethodImpl(Inline)]
    public static Vector512<T> Select<T, TMask>(Vector512<TMask> mask, Vector512<T> onTrue, Vector512<T> onFalse) =>
        Vector512.ConditionalSelect(mask.As<TMask, T>(), onTrue, onFalse);

    // A periodic row's repeat input: one load, then each group's element moved to the group's lanes.
    [MethodImpl(Inline)]
    public static Vector512<T> PermuteW4<T>(Vector512<T> v, Vector512<int> control) where T : unmanaged => Avx512F.IsSupported
        ? Avx512F.PermuteVar16x32(v.As<T, float>(), control).As<float, T>()
        : Vector512.Shuffle(v.As<T, float>(), control).As<float, T>();

    [MethodImpl(Inline)]
    public static Vector512<T> PermuteW8<T>(Vector512<T> v, Vector512<long> control) where T : unmanaged => Avx512F.IsSupported
        ? Avx512F.PermuteVar8x64(v.As<T, double>(), control).As<double, T>()
        : Vector512.Shuffle(v.As<T, double>(), control).As<double, T>();

    // ---- arithmetic (integers wrap) ----
    [MethodImpl(Inline)] public static Vector512<T> Add<T>(Vector512<T> a, Vector512<T> b) => a + b;
    [MethodImpl(Inline)] public static Vector512<T> Sub<T>(Vector512<T> a, Vector512<T> b) => a - b;
    [MethodImpl(Inline)] public static Vector512<T> Mul<T>(Vector512<T> a, Vector512<T> b) => a * b;
    [MethodImpl(Inline)] public static Vector512<int> Neg(Vector512<int> x) => -x;
    [MethodImpl(Inline)] public static Vector512<long> Neg(Vector512<long> x) => -x;
    [MethodImpl(Inline)] public static Vector512<uint> Neg(Vector512<uint> x) => Vector512<uint>.Zero - x;
    [MethodImpl(Inline)] public static Vector512<float> Neg(Vector512<float> x) => x ^ Vector512.Create(-0f);
    [MethodImpl(Inline)] public static Vector512<double> Neg(Vector512<double> x) => x ^ Vector512.Create(-0d);
    [MethodImpl(Inline)] public static Vector512<T> Abs<T>(Vector512<T> x) => Vector512.Abs(x);
    [MethodImpl(Inline)] public static Vector512<float> Div(Vector512<float> a, Vector512<float> b) => a / b;
    [MethodImpl(Inline)] public static Vector512<double> Div(Vector512<double> a, Vector512<double> b) => a / b;
    [MethodImpl(Inline)] public static Vector512<T> Max<T>(Vector512<T> a, Vector512<T> b) => Vector512.Max(a, b);
    [MethodImpl(Inline)] public static Vector512<T> Min<T>(Vector512<T> a, Vector512<T> b) => Vector512.Min(a, b);

    [MethodImpl(Inline)]
    public static Vector512<float> Sign(Vector512<float> x) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), Vector512<float>.One,
            Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero), Vector512.Create(-1f), x));

    [MethodImpl(Inline)]
    public static Vector512<double> Sign(Vector512<double> x) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<double>.Zero), Vector512<double>.One,
            Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<double>.Zero), Vector512.Create(-1d), x));

    [MethodImpl(Inline)]
    public static Vector512<int> Sign(Vector512<int> x) =>
        (Vector512.GreaterThan(x, Vector512<int>.Zero) & Vector512<int>.One) | Vector512.LessThan(x, Vector512<int>.Zero);

    [MethodImpl(Inline)]
    public static Vector512<long> Sign(Vector512<long> x) =>
        (Vector512.GreaterThan(x, Vector512<long>.Zero) & Vector512<long>.One) | Vector512.LessThan(x, Vector512<long>.Zero);

    [MethodImpl(Inline)] public static Vector512<uint> Sign(Vector512<uint> x) => Vector512.Min(x, Vector512<uint>.One);

    // ---- comparisons: a lane mask of the operand's lane type (the emitter reinterprets it) ----
    [MethodImpl(Inline)] public static Vector512<T> Eq<T>(Vector512<T> a, Vector512<T> b) => Vector512.Equals(a, b);
    [MethodImpl(Inline)] public static Vector512<T> Ne<T>(Vector512<T> a, Vector512<T> b) => ~Vector512.Equals(a, b);
    [MethodImpl(Inline)] public static Vector512<T> Lt<T>(Vector512<T> a, Vector512<T> b) => Vector512.LessThan(a, b);
    [MethodImpl(Inline)] public static Vector512<T> Le<T>(Vector512<T> a, Vector512<T> b) => Vector512.LessThanOrEqual(a, b);
    [MethodImpl(Inline)] public static Vector512<T> Gt<T>(Vector512<T> a, Vector512<T> b) => Vector512.GreaterThan(a, b);
    [MethodImpl(Inline)] public static Vector512<T> Ge<T>(Vector512<T> a, Vector512<T> b) => Vector512.GreaterThanOrEqual(a, b);
    [MethodImpl(Inline)] public static Vector512<T> IsFinite<T>(Vector512<T> x) => Vector512.IsFinite(x);

    // ---- bitwise on integers ----
    [MethodImpl(Inline)] public static Vector512<T> And<T>(Vector512<T> a, Vector512<T> b) => a & b;
    [MethodImpl(Inline)] public static Vector512<T> Or<T>(Vector512<T> a, Vector512<T> b) => a | b;
    [MethodImpl(Inline)] public static Vector512<T> Xor<T>(Vector512<T> a, Vector512<T> b) => a ^ b;
    [MethodImpl(Inline)] public static Vector512<T> Not<T>(Vector512<T> x) => ~x;

    // ---- Bool masks: logical ops, and arithmetic read as logic ----
    [MethodImpl(Inline)] public static Vector512<T> MaskAnd<T>(Vector512<T> a, Vector512<T> b) => a & b;
    [MethodImpl(Inline)] public static Vector512<T> MaskOr<T>(Vector512<T> a, Vector512<T> b) => a | b;
    [MethodImpl(Inline)] public static Vector512<T> MaskXor<T>(Vector512<T> a, Vector512<T> b) => a ^ b;
    [MethodImpl(Inline)] public static Vector512<T> MaskNot<T>(Vector512<T> x) => ~x;
    [MethodImpl(Inline)] public static Vector512<T> MaskAdd<T>(Vector512<T> a, Vector512<T> b) => a | b;
    [MethodImpl(Inline)] public static Vector512<T> MaskSub<T>(Vector512<T> a, Vector512<T> b) => a ^ b;
    [MethodImpl(Inline)] public static Vector512<T> MaskMul<T>(Vector512<T> a, Vector512<T> b) => a & b;
    [MethodImpl(Inline)] public static Vector512<T> MaskMax<T>(Vector512<T> a, Vector512<T> b) => a | b;
    [MethodImpl(Inline)] public static Vector512<T> MaskMin<T>(Vector512<T> a, Vector512<T> b) => a & b;
    [MethodImpl(Inline)] public static Vector512<T> MaskEq<T>(Vector512<T> a, Vector512<T> b) => ~(a ^ b);
    [MethodImpl(Inline)] public static Vector512<T> MaskNe<T>(Vector512<T> a, Vector512<T> b) => a ^ b;
    [MethodImpl(Inline)] public static Vector512<T> MaskLt<T>(Vector512<T> a, Vector512<T> b) => ~a & b;
    [MethodImpl(Inline)] public static Vector512<T> MaskLe<T>(Vector512<T> a, Vector512<T> b) => ~a | b;
    [MethodImpl(Inline)] public static Vector512<T> MaskGt<T>(Vector512<T> a, Vector512<T> b) => a & ~b;
    [MethodImpl(Inline)] public static Vector512<T> MaskGe<T>(Vector512<T> a, Vector512<T> b) => a | ~b;
    [MethodImpl(Inline)] public static Vector512<T> MaskNeg<T>(Vector512<T> x) => x;
    [MethodImpl(Inline)] public static Vector512<T> MaskAbs<T>(Vector512<T> x) => x;
    [MethodImpl(Inline)] public static Vector512<T> MaskSign<T>(Vector512<T> x) => x;

    // ---- float functions ----
    [MethodImpl(Inline)] public static Vector512<float> Floor(Vector512<float> x) => Vector512.Floor(x);
    [MethodImpl(Inline)] public static Vector512<double> Floor(Vector512<double> x) => Vector512.Floor(x);
    [MethodImpl(Inline)] public static Vector512<float> Ceil(Vector512<float> x) => Vector512.Ceiling(x);
    [MethodImpl(Inline)] public static Vector512<double> Ceil(Vector512<double> x) => Vector512.Ceiling(x);
    [MethodImpl(Inline)] public static Vector512<float> RoundEven(Vector512<float> x) => Vector512.Round(x);
    [MethodImpl(Inline)] public static Vector512<double> RoundEven(Vector512<double> x) => Vector512.Round(x);
    [MethodImpl(Inline)] public static Vector512<T> Sqrt<T>(Vector512<T> x) => Vector512.Sqrt(x);
    [MethodImpl(Inline)] public static Vector512<float> Rsqrt(Vector512<float> x) => Vector512<float>.One / Vector512.Sqrt(x);
    [MethodImpl(Inline)] public static Vector512<double> Rsqrt(Vector512<double> x) => Vector512<double>.One / Vector512.Sqrt(x);
    [MethodImpl(Inline)] public static Vector512<double> Log(Vector512<double> x) => Vector512.Log(x);

    // exp, sin, cos, tan and the other transcendentals: VectorMath.*.cs, one generic code for both widths.

    /// <summary>Half away from zero: x - trunc(x) is exact, so comparing it with 0.5 decides the step.</summary>
    [MethodImpl(Inline)]
    public static Vector512<float> Round(Vector512<float> x)
    {
        var t = Vector512.Truncate(x);
        var up = Vector512.GreaterThanOrEqual(Vector512.Abs(x - t), Vector512.Create(0.5f));
        return Vector512.ConditionalSelect(up, t + Vector512.CopySign(Vector512<float>.One, x), t);
    }

    [MethodImpl(Inline)]
    public static Vector512<double> Round(Vector512<double> x)
    {
        var t = Vector512.Truncate(x);
        var up = Vector512.GreaterThanOrEqual(Vector512.Abs(x - t), Vector512.Create(0.5d));
        return Vector512.ConditionalSelect(up, t + Vector512.CopySign(Vector512<double>.One, x), t);
    }


    // ---- conversions (same lane width) ----
    [MethodImpl(Inline)] public static Vector512<int> ToInt32(Vector512<float> x) => Vector512.ConvertToInt32(x);
    [MethodImpl(Inline)] public static Vector512<int> ToInt32(Vector512<uint> x) => x.AsInt32();
    [MethodImpl(Inline)] public static Vector512<uint> ToUInt32(Vector512<float> x) => Vector512.ConvertToUInt32(x);
    [MethodImpl(Inline)] public static Vector512<uint> ToUInt32(Vector512<int> x) => x.AsUInt32();
    [MethodImpl(Inline)] public static Vector512<float> ToFloat32(Vector512<int> x) => Vector512.ConvertToSingle(x);
    [MethodImpl(Inline)] public static Vector512<float> ToFloat32(Vector512<uint> x) => Vector512.ConvertToSingle(x);
    [MethodImpl(Inline)] public static Vector512<float> ToFloat32(Vector512<float> x) => x;
    [MethodImpl(Inline)] public static Vector512<long> ToInt64(Vector512<double> x) => Vector512.ConvertToInt64(x);
    [MethodImpl(Inline)] public static Vector512<double> ToFloat64(Vector512<long> x) => Vector512.ConvertToDouble(x);
    [MethodImpl(Inline)] public static Vector512<float> ToBFloat16(Vector512<float> x) => (BFloat16Bits(x) << 16).AsSingle();
    [MethodImpl(Inline)] public static Vector512<T> ToBool<T>(Vector512<T> x) => ~Vector512.Equals(x, Vector512<T>.Zero);

    [MethodImpl(Inline)] public static Vector512<float> MaskToFloat32(Vector512<uint> m) => (m & Vector512.Create(1f).AsUInt32()).AsSingle();
    [MethodImpl(Inline)] public static Vector512<float> MaskToFloat16(Vector512<uint> m) => MaskToFloat32(m);
    [MethodImpl(Inline)] public static Vector512<float> MaskToBFloat16(Vector512<uint> m) => MaskToFloat32(m);
    [MethodImpl(Inline)] public static Vector512<int> MaskToInt32(Vector512<uint> m) => (m & Vector512<uint>.One).AsInt32();
    [MethodImpl(Inline)] public static Vector512<uint> MaskToUInt32(Vector512<uint> m) => m & Vector512<uint>.One;
    [MethodImpl(Inline)] public static Vector512<double> MaskToFloat64(Vector512<ulong> m) => (m & Vector512.Create(1d).AsUInt64()).AsDouble();
    [MethodImpl(Inline)] public static Vector512<long> MaskToInt64(Vector512<ulong> m) => (m & Vector512<ulong>.One).AsInt64();

    [MethodImpl(Inline)] public static Vector512<int> BitcastToInt32<T>(Vector512<T> x) => x.AsInt32();
    [MethodImpl(Inline)] public static Vector512<uint> BitcastToUInt32<T>(Vector512<T> x) => x.AsUInt32();
    [MethodImpl(Inline)] public static Vector512<float> BitcastToFloat32<T>(Vector512<T> x) => x.AsSingle();
    [MethodImpl(Inline)] public static Vector512<long> BitcastToInt64<T>(Vector512<T> x) => x.AsInt64();
    [MethodImpl(Inline)] public static Vector512<double> BitcastToFloat64<T>(Vector512<T> x) => x.AsDouble();

    /// <summary>bfloat16 bits (in the low half of each lane) of float32 lanes, rounded to nearest even.</summary>
    [MethodImpl(Inline)]
    private static Vector512<uint> BFloat16Bits(Vector512<float> x)
    {
        var bits = x.AsUInt32();
        var rounded = (bits + Vector512.Create(0x7FFFu) + ((bits >> 16) & Vector512<uint>.One)) >> 16;
        var nan = (bits >> 16) | Vector512.Create(0x0040u);
        return Vector512.ConditionalSelect(Vector512.IsNaN(x).AsUInt32(), nan, rounded);
    }
}
