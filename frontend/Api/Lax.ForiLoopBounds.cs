namespace JaxNet;

public static partial class Jax
{
    public static partial class Lax
    {
        /// <summary>
        /// The bounds of a fori_loop in the one dtype its index takes, JAX's rule: the bounds must have equal dtypes,
        /// except that an int literal (a weak signed integer) beside a signed integer array takes that array's dtype.
        /// Any other pair (int32 with int64, a weak float with an int, a weak int with an unsigned array) is an error, as
        /// jax.lax.fori_loop raises a TypeError rather than promote: the index type would otherwise depend on promotion
        /// the caller did not ask for.
        /// </summary>
        private static (NDArray Lower, NDArray Upper) ForiLoopBounds(NDArray lower, NDArray upper)
        {
            if (lower.Ndim != 0 || upper.Ndim != 0)
                throw new ShapeException($"Lax.ForiLoop: the bounds must be scalars, got {lower.Aval.Str()} and {upper.Aval.Str()}");
            if (lower.DType == upper.DType) return (lower, upper);
            if (lower.DType.IsSignedInteger() && upper.DType.IsSignedInteger() && lower.WeakType != upper.WeakType)
                return lower.WeakType ? (ConvertElementType(lower, upper.DType), upper) : (lower, ConvertElementType(upper, lower.DType));
            throw new ShapeException($"Lax.ForiLoop: lower and upper must have equal types, got {lower.DType.NumpyName()} and " +
                $"{upper.DType.NumpyName()} (an int literal takes the signed integer type of the other bound; convert one bound " +
                "with Lax.ConvertElementType)");
        }
    }
}
