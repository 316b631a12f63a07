using JaxNet.Core;

namespace JaxNet.Transforms;

/// <summary>
/// Helpers for tangent and cotangent values. Null stands for a symbolic zero (JAX's ad.Zero), which is only made
/// into an array when a rule needs one. Only floating-point and complex values have a tangent space (JAX's float0 for the rest).
/// </summary>
internal static class Tangents
{
    public static bool HasTangentSpace(ShapedArray aval) => aval.DType.IsInexact();

    /// <summary>Zeros of the aval's shape and dtype (strongly typed).</summary>
    public static NDArray Zeros(ShapedArray aval) =>
        Jax.Lax.BroadcastInDim(NDArray.FromScalar(Scalar.Of(aval.DType, 0), weak: false), aval.Shape, []);

    public static NDArray Instantiate(NDArray? t, ShapedArray aval) => t ?? Zeros(aval);

    /// <summary>Sum of two tangents where either may be a symbolic zero.</summary>
    public static NDArray? Add(NDArray? a, NDArray? b) => a is null ? b : b is null ? a : Jax.Lax.Add(a, b);

    /// <summary>A tangent of a rank-0 operand that the primitive broadcast, broadcast to the result's shape.</summary>
    public static NDArray FitShape(NDArray t, int[] shape) =>
        t.Ndim == 0 && shape.Length > 0 ? Jax.Lax.BroadcastInDim(t, shape, []) : t;

    /// <summary>The cotangent of an operand that a binary primitive broadcast from rank 0: summed back to rank 0.</summary>
    public static NDArray Unbroadcast(NDArray ct, ShapedArray operand) =>
        operand.Rank == 0 && ct.Ndim > 0 ? Jax.Lax.ReduceSum(ct, Enumerable.Range(0, ct.Ndim).ToArray()) : ct;

    /// <summary>Checks that a tangent or cotangent fits its primal value, naming the transformation.</summary>
    public static void CheckLike(NDArray value, ShapedArray primal, string what)
    {
        if (!Shapes.Equal(value.Aval.Shape, primal.Shape) || value.DType != primal.DType)
            throw new ShapeException($"{what} {value.Aval.Str()} does not match its primal value {primal.Str()}");
    }
}
