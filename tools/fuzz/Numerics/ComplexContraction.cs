using JaxNet.Abstractions.Kernels;

namespace JaxNet.Fuzz.Numerics;

/// <summary>
/// A sum of complex products (a complex dot's output element, or one product): each part a real sum of two products
/// per term, (a c - b d) and (a d + b c), bounded as a real contraction's terms are. Unknown where a factor is not
/// finite: the naive formula's 0 times an infinite part is NaN in JAX, which C99 would avoid.
/// </summary>
internal static class ComplexContraction
{
    public static (Scalar Value, double Error) Sum(DType dtype, IEnumerable<(Scalar X, double Ex, Scalar Y, double Ey)> terms, NumericsModel numerics)
    {
        var part = dtype.RealPart();
        var re = LineAccumulator.Create(ReduceOp.Sum, part, numerics);
        var im = LineAccumulator.Create(ReduceOp.Sum, part, numerics);
        foreach (var (x, ex, y, ey) in terms)
        {
            if (!ComplexElement.IsFinite(x) || !ComplexElement.IsFinite(y)) return (ComplexElement.Of(dtype, 0), Bounds.Unknown);
            var (a, b) = (ComplexElement.Part(x, false), ComplexElement.Part(x, true));
            var (c, d) = (ComplexElement.Part(y, false), ComplexElement.Part(y, true));
            ContractionTerms.Add(re, a, ex, c, ey, numerics);
            ContractionTerms.Add(re, ScalarSemantics.Unary(UnaryOp.Neg, b), ex, d, ey, numerics);
            ContractionTerms.Add(im, a, ex, d, ey, numerics);
            ContractionTerms.Add(im, b, ex, c, ey, numerics);
        }
        var (r, i) = (re.Result(), im.Result());
        var tiny = ComplexBounds.Tiny(dtype, numerics);
        return ComplexBounds.Finish(dtype, new System.Numerics.Complex(r.Value.Float, i.Value.Float), Math.Max(r.Error, i.Error) + tiny, numerics);
    }
}
