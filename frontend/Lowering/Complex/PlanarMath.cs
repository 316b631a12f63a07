using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Lowering;

/// <summary>
/// Complex functions written with real lax ops on the parts, for <see cref="ComplexExpansion"/>. The formulas
/// avoid the overflow and cancellation of the textbook ones where the cost is small (a scaled modulus, Smith's
/// division, expm1 and log1p near zero), as NumPy's and XLA's do.
/// </summary>
internal static class PlanarMath
{
    public static Planar Neg(Planar z) => Planar.Complex(Lax.Neg(z.Re), Lax.Neg(z.Im!));

    public static Planar Conj(Planar z) => Planar.Complex(z.Re, Lax.Neg(z.ImOrZero));

    public static Planar Add(Planar x, Planar y) => Planar.Complex(Lax.Add(x.Re, y.Re), Lax.Add(x.ImOrZero, y.ImOrZero));

    public static Planar Sub(Planar x, Planar y) => Planar.Complex(Lax.Sub(x.Re, y.Re), Lax.Sub(x.ImOrZero, y.ImOrZero));

    public static Planar Mul(Planar x, Planar y) => PlanarRules.Bilinear(Lax.Mul, x, y);

    /// <summary>|z| as hypot(re, im) = m sqrt(1 + (n/m)^2), m = max(|re|, |im|): no overflow for large parts.</summary>
    public static NDArray Abs(Planar z)
    {
        var (a, b) = (Lax.Abs(z.Re), Lax.Abs(z.ImOrZero));
        var m = Lax.Max(a, b);
        var n = Lax.Min(a, b);
        var ratio = Lax.Div(n, Jnp.Where(Lax.Eq(m, Zero(m)), One(m), m));
        var modulus = Lax.Mul(m, Lax.Sqrt(Lax.Add(One(m), Lax.Mul(ratio, ratio))));
        var infinite = Lax.BitwiseOr(IsInf(a), IsInf(b));
        return Jnp.Where(infinite, Inf(m), modulus);
    }

    /// <summary>
    /// x / y by Smith's algorithm: scales by the larger part of y, so |y|^2 is never formed. x and y are first scaled
    /// by powers of two (<see cref="PlanarScaling.DivisionScale"/>), the quotient back by their ratio, so that parts
    /// near the largest finite value do not overflow Smith's sums and subnormal parts keep their digits.
    /// </summary>
    public static Planar Div(Planar x, Planar y)
    {
        if (!y.IsComplex) return Planar.Complex(Lax.Div(x.Re, y.Re), Lax.Div(x.ImOrZero, y.Re));
        var xScale = PlanarScaling.DivisionScale(LargerPart(x));
        var yScale = PlanarScaling.DivisionScale(LargerPart(y));
        var (a, b) = (Lax.Mul(x.Re, xScale), Lax.Mul(x.ImOrZero, xScale));
        var (c, d) = (Lax.Mul(y.Re, yScale), Lax.Mul(y.Im!, yScale));
        var realLarger = Lax.Ge(Lax.Abs(c), Lax.Abs(d));
        // |c| >= |d|: r = d/c, den = c + d r, ((a + b r), (b - a r)) / den; otherwise the mirror image.
        var r1 = Lax.Div(d, c);
        var den1 = Lax.Add(c, Lax.Mul(d, r1));
        var re1 = Lax.Div(Lax.Add(a, Lax.Mul(b, r1)), den1);
        var im1 = Lax.Div(Lax.Sub(b, Lax.Mul(a, r1)), den1);
        var r2 = Lax.Div(c, d);
        var den2 = Lax.Add(d, Lax.Mul(c, r2));
        var re2 = Lax.Div(Lax.Add(Lax.Mul(a, r2), b), den2);
        var im2 = Lax.Div(Lax.Sub(Lax.Mul(b, r2), a), den2);
        // Both scales are powers of two within 2^(2p + 2), so their ratio is exact and the product rounds once.
        var unscale = Lax.Div(yScale, xScale);
        return Planar.Complex(Lax.Mul(Jnp.Where(realLarger, re1, re2), unscale), Lax.Mul(Jnp.Where(realLarger, im1, im2), unscale));
    }

    private static NDArray LargerPart(Planar z) => Lax.Max(Lax.Abs(z.Re), Lax.Abs(z.ImOrZero));

    /// <summary>
    /// e^re (cos im, sin im); a real argument keeps an exactly zero imaginary part (so e^inf is inf + 0i). e^re is
    /// taken as two factors beyond its overflow (<see cref="PlanarScaling.Exp"/>), so a part whose cosine or sine is
    /// small stays finite.
    /// </summary>
    public static Planar Exp(Planar z)
    {
        var (e, factor) = PlanarScaling.Exp(z.Re);
        var im = z.ImOrZero;
        var sine = Lax.Mul(Lax.Mul(e, Lax.Sin(im)), factor);
        return Planar.Complex(Lax.Mul(Lax.Mul(e, Lax.Cos(im)), factor), Jnp.Where(Lax.Eq(im, Zero(im)), im, sine));
    }

