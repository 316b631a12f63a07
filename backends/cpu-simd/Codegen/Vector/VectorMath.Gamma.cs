using System.Runtime.CompilerServices;
using JaxNet.Backends.CpuSimd.Codegen.Scalar;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// lgamma and digamma in vector lanes (they were SpecialFunctions' lane by lane), the same formulas in every lane.
/// lgamma: Lanczos' sum (g = 7, nine terms, SpecialFunctions.LanczosCoefficients) from 1/2 up, the reflection
/// log(pi / |sin(pi x)|) - lgamma(1 - x) below, -log|x| - gamma x below 1e-8, 0 at 1 and 2. digamma: the reflection
/// psi(x) = psi(1 - x) - pi cot(pi x) below 1/2, then the recurrence psi(x) = psi(x + 1) - 1/x up to 10 (lanes
/// already beyond it stop stepping, so the loop runs while some lane needs it, and no lane's bits depend on the
/// others) and the asymptotic series. sin(pi x) takes its argument reduced exactly (integers give exact zeros), and
/// the logs are the double-double LogReduced. Poles (0, -1, -2, ...), infinities, NaN and subnormal lgamma arguments
/// are SpecialFunctions' one by one: lgamma +inf at the poles, digamma NaN there as XLA. float32 runs the float64
/// routines and rounds once. Accuracy is the scalar routines' (they share the formulas): measured against them in
/// SpecialFunctionVectorTests.cs.
/// </summary>
internal static unsafe partial class VectorMath<TLanes, TDouble, TLong, TFloat, TInt>
{
    private const double HalfLogTwoPi = 0.91893853320467274;
    private const double EulerGamma = 0.57721566490153286061;
    private const double LgammaTiny = 1e-8;
    private const double DigammaAsymptoticStart = 10d;

    [MethodImpl(Inline)]
    public static TDouble Lgamma(TDouble x)
    {
        var a = TLanes.Abs(x);
        var special = TLanes.BitwiseOr(GammaPoleOrNotFinite(x), TLanes.LessThan(a, TLanes.Create(SmallestNormal))); // zero too
        var safe = TLanes.ConditionalSelect(special, TLanes.One, x);
        var reflect = TLanes.LessThan(safe, TLanes.Create(0.5));
        var lanczos = LanczosLgamma(TLanes.ConditionalSelect(reflect, TLanes.Subtract(TLanes.One, safe), safe));
        var result = lanczos;
        if (!TLanes.NoneSet(reflect))
        {
            var reflected = TLanes.Subtract(LogOfPositive(TLanes.Divide(TLanes.Create(Math.PI), TLanes.Abs(SinPi(safe)))), lanczos);
            var tinyLog = TLanes.Negate(TLanes.FusedMultiplyAdd(TLanes.Create(EulerGamma), safe, LogOfPositive(TLanes.Abs(safe))));
            reflected = TLanes.ConditionalSelect(TLanes.LessThan(TLanes.Abs(safe), TLanes.Create(LgammaTiny)), tinyLog, reflected);
            result = TLanes.ConditionalSelect(reflect, reflected, result);
        }
        result = TLanes.AndNot(result, TLanes.BitwiseOr(TLanes.Equal(x, TLanes.One), TLanes.Equal(x, TLanes.Create(2d))));
        return TLanes.NoneSet(special) ? result : OneByOne(result, x, special, ScalarLaneFunction.Lgamma);
    }

    [MethodImpl(Inline)]
    public static TFloat Lgamma(TFloat x) =>
        TLanes.Narrow(Lgamma(TLanes.WidenLower(x)), Lgamma(TLanes.WidenUpper(x)));

