using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jnp
{
    /// <summary>
    /// numpy.spacing: the distance from x to the next representable value away from zero, with x's sign (so
    /// spacing(1f) is float32's eps, spacing(-1.0) is -2^-52, spacing(0) the smallest subnormal). Where that
    /// distance flushes to zero (a backend without subnormals) it is the smallest subnormal, as JAX gives; float16
    /// steps towards +inf, as NumPy's does. Infinities and NaN give NaN. Integers promote to the default float;
    /// complex values are refused.
    /// </summary>
    public static NDArray Spacing(NDArray x)
    {
        var a = PromoteInexact(x)[0];
        if (a.DType.IsComplex()) throw new ArgumentException("spacing: not defined for complex values", nameof(x));
        var inf = Lax.ConvertElementType(Scalar(double.PositiveInfinity), a.DType);
        if (a.DType == DType.Float16) return Nextafter(a, inf) - a;
        var step = Nextafter(a, Copysign(inf, a)) - a;
        var smallest = Lax.ConvertElementType(Scalar(SmallestSubnormal(a.DType)), a.DType);
        return Where(Equal(step, 0), Copysign(smallest, a), step);
    }

    private static double SmallestSubnormal(DType dtype) => dtype switch
    {
        DType.Float64 => double.Epsilon,
        DType.Float32 => Math.ScaleB(1, -149),
        DType.BFloat16 => Math.ScaleB(1, -133),
        _ => Math.ScaleB(1, -24),
    };
}
