using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using JaxNet.Transforms;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Primitives;

/// <summary>
/// The derivatives of the elementwise primitives (JAX's lax JVP and transpose rules), one formula per kernel op.
/// Piecewise-constant ops (floor, sign, comparisons, bitwise) have zero tangents; integer and bool results have
/// none. <see cref="NonDifferentiable"/> lists the ops without a derivative and why.
/// </summary>
internal static class ElementwiseRules
{
    private const double TwoOverSqrtPi = 1.1283791670955126;
    private const double SqrtPiOverTwo = 0.88622692545275801;
    private const double Ln2 = 0.69314718055994531;

    /// <summary>Elementwise ops that have no derivative rule, with the reason.</summary>
    public static readonly IReadOnlyDictionary<string, string> NonDifferentiable = new Dictionary<string, string>
    {
        ["nextafter"] = "a step to the adjacent float; JAX defines no JVP for nextafter either",
        ["bitcast_convert_type"] = "the same bits read as another type: no tangent means anything (JAX gives integer results none and refuses float ones)",
    };

    public static (NDArray[], NDArray?[]) UnaryJvp(UnaryPrimitive prim, NDArray[] primals, NDArray?[] tangents, Params p)
    {
        var x = primals[0];
        var y = prim.Bind1(p, x);
        if (tangents[0] is not { } t || !y.DType.IsInexact()) return ([y], [null]);
        NDArray? dy = prim.Op switch
        {
            UnaryOp.Neg => Lax.Neg(t),
            UnaryOp.Abs => x.DType.IsComplex() ? ComplexAbsTangent(x, y, t) : t * Lax.Sign(x),
            UnaryOp.Sign or UnaryOp.Floor or UnaryOp.Ceil or UnaryOp.Round or UnaryOp.RoundEven => null,
            UnaryOp.Sqrt => t / (y * 2),
            UnaryOp.Rsqrt => t * (y / x) * -0.5,
            UnaryOp.Cbrt => t / (y * y * 3),
            UnaryOp.Exp => t * y,
            UnaryOp.Exp2 => t * y * Ln2,
            UnaryOp.Log => t / x,
            UnaryOp.Log1p => t / (x + 1),
            UnaryOp.Expm1 => t * (y + 1),
            UnaryOp.Sin => t * Lax.Cos(x),
            UnaryOp.Cos => -(t * Lax.Sin(x)),
            UnaryOp.Tan => t * (y * y + 1),
            UnaryOp.Asin => t * Lax.Rsqrt(1 - x * x),
            UnaryOp.Acos => -(t * Lax.Rsqrt(1 - x * x)),
            UnaryOp.Atan => t / (x * x + 1),
            UnaryOp.Sinh => t * Lax.Cosh(x),
            UnaryOp.Cosh => t * Lax.Sinh(x),
            UnaryOp.Tanh => t * (1 - y * y),
            UnaryOp.Asinh => t * Lax.Rsqrt(x * x + 1),
            UnaryOp.Acosh => t * Lax.Rsqrt((x - 1) * (x + 1)),
            UnaryOp.Atanh => t / (1 - x * x),
            UnaryOp.Logistic => t * (y * (1 - y)),
            UnaryOp.Erf => t * (Lax.Exp(-(x * x)) * TwoOverSqrtPi),
            UnaryOp.ErfInv => t * (Lax.Exp(y * y) * SqrtPiOverTwo),
            UnaryOp.Lgamma => t * Lax.Digamma(x),
            UnaryOp.Digamma => t * Trigamma(x),
            _ => throw new MissingRuleException(prim.Name, "JVP"),
        };
        return ([y], [dy]);
    }

    public static NDArray?[] UnaryTranspose(UnaryPrimitive prim, NDArray[] cts) =>
        prim.Op == UnaryOp.Neg ? [Lax.Neg(cts[0])] : throw new MissingRuleException(prim.Name, "transpose (it is not linear)");

