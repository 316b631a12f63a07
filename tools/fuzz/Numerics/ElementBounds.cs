using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Cases;

namespace JaxNet.Fuzz.Numerics;

/// <summary>
/// One element of an elementwise op in the host interpreter: the reference value (the conformance suite's
/// semantics, in float64 rounded once) and its bound. With exact operands the bound is the op's own allowance;
/// otherwise the op is evaluated at the ends of its operands' intervals to see how far the result can move, and
/// where it can jump (a pole, a floor, a comparison of overlapping intervals) the element is unknown.
/// </summary>
public static class ElementBounds
{
    /// <summary>A value of <paramref name="dtype"/> to stand in an unknown element.</summary>
    public static Scalar Placeholder(DType dtype) => dtype.IsFloat() ? Scalar.FromDouble(dtype, 0) : Scalar.FromInteger(dtype, 0);

    private static double F64(UnaryOp op, double x) => ScalarSemantics.Unary(op, Scalar.FromDouble(DType.Float64, x)).Float;

    private static double F64(BinaryOp op, double a, double b) =>
        ScalarSemantics.Binary(op, Scalar.FromDouble(DType.Float64, a), Scalar.FromDouble(DType.Float64, b)).Float;

    /// <summary>Ops that are exact on exact operands (every backend computes them exactly).</summary>
    private static bool IsExact(UnaryOp op) => op is UnaryOp.Neg or UnaryOp.Abs or UnaryOp.Sign or UnaryOp.Floor or UnaryOp.Ceil
        or UnaryOp.Round or UnaryOp.RoundEven;

    /// <summary>Step functions: exact between their jumps, unknown across one.</summary>
    private static bool IsStep(UnaryOp op) => op is UnaryOp.Sign or UnaryOp.Floor or UnaryOp.Ceil or UnaryOp.Round or UnaryOp.RoundEven;

    public static (Scalar Value, double Error) Unary(UnaryOp op, Scalar x, double e, NumericsModel numerics)
    {
        var r = ScalarSemantics.Unary(op, x);
        if (double.IsPositiveInfinity(e)) return (r, Bounds.Unknown);
        if (!r.DType.IsFloat() || !x.DType.IsFloat()) return (r, 0); // integer ops, and is_finite of a known float
        var family = ToleranceTable.FamilyOf(op);
        if (e == 0)
            return (r, Bounds.Finish(r, IsExact(op) ? 0 : OwnError(r, F64(op, x.Float), Bounds.Allowance(r.DType, family, Math.Abs(r.Float))), numerics));

        var (lo, hi) = Bounds.Interval(x.Float, e);
        var (fLo, fMid, fHi) = (F64(op, lo), F64(op, x.Float), F64(op, hi));
        if (!double.IsFinite(fLo) || !double.IsFinite(fMid) || !double.IsFinite(fHi)) return (r, Bounds.Unknown);
        if (IsStep(op))
        {
            if (fLo != fHi) return (r, Bounds.Unknown);
            return (r, Bounds.Finish(r, double.IsNegative(fLo) != double.IsNegative(fHi) ? Bounds.SignOfZero : 0, numerics));
        }
        double spread;
        switch (op)
        {
            case UnaryOp.Tan when fLo > fHi || Math.Floor(lo / Math.PI - 0.5) != Math.Floor(hi / Math.PI - 0.5): // a pole at pi/2 + k pi
            case UnaryOp.Lgamma or UnaryOp.Digamma when Math.Floor(hi) >= Math.Ceiling(lo) && Math.Ceiling(lo) <= 0: // a pole at 0, -1, ...
                return (r, Bounds.Unknown);
            case UnaryOp.Sin or UnaryOp.Cos:
                spread = Math.Min(e, 2); // 1-Lipschitz
                break;
            case UnaryOp.Lgamma:
                // |lgamma'| = |digamma|, monotone between the poles, so largest at an end.
                spread = e * Math.Max(Math.Abs(F64(UnaryOp.Digamma, lo)), Math.Abs(F64(UnaryOp.Digamma, hi)));
                break;
            case UnaryOp.Cosh when lo <= 0 && hi >= 0:
                spread = Math.Max(Math.Max(Math.Abs(fLo - fMid), Math.Abs(fHi - fMid)), fMid - 1);
                break;
            case UnaryOp.Abs:
                spread = e;
                break;
            default:
                // Monotone on the interval (or convex with its extreme at an end): the ends bound it.
                spread = Math.Max(Math.Abs(fLo - fMid), Math.Abs(fHi - fMid));
                break;
        }
        var error = spread * (1 + 1e-12) + Bounds.Allowance(r.DType, family, Math.Abs(fMid) + spread);
        return (r, Bounds.Finish(r, error, numerics));
    }

