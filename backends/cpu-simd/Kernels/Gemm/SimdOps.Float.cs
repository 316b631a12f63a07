using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using JaxNet.Backends.CpuSimd.Codegen.Vector;

namespace JaxNet.Backends.CpuSimd.Kernels.Gemm;

/// <summary>AVX-512 float32; exp, tanh and logistic are the float32 polynomials the elementwise code generator uses.</summary>
internal readonly unsafe struct Float512 : ISimdOps<float, Vector512<float>>
{
    private const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;

    public static int Width => Vector512<float>.Count;
    public static Vector512<float> Zero => Vector512<float>.Zero;
    [MethodImpl(Inline)] public static Vector512<float> Load(float* p) => Vector512.Load(p);
    [MethodImpl(Inline)]
    public static Vector512<float> LoadFirst(float* p, int count) =>
        Avx512F.MaskLoad(p, Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).AsSingle(), Vector512<float>.Zero);
    [MethodImpl(Inline)] public static void Store(float* p, Vector512<float> v) => v.Store(p);
    [MethodImpl(Inline)] public static Vector512<float> Broadcast(float x) => Vector512.Create(x);
    [MethodImpl(Inline)] public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(a, b, c);
    [MethodImpl(Inline)] public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;
    [MethodImpl(Inline)] public static Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => a - b;
    [MethodImpl(Inline)] public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;
    [MethodImpl(Inline)] public static Vector512<float> Divide(Vector512<float> a, Vector512<float> b) => a / b;
    [MethodImpl(Inline)] public static Vector512<float> Max(Vector512<float> a, Vector512<float> b) => Vector512.Max(a, b);
    [MethodImpl(Inline)] public static Vector512<float> Min(Vector512<float> a, Vector512<float> b) => Vector512.Min(a, b);
    [MethodImpl(Inline)] public static Vector512<float> Negate(Vector512<float> x) => x ^ Vector512.Create(-0f);
    [MethodImpl(Inline)] public static Vector512<float> Abs(Vector512<float> x) => Vector512.Abs(x);
    [MethodImpl(Inline)] public static Vector512<float> Sqrt(Vector512<float> x) => Vector512.Sqrt(x);
    [MethodImpl(Inline)] public static Vector512<float> Exp(Vector512<float> x) => Math512.Exp(x);
    [MethodImpl(Inline)] public static Vector512<float> Log(Vector512<float> x) => Vector512.Log(x);
    [MethodImpl(Inline)] public static Vector512<float> Tanh(Vector512<float> x) => Math512.Tanh(x);
    [MethodImpl(Inline)] public static Vector512<float> Logistic(Vector512<float> x) => Math512.Logistic(x);
    [MethodImpl(Inline)] public static Vector512<float> Equal(Vector512<float> a, Vector512<float> b) => Vector512.Equals(a, b);
    [MethodImpl(Inline)] public static Vector512<float> NotEqual(Vector512<float> a, Vector512<float> b) => ~Vector512.Equals(a, b);
    [MethodImpl(Inline)] public static Vector512<float> LessThan(Vector512<float> a, Vector512<float> b) => Vector512.LessThan(a, b);
    [MethodImpl(Inline)] public static Vector512<float> LessThanOrEqual(Vector512<float> a, Vector512<float> b) => Vector512.LessThanOrEqual(a, b);
    [MethodImpl(Inline)] public static Vector512<float> GreaterThan(Vector512<float> a, Vector512<float> b) => Vector512.GreaterThan(a, b);
    [MethodImpl(Inline)] public static Vector512<float> GreaterThanOrEqual(Vector512<float> a, Vector512<float> b) => Vector512.GreaterThanOrEqual(a, b);
    [MethodImpl(Inline)] public static Vector512<float> Select(Vector512<float> mask, Vector512<float> onTrue, Vector512<float> onFalse) => Vector512.ConditionalSelect(mask, onTrue, onFalse);
    [MethodImpl(Inline)] public static Vector512<float> MaskToOne(Vector512<float> mask) => mask & Vector512<float>.One;
}