    public static (NDArray[], NDArray?[]) BinaryJvp(BinaryPrimitive prim, NDArray[] primals, NDArray?[] tangents, Params p)
    {
        var (a, b) = (primals[0], primals[1]);
        var y = prim.Bind1(p, a, b);
        if (!y.DType.IsInexact() || !a.DType.IsInexact()) return ([y], [null]);
        var (ta, tb) = (tangents[0], tangents[1]);
        NDArray? dy = prim.Op switch
        {
            BinaryOp.Add => Tangents.Add(ta, tb),
            BinaryOp.Sub => Tangents.Add(ta, tb is null ? null : Lax.Neg(tb)),
            BinaryOp.Mul => Tangents.Add(ta is null ? null : ta * b, tb is null ? null : a * tb),
            BinaryOp.Div => Tangents.Add(ta is null ? null : ta / b, tb is null ? null : -(tb * (y / b))),
            BinaryOp.Rem => Tangents.Add(ta, tb is null ? null : -(tb * TruncatedQuotient(a, b))),
            BinaryOp.Pow => Tangents.Add(ta is null ? null : ta * PowBaseDerivative(a, b),
                tb is null ? null : tb * (y * Lax.Log(Jnp.Where(Lax.Eq(a, Zero(a)), One(a), a)))),
            BinaryOp.Max => Extremum(a, b, ta, tb, Lax.Gt),
            BinaryOp.Min => Extremum(a, b, ta, tb, Lax.Lt),
            BinaryOp.Atan2 => Atan2(a, b, ta, tb),
            BinaryOp.Eq or BinaryOp.Ne or BinaryOp.Lt or BinaryOp.Le or BinaryOp.Gt or BinaryOp.Ge => null,
            _ => throw new MissingRuleException(prim.Name, "JVP"),
        };
        return ([y], [dy is null ? null : Tangents.FitShape(dy, y.Aval.Shape)]);
    }

    /// <summary>Transposes of add and sub (linear in both), and of mul and div (linear in the operand that is not known).</summary>
    public static NDArray?[] BinaryTranspose(BinaryPrimitive prim, NDArray ct, NDArray?[] operands, ShapedArray[] avals)
    {
        var (a, b) = (operands[0], operands[1]);
        switch (prim.Op)
        {
            case BinaryOp.Add:
                return [a is null ? Tangents.Unbroadcast(ct, avals[0]) : null, b is null ? Tangents.Unbroadcast(ct, avals[1]) : null];
            case BinaryOp.Sub:
                return [a is null ? Tangents.Unbroadcast(ct, avals[0]) : null, b is null ? Tangents.Unbroadcast(Lax.Neg(ct), avals[1]) : null];
            case BinaryOp.Mul when a is null && b is not null:
                return [Tangents.Unbroadcast(Lax.Mul(ct, b), avals[0]), null];
            case BinaryOp.Mul when b is null && a is not null:
                return [null, Tangents.Unbroadcast(Lax.Mul(a, ct), avals[1])];
            case BinaryOp.Div when a is null && b is not null:
                return [Tangents.Unbroadcast(Lax.Div(ct, b), avals[0]), null];
            default:
                throw new MissingRuleException(prim.Name, "transpose (it is not linear in the given operands)");
        }
    }

    /// <summary>select_n(pred, on_false, on_true): the tangent selects between the cases' tangents.</summary>
    public static (NDArray[], NDArray?[]) SelectJvp(SelectPrimitive prim, NDArray[] primals, NDArray?[] tangents, Params p)
    {
        var y = prim.Bind1(p, primals);
        if (tangents[1] is null && tangents[2] is null) return ([y], [null]);
        var aval = y.Aval.Strong();
        var t = prim.Bind1(p, primals[0], Tangents.Instantiate(tangents[1], aval), Tangents.Instantiate(tangents[2], aval));
        return ([y], [t]);
    }

