using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// 2^x in vector lanes (it was Math.Pow(2, x) lane by lane): x = n + f with n the nearest integer (exact), and
/// e^(f ln2) - 1 from <see cref="ExpMinusOneOfReduced"/> with f ln2 as a double-double (ln2 in two parts, the product
/// split exactly by an FMA), scaled by 2^n in <see cref="ScaledExp"/>, so the result is within about an ulp over the
/// whole range (an earlier form took x ln2 through exp's reduction by ln2, a dozen operations more). Lanes beyond
/// ±1021 (where 2^x leaves ScaledExp's range: overflow, subnormal results, underflow), infinite or NaN are
/// Math.Pow(2, x)'s, one by one. float32 has its own routine (VectorMath.Float32ExpFamily.cs). Measured against a
/// double-double reference (Exp2Tests.cs): within 1 ulp.
/// </summary>
internal static unsafe partial class VectorMath<TLanes, TDouble, TLong, TFloat, TInt>
{
    private const double Exp2Limit = 1021d;

    [MethodImpl(Inline)]
    public static TDouble Exp2(TDouble x)
    {
        var special = TLanes.OnesComplement(TLanes.LessThanOrEqual(TLanes.Abs(x), TLanes.Create(Exp2Limit))); // NaN too
        var inRange = TLanes.ConditionalSelect(special, TLanes.Zero, x);
        // x = n + f exactly (n the nearest integer, |f| <= 1/2), so 2^x = 2^n e^(f ln2) and f ln2 is the reduced argument.
        var shifted = TLanes.Add(inRange, TLanes.Create(RoundingShift));
        var f = TLanes.Subtract(inRange, TLanes.Subtract(shifted, TLanes.Create(RoundingShift)));
        var r = TLanes.Multiply(f, TLanes.Create(Ln2Hi));
        var c = TLanes.FusedMultiplyAdd(f, TLanes.Create(Ln2Lo), TLanes.FusedMultiplyAdd(f, TLanes.Create(Ln2Hi), TLanes.Negate(r)));
        var (q, qLo) = ExpMinusOneOfReduced(r, c);
        var result = ScaledExp(TLanes.AsInt64(shifted), q, qLo);
        return TLanes.NoneSet(special) ? result : OneByOne(result, x, special, ScalarLaneFunction.Exp2);
    }
}