    public static (Scalar Value, double Error) Binary(BinaryOp op, Scalar a, double ea, Scalar b, double eb, NumericsModel numerics)
    {
        var r = ScalarSemantics.Binary(op, a, b);
        if (double.IsPositiveInfinity(ea) || double.IsPositiveInfinity(eb)) return (r, Bounds.Unknown);
        if (!a.DType.IsFloat()) return (r, 0);
        if (op.IsComparison()) return (r, Compare(op, a.Float, ea, b.Float, eb) ? 0 : Bounds.Unknown);
        var dtype = r.DType;
        if (ea == 0 && eb == 0) return (r, Bounds.Finish(r, ExactOperandsError(op, a.Float, b.Float, r), numerics));
        if (op == BinaryOp.NextAfter)
        {
            if (a.IsNaN || b.IsNaN) return (r, 0);
            var ulp = Math.ScaleB(1.0, Math.ILogB(Math.Abs(a.Float) + ea) - Bounds.SignificandBits(dtype) + 2);
            return (r, Bounds.Finish(r, ea + eb + ulp, numerics));
        }
        var (aLo, aHi) = Bounds.Interval(a.Float, ea);
        var (bLo, bHi) = Bounds.Interval(b.Float, eb);
        var fMid = F64(op, a.Float, b.Float);
        if (op == BinaryOp.Pow && (double.IsNaN(fMid) || aLo <= 0 || (bLo <= 0 && bHi >= 0))) return (r, Bounds.Unknown);
        if (op is BinaryOp.Div or BinaryOp.Rem && bLo <= 0 && bHi >= 0 && !a.IsNaN) return (r, Bounds.Unknown);
        if (op == BinaryOp.Atan2 && aLo <= 0 && aHi >= 0 && bLo <= 0) return (r, Bounds.Unknown); // the cut, or the origin
        if (op == BinaryOp.Rem && !SameQuotient(aLo, aHi, bLo, bHi)) return (r, Bounds.Unknown);
        // Each op here is monotone in each operand on the box (or bilinear), so its corners bound it.
        var corners = new[] { F64(op, aLo, bLo), F64(op, aLo, bHi), F64(op, aHi, bLo), F64(op, aHi, bHi) };
        if (!double.IsFinite(fMid) || corners.Any(c => !double.IsFinite(c)))
        {
            var same = corners.All(c => c.Equals(fMid));
            return (r, same ? Bounds.Finish(r, 0, numerics) : Bounds.Unknown);
        }
        var spread = corners.Max(c => Math.Abs(c - fMid));
        var error = spread * (1 + 1e-12) + Bounds.Allowance(dtype, ToleranceTable.FamilyOf(op), Math.Abs(fMid) + spread);
        return (r, Bounds.Finish(r, error, numerics));
    }

    /// <summary>The allowance of a float op on exact operands.</summary>
    private static double ExactOperandsError(BinaryOp op, double a, double b, Scalar r)
    {
        var dtype = r.DType;
        switch (op)
        {
            case BinaryOp.Max or BinaryOp.Min:
                return a == 0 && b == 0 && double.IsNegative(a) != double.IsNegative(b) ? Bounds.SignOfZero : 0;
            case BinaryOp.NextAfter:
                return 0;
            case BinaryOp.Add or BinaryOp.Sub when dtype is DType.Float32 or DType.Float64:
                return 0; // correctly rounded on every backend
            case BinaryOp.Add or BinaryOp.Sub:
                // float16/bfloat16 computed in float32 and rounded again: exact only where the sum is representable.
                return Bounds.IsRepresentable(op == BinaryOp.Add ? a + b : a - b, dtype) ? 0 : Bounds.Allowance(dtype, OpFamily.Basic, Math.Abs(r.Float));
            case BinaryOp.Mul:
                // A backend may fuse a product into a following add (FMA), so the product's rounding is allowed for.
                var p = a * b;
                var exact = !double.IsFinite(p) || (Math.FusedMultiplyAdd(a, b, -p) == 0 && Bounds.IsRepresentable(p, dtype));
                return exact ? 0 : Bounds.Allowance(dtype, OpFamily.Basic, Math.Abs(r.Float));
            default:
                return OwnError(r, F64(op, a, b), Bounds.Allowance(dtype, ToleranceTable.FamilyOf(op), Math.Abs(r.Float)));
        }
    }

