using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// float64 erf whose every lane depends on that lane's input alone (it was computed lane by lane by a series).
/// Below 0.875, erf x = x + x P(x^2), P a degree-12 minimax polynomial fitted for this file (relative error 2^-56).
/// From 0.875 to 6, erf x = 1 - e^(-x^2) R(x): x^2 is split exactly with an FMA and e^(-x^2) comes from
/// <see cref="ExpReduced"/>, and R = erfc(x) e^(x^2) is a degree-14 polynomial in x - centre on seven intervals of
/// width 3/4 (fitted for this file, relative error 2^-53; erfc is at most 0.22 of erf there), its coefficients
/// gathered per lane from <see cref="ErfcCoefficients"/>. Beyond 6, erf rounds to +-1. The two ranges are computed
/// only when some lane needs them, which changes no lane's bits. float32 runs the float64 routine and rounds.
/// Measured against SpecialFunctions.Erf and reference values (ErfTests.cs).
/// </summary>
internal static unsafe partial class VectorMath<TLanes, TDouble, TLong, TFloat, TInt>
{
    private const double ErfSplit = 0.875;
    private const double ErfcIntervalWidth = 0.75;
    private const int ErfcIntervals = 7;

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
    public static TFloat Erf(TFloat x) =>
        TLanes.Narrow(Erf(TLanes.WidenLower(x)), Erf(TLanes.WidenUpper(x)));

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
        var clamped = TLanes.MinNative(TLanes.MaxNative(a, TLanes.Create(ErfSplit)), TLanes.Create(6d));
        var interval = TLanes.Floor(TLanes.Multiply(TLanes.Subtract(clamped, TLanes.Create(ErfSplit)), TLanes.Create(1 / ErfcIntervalWidth)));
        interval = TLanes.MinNative(interval, TLanes.Create(ErfcIntervals - 1d));
        var index = TLanes.Subtract(TLanes.AsInt64(TLanes.Add(interval, TLanes.Create(RoundingShift))), TLanes.Create(RoundingShiftBits));
        var u = TLanes.Subtract(clamped, TLanes.FusedMultiplyAdd(interval, TLanes.Create(ErfcIntervalWidth), TLanes.Create(ErfSplit + ErfcIntervalWidth / 2)));
        var r = TLanes.Zero;
        fixed (double* table = ErfcCoefficients)
        {
            for (var j = ErfcCoefficients.Length / ErfcIntervals - 1; j >= 0; j--)
                r = TLanes.FusedMultiplyAdd(r, u, TLanes.Gather(table + j * ErfcIntervals, index));
        }
        var square = TLanes.Multiply(clamped, clamped);
        var squareLo = TLanes.FusedMultiplyAdd(clamped, clamped, TLanes.Negate(square));
        var (n, q, qLo) = ExpReduced(TLanes.Negate(square), TLanes.Negate(squareLo));
        return TLanes.Multiply(ScaledExp(n, q, qLo), r);
    }

    /// <summary>erfc(x) e^(x^2) = sum_j c_j (x - centre)^j on [0.875 + 0.75 i, 0.875 + 0.75 (i + 1)): c_j of interval i at [7 j + i].</summary>
    private static ReadOnlySpan<double> ErfcCoefficients =>
    [
        0.3678229164523611, 0.25539567631050575, 0.1936620962790687, 0.1552936556088943, 0.12934527478598792, 0.11070463773306863, 0.09669877816971392,
        -0.20882187596461, -0.10679646185348961, -0.06323763756063484, -0.041323577833252495, -0.028944331414615332, -0.02133278976482631, -0.016343218143802483,
        0.10679557149659863, 0.04180275260352655, 0.019758592987322864, 0.010661133192510575, 0.006331866273872749, 0.0040406889089370755, 0.002725273842849635,
        -0.05021827439587016, -0.015460637764289409, -0.005934337896997878, -0.0026730744396436445, -0.0013559331671040974, -0.0007528968134272887, -0.0004485956982780558,
        0.022011364250870084, 0.005440738537472462, 0.0017195818852892154, 0.0006526863268788949, 0.00028457515684016566, 0.0001381024209003157, 7.292428887540691e-05,
        -0.009081627635813648, -0.0018316642758611085, -0.000482195084988577, -0.00015546891822763767, -5.859550021342611e-05, -2.4953883570293404e-05, -1.1712414897787961e-05,
        0.003553109903034997, 0.0005924699953369389, 0.00013118180053112212, 3.6181704361525985e-05, 1.1848093644473429e-05, 4.444334349632831e-06, 1.85930107104514e-06,
        -0.001325782832083571, -0.0001847783630151278, -3.4698609323161655e-05, -8.23798653922134e-06, -2.354600633216404e-06, -7.806319488636503e-07, -2.918382111706776e-07,
        0.0004739703033438884, 5.572831473590581e-05, 8.940156011736721e-06, 1.8371878468062019e-06, 4.602602355325052e-07, 1.3529365089250784e-07, 4.530783912276575e-08,
        -0.000162961705487699, -1.629379132452953e-05, -2.247377855133999e-06, -4.0174016725792335e-07, -8.855440323055482e-08, -2.314749314079504e-08, -6.9595867247029985e-09,
        5.405432131683447e-05, 4.62818780551576e-06, 5.51976584161905e-07, 8.621977309866267e-08, 1.6780844902345505e-08, 3.911243303205855e-09, 1.0580442420001044e-09,
        -1.7328323931403085e-05, -1.2788521979296304e-06, -1.3258435119980498e-07, -1.81730677140066e-08, -3.133406810175056e-09, -6.529082162063719e-10, -1.592338709434345e-10,
        5.392357037639165e-06, 3.447178622547528e-07, 3.12013890331224e-08, 3.766375493030325e-09, 5.769833274189675e-10, 1.0773354300576685e-10, 2.3732427521009916e-11,
        -1.7048960974909645e-06, -9.389579962800221e-08, -7.393884065219275e-09, -7.842660352270254e-10, -1.0659303495542469e-10, -1.781807158938694e-11, -3.5431380047598766e-12,
        4.981183270542424e-07, 2.406122700834538e-08, 1.670123537651036e-09, 1.5718590562684474e-10, 1.9093939354336536e-11, 2.873461539320006e-12, 5.180213924641985e-13,
    ];
}
