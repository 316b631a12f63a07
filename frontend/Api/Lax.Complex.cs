using JaxNet.Core;
using JaxNet.Primitives;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Lax
    {
        /// <summary>lax.real: the real part of a complex array (float32 for complex64).</summary>
        public static NDArray Real(NDArray x) => Prims.Real.Bind1(Params.Empty, x);

        /// <summary>lax.imag: the imaginary part of a complex array.</summary>
        public static NDArray Imag(NDArray x) => Prims.Imag.Bind1(Params.Empty, x);

        /// <summary>lax.conj: the complex conjugate of a complex array.</summary>
        public static NDArray Conj(NDArray x) => Prims.Conj.Bind1(Params.Empty, x);

        /// <summary>lax.complex: x + iy from two float32 (complex64) or float64 (complex128) arrays.</summary>
        public static NDArray Complex(NDArray x, NDArray y)
        {
            (x, y) = AdoptWeak(x, y);
            if (x.WeakType && y.WeakType)
            {
                x = ConvertElementType(x, TypePromotion.DefaultFloat);
                y = ConvertElementType(y, TypePromotion.DefaultFloat);
            }
            return Prims.Complex.Bind1(Params.Empty, x, y);
        }
    }
}
