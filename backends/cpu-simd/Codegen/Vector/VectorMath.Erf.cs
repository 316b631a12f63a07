using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// float64 erf whose every lane depends on that lane's input alone (it was computed lane by lane by a series).
/// Below 0.875, erf x = x + x P(x^2), P a degree-12 minimax polynomial fitted for this file (relative error 2^-56).
/// From 0.875 to 6, erf x = 1 - e^(-x^2) R(x): x^2 is split exactly with an FMA and e^(-x^2) comes from
/// <see cref="ExpReduced"/>, and R = erfc(x) e^(x^2) is a degree-14 polynomial in x - centre on seven intervals of
/// width 3/4 (fitted for this file, relative error 2^-53; erfc is at most 0.22 of erf there), its coefficients
/// gathered per lane from <see cref="ErfcTable"/>. Beyond 6, erf rounds to +-1. The two ranges are computed
/// only when some lane needs them, which changes no lane's bits. float32 has its own routine
/// (VectorMath.Float32Erf.cs).
/// Measured against SpecialFunctions.Erf and reference values (ErfTests.cs).
/// </summary>
internal static unsafe partial class VectorMath<TLanes, TDouble, TLong, TFloat, TInt>
{
    private const double ErfSplit = ErfcTable.Start;
    private const double ErfcIntervalWidth = ErfcTable.IntervalWidth;
    private const int ErfcIntervals = ErfcTable.Intervals;

    [MethodImpl(Inline)]
    public static TDouble Erf(TDouble x)
    {
        var a = TLanes.Abs(x);
        var near = TLanes.LessThan(a, TLanes.Create(ErfSplit));
        if (TLanes.AllSet(near)) return ErfNearZero(x);
        var far = TLanes.CopySign(ErfFar(a), x);
        var result = TLanes.NoneSet(near) ? far : TLanes.ConditionalSelect(near, ErfNearZero(x), far);
        return KeepNaN(x, result);
    }

    [MethodImpl(Inline)]
    private static TDouble ErfNearZero(TDouble x)
    {
        var z = TLanes.Multiply(x, x);
        var p = TLanes.FusedMultiplyAdd(TLanes.Create(6.61964618150541e-11), z, TLanes.Create(-1.1708888492620301e-09));
        p = TLanes.FusedMultiplyAdd(p, z, TLanes.Create(1.473464855425438e-08));
        p = TLanes.FusedMultiplyAdd(p, z, TLanes.Create(-1.6359931915042e-07));
        p = TLanes.FusedMultiplyAdd(p, z, TLanes.Create(1.646178685204375e-06));
        p = TLanes.FusedMultiplyAdd(p, z, TLanes.Create(-1.4925637855022532e-05));
        p = TLanes.FusedMultiplyAdd(p, z, TLanes.Create(0.00012055332654203761));
        p = TLanes.FusedMultiplyAdd(p, z, TLanes.Create(-0.0008548327017687825));
        p = TLanes.FusedMultiplyAdd(p, z, TLanes.Create(0.005223977625376991));
        p = TLanes.FusedMultiplyAdd(p, z, TLanes.Create(-0.026866170645126853));
        p = TLanes.FusedMultiplyAdd(p, z, TLanes.Create(0.11283791670955111));
        p = TLanes.FusedMultiplyAdd(p, z, TLanes.Create(-0.37612638903183754));
        p = TLanes.FusedMultiplyAdd(p, z, TLanes.Create(0.1283791670955126));
        return TLanes.FusedMultiplyAdd(x, p, x);
    }

    /// <summary>erf a for a &gt;= 0.875 (NaN lanes give garbage, replaced by the caller).</summary>
    [MethodImpl(Inline)]
    private static TDouble ErfFar(TDouble a) => TLanes.Subtract(TLanes.One, ErfcFar(a));

    /// <summary>erfc a = e^(-a^2) R(a) for a in [0.875, 6], relative error about an ulp (clamped outside).</summary>
    [MethodImpl(Inline)]
    private static TDouble ErfcFar(TDouble a)
    {
        var clamped = TLanes.MinNative(TLanes.MaxNative(a, TLanes.Create(ErfSplit)), TLanes.Create(ErfcTable.End));
        var interval = TLanes.Floor(TLanes.Multiply(TLanes.Subtract(clamped, TLanes.Create(ErfSplit)), TLanes.Create(1 / ErfcIntervalWidth)));
        interval = TLanes.MinNative(interval, TLanes.Create(ErfcIntervals - 1d));
        var index = TLanes.Subtract(TLanes.AsInt64(TLanes.Add(interval, TLanes.Create(RoundingShift))), TLanes.Create(RoundingShiftBits));
        var u = TLanes.Subtract(clamped, TLanes.FusedMultiplyAdd(interval, TLanes.Create(ErfcIntervalWidth), TLanes.Create(ErfSplit + ErfcIntervalWidth / 2)));
        var r = TLanes.Zero;
        fixed (double* table = ErfcTable.Coefficients)
        {
            for (var j = ErfcTable.Coefficients.Length / ErfcIntervals - 1; j >= 0; j--)
                r = TLanes.FusedMultiplyAdd(r, u, TLanes.Gather(table + j * ErfcIntervals, index));
        }
        var square = TLanes.Multiply(clamped, clamped);
        var squareLo = TLanes.FusedMultiplyAdd(clamped, clamped, TLanes.Negate(square));
        var (n, q, qLo) = ExpReduced(TLanes.Negate(square), TLanes.Negate(squareLo));
        return TLanes.Multiply(ScaledExp(n, q, qLo), r);
    }
}
