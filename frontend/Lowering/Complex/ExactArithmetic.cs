using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Lowering;

/// <summary>
/// Error-free transformations on real lax ops (Dekker's product, Knuth's two-sum), for the complex formulas whose
/// result is a small difference of rounded terms: each returns the rounded value and the rounding error, exactly.
/// They need each op rounded on its own (no fused multiply-add contracted in between); a backend that computes
/// float32 in double only makes the error terms zero and the sums more accurate.
/// </summary>
internal static class ExactArithmetic
{
    /// <summary>x = hi + lo with hi holding the upper half of x's significand (Veltkamp's split), so that products of
    /// halves are exact.</summary>
    public static (NDArray Hi, NDArray Lo) Split(NDArray x)
    {
        var splitter = NDArray.FromScalar(Core.Scalar.Of(x.DType, x.DType == DType.Float64 ? 134217729.0 : 4097.0), weak: false);
        var c = Lax.Mul(x, splitter);
        var hi = Lax.Sub(c, Lax.Sub(c, x));
        return (hi, Lax.Sub(x, hi));
    }

    /// <summary>x^2 = square + error exactly (for x^2 far from overflow and underflow).</summary>
    public static (NDArray Square, NDArray Error) Square(NDArray x)
    {
        var square = Lax.Mul(x, x);
        var (hi, lo) = Split(x);
        var cross = Lax.Mul(hi, lo);
        var error = Lax.Add(Lax.Add(Lax.Sub(Lax.Mul(hi, hi), square), Lax.Add(cross, cross)), Lax.Mul(lo, lo));
        return (square, error);
    }

    /// <summary>x + y = sum + error exactly, whichever is larger.</summary>
    public static (NDArray Sum, NDArray Error) TwoSum(NDArray x, NDArray y)
    {
        var sum = Lax.Add(x, y);
        var yPart = Lax.Sub(sum, x);
        var xPart = Lax.Sub(sum, yPart);
        return (sum, Lax.Add(Lax.Sub(x, xPart), Lax.Sub(y, yPart)));
    }
}
