using System.Numerics;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Fuzz.Numerics;

/// <summary>
/// The complex reference's arithmetic, element by element on operands already of the result's complex dtype: add,
/// sub, neg and conj act on each part as the real reference does (NaN and infinities exactly); mul is the naive
/// formula JAX's XLA uses, bounded as a two-term sum of products per part; division is bounded normwise, since
/// Smith's algorithm (the frontend's) and the naive one differ in how each part rounds.
/// </summary>
internal static class ComplexArithmetic
{
    public static (Scalar Value, double Error) Add(Scalar x, double ex, Scalar y, double ey, NumericsModel numerics) =>
        PartWise(BinaryOp.Add, x, ex, y, ey, numerics);

    public static (Scalar Value, double Error) Sub(Scalar x, double ex, Scalar y, double ey, NumericsModel numerics) =>
        PartWise(BinaryOp.Sub, x, ex, y, ey, numerics);

    public static (Scalar Value, double Error) Neg(Scalar x, double ex, NumericsModel numerics) =>
        ComplexBounds.Join(x.DType, ElementBounds.Unary(UnaryOp.Neg, ComplexElement.Part(x, false), ex, numerics),
            ElementBounds.Unary(UnaryOp.Neg, ComplexElement.Part(x, true), ex, numerics));

    public static (Scalar Value, double Error) Conj(Scalar x, double ex, NumericsModel numerics) =>
        ComplexBounds.Join(x.DType, (ComplexElement.Part(x, false), ex), ElementBounds.Unary(UnaryOp.Neg, ComplexElement.Part(x, true), ex, numerics));

    private static (Scalar Value, double Error) PartWise(BinaryOp op, Scalar x, double ex, Scalar y, double ey, NumericsModel numerics) =>
        ComplexBounds.Join(x.DType, ElementBounds.Binary(op, ComplexElement.Part(x, false), ex, ComplexElement.Part(y, false), ey, numerics),
            ElementBounds.Binary(op, ComplexElement.Part(x, true), ex, ComplexElement.Part(y, true), ey, numerics));

    /// <summary>x y by the naive formula, as a one-term <see cref="ComplexContraction"/> (an elementwise product is
    /// no matrix unit's: its operands are not rounded to a narrower type).</summary>
    public static (Scalar Value, double Error) Mul(Scalar x, double ex, Scalar y, double ey, NumericsModel numerics) =>
        ComplexContraction.Sum(x.DType, [(x, ex, y, ey)], numerics with { ContractionInput = null });

    /// <summary>x / y, normwise: a few roundings of |q| and the operands' bounds carried through 1/y; unknown for a
    /// divisor that may be zero, operands that are not finite or so large that Smith's sums overflow.</summary>
    public static (Scalar Value, double Error) Div(Scalar x, double ex, Scalar y, double ey, NumericsModel numerics)
    {
        var dtype = x.DType;
        var part = dtype.RealPart();
        var (zx, zy) = (ComplexElement.Value(x), ComplexElement.Value(y));
        if (!ComplexBounds.IsFinite(zx) || !ComplexBounds.IsFinite(zy)) return (x, Bounds.Unknown);
        var near = Math.Sqrt(2) * ey;
        var (mx, my) = (Complex.Abs(zx), Complex.Abs(zy));
        if (my <= 2 * near || my == 0) return (x, Bounds.Unknown);
        var limit = Bounds.MaxFinite(part) / 4;
        if (Largest(zx) + ex > limit || Largest(zy) + ey > limit) return (x, Bounds.Unknown);
        var q = Complex.Divide(zx, zy);
        var mq = Complex.Abs(q);
        var spread = (Math.Sqrt(2) * ex + mq * near) / (my - near) * (1 + 1e-12);
        var smallest = ComplexBounds.Tiny(dtype, numerics);
        var error = spread + ComplexBounds.FunctionUlps * ComplexBounds.UnitRoundoff(dtype) * (mq + spread) + smallest * (1 + mx / my + 1 / my);
        return ComplexBounds.Finish(dtype, q, error, numerics);
    }

    private static double Largest(Complex z) => Math.Max(Math.Abs(z.Real), Math.Abs(z.Imaginary));
}
