using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace JaxNet.Backends.CpuSimd.Kernels.Gemm;

/// <summary>
/// One lane: the fallback when the CPU has neither 256-bit nor 128-bit vectors. Multiply then add: a software
/// fused multiply-add would be far slower than the rounding difference is worth. A mask lane is NaN for true and
/// +0 for false (only its being non-zero is read).
/// </summary>
internal readonly unsafe struct ScalarOps<T> : ISimdOps<T, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;

    public static int Width => 1;
    public static T Zero => T.Zero;
    [MethodImpl(Inline)] public static T Load(T* p) => *p;
    [MethodImpl(Inline)] public static T LoadFirst(T* p, int count) => *p;
    [MethodImpl(Inline)] public static void Store(T* p, T v) => *p = v;
    [MethodImpl(Inline)] public static T Broadcast(T x) => x;
    [MethodImpl(Inline)] public static T MultiplyAdd(T a, T b, T c) => a * b + c;
    [MethodImpl(Inline)] public static T Add(T a, T b) => a + b;
    [MethodImpl(Inline)] public static T Subtract(T a, T b) => a - b;
    [MethodImpl(Inline)] public static T Multiply(T a, T b) => a * b;
    [MethodImpl(Inline)] public static T Divide(T a, T b) => a / b;
    [MethodImpl(Inline)] public static T Max(T a, T b) => T.Max(a, b);
    [MethodImpl(Inline)] public static T Min(T a, T b) => T.Min(a, b);
    [MethodImpl(Inline)] public static T Negate(T x) => -x;
    [MethodImpl(Inline)] public static T Abs(T x) => T.Abs(x);
    [MethodImpl(Inline)] public static T Sqrt(T x) => T.Sqrt(x);
    [MethodImpl(Inline)] public static T Exp(T x) => T.Exp(x);
    [MethodImpl(Inline)] public static T Log(T x) => T.Log(x);
    [MethodImpl(Inline)] public static T Tanh(T x) => T.Tanh(x);
    [MethodImpl(Inline)] public static T Logistic(T x) => LogisticLane<T>.Apply(x);
    [MethodImpl(Inline)] public static T Equal(T a, T b) => Mask(a == b);
    [MethodImpl(Inline)] public static T NotEqual(T a, T b) => Mask(a != b);
    [MethodImpl(Inline)] public static T LessThan(T a, T b) => Mask(a < b);
    [MethodImpl(Inline)] public static T LessThanOrEqual(T a, T b) => Mask(a <= b);
    [MethodImpl(Inline)] public static T GreaterThan(T a, T b) => Mask(a > b);
    [MethodImpl(Inline)] public static T GreaterThanOrEqual(T a, T b) => Mask(a >= b);
    [MethodImpl(Inline)] public static T Select(T mask, T onTrue, T onFalse) => mask != T.Zero ? onTrue : onFalse;
    [MethodImpl(Inline)] public static T MaskToOne(T mask) => mask != T.Zero ? T.One : T.Zero;

    private static T Mask(bool set) => set ? T.NaN : T.Zero;
}

