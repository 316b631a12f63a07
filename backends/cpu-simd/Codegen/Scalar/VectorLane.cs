using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using JaxNet.Backends.CpuSimd.Codegen.Vector;

namespace JaxNet.Backends.CpuSimd.Codegen.Scalar;

/// <summary>
/// The vector kernels' approximations of exp, exp2, log, expm1, log1p, cbrt, asinh, acosh, atanh, sin, cos, tan, asin, acos, atan, atan2, sinh, cosh,
/// tanh, erf, erfinv, lgamma, digamma, pow and logistic applied to one value, at the width
/// the kernels run with. A kernel's scalar path (loop tails, layouts it does not vectorize) must give the bits its
/// vector lanes give: a value that fusion recomputes in two kernels must compare equal with itself, or x == max(x)
/// fails (the mask of reduce_max's gradient was all zero under Jit where the max was computed by one path and x by
/// the other). So every routine here computes each lane from that lane's input alone (sin, cos and tan are the
/// backend's own, VectorMath.Trigonometry.cs, since .NET's depend on the neighbouring lanes), and both widths give the
/// same bits. float32 has routines of its own in float32 lanes for exp, expm1, log, log1p, tanh, logistic, sin, cos,
/// tan, atan, atan2, asin, acos, erf, erfinv, exp2, sinh, cosh, pow, asinh, acosh and atanh (VectorMath.Float32*.cs),
/// which the scalar path calls on one lane as it does the float64 ones; the others round
/// the float64 routine, as the vector kernels do. Without vector hardware the kernels are scalar only, and Math's (or
/// SpecialFunctions') routines serve.
/// </summary>
internal static class VectorLane
{
    private const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;

