using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// 2^x in vector lanes (it was Math.Pow(2, x) lane by lane): x ln2 as a double-double (ln2 in two parts, the product
/// split exactly by an FMA) into <see cref="ExpReduced"/> and <see cref="ScaledExp"/>, as pow does with y log|x|, so
/// the result is within about an ulp over the whole range. Lanes beyond ±1021 (where 2^x leaves ScaledExp's range:
/// overflow, subnormal results, underflow), infinite or NaN are Math.Pow(2, x)'s, one by one. float32 runs the float64
/// routine and rounds once. Measured against a double-double reference (Exp2Tests.cs): float64 within 1 ulp,
/// float32 within 0.5 ulp and a hair.
/// </summary>
internal static unsafe partial class VectorMath<TLanes, TDouble, TLong, TFloat, TInt>
{
    private const double Exp2Limit = 1021d;

    [MethodImpl(Inline)]
    public static TDouble Exp2(TDouble x)
    {
        var special = TLanes.OnesComplement(TLanes.LessThanOrEqual(TLanes.Abs(x), TLanes.Create(Exp2Limit))); // NaN too
        var inRange = TLanes.ConditionalSelect(special, TLanes.Zero, x);
        var zHi = TLanes.Multiply(inRange, TLanes.Create(Ln2Hi));
        var zLo = TLanes.FusedMultiplyAdd(inRange, TLanes.Create(Ln2Hi), TLanes.Negate(zHi));
        zLo = TLanes.FusedMultiplyAdd(inRange, TLanes.Create(Ln2Lo), zLo);
        var (n, q, qLo) = ExpReduced(zHi, zLo);
        var result = ScaledExp(n, q, qLo);
        return TLanes.NoneSet(special) ? result : OneByOne(result, x, special, PowerOfTwoByMath);
    }

    [MethodImpl(Inline)]
    public static TFloat Exp2(TFloat x) =>
        TLanes.Narrow(Exp2(TLanes.WidenLower(x)), Exp2(TLanes.WidenUpper(x)));

    private static double PowerOfTwoByMath(double x) => Math.Pow(2d, x);
}
