using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// The inverse of erf in vector lanes (it was SpecialFunctions.ErfInv lane by lane: Giles' approximation and three
/// Newton steps on a series erf). w = -log((1 - a)(1 + a)) for a = |y|; below w = 5 Giles' single-precision
/// polynomial in w (relative error 1.2e-7), above it a degree-8 polynomial in sqrt(w) fitted here up to a = 1 - 2^-53
/// (2.4e-6; Giles' own tail polynomial fails beyond w = 16). Then Halley steps x - g / (g' + x g) with
/// g = erf x - a, g' = 2/sqrt(pi) e^(-x^2): one for w below 5 (cubic convergence from 1.2e-7), two above. g comes
/// from the vector erf's pieces: erf x - a near zero, and (1 - a) - erfc x from 0.875 on, where 1 - a is exact and
/// erfc keeps its relative precision, so values near ±1 keep theirs. The tail's second step runs only when some lane
/// needs it and is selected per lane, which changes no lane's bits. ±1 (±inf), |y| &gt; 1 and NaN lanes are
/// SpecialFunctions.ErfInv's one by one; the sign is y's (so -0 stays -0). float32 has its own routine
/// (VectorMath.Float32ErfInv.cs). Measured against SpecialFunctionVectorTests.cs.
/// </summary>
internal static unsafe partial class VectorMath<TLanes, TDouble, TLong, TFloat, TInt>
{
    private const double ErfInvTailStart = 5d;
    private const double ErfInvTailCentre = 4.2;
    private const double TwoOverSqrtPi = 1.1283791670955126;

    [MethodImpl(Inline)]
    public static TDouble ErfInv(TDouble y)
    {
        var special = TLanes.OnesComplement(TLanes.LessThan(TLanes.Abs(y), TLanes.One)); // ±1, beyond, NaN
        var a = TLanes.ConditionalSelect(special, TLanes.Zero, TLanes.Abs(y));
        var oneMinusA = TLanes.Subtract(TLanes.One, a); // exact from 1/2 up, where it matters
        var w = TLanes.Negate(LogReduced(TLanes.Multiply(oneMinusA, TLanes.Add(TLanes.One, a))).Hi);
        var tail = TLanes.GreaterThanOrEqual(w, TLanes.Create(ErfInvTailStart));
        var central = Horner(TLanes.Subtract(w, TLanes.Create(2.5)), PolynomialCoefficients.ErfInvCentral);
        var x = TLanes.Multiply(a, central);
        if (!TLanes.NoneSet(tail))
        {
            var deep = Horner(TLanes.Subtract(TLanes.Sqrt(w), TLanes.Create(ErfInvTailCentre)), PolynomialCoefficients.ErfInvTail);
            x = TLanes.ConditionalSelect(tail, TLanes.Multiply(a, deep), x);
        }
        x = ErfInvHalleyStep(x, a, oneMinusA);
        if (!TLanes.NoneSet(tail)) x = TLanes.ConditionalSelect(tail, ErfInvHalleyStep(x, a, oneMinusA), x);
        var result = TLanes.CopySign(x, y);
        return TLanes.NoneSet(special) ? result : OneByOne(result, y, special, ScalarLaneFunction.ErfInv);
    }

    /// <summary>One Halley step towards erf x = a for x &gt;= 0 (erf'' = -2x erf' makes it x - g / (g' + x g)).</summary>
    [MethodImpl(Inline)]
    private static TDouble ErfInvHalleyStep(TDouble x, TDouble a, TDouble oneMinusA)
    {
        var far = TLanes.GreaterThanOrEqual(x, TLanes.Create(ErfSplit));
        var g = TLanes.Subtract(ErfNearZero(x), a);
        if (!TLanes.NoneSet(far)) g = TLanes.ConditionalSelect(far, TLanes.Subtract(oneMinusA, ErfcFar(x)), g);
        var slope = TLanes.Multiply(TLanes.Create(TwoOverSqrtPi), Exp(TLanes.Negate(TLanes.Multiply(x, x))));
        return TLanes.Subtract(x, TLanes.Divide(g, TLanes.FusedMultiplyAdd(x, g, slope)));
    }
}
