using System.Numerics;
using JaxNet.Core;

namespace JaxNet.Tests.Api;

/// <summary>Jnp.Roots: the eigenvalues of the companion matrix against numpy.roots, NumPy's stripping of zeros, JAX's
/// strip_zeros=False under Jit, and derivatives with respect to the coefficients.</summary>
public class JnpRootsTests
{
    [Fact]
    public void Roots_match_numpy()
    {
        ComplexCheck.Near([3, 2, 1], Jnp.Roots(Jnp.Array(new[] { 1f, -6, 11, -6 })), DType.Complex64, [3], 1e-6);
        // Leading zeros are stripped, trailing zeros give zero roots last, all zeros or a constant give none.
        ComplexCheck.Near([2, 1], Jnp.Roots(Jnp.Array(new[] { 0f, 0, 1, -3, 2 })), DType.Complex64, [2], 1e-6);
        Assert.Equal([new Complex(2, 0), new Complex(1, 0), Complex.Zero, Complex.Zero],
            Jnp.Roots(Jnp.Array(new[] { 1f, -3, 2, 0, 0 })).ToArray<Complex>().Select(c => new Complex(Math.Round(c.Real, 5), c.Imaginary)));
        Assert.Equal([0], Jnp.Roots(Jnp.Zeros([4])).Shape);
        Assert.Equal([0], Jnp.Roots(Jnp.Array(5f)).Shape);
        ComplexCheck.Near([Complex.ImaginaryOne, -Complex.ImaginaryOne], Jnp.Roots(Jnp.Array(new[] { 1, 0, 1 })), DType.Complex64, [2], 1e-7);
        ComplexCheck.Near([new(0.5518616968209787, 1.5999954567879744), new(0.5518616968209787, -1.5999954567879744), -1.1902949499786886,
            0.5865715563367297], Jnp.Roots(Jnp.Array(new[] { 2f, -1, 3, 5, -4 })), DType.Complex64, [4], 1e-6);
        Assert.Throws<ShapeException>(() => Jnp.Roots(Jnp.Ones([2, 2])));
    }

    [Fact]
    public void Roots_under_jit_need_strip_zeros_false_and_then_pad_with_nan()
    {
        var nan = new Complex(double.NaN, double.NaN);
        ComplexCheck.Near([1, 2, nan, nan], Jnp.Roots(Jnp.Array(new[] { 0f, 0, 1, -3, 2 }), stripZeros: false), DType.Complex64, [4], 1e-6);
        var jitted = Jax.Jit((NDArray p) => Jnp.Roots(p, stripZeros: false));
        ComplexCheck.Near([1, 2, nan], jitted(Jnp.Array(new[] { 0f, 1, -3, 2 })), DType.Complex64, [3], 1e-6);
        ComplexCheck.Near([3, 2, 1], jitted(Jnp.Array(new[] { 1f, -6, 11, -6 })), DType.Complex64, [3], 1e-6);
        ComplexCheck.Near([nan, nan, nan], jitted(Jnp.Zeros([4])), DType.Complex64, [3]);
        var error = Assert.Throws<ConcretizationTypeError>(() => Jax.Jit((NDArray p) => Jnp.Roots(p))(Jnp.Array(new[] { 1f, -3, 2 })));
        Assert.Contains("stripZeros", error.Message);
    }

    [Fact]
    public void Roots_differentiate_with_respect_to_the_coefficients()
    {
        // For p = (1, -3, 2) the roots sum to -p1/p0, whose gradient is (p1/p0², -1/p0, 0) = (-3, -1, 0). Under Grad the
        // coefficients' values are known, so leading zeros can still be stripped.
        var g = Jax.Grad((NDArray p) => Jnp.Sum(Jnp.Real(Jnp.Roots(p))))(Jnp.Array(new[] { 1f, -3, 2 }));
        SpectralChecks.Close([-3, -1, 0], g, 1e-5);
        // The product of the roots is p2/p0: d/dp = (-p2/p0², 0, 1/p0) = (-2, 0, 1).
        var product = Jax.Grad((NDArray p) => Jnp.Real(Jnp.Prod(Jnp.Roots(p))))(Jnp.Array(new[] { 1f, -3, 2 }));
        SpectralChecks.Close([-2, 0, 1], product, 1e-5);
    }

    [Fact]
    public void Float64_coefficients_give_complex128_roots()
    {
        var roots = Jnp.Roots(Jnp.Array(new[] { 1.0, -6, 11, -6 }, DType.Float64));
        ComplexCheck.Near([3.0000000000000018, 1.999999999999998, 1.0000000000000002], roots, DType.Complex128, [3], 1e-14);
    }
}
