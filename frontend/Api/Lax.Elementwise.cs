using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using JaxNet.Primitives;

namespace JaxNet;

public static partial class Jax
{
    /// <summary>
    /// jax.lax: thin wrappers that bind primitives. Operands of binary ops must share a dtype, except that weakly
    /// typed values (C# literals) adopt the other operand's dtype; rank-0 operands broadcast.
    /// </summary>
    public static partial class Lax
    {
        public static NDArray Neg(NDArray x) => Prims.Neg.Bind1(Params.Empty, x);
        public static NDArray Abs(NDArray x) => Prims.Abs.Bind1(Params.Empty, x);
        public static NDArray Sign(NDArray x) => Prims.Sign.Bind1(Params.Empty, x);
        public static NDArray Floor(NDArray x) => Prims.Floor.Bind1(Params.Empty, x);
        public static NDArray Ceil(NDArray x) => Prims.Ceil.Bind1(Params.Empty, x);

        /// <summary>Rounds half away from zero, or half to even with <paramref name="toNearestEven"/>.</summary>
        public static NDArray Round(NDArray x, bool toNearestEven = false) =>
            (toNearestEven ? Prims.RoundEven : Prims.Round).Bind1(Params.Empty, x);

        public static NDArray Sqrt(NDArray x) => Prims.Sqrt.Bind1(Params.Empty, x);
        public static NDArray Rsqrt(NDArray x) => Prims.Rsqrt.Bind1(Params.Empty, x);
        public static NDArray Cbrt(NDArray x) => Prims.Cbrt.Bind1(Params.Empty, x);
        public static NDArray Exp(NDArray x) => Prims.Exp.Bind1(Params.Empty, x);

        /// <summary>lax.square: x * x (its derivative 2x by the product rule).</summary>
        public static NDArray Square(NDArray x) => Mul(x, x);

        /// <summary>lax.integer_pow: x to the constant integer power <paramref name="y"/> by repeated multiplication
        /// (<see cref="Jnp.Power(NDArray, int)"/>); a negative power needs a floating or complex x.</summary>
        public static NDArray IntegerPow(NDArray x, int y) => Jnp.Power(x, y);
        public static NDArray Exp2(NDArray x) => Prims.Exp2.Bind1(Params.Empty, x);
        public static NDArray Log(NDArray x) => Prims.Log.Bind1(Params.Empty, x);
        public static NDArray Log1p(NDArray x) => Prims.Log1p.Bind1(Params.Empty, x);
        public static NDArray Expm1(NDArray x) => Prims.Expm1.Bind1(Params.Empty, x);
        public static NDArray Sin(NDArray x) => Prims.Sin.Bind1(Params.Empty, x);
        public static NDArray Cos(NDArray x) => Prims.Cos.Bind1(Params.Empty, x);
        public static NDArray Tan(NDArray x) => Prims.Tan.Bind1(Params.Empty, x);
        public static NDArray Asin(NDArray x) => Prims.Asin.Bind1(Params.Empty, x);
        public static NDArray Acos(NDArray x) => Prims.Acos.Bind1(Params.Empty, x);
        public static NDArray Atan(NDArray x) => Prims.Atan.Bind1(Params.Empty, x);
        public static NDArray Sinh(NDArray x) => Prims.Sinh.Bind1(Params.Empty, x);
        public static NDArray Cosh(NDArray x) => Prims.Cosh.Bind1(Params.Empty, x);
        public static NDArray Tanh(NDArray x) => Prims.Tanh.Bind1(Params.Empty, x);
        public static NDArray Asinh(NDArray x) => Prims.Asinh.Bind1(Params.Empty, x);
        public static NDArray Acosh(NDArray x) => Prims.Acosh.Bind1(Params.Empty, x);
        public static NDArray Atanh(NDArray x) => Prims.Atanh.Bind1(Params.Empty, x);
        public static NDArray Logistic(NDArray x) => Prims.Logistic.Bind1(Params.Empty, x);
        public static NDArray Erf(NDArray x) => Prims.Erf.Bind1(Params.Empty, x);
        public static NDArray ErfInv(NDArray x) => Prims.ErfInv.Bind1(Params.Empty, x);
        public static NDArray Lgamma(NDArray x) => Prims.Lgamma.Bind1(Params.Empty, x);
        public static NDArray Digamma(NDArray x) => Prims.Digamma.Bind1(Params.Empty, x);
        public static NDArray IsFinite(NDArray x) => Prims.IsFinite.Bind1(Params.Empty, x);
        public static NDArray Not(NDArray x) => Prims.Not.Bind1(Params.Empty, x);
        public static NDArray PopulationCount(NDArray x) => Prims.PopulationCount.Bind1(Params.Empty, x);
        public static NDArray Clz(NDArray x) => Prims.Clz.Bind1(Params.Empty, x);

