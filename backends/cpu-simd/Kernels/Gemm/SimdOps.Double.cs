using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using JaxNet.Backends.CpuSimd.Codegen.Vector;

namespace JaxNet.Backends.CpuSimd.Kernels.Gemm;

/// <summary>AVX-512 float64; tanh has no vector implementation and runs lane by lane (as in the code generator).</summary>
internal readonly unsafe struct Double512 : ISimdOps<double, Vector512<double>>
{
    private const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;

    public static int Width => Vector512<double>.Count;
    public static Vector512<double> Zero => Vector512<double>.Zero;
    [MethodImpl(Inline)] public static Vector512<double> Load(double* p) => Vector512.Load(p);
    [MethodImpl(Inline)]
    public static Vector512<double> LoadFirst(double* p, int count) =>
        Avx512F.MaskLoad(p, Vector512.LessThan(Vector512<long>.Indices, Vector512.Create((long)count)).AsDouble(), Vector512<double>.Zero);
    [MethodImpl(Inline)] public static void Store(double* p, Vector512<double> v) => v.Store(p);
    [MethodImpl(Inline)] public static Vector512<double> Broadcast(double x) => Vector512.Create(x);
    [MethodImpl(Inline)] public static Vector512<double> MultiplyAdd(Vector512<double> a, Vector512<double> b, Vector512<double> c) => Vector512.FusedMultiplyAdd(a, b, c);
    [MethodImpl(Inline)] public static Vector512<double> Add(Vector512<double> a, Vector512<double> b) => a + b;
    [MethodImpl(Inline)] public static Vector512<double> Subtract(Vector512<double> a, Vector512<double> b) => a - b;
    [MethodImpl(Inline)] public static Vector512<double> Multiply(Vector512<double> a, Vector512<double> b) => a * b;
    [MethodImpl(Inline)] public static Vector512<double> Divide(Vector512<double> a, Vector512<double> b) => a / b;
    [MethodImpl(Inline)] public static Vector512<double> Max(Vector512<double> a, Vector512<double> b) => Vector512.Max(a, b);
    [MethodImpl(Inline)] public static Vector512<double> Min(Vector512<double> a, Vector512<double> b) => Vector512.Min(a, b);
    [MethodImpl(Inline)] public static Vector512<double> Negate(Vector512<double> x) => x ^ Vector512.Create(-0d);
    [MethodImpl(Inline)] public static Vector512<double> Abs(Vector512<double> x) => Vector512.Abs(x);
    [MethodImpl(Inline)] public static Vector512<double> Sqrt(Vector512<double> x) => Vector512.Sqrt(x);
    [MethodImpl(Inline)] public static Vector512<double> Exp(Vector512<double> x) => Math512.Exp(x);
    [MethodImpl(Inline)] public static Vector512<double> Log(Vector512<double> x) => Vector512.Log(x);
    [MethodImpl(Inline)] public static Vector512<double> Tanh(Vector512<double> x) => Lanes.Map<double, Vector512<double>, Double512, TanhLane<double>>(x);
    [MethodImpl(Inline)] public static Vector512<double> Logistic(Vector512<double> x) => Math512.Logistic(x);
    [MethodImpl(Inline)] public static Vector512<double> Equal(Vector512<double> a, Vector512<double> b) => Vector512.Equals(a, b);
    [MethodImpl(Inline)] public static Vector512<double> NotEqual(Vector512<double> a, Vector512<double> b) => ~Vector512.Equals(a, b);
    [MethodImpl(Inline)] public static Vector512<double> LessThan(Vector512<double> a, Vector512<double> b) => Vector512.LessThan(a, b);
    [MethodImpl(Inline)] public static Vector512<double> LessThanOrEqual(Vector512<double> a, Vector512<double> b) => Vector512.LessThanOrEqual(a, b);
    [MethodImpl(Inline)] public static Vector512<double> GreaterThan(Vector512<double> a, Vector512<double> b) => Vector512.GreaterThan(a, b);
    [MethodImpl(Inline)] public static Vector512<double> GreaterThanOrEqual(Vector512<double> a, Vector512<double> b) => Vector512.GreaterThanOrEqual(a, b);
    [MethodImpl(Inline)] public static Vector512<double> Select(Vector512<double> mask, Vector512<double> onTrue, Vector512<double> onFalse) => Vector512.ConditionalSelect(mask, onTrue, onFalse);
    [MethodImpl(Inline)] public static Vector512<double> MaskToOne(Vector512<double> mask) => mask & Vector512<double>.One;
}

