using System.Numerics;
using static JaxNet.Tests.Api.ComplexCheck;

namespace JaxNet.Tests.Api;

/// <summary>
/// Complex functions at the ends of complex64's range and negative integer powers, found by the random-program
/// tester's complex family (`jaxnet fuzz --family complex`): each eagerly and under Jit, against values computed in
/// float64 (NumPy's csqrt and clog give the same).
/// </summary>
public class ComplexEdgeMagnitudeTests
{
    private static void BothWays(Func<NDArray, NDArray> f, NDArray x, Action<NDArray> check)
    {
        check(f(x));
        check(Jax.Jit(f)(x));
    }

    /// <summary>Each part within <paramref name="relative"/> of the expected part's own magnitude (not of 1: the
    /// values here are near complex64's smallest and largest).</summary>
    private static void Relative(Complex[] expected, NDArray actual, double relative = 1e-6)
    {
        var got = Expect.Read<Complex>(actual, DType.Complex64, null, expected.Length);
        for (var i = 0; i < got.Length; i++)
        {
            Assert.True(Math.Abs(got[i].Real - expected[i].Real) <= relative * Math.Abs(expected[i].Real), $"element {i}: expected {expected[i]}, got {got[i]}");
            Assert.True(Math.Abs(got[i].Imaginary - expected[i].Imaginary) <= relative * Math.Abs(expected[i].Imaginary), $"element {i}: expected {expected[i]}, got {got[i]}");
        }
    }

    [Fact]
    public void Square_roots_near_the_largest_complex64_values_stay_finite()
    {
        // |z| + |re| overflowed float32: sqrt(3e38) came out inf.
        var x = C(new(3e38f, 0), new(-3e38f, 1), new(2e38f, -3e38f));
        Complex[] expected = [Complex.Sqrt(new(3e38f, 0)), new(1 / (2 * Math.Sqrt(3e38f)), Math.Sqrt(3e38f)), Complex.Sqrt(new(2e38f, -3e38f))];
        BothWays(Jax.Lax.Sqrt, x, y => Relative(expected, y, 1e-6));
    }

    [Fact]
    public void Square_roots_of_subnormal_complex64_values_keep_their_precision()
    {
        // |z| of two subnormal parts is rounded to the subnormal grid (a relative error of 1e-5 at 1e-40).
        Complex[] z = [new(1e-40f, 1e-40f), new(-3e-41f, 7e-42f), new(1e-45f, 0)];
        var x = C(z);
        var exact = Expect.Read<Complex>(x, DType.Complex64, null, 3).Select(Complex.Sqrt).ToArray();
        BothWays(Jax.Lax.Sqrt, x, y => Relative(exact, y, 1e-6));
    }

    [Fact]
    public void Logarithms_of_values_whose_modulus_overflows_complex64_are_finite()
    {
        // log|z| was log(inf) where |z| passes float32's range though its logarithm is 89.
        var x = C(new(3e38f, 3e38f), new(-3.4e38f, 2e38f));
        var z = Expect.Read<Complex>(x, DType.Complex64, null, 2);
        Complex[] expected = [Complex.Log(z[0]), Complex.Log(z[1])];
        BothWays(Jax.Lax.Log, x, y => Relative(expected, y, 1e-6));
    }

    [Fact]
    public void Logarithms_of_zero_and_infinity_keep_their_defined_values()
    {
        var x = C(new(0, 0), new(-0.0, 0), new(double.PositiveInfinity, 1), new(1, double.NegativeInfinity));
        BothWays(Jax.Lax.Log, x, y =>
        {
            var got = Expect.Read<Complex>(y, DType.Complex64, null, 4);
            Assert.Equal([double.NegativeInfinity, double.NegativeInfinity, double.PositiveInfinity, double.PositiveInfinity], got.Select(v => v.Real));
            Assert.Equal([0, Math.PI, 0, -Math.PI / 2], got.Select(v => v.Imaginary), (a, b) => Math.Abs(a - b) < 1e-6);
        });
    }

    [Fact]
    public void Complex_values_take_negative_integer_powers()
    {
        // Jnp.Power(x, n) refused n < 0 for every non-float dtype, complex included; JAX's integer_pow takes it.
        var x = C(new(1, 1), new(2, 0), new(0, -0.5));
        BothWays(v => Jnp.Power(v, -2), x, y => Near([new(0, -0.5), new(0.25, 0), new(-4, 0)], y));
        BothWays(v => Jnp.Power(v, -3), x, y => Near([new(-0.25, -0.25), new(0.125, 0), new(0, -8)], y));
    }
}