    /// <summary>
    /// e^z - 1 = (expm1(re) cos im - 2 sin^2(im/2)) + i e^re sin im, exact near zero; beyond e^re's overflow the real
    /// part is e^re cos im - 1 with e^re in two factors, as in <see cref="Exp"/>.
    /// </summary>
    public static Planar Expm1(Planar z)
    {
        var im = z.ImOrZero;
        var (e, factor) = PlanarScaling.Exp(z.Re);
        var half = Lax.Sin(Lax.Mul(im, Half(im)));
        var nearZero = Lax.Sub(Lax.Mul(Lax.Expm1(z.Re), Lax.Cos(im)), Lax.Mul(Two(im), Lax.Mul(half, half)));
        var scaled = Lax.Sub(Lax.Mul(Lax.Mul(e, Lax.Cos(im)), factor), One(im));
        var re = Jnp.Where(Lax.Eq(factor, One(factor)), nearZero, scaled);
        return Planar.Complex(re, Lax.Mul(Lax.Mul(e, Lax.Sin(im)), factor));
    }

    /// <summary>
    /// The principal logarithm: log|z| + i arg z, with log|z| = log m + log1p((n/m)^2) / 2 (m, n the larger and
    /// smaller part's magnitude), finite where |z| itself overflows (|3e38 + 3e38 i| in complex64).
    /// </summary>
    public static Planar Log(Planar z)
    {
        var (a, b) = (Lax.Abs(z.Re), Lax.Abs(z.ImOrZero));
        var m = Lax.Max(a, b);
        var ratio = Lax.Div(Lax.Min(a, b), Jnp.Where(Lax.Eq(m, Zero(m)), One(m), m));
        var logModulus = Lax.Add(Lax.Log(m), Lax.Mul(Lax.Log1p(Lax.Mul(ratio, ratio)), Half(m)));
        var infinite = Lax.BitwiseOr(IsInf(a), IsInf(b));
        return Planar.Complex(Jnp.Where(infinite, Inf(m), logModulus), Lax.Atan2(z.ImOrZero, z.Re));
    }

    /// <summary>
    /// log(1 + z) = log|1 + z| + i atan2(im, 1 + re). Where both parts are below 4 and |1 + z|^2 - 1 = 2 re + re^2 +
    /// im^2 is above -1/2, log|1 + z| is log1p of that sum over 2, the sum formed from exact squares and two-sums
    /// (<see cref="ExactArithmetic"/>): it cancels on the circle |1 + z| = 1 (re = -im^2/2 near zero), where rounded
    /// squares leave only their errors. Elsewhere |1 + z| is far from 1 and <see cref="Log"/>'s scaled modulus of 1 + z
    /// takes it, finite where |1 + z| overflows.
    /// </summary>
    public static Planar Log1p(Planar z)
    {
        var (a, b) = (z.Re, z.ImOrZero);
        var moderate = Lax.Lt(LargerPart(z), Constant(a, 4));
        var near = SquaredModulusOfOnePlusMinusOne(Jnp.Where(moderate, a, Zero(a)), Jnp.Where(moderate, b, Zero(b)));
        var useNear = Lax.BitwiseAnd(moderate, Lax.Gt(near, Constant(a, -0.5)));
        var far = Log(Add(z, Planar.Real(One(a)))).Re;
        var re = Jnp.Where(useNear, Lax.Mul(Lax.Log1p(near), Half(a)), far);
        return Planar.Complex(re, Lax.Atan2(b, Lax.Add(One(a), a)));
    }

    /// <summary>2a + a^2 + b^2 rounded once: the squares split exactly into value and error, the cancelling 2a + b^2
    /// and then a^2 added by two-sums, and the four error terms (far smaller) added last.</summary>
    private static NDArray SquaredModulusOfOnePlusMinusOne(NDArray a, NDArray b)
    {
        var (aa, aaError) = ExactArithmetic.Square(a);
        var (bb, bbError) = ExactArithmetic.Square(b);
        var (s1, e1) = ExactArithmetic.TwoSum(Lax.Add(a, a), bb);
        var (s2, e2) = ExactArithmetic.TwoSum(s1, aa);
        return Lax.Add(s2, Lax.Add(Lax.Add(e1, e2), Lax.Add(aaError, bbError)));
    }

