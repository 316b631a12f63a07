using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using JaxNet.Lowering;

namespace JaxNet.Primitives;

/// <summary>
/// Which elementwise ops are defined on complex operands, their result types, and their expansions into real ops
/// (<see cref="PlanarMath"/>). Orderings (max, lt, ...), rounding and the special functions are not: NumPy orders
/// complex numbers lexicographically, which JAX has deprecated, and the rest have no complex kernels here.
/// </summary>
internal static class ElementwiseComplex
{
    public static bool Defined(UnaryOp op) => op is UnaryOp.Neg or UnaryOp.Abs or UnaryOp.Sign or UnaryOp.Sqrt or UnaryOp.Rsqrt
        or UnaryOp.Exp or UnaryOp.Log or UnaryOp.Log1p or UnaryOp.Expm1 or UnaryOp.Sin or UnaryOp.Cos or UnaryOp.Tan
        or UnaryOp.Sinh or UnaryOp.Cosh or UnaryOp.Tanh or UnaryOp.IsFinite;

    public static bool Defined(BinaryOp op) => op is BinaryOp.Add or BinaryOp.Sub or BinaryOp.Mul or BinaryOp.Div or BinaryOp.Pow
        or BinaryOp.Eq or BinaryOp.Ne;

    /// <summary>The result type of a unary op on a complex type: the modulus is real, is_finite bool.</summary>
    public static DType ResultType(UnaryOp op, DType dtype) => op switch
    {
        UnaryOp.Abs => dtype.RealPart(),
        UnaryOp.IsFinite => DType.Bool,
        _ => dtype,
    };

    public static Planar Unary(UnaryOp op, Planar z) => op switch
    {
        UnaryOp.Neg => PlanarMath.Neg(z),
        UnaryOp.Abs => Planar.Real(PlanarMath.Abs(z)),
        UnaryOp.Sign => PlanarMath.Sign(z),
        UnaryOp.Sqrt => PlanarMath.Sqrt(z),
        UnaryOp.Rsqrt => PlanarMath.Rsqrt(z),
        UnaryOp.Exp => PlanarMath.Exp(z),
        UnaryOp.Log => PlanarMath.Log(z),
        UnaryOp.Log1p => PlanarMath.Log1p(z),
        UnaryOp.Expm1 => PlanarMath.Expm1(z),
        UnaryOp.Sin => PlanarMath.Sin(z),
        UnaryOp.Cos => PlanarMath.Cos(z),
        UnaryOp.Tan => PlanarMath.Tan(z),
        UnaryOp.Sinh => PlanarMath.Sinh(z),
        UnaryOp.Cosh => PlanarMath.Cosh(z),
        UnaryOp.Tanh => PlanarMath.Tanh(z),
        UnaryOp.IsFinite => Planar.Real(PlanarMath.IsFinite(z)),
        _ => throw new NotSupportedException($"{op} is not defined on complex operands"),
    };

    /// <summary>A binary op on complex operands; a rank-0 operand is broadcast to the result's shape first.</summary>
    public static Planar Binary(BinaryOp op, Planar x, Planar y, int[] shape)
    {
        (x, y) = (Fit(x, shape), Fit(y, shape));
        return op switch
        {
            BinaryOp.Add => PlanarMath.Add(x, y),
            BinaryOp.Sub => PlanarMath.Sub(x, y),
            BinaryOp.Mul => PlanarMath.Mul(x, y),
            BinaryOp.Div => PlanarMath.Div(x, y),
            BinaryOp.Pow => PlanarMath.Pow(x, y),
            BinaryOp.Eq => Planar.Real(PlanarMath.Equal(x, y)),
            BinaryOp.Ne => Planar.Real(PlanarMath.NotEqual(x, y)),
            _ => throw new NotSupportedException($"{op} is not defined on complex operands"),
        };
    }

    private static Planar Fit(Planar z, int[] shape)
    {
        if (z.Re.Ndim == shape.Length) return z;
        NDArray Broadcast(NDArray part) => Jax.Lax.BroadcastInDim(part, shape, []);
        return new Planar(Broadcast(z.Re), z.Im is { } im ? Broadcast(im) : null);
    }
}
