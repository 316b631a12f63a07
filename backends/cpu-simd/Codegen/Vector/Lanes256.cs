using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>The 256-bit lanes of <see cref="VectorMath{TLanes, TDouble, TLong, TFloat, TInt}"/>: one Vector256 call per member.</summary>
internal readonly unsafe struct Lanes256 : IVectorLanes<Vector256<double>, Vector256<long>, Vector256<float>, Vector256<int>>
{
    private const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;

    public static int DoubleCount => Vector256<double>.Count;
    public static Vector256<double> Zero => Vector256<double>.Zero;
    public static Vector256<double> One => Vector256<double>.One;
    [MethodImpl(Inline)] public static Vector256<double> Create(double value) => Vector256.Create(value);
    [MethodImpl(Inline)] public static Vector256<long> Create(long value) => Vector256.Create(value);
    [MethodImpl(Inline)] public static Vector256<float> Create(float value) => Vector256.Create(value);
    [MethodImpl(Inline)] public static Vector256<int> Create(int value) => Vector256.Create(value);

    [MethodImpl(Inline)] public static Vector256<double> Add(Vector256<double> a, Vector256<double> b) => a + b;
    [MethodImpl(Inline)] public static Vector256<double> Subtract(Vector256<double> a, Vector256<double> b) => a - b;
    [MethodImpl(Inline)] public static Vector256<double> Multiply(Vector256<double> a, Vector256<double> b) => a * b;
    [MethodImpl(Inline)] public static Vector256<double> Divide(Vector256<double> a, Vector256<double> b) => a / b;
    [MethodImpl(Inline)] public static Vector256<double> Negate(Vector256<double> x) => -x;
    [MethodImpl(Inline)] public static Vector256<double> FusedMultiplyAdd(Vector256<double> a, Vector256<double> b, Vector256<double> addend) => Vector256.FusedMultiplyAdd(a, b, addend);
    [MethodImpl(Inline)]
    public static Vector256<double> MultiplySubtract(Vector256<double> a, Vector256<double> b, Vector256<double> subtrahend) =>
        Fma.IsSupported ? Fma.MultiplySubtract(a, b, subtrahend) : Vector256.FusedMultiplyAdd(a, b, -subtrahend);
    [MethodImpl(Inline)]
    public static Vector256<double> NegatedMultiplyAdd(Vector256<double> a, Vector256<double> b, Vector256<double> addend) =>
        Fma.IsSupported ? Fma.MultiplyAddNegated(a, b, addend) : Vector256.FusedMultiplyAdd(-a, b, addend);
    [MethodImpl(Inline)] public static Vector256<double> Abs(Vector256<double> x) => Vector256.Abs(x);
    [MethodImpl(Inline)] public static Vector256<double> CopySign(Vector256<double> magnitude, Vector256<double> sign) => Vector256.CopySign(magnitude, sign);
    [MethodImpl(Inline)] public static Vector256<double> Sqrt(Vector256<double> x) => Vector256.Sqrt(x);
    [MethodImpl(Inline)] public static Vector256<double> Floor(Vector256<double> x) => Vector256.Floor(x);
    [MethodImpl(Inline)] public static Vector256<double> Round(Vector256<double> x) => Vector256.Round(x);
    [MethodImpl(Inline)] public static Vector256<double> NativeExp(Vector256<double> x) => Vector256.Exp(x);
    [MethodImpl(Inline)] public static Vector256<double> MinNative(Vector256<double> a, Vector256<double> b) => Vector256.MinNative(a, b);
    [MethodImpl(Inline)] public static Vector256<double> MaxNative(Vector256<double> a, Vector256<double> b) => Vector256.MaxNative(a, b);

    [MethodImpl(Inline)] public static Vector256<double> Equal(Vector256<double> a, Vector256<double> b) => Vector256.Equals(a, b);
    [MethodImpl(Inline)] public static Vector256<double> LessThan(Vector256<double> a, Vector256<double> b) => Vector256.LessThan(a, b);
    [MethodImpl(Inline)] public static Vector256<double> LessThanOrEqual(Vector256<double> a, Vector256<double> b) => Vector256.LessThanOrEqual(a, b);
    [MethodImpl(Inline)] public static Vector256<double> GreaterThan(Vector256<double> a, Vector256<double> b) => Vector256.GreaterThan(a, b);
    [MethodImpl(Inline)] public static Vector256<double> GreaterThanOrEqual(Vector256<double> a, Vector256<double> b) => Vector256.GreaterThanOrEqual(a, b);
    [MethodImpl(Inline)] public static Vector256<double> ConditionalSelect(Vector256<double> mask, Vector256<double> onTrue, Vector256<double> onFalse) => Vector256.ConditionalSelect(mask, onTrue, onFalse);
    [MethodImpl(Inline)] public static Vector256<double> BitwiseAnd(Vector256<double> a, Vector256<double> b) => a & b;
    [MethodImpl(Inline)] public static Vector256<double> BitwiseOr(Vector256<double> a, Vector256<double> b) => a | b;
    [MethodImpl(Inline)] public static Vector256<double> Xor(Vector256<double> a, Vector256<double> b) => a ^ b;
    [MethodImpl(Inline)] public static Vector256<double> OnesComplement(Vector256<double> x) => ~x;
    [MethodImpl(Inline)] public static Vector256<double> AndNot(Vector256<double> a, Vector256<double> b) => Vector256.AndNot(a, b);
    [MethodImpl(Inline)] public static bool AllSet(Vector256<double> mask) => mask.AsUInt64() == Vector256<ulong>.AllBitsSet;
    [MethodImpl(Inline)] public static bool NoneSet(Vector256<double> mask) => mask.AsUInt64() == Vector256<ulong>.Zero;
    [MethodImpl(Inline)] public static bool IsSet(Vector256<double> mask, int lane) => mask.AsUInt64()[lane] != 0;
    [MethodImpl(Inline)] public static double Lane(Vector256<double> x, int lane) => x[lane];
    [MethodImpl(Inline)] public static Vector256<double> WithLane(Vector256<double> x, int lane, double value) => x.WithElement(lane, value);

    [MethodImpl(Inline)] public static Vector256<long> AsInt64(Vector256<double> x) => x.AsInt64();
    [MethodImpl(Inline)] public static Vector256<double> AsDouble(Vector256<long> x) => x.AsDouble();
    [MethodImpl(Inline)] public static Vector256<long> Add(Vector256<long> a, Vector256<long> b) => a + b;
    [MethodImpl(Inline)] public static Vector256<long> Subtract(Vector256<long> a, Vector256<long> b) => a - b;
    [MethodImpl(Inline)] public static Vector256<long> BitwiseAnd(Vector256<long> a, Vector256<long> b) => a & b;
    [MethodImpl(Inline)] public static Vector256<long> ShiftLeft(Vector256<long> x, int count) => x << count;
    [MethodImpl(Inline)] public static Vector256<long> ShiftRightArithmetic(Vector256<long> x, int count) => Vector256.ShiftRightArithmetic(x, count);
    [MethodImpl(Inline)] public static Vector256<double> Equal(Vector256<long> a, Vector256<long> b) => Vector256.Equals(a, b).AsDouble();
    [MethodImpl(Inline)] public static Vector256<double> LessThan(Vector256<long> a, Vector256<long> b) => Vector256.LessThan(a, b).AsDouble();

    [MethodImpl(Inline)]
    public static Vector256<double> Gather(double* table, Vector256<long> index) => Avx2.IsSupported
        ? Avx2.GatherVector256(table, index, 8)
        : Vector256.Create(table[index[0]], table[index[1]], table[index[2]], table[index[3]]);

    /// <summary>
    /// With AVX-512VL, a two-source permute per 8 entries and a select on index bit 3 (the quarters read from the
    /// span's reference, as <see cref="Lanes512.Lookup16"/> does); AVX2's gather otherwise.
    /// </summary>
    [MethodImpl(Inline)]
    public static Vector256<double> Lookup16(ReadOnlySpan<double> table, Vector256<long> index)
    {
        if (!Avx512F.VL.IsSupported)
        {
            fixed (double* pointer = table) return Gather(pointer, index);
        }
        ref var first = ref MemoryMarshal.GetReference(table);
        var low = Avx512F.VL.PermuteVar4x64x2(Vector256.LoadUnsafe(ref first), index, Vector256.LoadUnsafe(ref first, 4));
        var high = Avx512F.VL.PermuteVar4x64x2(Vector256.LoadUnsafe(ref first, 8), index, Vector256.LoadUnsafe(ref first, 12));
        return Vector256.ConditionalSelect(Vector256.Equals(index & Vector256.Create(8L), Vector256<long>.Zero).AsDouble(), low, high);
    }

    [MethodImpl(Inline)] public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;
    [MethodImpl(Inline)] public static Vector256<float> Subtract(Vector256<float> a, Vector256<float> b) => a - b;
    [MethodImpl(Inline)] public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;
    [MethodImpl(Inline)] public static Vector256<float> Divide(Vector256<float> a, Vector256<float> b) => a / b;
    [MethodImpl(Inline)] public static Vector256<float> Negate(Vector256<float> x) => -x;
    [MethodImpl(Inline)] public static Vector256<float> FusedMultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> addend) => Vector256.FusedMultiplyAdd(a, b, addend);
    [MethodImpl(Inline)] public static Vector256<float> Abs(Vector256<float> x) => Vector256.Abs(x);
    [MethodImpl(Inline)] public static Vector256<float> CopySign(Vector256<float> magnitude, Vector256<float> sign) => Vector256.CopySign(magnitude, sign);
    [MethodImpl(Inline)] public static Vector256<float> Round(Vector256<float> x) => Vector256.Round(x);
    [MethodImpl(Inline)] public static Vector256<float> MinNative(Vector256<float> a, Vector256<float> b) => Vector256.MinNative(a, b);
    [MethodImpl(Inline)] public static Vector256<float> MaxNative(Vector256<float> a, Vector256<float> b) => Vector256.MaxNative(a, b);
    [MethodImpl(Inline)] public static Vector256<float> Equal(Vector256<float> a, Vector256<float> b) => Vector256.Equals(a, b);
    [MethodImpl(Inline)] public static Vector256<float> LessThanOrEqual(Vector256<float> a, Vector256<float> b) => Vector256.LessThanOrEqual(a, b);
    [MethodImpl(Inline)] public static Vector256<float> BitwiseAnd(Vector256<float> a, Vector256<float> b) => a & b;
    [MethodImpl(Inline)] public static Vector256<float> Xor(Vector256<float> a, Vector256<float> b) => a ^ b;
    [MethodImpl(Inline)] public static Vector256<float> Sqrt(Vector256<float> x) => Vector256.Sqrt(x);
    [MethodImpl(Inline)] public static Vector256<float> NativeLog(Vector256<float> x) => Vector256.Log(x);
    [MethodImpl(Inline)] public static bool AllSet(Vector256<float> mask) => mask.AsUInt32() == Vector256<uint>.AllBitsSet;
    [MethodImpl(Inline)] public static Vector256<float> ConditionalSelect(Vector256<float> mask, Vector256<float> onTrue, Vector256<float> onFalse) => Vector256.ConditionalSelect(mask, onTrue, onFalse);
    [MethodImpl(Inline)] public static Vector256<int> ConvertToInt32(Vector256<float> x) => Vector256.ConvertToInt32(x);
    [MethodImpl(Inline)] public static Vector256<float> ConvertToSingle(Vector256<int> x) => Vector256.ConvertToSingle(x);
    [MethodImpl(Inline)] public static Vector256<float> AsSingle(Vector256<int> x) => x.AsSingle();
    [MethodImpl(Inline)] public static Vector256<int> AsInt32(Vector256<float> x) => x.AsInt32();
    [MethodImpl(Inline)] public static Vector256<int> Add(Vector256<int> a, Vector256<int> b) => a + b;
    [MethodImpl(Inline)] public static Vector256<int> Subtract(Vector256<int> a, Vector256<int> b) => a - b;
    [MethodImpl(Inline)] public static Vector256<int> BitwiseAnd(Vector256<int> a, Vector256<int> b) => a & b;
    [MethodImpl(Inline)] public static Vector256<int> ShiftLeft(Vector256<int> x, int count) => x << count;
    [MethodImpl(Inline)] public static Vector256<int> ShiftRightArithmetic(Vector256<int> x, int count) => x >> count;

    [MethodImpl(Inline)] public static Vector256<double> WidenLower(Vector256<float> x) => Vector256.WidenLower(x);
    [MethodImpl(Inline)] public static Vector256<double> WidenUpper(Vector256<float> x) => Vector256.WidenUpper(x);
    [MethodImpl(Inline)] public static Vector256<float> Narrow(Vector256<double> lower, Vector256<double> upper) => Vector256.Narrow(lower, upper);
    [MethodImpl(Inline)] public static Vector256<float> LessThan(Vector256<float> a, Vector256<float> b) => Vector256.LessThan(a, b);

    [MethodImpl(Inline)]
    public static Vector256<float> MultiplySubtract(Vector256<float> a, Vector256<float> b, Vector256<float> subtrahend) =>
        Fma.IsSupported ? Fma.MultiplySubtract(a, b, subtrahend) : Vector256.FusedMultiplyAdd(a, b, -subtrahend);

    [MethodImpl(Inline)]
    public static Vector256<float> NegatedMultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> addend) =>
        Fma.IsSupported ? Fma.MultiplyAddNegated(a, b, addend) : Vector256.FusedMultiplyAdd(-a, b, addend);

    /// <summary>x 2^n in two exact power-of-two steps, each within the normal exponents, so the second alone rounds.</summary>
    [MethodImpl(Inline)]
    public static Vector256<float> ScaleByPowerOfTwo(Vector256<float> x, Vector256<float> n)
    {
        var k = Vector256.ConvertToInt32Native(n);
        var half = k >> 1;
        return x * ((half + Vector256.Create(127)) << 23).AsSingle() * ((k - half + Vector256.Create(127)) << 23).AsSingle();
    }
}