    [MethodImpl(Inline)]
    public static double Exp(double x) => CpuIsa.HasVector512 ? Math512.Exp(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Exp(Vector256.Create(x)).ToScalar() : Math.Exp(x);

    [MethodImpl(Inline)]
    public static float Exp(float x) => CpuIsa.HasVector512 ? Math512.Exp(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Exp(Vector256.Create(x)).ToScalar() : MathF.Exp(x);

    [MethodImpl(Inline)]
    public static double Log(double x) => CpuIsa.HasVector512 ? Simd512.Log(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Simd256.Log(Vector256.Create(x)).ToScalar() : Math.Log(x);

    [MethodImpl(Inline)]
    public static float Log(float x) => CpuIsa.HasVector512 ? Math512.Log(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Log(Vector256.Create(x)).ToScalar() : MathF.Log(x);

    [MethodImpl(Inline)]
    public static double Sin(double x) => CpuIsa.HasVector512 ? Math512.Sin(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Sin(Vector256.Create(x)).ToScalar() : Math.Sin(x);

    [MethodImpl(Inline)]
    public static double Cos(double x) => CpuIsa.HasVector512 ? Math512.Cos(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Cos(Vector256.Create(x)).ToScalar() : Math.Cos(x);

    [MethodImpl(Inline)]
    public static double Tan(double x) => CpuIsa.HasVector512 ? Math512.Tan(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Tan(Vector256.Create(x)).ToScalar() : Math.Tan(x);

    [MethodImpl(Inline)]
    public static float Tan(float x) => CpuIsa.HasVector512 ? Math512.Tan(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Tan(Vector256.Create(x)).ToScalar() : MathF.Tan(x);

    [MethodImpl(Inline)]
    public static float Sin(float x) => CpuIsa.HasVector512 ? Math512.Sin(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Sin(Vector256.Create(x)).ToScalar() : MathF.Sin(x);

    [MethodImpl(Inline)]
    public static float Cos(float x) => CpuIsa.HasVector512 ? Math512.Cos(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Cos(Vector256.Create(x)).ToScalar() : MathF.Cos(x);

    [MethodImpl(Inline)]
    public static float Tanh(float x) => CpuIsa.HasVector512 ? Math512.Tanh(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Tanh(Vector256.Create(x)).ToScalar() : MathF.Tanh(x);

    [MethodImpl(Inline)]
    public static double Logistic(double x) => CpuIsa.HasVector512 ? Math512.Logistic(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Logistic(Vector256.Create(x)).ToScalar() : 1d / (1d + Math.Exp(-x));

    [MethodImpl(Inline)]
    public static float Logistic(float x) => CpuIsa.HasVector512 ? Math512.Logistic(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Logistic(Vector256.Create(x)).ToScalar() : (float)(1d / (1d + Math.Exp(-(double)x)));
    [MethodImpl(Inline)]
    public static double Expm1(double x) => CpuIsa.HasVector512 ? Math512.Expm1(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Expm1(Vector256.Create(x)).ToScalar() : SpecialFunctions.Expm1(x);

    [MethodImpl(Inline)]
    public static float Expm1(float x) => CpuIsa.HasVector512 ? Math512.Expm1(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Expm1(Vector256.Create(x)).ToScalar() : (float)SpecialFunctions.Expm1(x);

    [MethodImpl(Inline)]
    public static double Exp2(double x) => CpuIsa.HasVector512 ? Math512.Exp2(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Exp2(Vector256.Create(x)).ToScalar() : Math.Pow(2d, x);

    [MethodImpl(Inline)]
    public static float Exp2(float x) => CpuIsa.HasVector512 ? Math512.Exp2(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Exp2(Vector256.Create(x)).ToScalar() : (float)Math.Pow(2d, x);

    [MethodImpl(Inline)]
    public static double Asinh(double x) => CpuIsa.HasVector512 ? Math512.Asinh(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Asinh(Vector256.Create(x)).ToScalar() : Math.Asinh(x);

    [MethodImpl(Inline)]
    public static float Asinh(float x) => CpuIsa.HasVector512 ? Math512.Asinh(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Asinh(Vector256.Create(x)).ToScalar() : (float)Math.Asinh(x);

    [MethodImpl(Inline)]
    public static double Acosh(double x) => CpuIsa.HasVector512 ? Math512.Acosh(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Acosh(Vector256.Create(x)).ToScalar() : Math.Acosh(x);

    [MethodImpl(Inline)]
    public static float Acosh(float x) => CpuIsa.HasVector512 ? Math512.Acosh(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Acosh(Vector256.Create(x)).ToScalar() : (float)Math.Acosh(x);

    [MethodImpl(Inline)]
    public static double Atanh(double x) => CpuIsa.HasVector512 ? Math512.Atanh(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Atanh(Vector256.Create(x)).ToScalar() : Math.Atanh(x);

    [MethodImpl(Inline)]
    public static float Atanh(float x) => CpuIsa.HasVector512 ? Math512.Atanh(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Atanh(Vector256.Create(x)).ToScalar() : (float)Math.Atanh(x);

    [MethodImpl(Inline)]
    public static double Tanh(double x) => CpuIsa.HasVector512 ? Math512.Tanh(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Tanh(Vector256.Create(x)).ToScalar() : Math.Tanh(x);

    [MethodImpl(Inline)]
    public static double Sinh(double x) => CpuIsa.HasVector512 ? Math512.Sinh(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Sinh(Vector256.Create(x)).ToScalar() : Math.Sinh(x);

    [MethodImpl(Inline)]
    public static float Sinh(float x) => CpuIsa.HasVector512 ? Math512.Sinh(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Sinh(Vector256.Create(x)).ToScalar() : (float)Math.Sinh(x);

    [MethodImpl(Inline)]
    public static double Cosh(double x) => CpuIsa.HasVector512 ? Math512.Cosh(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Cosh(Vector256.Create(x)).ToScalar() : Math.Cosh(x);

    [MethodImpl(Inline)]
    public static float Cosh(float x) => CpuIsa.HasVector512 ? Math512.Cosh(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Cosh(Vector256.Create(x)).ToScalar() : (float)Math.Cosh(x);

    [MethodImpl(Inline)]
    public static double Log1p(double x) => CpuIsa.HasVector512 ? Math512.Log1p(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Log1p(Vector256.Create(x)).ToScalar() : SpecialFunctions.Log1p(x);

    [MethodImpl(Inline)]
    public static float Log1p(float x) => CpuIsa.HasVector512 ? Math512.Log1p(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Log1p(Vector256.Create(x)).ToScalar() : (float)SpecialFunctions.Log1p(x);

    [MethodImpl(Inline)]
    public static double Atan(double x) => CpuIsa.HasVector512 ? Math512.Atan(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Atan(Vector256.Create(x)).ToScalar() : Math.Atan(x);

    [MethodImpl(Inline)]
    public static float Atan(float x) => CpuIsa.HasVector512 ? Math512.Atan(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Atan(Vector256.Create(x)).ToScalar() : (float)Math.Atan(x);

    [MethodImpl(Inline)]
    public static double Asin(double x) => CpuIsa.HasVector512 ? Math512.Asin(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Asin(Vector256.Create(x)).ToScalar() : Math.Asin(x);

    [MethodImpl(Inline)]
    public static float Asin(float x) => CpuIsa.HasVector512 ? Math512.Asin(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Asin(Vector256.Create(x)).ToScalar() : (float)Math.Asin(x);

    [MethodImpl(Inline)]
    public static double Acos(double x) => CpuIsa.HasVector512 ? Math512.Acos(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Acos(Vector256.Create(x)).ToScalar() : Math.Acos(x);

    [MethodImpl(Inline)]
    public static float Acos(float x) => CpuIsa.HasVector512 ? Math512.Acos(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Acos(Vector256.Create(x)).ToScalar() : (float)Math.Acos(x);

    [MethodImpl(Inline)]
    public static double Erf(double x) => CpuIsa.HasVector512 ? Math512.Erf(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Erf(Vector256.Create(x)).ToScalar() : SpecialFunctions.Erf(x);

    [MethodImpl(Inline)]
    public static float Erf(float x) => CpuIsa.HasVector512 ? Math512.Erf(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Erf(Vector256.Create(x)).ToScalar() : (float)SpecialFunctions.Erf(x);

    [MethodImpl(Inline)]
    public static double Pow(double x, double y) => CpuIsa.HasVector512 ? Math512.Pow(Vector512.Create(x), Vector512.Create(y)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Pow(Vector256.Create(x), Vector256.Create(y)).ToScalar() : Math.Pow(x, y);

    [MethodImpl(Inline)]
    public static float Pow(float x, float y) => CpuIsa.HasVector512 ? Math512.Pow(Vector512.Create(x), Vector512.Create(y)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Pow(Vector256.Create(x), Vector256.Create(y)).ToScalar() : (float)Math.Pow(x, y);

    [MethodImpl(Inline)]
    public static double Atan2(double y, double x) => CpuIsa.HasVector512 ? Math512.Atan2(Vector512.Create(y), Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Atan2(Vector256.Create(y), Vector256.Create(x)).ToScalar() : Math.Atan2(y, x);

    [MethodImpl(Inline)]
    public static float Atan2(float y, float x) => CpuIsa.HasVector512 ? Math512.Atan2(Vector512.Create(y), Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Atan2(Vector256.Create(y), Vector256.Create(x)).ToScalar() : (float)Math.Atan2(y, x);

    [MethodImpl(Inline)]
    public static double Cbrt(double x) => CpuIsa.HasVector512 ? Math512.Cbrt(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Cbrt(Vector256.Create(x)).ToScalar() : Math.Cbrt(x);

    [MethodImpl(Inline)]
    public static float Cbrt(float x) => (float)Cbrt((double)x);

    [MethodImpl(Inline)]
    public static double ErfInv(double x) => CpuIsa.HasVector512 ? Math512.ErfInv(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.ErfInv(Vector256.Create(x)).ToScalar() : SpecialFunctions.ErfInv(x);

    [MethodImpl(Inline)]
    public static float ErfInv(float x) => CpuIsa.HasVector512 ? Math512.ErfInv(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.ErfInv(Vector256.Create(x)).ToScalar() : (float)SpecialFunctions.ErfInv(x);

    [MethodImpl(Inline)]
    public static double Lgamma(double x) => CpuIsa.HasVector512 ? Math512.Lgamma(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Lgamma(Vector256.Create(x)).ToScalar() : SpecialFunctions.Lgamma(x);

    [MethodImpl(Inline)]
    public static float Lgamma(float x) => (float)Lgamma((double)x);

    [MethodImpl(Inline)]
    public static double Digamma(double x) => CpuIsa.HasVector512 ? Math512.Digamma(Vector512.Create(x)).ToScalar()
        : CpuIsa.HasVector256 ? Math256.Digamma(Vector256.Create(x)).ToScalar() : SpecialFunctions.Digamma(x);

    [MethodImpl(Inline)]
    public static float Digamma(float x) => (float)Digamma((double)x);
}
