using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Codegen.Scalar;

/// <summary>
/// Float-only ops for float32 (also the compute type of Float16/BFloat16) and float64. Functions the vector
/// kernels compute in their own way (exp, exp2, log, expm1, log1p, cbrt, asinh, acosh, atanh, sin, cos, tan, asin, acos, atan,
/// atan2, sinh, cosh, tanh, erf, erfinv, lgamma, digamma, pow, logistic) are theirs (<see cref="VectorLane"/>).
/// </summary>
internal static partial class ScalarMath
{
    [MethodImpl(Inline)] public static float Floor(float x) => MathF.Floor(x);
    [MethodImpl(Inline)] public static double Floor(double x) => Math.Floor(x);
    [MethodImpl(Inline)] public static float Ceil(float x) => MathF.Ceiling(x);
    [MethodImpl(Inline)] public static double Ceil(double x) => Math.Ceiling(x);
    [MethodImpl(Inline)] public static float Round(float x) => MathF.Round(x, MidpointRounding.AwayFromZero);
    [MethodImpl(Inline)] public static double Round(double x) => Math.Round(x, MidpointRounding.AwayFromZero);
    [MethodImpl(Inline)] public static float RoundEven(float x) => MathF.Round(x, MidpointRounding.ToEven);
    [MethodImpl(Inline)] public static double RoundEven(double x) => Math.Round(x, MidpointRounding.ToEven);

    [MethodImpl(Inline)] public static float Sqrt(float x) => MathF.Sqrt(x);
    [MethodImpl(Inline)] public static double Sqrt(double x) => Math.Sqrt(x);
    [MethodImpl(Inline)] public static float Rsqrt(float x) => 1f / MathF.Sqrt(x);
    [MethodImpl(Inline)] public static double Rsqrt(double x) => 1d / Math.Sqrt(x);
    [MethodImpl(Inline)] public static float Cbrt(float x) => VectorLane.Cbrt(x);
    [MethodImpl(Inline)] public static double Cbrt(double x) => VectorLane.Cbrt(x);

    [MethodImpl(Inline)] public static float Exp(float x) => VectorLane.Exp(x);
    [MethodImpl(Inline)] public static double Exp(double x) => VectorLane.Exp(x);
    [MethodImpl(Inline)] public static float Exp2(float x) => VectorLane.Exp2(x);
    [MethodImpl(Inline)] public static double Exp2(double x) => VectorLane.Exp2(x);
    [MethodImpl(Inline)] public static float Log(float x) => VectorLane.Log(x);
    [MethodImpl(Inline)] public static double Log(double x) => VectorLane.Log(x);
    [MethodImpl(Inline)] public static float Log1p(float x) => VectorLane.Log1p(x);
    [MethodImpl(Inline)] public static double Log1p(double x) => VectorLane.Log1p(x);
    [MethodImpl(Inline)] public static float Expm1(float x) => VectorLane.Expm1(x);
    [MethodImpl(Inline)] public static double Expm1(double x) => VectorLane.Expm1(x);

    [MethodImpl(Inline)] public static float Sin(float x) => VectorLane.Sin(x);
    [MethodImpl(Inline)] public static double Sin(double x) => VectorLane.Sin(x);
    [MethodImpl(Inline)] public static float Cos(float x) => VectorLane.Cos(x);
    [MethodImpl(Inline)] public static double Cos(double x) => VectorLane.Cos(x);
    [MethodImpl(Inline)] public static float Tan(float x) => VectorLane.Tan(x);
    [MethodImpl(Inline)] public static double Tan(double x) => VectorLane.Tan(x);
    [MethodImpl(Inline)] public static float Asin(float x) => VectorLane.Asin(x);
    [MethodImpl(Inline)] public static double Asin(double x) => VectorLane.Asin(x);
    [MethodImpl(Inline)] public static float Acos(float x) => VectorLane.Acos(x);
    [MethodImpl(Inline)] public static double Acos(double x) => VectorLane.Acos(x);
    [MethodImpl(Inline)] public static float Atan(float x) => VectorLane.Atan(x);
    [MethodImpl(Inline)] public static double Atan(double x) => VectorLane.Atan(x);
    [MethodImpl(Inline)] public static float Sinh(float x) => VectorLane.Sinh(x);
    [MethodImpl(Inline)] public static double Sinh(double x) => VectorLane.Sinh(x);
    [MethodImpl(Inline)] public static float Cosh(float x) => VectorLane.Cosh(x);
    [MethodImpl(Inline)] public static double Cosh(double x) => VectorLane.Cosh(x);
    [MethodImpl(Inline)] public static float Tanh(float x) => VectorLane.Tanh(x);
    [MethodImpl(Inline)] public static double Tanh(double x) => VectorLane.Tanh(x);
    [MethodImpl(Inline)] public static float Asinh(float x) => VectorLane.Asinh(x);
    [MethodImpl(Inline)] public static double Asinh(double x) => VectorLane.Asinh(x);
    [MethodImpl(Inline)] public static float Acosh(float x) => VectorLane.Acosh(x);
    [MethodImpl(Inline)] public static double Acosh(double x) => VectorLane.Acosh(x);
    [MethodImpl(Inline)] public static float Atanh(float x) => VectorLane.Atanh(x);
    [MethodImpl(Inline)] public static double Atanh(double x) => VectorLane.Atanh(x);

