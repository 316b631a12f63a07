using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>The 512-bit lanes of <see cref="VectorMath{TLanes, TDouble, TLong, TFloat, TInt}"/>: one Vector512 call per member.</summary>
internal readonly unsafe struct Lanes512 : IVectorLanes<Vector512<double>, Vector512<long>, Vector512<float>, Vector512<int>>
{
    private const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;

    public static int DoubleCount => Vector512<double>.Count;
    public static Vector512<double> Zero => Vector512<double>.Zero;
    public static Vector512<double> One => Vector512<double>.One;
    [MethodImpl(Inline)] public static Vector512<double> Create(double value) => Vector512.Create(value);
    [MethodImpl(Inline)] public static Vector512<long> Create(long value) => Vector512.Create(value);
    [MethodImpl(Inline)] public static Vector512<float> Create(float value) => Vector512.Create(value);
    [MethodImpl(Inline)] public static Vector512<int> Create(int value) => Vector512.Create(value);

    [MethodImpl(Inline)] public static Vector512<double> Add(Vector512<double> a, Vector512<double> b) => a + b;
    [MethodImpl(Inline)] public static Vector512<double> Subtract(Vector512<double> a, Vector512<double> b) => a - b;
    [MethodImpl(Inline)] public static Vector512<double> Multiply(Vector512<double> a, Vector512<double> b) => a * b;
    [MethodImpl(Inline)] public static Vector512<double> Divide(Vector512<double> a, Vector512<double> b) => a / b;
    [MethodImpl(Inline)] public static Vector512<double> Negate(Vector512<double> x) => -x;
    [MethodImpl(Inline)] public static Vector512<double> FusedMultiplyAdd(Vector512<double> a, Vector512<double> b, Vector512<double> addend) => Vector512.FusedMultiplyAdd(a, b, addend);
    [MethodImpl(Inline)]
    public static Vector512<double> MultiplySubtract(Vector512<double> a, Vector512<double> b, Vector512<double> subtrahend) =>
        Avx512F.IsSupported ? Avx512F.FusedMultiplySubtract(a, b, subtrahend) : Vector512.FusedMultiplyAdd(a, b, -subtrahend);
    [MethodImpl(Inline)]
    public static Vector512<double> NegatedMultiplyAdd(Vector512<double> a, Vector512<double> b, Vector512<double> addend) =>
        Avx512F.IsSupported ? Avx512F.FusedMultiplyAddNegated(a, b, addend) : Vector512.FusedMultiplyAdd(-a, b, addend);
    [MethodImpl(Inline)] public static Vector512<double> Abs(Vector512<double> x) => Vector512.Abs(x);
    [MethodImpl(Inline)] public static Vector512<double> CopySign(Vector512<double> magnitude, Vector512<double> sign) => Vector512.CopySign(magnitude, sign);
    [MethodImpl(Inline)] public static Vector512<double> Sqrt(Vector512<double> x) => Vector512.Sqrt(x);
    [MethodImpl(Inline)] public static Vector512<double> Floor(Vector512<double> x) => Vector512.Floor(x);
    [MethodImpl(Inline)] public static Vector512<double> Round(Vector512<double> x) => Vector512.Round(x);
    [MethodImpl(Inline)] public static Vector512<double> NativeExp(Vector512<double> x) => Vector512.Exp(x);
    [MethodImpl(Inline)] public static Vector512<double> MinNative(Vector512<double> a, Vector512<double> b) => Vector512.MinNative(a, b);
    [MethodImpl(Inline)] public static Vector512<double> MaxNative(Vector512<double> a, Vector512<double> b) => Vector512.MaxNative(a, b);

    [MethodImpl(Inline)] public static Vector512<double> Equal(Vector512<double> a, Vector512<double> b) => Vector512.Equals(a, b);
    [MethodImpl(Inline)] public static Vector512<double> LessThan(Vector512<double> a, Vector512<double> b) => Vector512.LessThan(a, b);
    [MethodImpl(Inline)] public static Vector512<double> LessThanOrEqual(Vector512<double> a, Vector512<double> b) => Vector512.LessThanOrEqual(a, b);
    [MethodImpl(Inline)] public static Vector512<double> GreaterThan(Vector512<double> a, Vector512<double> b) => Vector512.GreaterThan(a, b);
    [MethodImpl(Inline)] public static Vector512<double> GreaterThanOrEqual(Vector512<double> a, Vector512<double> b) => Vector512.GreaterThanOrEqual(a, b);
    [MethodImpl(Inline)] public static Vector512<double> ConditionalSelect(Vector512<double> mask, Vector512<double> onTrue, Vector512<double> onFalse) => Vector512.ConditionalSelect(mask, onTrue, onFalse);
    [MethodImpl(Inline)] public static Vector512<double> BitwiseAnd(Vector512<double> a, Vector512<double> b) => a & b;
    [MethodImpl(Inline)] public static Vector512<double> BitwiseOr(Vector512<double> a, Vector512<double> b) => a | b;
    [MethodImpl(Inline)] public static Vector512<double> Xor(Vector512<double> a, Vector512<double> b) => a ^ b;
    [MethodImpl(Inline)] public static Vector512<double> OnesComplement(Vector512<double> x) => ~x;
    [MethodImpl(Inline)] public static Vector512<double> AndNot(Vector512<double> a, Vector512<double> b) => Vector512.AndNot(a, b);
    [MethodImpl(Inline)] public static bool AllSet(Vector512<double> mask) => mask.AsUInt64() == Vector512<ulong>.AllBitsSet;
    [MethodImpl(Inline)] public static bool NoneSet(Vector512<double> mask) => mask.AsUInt64() == Vector512<ulong>.Zero;
    [MethodImpl(Inline)] public static bool IsSet(Vector512<double> mask, int lane) => mask.AsUInt64()[lane] != 0;
    [MethodImpl(Inline)] public static double Lane(Vector512<double> x, int lane) => x[lane];
    [MethodImpl(Inline)] public static Vector512<double> WithLane(Vector512<double> x, int lane, double value) => x.WithElement(lane, value);

    [MethodImpl(Inline)] public static Vector512<long> AsInt64(Vector512<double> x) => x.AsInt64();
    [MethodImpl(Inline)] public static Vector512<double> AsDouble(Vector512<long> x) => x.AsDouble();
    [MethodImpl(Inline)] public static Vector512<long> Add(Vector512<long> a, Vector512<long> b) => a + b;
    [MethodImpl(Inline)] public static Vector512<long> Subtract(Vector512<long> a, Vector512<long> b) => a - b;
    [MethodImpl(Inline)] public static Vector512<long> BitwiseAnd(Vector512<long> a, Vector512<long> b) => a & b;
    [MethodImpl(Inline)] public static Vector512<long> ShiftLeft(Vector512<long> x, int count) => x << count;
    [MethodImpl(Inline)] public static Vector512<long> ShiftRightArithmetic(Vector512<long> x, int count) => Vector512.ShiftRightArithmetic(x, count);
    [MethodImpl(Inline)] public static Vector512<double> Equal(Vector512<long> a, Vector512<long> b) => Vector512.Equals(a, b).AsDouble();
    [MethodImpl(Inline)] public static Vector512<double> LessThan(Vector512<long> a, Vector512<long> b) => Vector512.LessThan(a, b).AsDouble();

    /// <summary>AVX2's gather on each half.</summary>
    [MethodImpl(Inline)]
    public static Vector512<double> Gather(double* table, Vector512<long> index) => Avx2.IsSupported
        ? Vector512.Create(Avx2.GatherVector256(table, index.GetLower(), 8), Avx2.GatherVector256(table, index.GetUpper(), 8))
        : Vector512.Create(table[index[0]], table[index[1]], table[index[2]], table[index[3]],
            table[index[4]], table[index[5]], table[index[6]], table[index[7]]);

    /// <summary>
    /// One two-source permute (vpermi2pd) of the table's two halves: index bit 3 picks the half. The halves are read
    /// from the span's reference, not through a pinned pointer: a fixed statement per lookup left pointer stores and
    /// clears on the kernel's loop path (a constant-data table does not move).
    /// </summary>
    [MethodImpl(Inline)]
    public static Vector512<double> Lookup16(ReadOnlySpan<double> table, Vector512<long> index)
    {
        if (!Avx512F.IsSupported)
        {
            fixed (double* pointer = table) return Gather(pointer, index);
        }
        ref var first = ref MemoryMarshal.GetReference(table);
        return Avx512F.PermuteVar8x64x2(Vector512.LoadUnsafe(ref first), index, Vector512.LoadUnsafe(ref first, 8));
    }

    [MethodImpl(Inline)] public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;
    [MethodImpl(Inline)] public static Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => a - b;
    [MethodImpl(Inline)] public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;
    [MethodImpl(Inline)] public static Vector512<float> Divide(Vector512<float> a, Vector512<float> b) => a / b;
    [MethodImpl(Inline)] public static Vector512<float> Negate(Vector512<float> x) => -x;
    [MethodImpl(Inline)] public static Vector512<float> FusedMultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> addend) => Vector512.FusedMultiplyAdd(a, b, addend);
    [MethodImpl(Inline)] public static Vector512<float> Abs(Vector512<float> x) => Vector512.Abs(x);
    [MethodImpl(Inline)] public static Vector512<float> CopySign(Vector512<float> magnitude, Vector512<float> sign) => Vector512.CopySign(magnitude, sign);
    [MethodImpl(Inline)] public static Vector512<float> Round(Vector512<float> x) => Vector512.Round(x);
    [MethodImpl(Inline)] public static Vector512<float> MinNative(Vector512<float> a, Vector512<float> b) => Vector512.MinNative(a, b);
    [MethodImpl(Inline)] public static Vector512<float> MaxNative(Vector512<float> a, Vector512<float> b) => Vector512.MaxNative(a, b);
    [MethodImpl(Inline)] public static Vector512<float> Equal(Vector512<float> a, Vector512<float> b) => Vector512.Equals(a, b);
    [MethodImpl(Inline)] public static Vector512<float> LessThanOrEqual(Vector512<float> a, Vector512<float> b) => Vector512.LessThanOrEqual(a, b);
    [MethodImpl(Inline)] public static Vector512<float> BitwiseAnd(Vector512<float> a, Vector512<float> b) => a & b;
    [MethodImpl(Inline)] public static Vector512<float> Xor(Vector512<float> a, Vector512<float> b) => a ^ b;
    [MethodImpl(Inline)] public static Vector512<float> Sqrt(Vector512<float> x) => Vector512.Sqrt(x);
    [MethodImpl(Inline)] public static Vector512<float> NativeLog(Vector512<float> x) => Vector512.Log(x);
    [MethodImpl(Inline)] public static bool AllSet(Vector512<float> mask) => mask.AsUInt32() == Vector512<uint>.AllBitsSet;
    [MethodImpl(Inline)] public static Vector512<float> ConditionalSelect(Vector512<float> mask, Vector512<float> onTrue, Vector512<float> onFalse) => Vector512.ConditionalSelect(mask, onTrue, onFalse);
    [MethodImpl(Inline)] public static Vector512<int> ConvertToInt32(Vector512<float> x) => Vector512.ConvertToInt32(x);
    [MethodImpl(Inline)] public static Vector512<float> ConvertToSingle(Vector512<int> x) => Vector512.ConvertToSingle(x);
    [MethodImpl(Inline)] public static Vector512<float> AsSingle(Vector512<int> x) => x.AsSingle();
    [MethodImpl(Inline)] public static Vector512<int> AsInt32(Vector512<float> x) => x.AsInt32();
    [MethodImpl(Inline)] public static Vector512<int> Add(Vector512<int> a, Vector512<int> b) => a + b;
    [MethodImpl(Inline)] public static Vector512<int> Subtract(Vector512<int> a, Vector512<int> b) => a - b;
    [MethodImpl(Inline)] public static Vector512<int> BitwiseAnd(Vector512<int> a, Vector512<int> b) => a & b;
    [MethodImpl(Inline)] public static Vector512<int> ShiftLeft(Vector512<int> x, int count) => x << count;
    [MethodImpl(Inline)] public static Vector512<int> ShiftRightArithmetic(Vector512<int> x, int count) => x >> count;

    [MethodImpl(Inline)] public static Vector512<double> WidenLower(Vector512<float> x) => Vector512.WidenLower(x);
    [MethodImpl(Inline)] public static Vector512<double> WidenUpper(Vector512<float> x) => Vector512.WidenUpper(x);
    [MethodImpl(Inline)] public static Vector512<float> Narrow(Vector512<double> lower, Vector512<double> upper) => Vector512.Narrow(lower, upper);
    [MethodImpl(Inline)] public static Vector512<float> LessThan(Vector512<float> a, Vector512<float> b) => Vector512.LessThan(a, b);

    [MethodImpl(Inline)]
    public static Vector512<float> MultiplySubtract(Vector512<float> a, Vector512<float> b, Vector512<float> subtrahend) =>
        Avx512F.IsSupported ? Avx512F.FusedMultiplySubtract(a, b, subtrahend) : Vector512.FusedMultiplyAdd(a, b, -subtrahend);

    [MethodImpl(Inline)]
    public static Vector512<float> NegatedMultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> addend) =>
        Avx512F.IsSupported ? Avx512F.FusedMultiplyAddNegated(a, b, addend) : Vector512.FusedMultiplyAdd(-a, b, addend);

    [MethodImpl(Inline)]
    public static Vector512<float> ScaleByPowerOfTwo(Vector512<float> x, Vector512<float> n) =>
        Avx512F.IsSupported ? Avx512F.Scale(x, n) : ScaleInTwoSteps(x, Vector512.ConvertToInt32Native(n));

    /// <summary>x 2^k in two exact power-of-two steps, each within the normal exponents, so the second alone rounds.</summary>
    [MethodImpl(Inline)]
    private static Vector512<float> ScaleInTwoSteps(Vector512<float> x, Vector512<int> k)
    {
        var half = k >> 1;
        return x * ((half + Vector512.Create(127)) << 23).AsSingle() * ((k - half + Vector512.Create(127)) << 23).AsSingle();
    }
}