/// <summary>AVX2 float64; tanh lane by lane.</summary>
internal readonly unsafe struct Double256 : ISimdOps<double, Vector256<double>>
{
    private const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;

    public static int Width => Vector256<double>.Count;
    public static Vector256<double> Zero => Vector256<double>.Zero;
    [MethodImpl(Inline)] public static Vector256<double> Load(double* p) => Vector256.Load(p);
    [MethodImpl(Inline)]
    public static Vector256<double> LoadFirst(double* p, int count) =>
        Avx.MaskLoad(p, Vector256.LessThan(Vector256<long>.Indices, Vector256.Create((long)count)).AsDouble());
    [MethodImpl(Inline)] public static void Store(double* p, Vector256<double> v) => v.Store(p);
    [MethodImpl(Inline)] public static Vector256<double> Broadcast(double x) => Vector256.Create(x);
    [MethodImpl(Inline)] public static Vector256<double> MultiplyAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c) => Vector256.FusedMultiplyAdd(a, b, c);
    [MethodImpl(Inline)] public static Vector256<double> Add(Vector256<double> a, Vector256<double> b) => a + b;
    [MethodImpl(Inline)] public static Vector256<double> Subtract(Vector256<double> a, Vector256<double> b) => a - b;
    [MethodImpl(Inline)] public static Vector256<double> Multiply(Vector256<double> a, Vector256<double> b) => a * b;
    [MethodImpl(Inline)] public static Vector256<double> Divide(Vector256<double> a, Vector256<double> b) => a / b;
    [MethodImpl(Inline)] public static Vector256<double> Max(Vector256<double> a, Vector256<double> b) => Vector256.Max(a, b);
    [MethodImpl(Inline)] public static Vector256<double> Min(Vector256<double> a, Vector256<double> b) => Vector256.Min(a, b);
    [MethodImpl(Inline)] public static Vector256<double> Negate(Vector256<double> x) => x ^ Vector256.Create(-0d);
    [MethodImpl(Inline)] public static Vector256<double> Abs(Vector256<double> x) => Vector256.Abs(x);
    [MethodImpl(Inline)] public static Vector256<double> Sqrt(Vector256<double> x) => Vector256.Sqrt(x);
    [MethodImpl(Inline)] public static Vector256<double> Exp(Vector256<double> x) => Math256.Exp(x);
    [MethodImpl(Inline)] public static Vector256<double> Log(Vector256<double> x) => Vector256.Log(x);
    [MethodImpl(Inline)] public static Vector256<double> Tanh(Vector256<double> x) => Lanes.Map<double, Vector256<double>, Double256, TanhLane<double>>(x);
    [MethodImpl(Inline)] public static Vector256<double> Logistic(Vector256<double> x) => Math256.Logistic(x);
    [MethodImpl(Inline)] public static Vector256<double> Equal(Vector256<double> a, Vector256<double> b) => Vector256.Equals(a, b);
    [MethodImpl(Inline)] public static Vector256<double> NotEqual(Vector256<double> a, Vector256<double> b) => ~Vector256.Equals(a, b);
    [MethodImpl(Inline)] public static Vector256<double> LessThan(Vector256<double> a, Vector256<double> b) => Vector256.LessThan(a, b);
    [MethodImpl(Inline)] public static Vector256<double> LessThanOrEqual(Vector256<double> a, Vector256<double> b) => Vector256.LessThanOrEqual(a, b);
    [MethodImpl(Inline)] public static Vector256<double> GreaterThan(Vector256<double> a, Vector256<double> b) => Vector256.GreaterThan(a, b);
    [MethodImpl(Inline)] public static Vector256<double> GreaterThanOrEqual(Vector256<double> a, Vector256<double> b) => Vector256.GreaterThanOrEqual(a, b);
    [MethodImpl(Inline)] public static Vector256<double> Select(Vector256<double> mask, Vector256<double> onTrue, Vector256<double> onFalse) => Vector256.ConditionalSelect(mask, onTrue, onFalse);
    [MethodImpl(Inline)] public static Vector256<double> MaskToOne(Vector256<double> mask) => mask & Vector256<double>.One;
}