    [MethodImpl(Inline)] public static float Logistic(float x) => VectorLane.Logistic(x);
    [MethodImpl(Inline)] public static double Logistic(double x) => VectorLane.Logistic(x);

    [MethodImpl(Inline)] public static float Erf(float x) => VectorLane.Erf(x);
    [MethodImpl(Inline)] public static double Erf(double x) => VectorLane.Erf(x);
    [MethodImpl(Inline)] public static float ErfInv(float x) => VectorLane.ErfInv(x);
    [MethodImpl(Inline)] public static double ErfInv(double x) => VectorLane.ErfInv(x);
    [MethodImpl(Inline)] public static float Lgamma(float x) => VectorLane.Lgamma(x);
    [MethodImpl(Inline)] public static double Lgamma(double x) => VectorLane.Lgamma(x);
    [MethodImpl(Inline)] public static float Digamma(float x) => VectorLane.Digamma(x);
    [MethodImpl(Inline)] public static double Digamma(double x) => VectorLane.Digamma(x);

    [MethodImpl(Inline)] public static bool IsFinite(float x) => float.IsFinite(x);
    [MethodImpl(Inline)] public static bool IsFinite(double x) => double.IsFinite(x);

    [MethodImpl(Inline)] public static float Pow(float a, float b) => VectorLane.Pow(a, b);
    [MethodImpl(Inline)] public static double Pow(double a, double b) => VectorLane.Pow(a, b);
    [MethodImpl(Inline)] public static float Atan2(float a, float b) => VectorLane.Atan2(a, b);
    [MethodImpl(Inline)] public static double Atan2(double a, double b) => VectorLane.Atan2(a, b);

    /// <summary>The next representable value after <paramref name="a"/> towards <paramref name="b"/>.</summary>
    public static float NextAfter(float a, float b) =>
        float.IsNaN(a) || float.IsNaN(b) ? float.NaN : a == b ? b : a < b ? MathF.BitIncrement(a) : MathF.BitDecrement(a);

    public static double NextAfter(double a, double b) =>
        double.IsNaN(a) || double.IsNaN(b) ? double.NaN : a == b ? b : a < b ? Math.BitIncrement(a) : Math.BitDecrement(a);

    /// <summary>NextAfter on float16 values held in f32 lanes: the step is float16's.</summary>
    public static float NextAfterFloat16(float a, float b) =>
        float.IsNaN(a) || float.IsNaN(b) ? float.NaN : a == b ? b
        : (float)(a < b ? Half.BitIncrement((Half)a) : Half.BitDecrement((Half)a));

    /// <summary>NextAfter on bfloat16 values held in f32 lanes (the upper half of a float32): the step is bfloat16's.</summary>
    public static float NextAfterBFloat16(float a, float b)
    {
        if (float.IsNaN(a) || float.IsNaN(b)) return float.NaN;
        if (a == b) return b;
        if (a == 0) return BitConverter.Int32BitsToSingle(b > 0 ? 0x0001_0000 : unchecked((int)0x8001_0000));
        // Moving away from zero adds one to the 16-bit magnitude, towards zero subtracts one: sign-magnitude order.
        var bits = BitConverter.SingleToInt32Bits(a) & unchecked((int)0xFFFF_0000);
        var awayFromZero = (a < b) == (a > 0);
        return BitConverter.Int32BitsToSingle(bits + (awayFromZero ? 0x0001_0000 : -0x0001_0000));
    }
}
