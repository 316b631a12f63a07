using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using JaxNet.Backends.CpuSimd.Codegen.Vector;

namespace JaxNet.Backends.CpuSimd.Codegen.Scalar;

/// <summary>
/// The vector kernels' approximations of exp, log, sin, cos, tan, tanh and logistic applied to one value, at the width
/// the kernels run with. A kernel's scalar path (loop tails, layouts it does not vectorize) must give the bits its
/// vector lanes give: a value that fusion recomputes in two kernels must compare equal with itself, or x == max(x)
/// fails (the mask of reduce_max's gradient was all zero under Jit where the max was computed by one path and x by
/// the other). So every routine here computes each lane from that lane's input alone (sin, cos and tan are the
/// backend's own, SimdNNN.Trigonometry.cs, since .NET's depend on the neighbouring lanes), and both widths give the
/// same bits. Without vector hardware the kernels are scalar only, and Math's routines serve.
/// </summary>
internal static class VectorLane
{
    private const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;

    [MethodImpl(Inline)]
    public static double Exp(double x) => CpuIsa.HasVector512 ? Simd512.Exp(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Simd256.Exp(Vector256.Create(x)).ToScalar() : Math.Exp(x);

    [MethodImpl(Inline)]
    public static float Exp(float x) => CpuIsa.HasVector512 ? Simd512.Exp(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Simd256.Exp(Vector256.Create(x)).ToScalar() : MathF.Exp(x);

    [MethodImpl(Inline)]
    public static double Log(double x) => CpuIsa.HasVector512 ? Simd512.Log(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Simd256.Log(Vector256.Create(x)).ToScalar() : Math.Log(x);

    [MethodImpl(Inline)]
    public static float Log(float x) => CpuIsa.HasVector512 ? Simd512.Log(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Simd256.Log(Vector256.Create(x)).ToScalar() : MathF.Log(x);

    [MethodImpl(Inline)]
    public static double Sin(double x) => CpuIsa.HasVector512 ? Simd512.Sin(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Simd256.Sin(Vector256.Create(x)).ToScalar() : Math.Sin(x);

    [MethodImpl(Inline)]
    public static double Cos(double x) => CpuIsa.HasVector512 ? Simd512.Cos(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Simd256.Cos(Vector256.Create(x)).ToScalar() : Math.Cos(x);

    [MethodImpl(Inline)]
    public static double Tan(double x) => CpuIsa.HasVector512 ? Simd512.Tan(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Simd256.Tan(Vector256.Create(x)).ToScalar() : Math.Tan(x);

    [MethodImpl(Inline)]
    public static float Tan(float x) => CpuIsa.HasVector512 ? Simd512.Tan(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Simd256.Tan(Vector256.Create(x)).ToScalar() : MathF.Tan(x);

    [MethodImpl(Inline)]
    public static float Sin(float x) => CpuIsa.HasVector512 ? Simd512.Sin(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Simd256.Sin(Vector256.Create(x)).ToScalar() : MathF.Sin(x);

    [MethodImpl(Inline)]
    public static float Cos(float x) => CpuIsa.HasVector512 ? Simd512.Cos(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Simd256.Cos(Vector256.Create(x)).ToScalar() : MathF.Cos(x);

    [MethodImpl(Inline)]
    public static float Tanh(float x) => CpuIsa.HasVector512 ? Simd512.Tanh(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Simd256.Tanh(Vector256.Create(x)).ToScalar() : MathF.Tanh(x);

    [MethodImpl(Inline)]
    public static double Logistic(double x) => CpuIsa.HasVector512 ? Simd512.Logistic(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Simd256.Logistic(Vector256.Create(x)).ToScalar() : 1d / (1d + Math.Exp(-x));

    [MethodImpl(Inline)]
    public static float Logistic(float x) => CpuIsa.HasVector512 ? Simd512.Logistic(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Simd256.Logistic(Vector256.Create(x)).ToScalar() : (float)(1d / (1d + Math.Exp(-(double)x)));
}