/// <summary>AVX2 float32; exp, tanh and logistic as in <see cref="Float512"/>.</summary>
internal readonly unsafe struct Float256 : ISimdOps<float, Vector256<float>>
{
    private const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;

    public static int Width => Vector256<float>.Count;
    public static Vector256<float> Zero => Vector256<float>.Zero;
    [MethodImpl(Inline)] public static Vector256<float> Load(float* p) => Vector256.Load(p);
    [MethodImpl(Inline)]
    public static Vector256<float> LoadFirst(float* p, int count) =>
        Avx.MaskLoad(p, Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(count)).AsSingle());
    [MethodImpl(Inline)] public static void Store(float* p, Vector256<float> v) => v.Store(p);
    [MethodImpl(Inline)] public static Vector256<float> Broadcast(float x) => Vector256.Create(x);
    [MethodImpl(Inline)] public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.FusedMultiplyAdd(a, b, c);
    [MethodImpl(Inline)] public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;
    [MethodImpl(Inline)] public static Vector256<float> Subtract(Vector256<float> a, Vector256<float> b) => a - b;
    [MethodImpl(Inline)] public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;
    [MethodImpl(Inline)] public static Vector256<float> Divide(Vector256<float> a, Vector256<float> b) => a / b;
    [MethodImpl(Inline)] public static Vector256<float> Max(Vector256<float> a, Vector256<float> b) => Vector256.Max(a, b);
    [MethodImpl(Inline)] public static Vector256<float> Min(Vector256<float> a, Vector256<float> b) => Vector256.Min(a, b);
    [MethodImpl(Inline)] public static Vector256<float> Negate(Vector256<float> x) => x ^ Vector256.Create(-0f);
    [MethodImpl(Inline)] public static Vector256<float> Abs(Vector256<float> x) => Vector256.Abs(x);
    [MethodImpl(Inline)] public static Vector256<float> Sqrt(Vector256<float> x) => Vector256.Sqrt(x);
    [MethodImpl(Inline)] public static Vector256<float> Exp(Vector256<float> x) => Math256.Exp(x);
    [MethodImpl(Inline)] public static Vector256<float> Log(Vector256<float> x) => Vector256.Log(x);
    [MethodImpl(Inline)] public static Vector256<float> Tanh(Vector256<float> x) => Math256.Tanh(x);
    [MethodImpl(Inline)] public static Vector256<float> Logistic(Vector256<float> x) => Math256.Logistic(x);
    [MethodImpl(Inline)] public static Vector256<float> Equal(Vector256<float> a, Vector256<float> b) => Vector256.Equals(a, b);
    [MethodImpl(Inline)] public static Vector256<float> NotEqual(Vector256<float> a, Vector256<float> b) => ~Vector256.Equals(a, b);
    [MethodImpl(Inline)] public static Vector256<float> LessThan(Vector256<float> a, Vector256<float> b) => Vector256.LessThan(a, b);
    [MethodImpl(Inline)] public static Vector256<float> LessThanOrEqual(Vector256<float> a, Vector256<float> b) => Vector256.LessThanOrEqual(a, b);
    [MethodImpl(Inline)] public static Vector256<float> GreaterThan(Vector256<float> a, Vector256<float> b) => Vector256.GreaterThan(a, b);
    [MethodImpl(Inline)] public static Vector256<float> GreaterThanOrEqual(Vector256<float> a, Vector256<float> b) => Vector256.GreaterThanOrEqual(a, b);
    [MethodImpl(Inline)] public static Vector256<float> Select(Vector256<float> mask, Vector256<float> onTrue, Vector256<float> onFalse) => Vector256.ConditionalSelect(mask, onTrue, onFalse);
    [MethodImpl(Inline)] public static Vector256<float> MaskToOne(Vector256<float> mask) => mask & Vector256<float>.One;
}
