using System.Numerics;
using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>
/// Complex numbers (complex64, complex128): NumPy's functions on them. A real array passes through those that
/// would leave it unchanged (real, conj), as in NumPy.
/// </summary>
public static partial class Jnp
{
    /// <summary>A weakly typed complex scalar (complex64, or complex128 with x64), like a Python complex literal.</summary>
    public static NDArray Scalar(Complex value) =>
        NDArray.FromScalar(Core.Scalar.OfComplex(TypePromotion.DefaultComplex, value.Real, value.Imaginary), weak: true);

    /// <summary>The real part; a real array itself.</summary>
    public static NDArray Real(NDArray x) => x.DType.IsComplex() ? Lax.Real(x) : x;

    /// <summary>The imaginary part; zeros for a real array.</summary>
    public static NDArray Imag(NDArray x) => x.DType.IsComplex() ? Lax.Imag(x) : ZerosLike(x);

    /// <summary>The complex conjugate; a real array itself.</summary>
    public static NDArray Conj(NDArray x) => x.DType.IsComplex() ? Lax.Conj(x) : x;

    public static NDArray Conjugate(NDArray x) => Conj(x);

    /// <summary>The argument of each element, atan2(imag, real), in radians or degrees.</summary>
    public static NDArray Angle(NDArray z, bool deg = false)
    {
        var x = z.DType.IsComplex() ? z : PromoteInexact(z)[0];
        var angle = Lax.Atan2(Imag(x), Real(x));
        return deg ? angle * (180 / Math.PI) : angle;
    }

    /// <summary>True where an element has a nonzero imaginary part.</summary>
    public static NDArray Iscomplex(NDArray x) => x.DType.IsComplex() ? Lax.Ne(Lax.Imag(x), ZerosLike(Lax.Imag(x))) : Full(x.Shape, false);

    /// <summary>True where an element's imaginary part is zero.</summary>
    public static NDArray Isreal(NDArray x) => Lax.Not(Iscomplex(x));

    /// <summary>Whether the array's dtype is complex.</summary>
    public static bool Iscomplexobj(NDArray x) => x.DType.IsComplex();

    /// <summary>Whether the array's dtype is not complex.</summary>
    public static bool Isrealobj(NDArray x) => !x.DType.IsComplex();
}