/// <summary>128-bit vectors (SSE/NEON): fused where the CPU has FMA, else multiply then add; transcendentals lane by lane.</summary>
internal readonly unsafe struct Vector128Ops<T> : ISimdOps<T, Vector128<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;

    public static int Width => Vector128<T>.Count;
    public static Vector128<T> Zero => Vector128<T>.Zero;
    [MethodImpl(Inline)] public static Vector128<T> Load(T* p) => Vector128.Load(p);

    public static Vector128<T> LoadFirst(T* p, int count)
    {
        var v = Vector128<T>.Zero;
        for (var i = 0; i < count; i++) v = v.WithElement(i, p[i]);
        return v;
    }
    [MethodImpl(Inline)] public static void Store(T* p, Vector128<T> v) => v.Store(p);
    [MethodImpl(Inline)] public static Vector128<T> Broadcast(T x) => Vector128.Create(x);
    [MethodImpl(Inline)] public static Vector128<T> Add(Vector128<T> a, Vector128<T> b) => a + b;
    [MethodImpl(Inline)] public static Vector128<T> Subtract(Vector128<T> a, Vector128<T> b) => a - b;
    [MethodImpl(Inline)] public static Vector128<T> Multiply(Vector128<T> a, Vector128<T> b) => a * b;
    [MethodImpl(Inline)] public static Vector128<T> Divide(Vector128<T> a, Vector128<T> b) => a / b;
    [MethodImpl(Inline)] public static Vector128<T> Max(Vector128<T> a, Vector128<T> b) => Vector128.Max(a, b);
    [MethodImpl(Inline)] public static Vector128<T> Min(Vector128<T> a, Vector128<T> b) => Vector128.Min(a, b);
    [MethodImpl(Inline)] public static Vector128<T> Negate(Vector128<T> x) => x ^ Vector128.Create(T.NegativeZero);
    [MethodImpl(Inline)] public static Vector128<T> Abs(Vector128<T> x) => Vector128.Abs(x);
    [MethodImpl(Inline)] public static Vector128<T> Sqrt(Vector128<T> x) => Vector128.Sqrt(x);
    [MethodImpl(Inline)] public static Vector128<T> Exp(Vector128<T> x) => Lanes.Map<T, Vector128<T>, Vector128Ops<T>, ExpLane<T>>(x);
    [MethodImpl(Inline)] public static Vector128<T> Log(Vector128<T> x) => Lanes.Map<T, Vector128<T>, Vector128Ops<T>, LogLane<T>>(x);
    [MethodImpl(Inline)] public static Vector128<T> Tanh(Vector128<T> x) => Lanes.Map<T, Vector128<T>, Vector128Ops<T>, TanhLane<T>>(x);
    [MethodImpl(Inline)] public static Vector128<T> Logistic(Vector128<T> x) => Lanes.Map<T, Vector128<T>, Vector128Ops<T>, LogisticLane<T>>(x);
    [MethodImpl(Inline)] public static Vector128<T> Equal(Vector128<T> a, Vector128<T> b) => Vector128.Equals(a, b);
    [MethodImpl(Inline)] public static Vector128<T> NotEqual(Vector128<T> a, Vector128<T> b) => ~Vector128.Equals(a, b);
    [MethodImpl(Inline)] public static Vector128<T> LessThan(Vector128<T> a, Vector128<T> b) => Vector128.LessThan(a, b);
    [MethodImpl(Inline)] public static Vector128<T> LessThanOrEqual(Vector128<T> a, Vector128<T> b) => Vector128.LessThanOrEqual(a, b);
    [MethodImpl(Inline)] public static Vector128<T> GreaterThan(Vector128<T> a, Vector128<T> b) => Vector128.GreaterThan(a, b);
    [MethodImpl(Inline)] public static Vector128<T> GreaterThanOrEqual(Vector128<T> a, Vector128<T> b) => Vector128.GreaterThanOrEqual(a, b);
    [MethodImpl(Inline)] public static Vector128<T> Select(Vector128<T> mask, Vector128<T> onTrue, Vector128<T> onFalse) => Vector128.ConditionalSelect(mask, onTrue, onFalse);
    [MethodImpl(Inline)] public static Vector128<T> MaskToOne(Vector128<T> mask) => mask & Vector128<T>.One;

    [MethodImpl(Inline)]
    public static Vector128<T> MultiplyAdd(Vector128<T> a, Vector128<T> b, Vector128<T> c)
    {
        if (System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported)
        {
            if (typeof(T) == typeof(float))
                return Vector128.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>();
            if (typeof(T) == typeof(double))
                return Vector128.FusedMultiplyAdd(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>();
        }
        return a * b + c;
    }
}