    /// <summary>
    /// The principal square root: t = sqrt((|z| + |re|) / 2), then (t, im / 2t) or (|im| / 2t, ±t). z is first scaled
    /// by a power of four (the root back by its square root): by 1/4 when a part is within 4 of the largest finite
    /// value, where |z| + |re| would overflow, and up when both are near the subnormals, where that sum would lose bits.
    /// </summary>
    public static Planar Sqrt(Planar z)
    {
        var (x, y) = (z.Re, z.ImOrZero);
        var (scale, unscale) = SqrtScale(Lax.Max(Lax.Abs(x), Lax.Abs(y)));
        var (a, b) = (Lax.Mul(x, scale), Lax.Mul(y, scale));
        var t = Lax.Sqrt(Lax.Mul(Lax.Add(Abs(Planar.Complex(a, b)), Lax.Abs(a)), Half(a)));
        var twiceT = Lax.Mul(t, Two(t));
        var safe = Jnp.Where(Lax.Eq(twiceT, Zero(t)), One(t), twiceT);
        var nonNegative = Lax.Ge(a, Zero(a));
        var re = Jnp.Where(nonNegative, t, Lax.Div(Lax.Abs(b), safe));
        var im = Jnp.Where(nonNegative, Lax.Div(b, safe), Jnp.Copysign(t, b));
        return Planar.Complex(Lax.Mul(re, unscale), Lax.Mul(im, unscale));
    }

    /// <summary>The power of four <see cref="Sqrt"/> scales z by for the largest part's magnitude <paramref name="m"/>,
    /// and the power of two it scales the root back by: exact, as neither leaves the normal range.</summary>
    private static (NDArray Scale, NDArray Unscale) SqrtScale(NDArray m)
    {
        var bits = m.DType == DType.Float64 ? 53 : 24;
        var large = Lax.Gt(m, Constant(m, (m.DType == DType.Float64 ? double.MaxValue : float.MaxValue) / 4));
        var small = Lax.Lt(m, Constant(m, 4 * (m.DType == DType.Float64 ? 2.2250738585072014e-308 : 1.1754943508222875e-38)));
        var scale = Jnp.Where(large, Constant(m, 0.25), Jnp.Where(small, Constant(m, Math.ScaleB(1, 2 * bits)), One(m)));
        var unscale = Jnp.Where(large, Two(m), Jnp.Where(small, Constant(m, Math.ScaleB(1, -bits)), One(m)));
        return (scale, unscale);
    }

    public static Planar Rsqrt(Planar z) => Div(Planar.Real(One(z.Re)), Sqrt(z));

    // cosh and sinh come in two factors (PlanarScaling.Hyperbolic) beyond their overflow, so that sin a cosh b stays
    // finite where sin a is small (sin(0.001 + 90i) has real part 6.1e35 in float32, though cosh 90 overflows).

    /// <summary>sin(a + ib) = sin a cosh b + i cos a sinh b.</summary>
    public static Planar Sin(Planar z)
    {
        var (cosh, sinh, factor) = PlanarScaling.Hyperbolic(z.ImOrZero);
        return Planar.Complex(Scaled(Lax.Sin(z.Re), cosh, factor), Scaled(Lax.Cos(z.Re), sinh, factor));
    }

    /// <summary>cos(a + ib) = cos a cosh b - i sin a sinh b.</summary>
    public static Planar Cos(Planar z)
    {
        var (cosh, sinh, factor) = PlanarScaling.Hyperbolic(z.ImOrZero);
        return Planar.Complex(Scaled(Lax.Cos(z.Re), cosh, factor), Lax.Neg(Scaled(Lax.Sin(z.Re), sinh, factor)));
    }

    /// <summary>sinh(a + ib) = sinh a cos b + i cosh a sin b.</summary>
    public static Planar Sinh(Planar z)
    {
        var (cosh, sinh, factor) = PlanarScaling.Hyperbolic(z.Re);
        return Planar.Complex(Scaled(Lax.Cos(z.ImOrZero), sinh, factor), Scaled(Lax.Sin(z.ImOrZero), cosh, factor));
    }

    /// <summary>cosh(a + ib) = cosh a cos b + i sinh a sin b.</summary>
    public static Planar Cosh(Planar z)
    {
        var (cosh, sinh, factor) = PlanarScaling.Hyperbolic(z.Re);
        return Planar.Complex(Scaled(Lax.Cos(z.ImOrZero), cosh, factor), Scaled(Lax.Sin(z.ImOrZero), sinh, factor));
    }

    /// <summary>(x h) f: the small factor x meets the first half of the large one before the second.</summary>
    private static NDArray Scaled(NDArray x, NDArray h, NDArray f) => Lax.Mul(Lax.Mul(x, h), f);