    public static NDArray?[] SelectTranspose(SelectPrimitive prim, NDArray ct, NDArray?[] operands, Params p)
    {
        var pred = operands[0] ?? throw new MissingRuleException(prim.Name, "transpose with respect to its predicate");
        var zeros = Tangents.Zeros(ct.Aval);
        return [null, operands[1] is null ? prim.Bind1(p, pred, ct, zeros) : null, operands[2] is null ? prim.Bind1(p, pred, zeros, ct) : null];
    }

    /// <summary>
    /// polygamma(1, x) from lax ops (so it is itself differentiable): the recurrence psi1(x) = psi1(x + 1) + 1/x^2
    /// six times, then the asymptotic series at x + 6 (error below 1e-9); reflection for x &lt; 1/2.
    /// </summary>
    internal static NDArray Trigamma(NDArray x)
    {
        var reflect = Lax.Lt(x, Jnp.FullLike(x, 0.5));
        var y = Jnp.Where(reflect, 1 - x, x);
        NDArray sum = Jnp.ZerosLike(y);
        for (var k = 0; k < 6; k++) sum = sum + 1 / ((y + k) * (y + k));
        var z = y + 6;
        var inverse = 1 / z;
        var inverse2 = inverse * inverse;
        var series = inverse + inverse2 / 2 + inverse * inverse2 * (1.0 / 6 + inverse2 * (-1.0 / 30 + inverse2 * (1.0 / 42 + inverse2 * (-1.0 / 30))));
        var positive = sum + series;
        var sine = Lax.Sin(x * Math.PI);
        return Jnp.Where(reflect, Math.PI * Math.PI / (sine * sine) - positive, positive);
    }

    // d|z| = Re(conj(z) dz) / |z| (0 at z = 0), written with z and |z| rather than sign(z), whose own derivative is
    // taken as zero (as in JAX), so that second derivatives come out right.
    private static NDArray ComplexAbsTangent(NDArray z, NDArray modulus, NDArray t)
    {
        var zero = Lax.Eq(modulus, Zero(modulus));
        return Lax.Div(Lax.Real(Lax.Mul(Lax.Conj(z), t)), Jnp.Where(zero, One(modulus), modulus));
    }

    // trunc(a / b), the quotient that rem takes away.
    private static NDArray TruncatedQuotient(NDArray a, NDArray b)
    {
        var q = a / b;
        return Jnp.Where(Lax.Lt(q, Zero(q)), Lax.Ceil(q), Lax.Floor(q));
    }

    // d(a^b)/da = b a^(b-1), taken as 0 where b == 0 (JAX's convention, which keeps 0^0 finite).
    private static NDArray PowBaseDerivative(NDArray a, NDArray b)
    {
        var d = b * Lax.Pow(a, b - 1);
        return Jnp.Where(Lax.Eq(b, Zero(b)), Zero(d), d);
    }

    // max/min: the tangent of the chosen operand; ties split the tangent evenly, as in JAX.
    private static NDArray Extremum(NDArray a, NDArray b, NDArray? ta, NDArray? tb, Func<NDArray, NDArray, NDArray> wins)
    {
        var half = NDArray.FromScalar(Scalar.Of(a.DType, 0.5), weak: false);
        var weightA = Jnp.Where(wins(a, b), One(a), Jnp.Where(Lax.Eq(a, b), half, Zero(a)));
        return Tangents.Add(ta is null ? null : ta * weightA, tb is null ? null : tb * (One(a) - weightA))!;
    }

    private static NDArray Atan2(NDArray a, NDArray b, NDArray? ta, NDArray? tb)
    {
        var denominator = a * a + b * b;
        return Tangents.Add(ta is null ? null : ta * (b / denominator), tb is null ? null : -(tb * (a / denominator)))!;
    }

    private static NDArray Zero(NDArray like) => NDArray.FromScalar(Scalar.Of(like.DType, 0), weak: false);

    private static NDArray One(NDArray like) => NDArray.FromScalar(Scalar.Of(like.DType, 1), weak: false);
}