    [MethodImpl(Inline)]
    public static TDouble Digamma(TDouble x)
    {
        var special = GammaPoleOrNotFinite(x);
        var z = TLanes.ConditionalSelect(special, TLanes.One, x);
        var reflect = TLanes.LessThan(z, TLanes.Create(0.5));
        var result = TLanes.Zero;
        if (!TLanes.NoneSet(reflect))
        {
            var cotangent = TLanes.Divide(TLanes.Multiply(TLanes.Create(-Math.PI), SinPi(TLanes.Add(z, TLanes.Create(0.5)))), SinPi(z));
            result = TLanes.BitwiseAnd(reflect, cotangent);
            z = TLanes.ConditionalSelect(reflect, TLanes.Subtract(TLanes.One, z), z);
        }
        for (var below = TLanes.LessThan(z, TLanes.Create(DigammaAsymptoticStart)); !TLanes.NoneSet(below); below = TLanes.LessThan(z, TLanes.Create(DigammaAsymptoticStart)))
        {
            result = TLanes.Subtract(result, TLanes.BitwiseAnd(below, TLanes.Divide(TLanes.One, z)));
            z = TLanes.Add(z, TLanes.BitwiseAnd(below, TLanes.One));
        }
        var inverse = TLanes.Divide(TLanes.One, z);
        var series = TLanes.Multiply(TLanes.Multiply(inverse, inverse), Horner(TLanes.Multiply(inverse, inverse), DigammaSeries));
        result = TLanes.Subtract(TLanes.Add(result, TLanes.Subtract(LogOfPositive(z), TLanes.Multiply(TLanes.Create(0.5), inverse))), series);
        return TLanes.NoneSet(special) ? result : OneByOne(result, x, special, ScalarLaneFunction.Digamma);
    }

    [MethodImpl(Inline)]
    public static TFloat Digamma(TFloat x) =>
        TLanes.Narrow(Digamma(TLanes.WidenLower(x)), Digamma(TLanes.WidenUpper(x)));

    /// <summary>Infinite, NaN, or a non-positive integer (every float64 beyond 2^52 is an integer).</summary>
    [MethodImpl(Inline)]
    private static TDouble GammaPoleOrNotFinite(TDouble x) =>
        TLanes.OnesComplement(TLanes.AndNot(TLanes.LessThan(TLanes.Abs(x), TLanes.Create(double.PositiveInfinity)),
            TLanes.BitwiseAnd(TLanes.LessThanOrEqual(x, TLanes.Zero), TLanes.Equal(TLanes.Floor(x), x))));

    /// <summary>lgamma z for z &gt;= 1/2 by Lanczos' sum, term for term as SpecialFunctions.Lgamma.</summary>
    [MethodImpl(Inline)]
    private static TDouble LanczosLgamma(TDouble z)
    {
        var shifted = TLanes.Subtract(z, TLanes.One);
        var coefficients = SpecialFunctions.LanczosCoefficients;
        var sum = TLanes.Create(coefficients[0]);
        for (var i = 1; i < coefficients.Length; i++)
            sum = TLanes.Add(sum, TLanes.Divide(TLanes.Create(coefficients[i]), TLanes.Add(shifted, TLanes.Create((double)i))));
        var t = TLanes.Add(shifted, TLanes.Create(7.5));
        var power = TLanes.Multiply(TLanes.Add(shifted, TLanes.Create(0.5)), LogOfPositive(t));
        return TLanes.Add(TLanes.Subtract(TLanes.Add(TLanes.Create(HalfLogTwoPi), power), t), LogOfPositive(sum));
    }

    /// <summary>sin(pi x) with x reduced exactly to [-1/2, 1/2] first.</summary>
    [MethodImpl(Inline)]
    private static TDouble SinPi(TDouble x)
    {
        var r = TLanes.FusedMultiplyAdd(TLanes.Create(-2d), TLanes.Round(TLanes.Multiply(x, TLanes.Create(0.5))), x);
        r = TLanes.ConditionalSelect(TLanes.GreaterThan(r, TLanes.Create(0.5)), TLanes.Subtract(TLanes.One, r), r);
        r = TLanes.ConditionalSelect(TLanes.LessThan(r, TLanes.Create(-0.5)), TLanes.Subtract(TLanes.Create(-1d), r), r);
        return Sin(TLanes.Multiply(TLanes.Create(Math.PI), r));
    }

    /// <summary>log v rounded once from LogReduced's double-double, for a positive normal finite v.</summary>
    [MethodImpl(Inline)]
    private static TDouble LogOfPositive(TDouble v)
    {
        var (hi, lo) = LogReduced(v);
        return TLanes.Add(hi, lo);
    }

    /// <summary>The asymptotic series of digamma after log z - 1/(2z), in 1/z^2: Bernoulli numbers B_2k / (2k).</summary>
    private static ReadOnlySpan<double> DigammaSeries => [1d / 12, -691d / 32760, 1d / 132, -1d / 240, 1d / 252, -1d / 120, 1d / 12];
}