        public static NDArray Add(NDArray x, NDArray y) => Binary(Prims.Add, x, y);
        public static NDArray Sub(NDArray x, NDArray y) => Binary(Prims.Sub, x, y);
        public static NDArray Mul(NDArray x, NDArray y) => Binary(Prims.Mul, x, y);
        public static NDArray Div(NDArray x, NDArray y) => Binary(Prims.Div, x, y);
        public static NDArray Rem(NDArray x, NDArray y) => Binary(Prims.Rem, x, y);
        public static NDArray Pow(NDArray x, NDArray y) => Binary(Prims.Pow, x, y);
        public static NDArray Max(NDArray x, NDArray y) => Binary(Prims.Max, x, y);
        public static NDArray Min(NDArray x, NDArray y) => Binary(Prims.Min, x, y);
        public static NDArray Atan2(NDArray x, NDArray y) => Binary(Prims.Atan2, x, y);
        public static NDArray Eq(NDArray x, NDArray y) => Binary(Prims.Eq, x, y);
        public static NDArray Ne(NDArray x, NDArray y) => Binary(Prims.Ne, x, y);
        public static NDArray Lt(NDArray x, NDArray y) => Binary(Prims.Lt, x, y);
        public static NDArray Le(NDArray x, NDArray y) => Binary(Prims.Le, x, y);
        public static NDArray Gt(NDArray x, NDArray y) => Binary(Prims.Gt, x, y);
        public static NDArray Ge(NDArray x, NDArray y) => Binary(Prims.Ge, x, y);
        public static NDArray BitwiseAnd(NDArray x, NDArray y) => Binary(Prims.And, x, y);
        public static NDArray BitwiseOr(NDArray x, NDArray y) => Binary(Prims.Or, x, y);
        public static NDArray BitwiseXor(NDArray x, NDArray y) => Binary(Prims.Xor, x, y);
        public static NDArray BitwiseNot(NDArray x) => Not(x);
        public static NDArray ShiftLeft(NDArray x, NDArray y) => Binary(Prims.ShiftLeft, x, y);
        public static NDArray ShiftRightLogical(NDArray x, NDArray y) => Binary(Prims.ShiftRightLogical, x, y);
        public static NDArray ShiftRightArithmetic(NDArray x, NDArray y) => Binary(Prims.ShiftRightArithmetic, x, y);
        public static NDArray RotateLeft(NDArray x, NDArray y) => Binary(Prims.RotateLeft, x, y);
        public static NDArray RotateRight(NDArray x, NDArray y) => Binary(Prims.RotateRight, x, y);
        public static NDArray NextAfter(NDArray x, NDArray y) => Binary(Prims.NextAfter, x, y);

        /// <summary>Elementwise <c>pred ? onTrue : onFalse</c> (lax.select).</summary>
        public static NDArray Select(NDArray pred, NDArray onTrue, NDArray onFalse)
        {
            (onTrue, onFalse) = AdoptWeak(onTrue, onFalse);
            return Prims.SelectN.Bind1(Params.Empty, pred, onFalse, onTrue);
        }

        /// <summary>
        /// lax.bitcast_convert_type: the bits of each element read as <paramref name="newDtype"/>. Between types of
        /// one width the shape is kept; between widths a trailing axis of pieces is added or consumed (see
        /// <see cref="BitcastAcrossWidths"/>).
        /// </summary>
        public static NDArray BitcastConvertType(NDArray x, DType newDtype) =>
            x.DType.SizeOf() == newDtype.SizeOf()
                ? Prims.BitcastConvertType.Bind1(Params.Of(("new_dtype", newDtype)), x)
                : BitcastAcrossWidths(x, newDtype);

        /// <summary>Converts to <paramref name="dtype"/>; host scalars convert on the host and stay literals.</summary>
        public static NDArray ConvertElementType(NDArray x, DType dtype, bool weakType = false)
        {
            if (x.DType == dtype && x.WeakType == weakType) return x;
            if (x.LiteralValue is { } s) return NDArray.FromScalar(s.Convert(dtype), weakType);
            return Prims.ConvertElementType.Bind1(Params.Of(("new_dtype", dtype), ("weak_type", weakType)), x);
        }

        private static NDArray Binary(BinaryPrimitive p, NDArray x, NDArray y)
        {
            (x, y) = AdoptWeak(x, y);
            return p.Bind1(Params.Empty, x, y);
        }

        /// <summary>A weakly typed operand takes the other's dtype (lax's handling of Python scalars).</summary>
        internal static (NDArray, NDArray) AdoptWeak(NDArray x, NDArray y)
        {
            if (x.DType == y.DType) return (x, y);
            if (x.WeakType && !y.WeakType) return (ConvertElementType(x, y.DType), y);
            if (y.WeakType && !x.WeakType) return (x, ConvertElementType(y, x.DType));
            return (x, y);
        }

        internal static UnaryOp OpOf(UnaryPrimitive p) => p.Op;
    }
}