    /// <summary>
    /// The allowance of an approximated op whose float64 value is <paramref name="exact"/>: none for a NaN or an
    /// infinity that the exact value has too, but an infinity that only rounding reached (an overflow by less than an
    /// allowance) may come out finite from an approximation. So may one that only the narrow type reached: a backend
    /// computing float16 in float32 hands the finite value to the ops fused after it and rounds only on store, where
    /// a later op may have brought it back in range (cosh(12.85) * -0.0367 is -6988, derivatives-f16 seed 404).
    /// </summary>
    private static double OwnError(Scalar r, double exact, double allowance)
    {
        if (double.IsFinite(r.Float)) return allowance;
        return double.IsFinite(exact) && Math.Abs(exact) < 2 * Bounds.MaxFinite(Bounds.ComputedIn(r.DType)) ? Bounds.Unknown : 0;
    }

    /// <summary>fmod is continuous on a box where the truncated quotient does not change.</summary>
    private static bool SameQuotient(double aLo, double aHi, double bLo, double bHi)
    {
        var q = Math.Truncate(aLo / bLo);
        return q == Math.Truncate(aLo / bHi) && q == Math.Truncate(aHi / bLo) && q == Math.Truncate(aHi / bHi);
    }

    /// <summary>True when a float comparison has one outcome for every pair of values within the bounds.</summary>
    private static bool Compare(BinaryOp op, double a, double ea, double b, double eb)
    {
        if (Bounds.IsExactValue(ea) && Bounds.IsExactValue(eb)) return true;
        if (double.IsNaN(a) || double.IsNaN(b)) return true;
        var (aLo, aHi) = (a - ea, a + ea);
        var (bLo, bHi) = (b - eb, b + eb);
        var disjoint = aHi < bLo || bHi < aLo;
        return op switch
        {
            BinaryOp.Eq or BinaryOp.Ne => disjoint,
            BinaryOp.Lt or BinaryOp.Ge => (aHi < bLo) == (aLo < bHi),
            _ => (aHi <= bLo) == (aLo <= bHi), // le, gt
        };
    }

    public static (Scalar Value, double Error) Convert(Scalar x, double e, DType to, NumericsModel numerics)
    {
        var r = ScalarSemantics.Convert(x, to);
        if (double.IsPositiveInfinity(e)) return (r, Bounds.Unknown);
        if (!x.DType.IsFloat())
        {
            if (!to.IsFloat()) return (r, 0);
            // Integers round once to a float; a backend going through float64 may round twice.
            var exact = Bounds.IsRepresentable(x.ToDouble(), to);
            return (r, Bounds.Finish(r, exact ? 0 : Bounds.Allowance(to, OpFamily.Basic, Math.Abs(r.Float)), numerics));
        }
        if (to.IsFloat())
        {
            var rounding = Bounds.IsRepresentable(x.Float, to) ? 0 : Bounds.Allowance(to, OpFamily.Basic, Math.Abs(r.Float) + e);
            return (r, Bounds.Finish(r, e + rounding, numerics));
        }
        if (Bounds.IsExactValue(e)) return (r, 0);
        var (lo, hi) = Bounds.Interval(x.Float, e);
        var (rLo, rHi) = (ScalarSemantics.Convert(Scalar.FromDouble(DType.Float64, lo), to), ScalarSemantics.Convert(Scalar.FromDouble(DType.Float64, hi), to));
        var crossesZero = to == DType.Bool && lo <= 0 && hi >= 0;
        return (r, rLo.Bits == rHi.Bits && !crossesZero ? 0 : Bounds.Unknown);
    }

    /// <summary>The same bits read as another dtype: only exact values (and no NaN, whose payload backends choose).</summary>
    public static (Scalar Value, double Error) Bitcast(Scalar x, double e, DType to, NumericsModel numerics)
    {
        var r = ScalarSemantics.Bitcast(x, to);
        if (e != 0 || x.IsNaN) return (r, Bounds.Unknown);
        return (r, to.IsFloat() ? Bounds.Finish(r, 0, numerics) : 0);
    }

    public static (Scalar Value, double Error) Select(Scalar p, double ep, Scalar onTrue, double et, Scalar onFalse, double ef)
    {
        if (!double.IsPositiveInfinity(ep)) return p.IsTrue ? (onTrue, et) : (onFalse, ef);
        if (onTrue.Equals(onFalse) && et == 0 && ef == 0) return (onTrue, 0); // both parts of a complex element too
        if (!onTrue.DType.IsFloat() || !double.IsFinite(onTrue.Float) || !double.IsFinite(onFalse.Float)) return (onTrue, Bounds.Unknown);
        // Either case may be chosen: the first, with a bound that reaches the second.
        return (onTrue, Math.Max(et, Math.Abs(onTrue.Float - onFalse.Float) + ef));
    }
}
