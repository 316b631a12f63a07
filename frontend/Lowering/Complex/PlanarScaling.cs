using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Lowering;

/// <summary>
/// Factors that keep the complex formulas of <see cref="PlanarMath"/> inside the finite, normal range where a product
/// of their parts is not: e^x and cosh/sinh as a product of two finite factors beyond e^x's overflow, and the power of
/// two that brings a divisor or dividend whose parts are near the largest or subnormal values back to the middle.
/// </summary>
internal static class PlanarScaling
{
    /// <summary>
    /// e^x = Value * Factor: e^x itself where it is finite, and e^(x/2) twice above the overflow threshold, so that
    /// e^x cos y stays finite where cos y is small (e^89 sin 3 is 6.3e37 in float32, though e^89 overflows).
    /// </summary>
    public static (NDArray Value, NDArray Factor) Exp(NDArray x)
    {
        var big = Lax.Gt(x, Constant(x, ExpOverflow(x.DType)));
        var e = Lax.Exp(Jnp.Where(big, Lax.Mul(x, Constant(x, 0.5)), x));
        return (e, Jnp.Where(big, e, Constant(x, 1)));
    }

    /// <summary>
    /// cosh y = Cosh * Factor and sinh y = Sinh * Factor: the functions themselves below the overflow threshold of
    /// |y|, and e^(|y|/2)/2 (signed as y for sinh) times e^(|y|/2) above it, where e^-|y| is far below an ulp.
    /// </summary>
    public static (NDArray Cosh, NDArray Sinh, NDArray Factor) Hyperbolic(NDArray y)
    {
        var magnitude = Lax.Abs(y);
        var big = Lax.Gt(magnitude, Constant(y, ExpOverflow(y.DType)));
        var e = Lax.Exp(Lax.Mul(Jnp.Where(big, magnitude, Constant(y, 0)), Constant(y, 0.5)));
        var halfE = Lax.Mul(e, Constant(y, 0.5));
        var cosh = Jnp.Where(big, halfE, Lax.Cosh(y));
        var sinh = Jnp.Where(big, Jnp.Copysign(halfE, y), Lax.Sinh(y));
        return (cosh, sinh, Jnp.Where(big, e, Constant(y, 1)));
    }

    /// <summary>
    /// The power of two to multiply a complex dividend or divisor by, for its larger part's magnitude
    /// <paramref name="m"/>: 1/4 within 4 of the largest finite value (Smith's sums of two parts would overflow),
    /// 2^(2p) (p the significand's bits) below 2^p times the smallest normal (its products with a ratio would round to
    /// the subnormal grid), and 1 otherwise. Scaling by it is exact: it moves no part out of the normal range.
    /// </summary>
    public static NDArray DivisionScale(NDArray m)
    {
        var (max, minNormal, bits) = m.DType == DType.Float64
            ? (double.MaxValue, 2.2250738585072014e-308, 53)
            : (float.MaxValue, 1.1754943508222875e-38, 24);
        var large = Lax.Gt(m, Constant(m, max / 4));
        var small = Lax.Lt(m, Constant(m, Math.ScaleB(minNormal, bits)));
        return Jnp.Where(large, Constant(m, 0.25), Jnp.Where(small, Constant(m, Math.ScaleB(1, 2 * bits)), Constant(m, 1)));
    }

    /// <summary>Just below log(largest finite value): e^x is finite up to it.</summary>
    private static double ExpOverflow(DType dtype) => dtype == DType.Float64 ? 709 : 88;

    private static NDArray Constant(NDArray like, double value) => NDArray.FromScalar(Core.Scalar.Of(like.DType, value), weak: false);
}
