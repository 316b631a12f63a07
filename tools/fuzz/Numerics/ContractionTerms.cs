using JaxNet.Abstractions.Kernels;

namespace JaxNet.Fuzz.Numerics;

/// <summary>
/// The terms of a contraction (dot_general, convolution): each a product of two operand elements within their bounds,
/// rounded to a narrower dtype first where the backend's matrix unit does (tpu-sim's bfloat16), folded into the
/// output element's sum.
/// </summary>
public static class ContractionTerms
{
    /// <summary>Adds x * y, with the bound of the product, to <paramref name="fold"/>.</summary>
    public static void Add(LineAccumulator fold, Scalar x, double ex, Scalar y, double ey, NumericsModel numerics)
    {
        if (!x.DType.IsFloat())
        {
            fold.Add(ScalarSemantics.Binary(BinaryOp.Mul, x, y), ex + ey);
            return;
        }
        if (numerics.ContractionInput is { } n)
        {
            ex = Narrowed(x.Float, ex, n);
            ey = Narrowed(y.Float, ey, n);
        }
        fold.Add(Scalar.FromDouble(DType.Float64, x.Float * y.Float), ProductError(x.Float, ex, y.Float, ey));
    }

    /// <summary>The bound of an operand the matrix unit rounds to <paramref name="narrow"/>: its own rounding when it is
    /// exact, else anything the rounding of a value within its bound can give.</summary>
    private static double Narrowed(double x, double error, DType narrow) =>
        !double.IsFinite(x) ? error
        : error == 0 ? Math.Abs(x - FloatFormat.Round(x, narrow))
        : error + Bounds.UnitRoundoff(narrow) * (Math.Abs(x) + error);

    /// <summary>How far the product of two values within their bounds is from the product of the values (and the
    /// float64 product's own rounding, where it has one).</summary>
    private static double ProductError(double x, double ex, double y, double ey)
    {
        if (double.IsPositiveInfinity(ex) || double.IsPositiveInfinity(ey)) return Bounds.Unknown;
        var error = (ex == 0 ? 0 : Math.Abs(y) * ex) + (ey == 0 ? 0 : Math.Abs(x) * ey) + ex * ey;
        var p = x * y;
        // A product of finite values that overflows may still add up to a finite sum in a fused multiply-add.
        if (!double.IsFinite(p) && double.IsFinite(x) && double.IsFinite(y)) return Bounds.Unknown;
        if (double.IsFinite(p) && Math.FusedMultiplyAdd(x, y, -p) != 0) error += Math.Abs(p) * Math.ScaleB(1.0, -52);
        return error;
    }
}