    /// <summary>
    /// tanh(a + ib) = (tanh a (1 + tan^2 b) + i tan b (1 - tanh^2 a)) / (1 + tanh^2 a tan^2 b), which stays finite
    /// for large |a| (Kahan's form), unlike sinh / cosh.
    /// </summary>
    public static Planar Tanh(Planar z)
    {
        var (a, b) = (z.Re, z.ImOrZero);
        var th = Lax.Tanh(a);
        var tn = Lax.Tan(b);
        var th2 = Lax.Mul(th, th);
        var tn2 = Lax.Mul(tn, tn);
        var den = Lax.Add(One(a), Lax.Mul(th2, tn2));
        return Planar.Complex(Lax.Div(Lax.Mul(th, Lax.Add(One(a), tn2)), den), Lax.Div(Lax.Mul(tn, Lax.Sub(One(a), th2)), den));
    }

    /// <summary>tan z = -i tanh(iz).</summary>
    public static Planar Tan(Planar z)
    {
        var t = Tanh(Planar.Complex(Lax.Neg(z.ImOrZero), z.Re));
        return Planar.Complex(t.Im!, Lax.Neg(t.Re));
    }

    /// <summary>x^y = e^(y log x), with 0^0 = 1 and 0^y = 0 otherwise (NumPy's values at zero).</summary>
    public static Planar Pow(Planar x, Planar y)
    {
        var power = Exp(Mul(y, Log(x)));
        var zeroBase = IsZero(x);
        var zeroExponent = IsZero(y);
        var re = Jnp.Where(zeroBase, Jnp.Where(zeroExponent, One(x.Re), Zero(x.Re)), power.Re);
        var im = Jnp.Where(zeroBase, Zero(x.Re), power.Im!);
        return Planar.Complex(re, im);
    }

    /// <summary>
    /// z / |z|, and 0 at 0. z is first divided by its larger part's magnitude, so that neither |z| overflows for parts
    /// near the largest finite value nor rounds to the subnormal grid (or zero) for subnormal parts; an infinite part
    /// counts as ±1 and a finite one beside it as 0 (the limit of z / |z| along z), so sign(inf + 1i) is 1.
    /// </summary>
    public static Planar Sign(Planar z)
    {
        var (a, b) = (z.Re, z.ImOrZero);
        var (aInfinite, bInfinite) = (IsInf(Lax.Abs(a)), IsInf(Lax.Abs(b)));
        var infinite = Lax.BitwiseOr(aInfinite, bInfinite);
        // x * 0 keeps a finite part's sign and a NaN part's NaN.
        a = Jnp.Where(infinite, Jnp.Where(aInfinite, Jnp.Copysign(One(a), a), Lax.Mul(a, Zero(a))), a);
        b = Jnp.Where(infinite, Jnp.Where(bInfinite, Jnp.Copysign(One(b), b), Lax.Mul(b, Zero(b))), b);
        var m = Lax.Max(Lax.Abs(a), Lax.Abs(b));
        var zero = Lax.Eq(m, Zero(m));
        var safe = Jnp.Where(zero, One(m), m);
        var (p, q) = (Lax.Div(a, safe), Lax.Div(b, safe));
        // The larger of p, q is ±1, so p^2 + q^2 lies in [1, 2].
        var modulus = Lax.Sqrt(Lax.Add(Lax.Mul(p, p), Lax.Mul(q, q)));
        var safeModulus = Jnp.Where(zero, One(m), modulus);
        return Planar.Complex(Jnp.Where(zero, Zero(a), Lax.Div(p, safeModulus)), Jnp.Where(zero, Zero(a), Lax.Div(q, safeModulus)));
    }

    public static NDArray Equal(Planar x, Planar y) => Lax.BitwiseAnd(Lax.Eq(x.Re, y.Re), Lax.Eq(x.ImOrZero, y.ImOrZero));

    public static NDArray NotEqual(Planar x, Planar y) => Lax.BitwiseOr(Lax.Ne(x.Re, y.Re), Lax.Ne(x.ImOrZero, y.ImOrZero));

    public static NDArray IsFinite(Planar z) => Lax.BitwiseAnd(Lax.IsFinite(z.Re), Lax.IsFinite(z.ImOrZero));

    private static NDArray IsZero(Planar z) => Lax.BitwiseAnd(Lax.Eq(z.Re, Zero(z.Re)), Lax.Eq(z.ImOrZero, Zero(z.Re)));

    private static NDArray IsInf(NDArray x) => Lax.Eq(x, Inf(x));

    private static NDArray Zero(NDArray like) => Constant(like, 0);

    private static NDArray Half(NDArray like) => Constant(like, 0.5);

    private static NDArray One(NDArray like) => Constant(like, 1);

    private static NDArray Two(NDArray like) => Constant(like, 2);

    private static NDArray Inf(NDArray like) => Constant(like, double.PositiveInfinity);

    private static NDArray Constant(NDArray like, double value) => NDArray.FromScalar(Core.Scalar.Of(like.DType, value), weak: false);
}
