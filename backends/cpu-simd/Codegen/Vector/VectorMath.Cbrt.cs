using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// The cube root in vector lanes (it was Math.Cbrt lane by lane). |x| = 2^(3q + r) m with m in [1, 2) and r in {0, 1, 2}:
/// cbrt(m) from a degree-5 polynomial (fitted here, relative error 1.6e-6) times cbrt(2^r), then one Halley step
/// y - y (y^3 - t) / (2 y^3 + t) on t = 2^r m (exact), with y^3 - t taken exactly by FMAs, so the step's own error is
/// far below an ulp and the result is within an ulp of the exact root; 2^q and x's sign are applied exactly. The
/// exponent is split by 3 in float64 lanes (AVX2 has no 64-bit integer division or conversion). Zero, subnormal,
/// infinite and NaN lanes are Math.Cbrt's one by one. float32 runs the float64 routine and rounds once. Measured
/// against a double-double reference (SpecialFunctionVectorTests.cs).
/// </summary>
internal static unsafe partial class VectorMath<TLanes, TDouble, TLong, TFloat, TInt>
{
    private const double CubeRootOfTwo = 1.2599210498948732;
    private const double CubeRootOfFour = 1.5874010519681994;

    [MethodImpl(Inline)]
    public static TDouble Cbrt(TDouble x)
    {
        var a = TLanes.Abs(x);
        var special = TLanes.OnesComplement(TLanes.BitwiseAnd(TLanes.GreaterThanOrEqual(a, TLanes.Create(SmallestNormal)), TLanes.LessThan(a, TLanes.Create(double.PositiveInfinity))));
        var bits = TLanes.AsInt64(TLanes.ConditionalSelect(special, TLanes.One, a));
        var biased = TLanes.ShiftRightArithmetic(bits, 52);
        var m = TLanes.AsDouble(TLanes.Subtract(bits, TLanes.ShiftLeft(TLanes.Subtract(biased, TLanes.Create(1023L)), 52)));
        var e = TLanes.Subtract(TLanes.Subtract(TLanes.AsDouble(TLanes.Add(biased, TLanes.Create(RoundingShiftBits))), TLanes.Create(RoundingShift)), TLanes.Create(1023d));
        // e / 3 is never within 1/6 of an integer after the half is added, so the product's rounding cannot cross one.
        var q = TLanes.Floor(TLanes.Multiply(TLanes.Add(e, TLanes.Create(0.5)), TLanes.Create(1d / 3)));
        var r = TLanes.FusedMultiplyAdd(q, TLanes.Create(-3d), e);
        var one = TLanes.GreaterThanOrEqual(r, TLanes.Create(0.5));
        var two = TLanes.GreaterThanOrEqual(r, TLanes.Create(1.5));
        var t = TLanes.Multiply(m, TLanes.ConditionalSelect(two, TLanes.Create(4d), TLanes.ConditionalSelect(one, TLanes.Create(2d), TLanes.One)));
        var y = TLanes.Multiply(Horner(m, PolynomialCoefficients.CbrtOnOneToTwo),
            TLanes.ConditionalSelect(two, TLanes.Create(CubeRootOfFour), TLanes.ConditionalSelect(one, TLanes.Create(CubeRootOfTwo), TLanes.One)));
        var square = TLanes.Multiply(y, y);
        var cube = TLanes.Multiply(square, y);
        var cubeLo = TLanes.FusedMultiplyAdd(TLanes.FusedMultiplyAdd(y, y, TLanes.Negate(square)), y, TLanes.FusedMultiplyAdd(square, y, TLanes.Negate(cube)));
        var residual = TLanes.Add(TLanes.Subtract(cube, t), cubeLo); // cube - t is exact (Sterbenz): they agree to 2^-17
        y = TLanes.FusedMultiplyAdd(TLanes.Negate(y), TLanes.Divide(residual, TLanes.Add(TLanes.Add(cube, cube), t)), y);
        var scale = TLanes.AsDouble(TLanes.ShiftLeft(TLanes.Add(TLanes.AsInt64(TLanes.Add(q, TLanes.Create(RoundingShift))), TLanes.Create(1023L - RoundingShiftBits)), 52));
        var result = TLanes.CopySign(TLanes.Multiply(y, scale), x);
        return TLanes.NoneSet(special) ? result : OneByOne(result, x, special, ScalarLaneFunction.Cbrt);
    }

    [MethodImpl(Inline)]
    public static TFloat Cbrt(TFloat x) =>
        TLanes.Narrow(Cbrt(TLanes.WidenLower(x)), Cbrt(TLanes.WidenUpper(x)));
}
