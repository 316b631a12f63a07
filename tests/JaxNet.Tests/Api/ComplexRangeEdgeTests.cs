using System.Numerics;
using static JaxNet.Tests.Api.ComplexRangeCheck;

namespace JaxNet.Tests.Api;

/// <summary>
/// complex64 log1p, sign, division, exp, expm1 and the trigonometric and hyperbolic functions where a textbook
/// formula overflows, underflows or cancels though the result is an ordinary float: parts near float32's largest and
/// subnormal values, the circle |1 + z| = 1 for log1p, infinities and NaN. Eagerly and under Jit, against double
/// references of the inputs as stored (complex128's counterparts are in <see cref="ComplexRangeEdgeX64Tests"/>).
/// </summary>
public class ComplexRangeEdgeTests
{
    private static Complex[] Stored(NDArray x) => x.ToArray<Complex>();

    [Fact]
    public void Log1p_of_values_whose_modulus_overflows_is_finite()
    {
        // |1 + z| was formed before its logarithm: inf for 3e38 + 3e38i, though log|1 + z| is 89.
        var x = ComplexCheck.C(new(3e38f, 3e38f), new(-3.4e38f, 2e38f), new(1e38f, -3.4e38f));
        var expected = Stored(x).Select(z => Complex.Log(1 + z)).ToArray();
        BothWays(Jax.Lax.Log1p, x, y => Parts(expected, y, DType.Complex64, 1e-6));
    }

    [Fact]
    public void Log1p_keeps_its_digits_where_the_modulus_of_one_plus_z_is_near_one()
    {
        // On |1 + z| = 1, 2a + a^2 + b^2 cancels to the rounding errors of the squares: 1e-4 of its digits were right.
        float[] reals = [-1e-4f, -3e-3f, -0.3f, -1.5f, -0.02f];
        var z = reals.Select(a => new Complex(a, (float)Math.Sqrt(-2.0 * a - (double)a * a))).ToArray();
        var x = ComplexCheck.C(z);
        var expected = Stored(x).Select(Log1pNearUnitCircle).ToArray();
        BothWays(Jax.Lax.Log1p, x, y => Parts(expected, y, DType.Complex64, 4e-6));
    }

    [Fact]
    public void Log1p_at_small_ordinary_and_special_values()
    {
        var x = ComplexCheck.C(new(1e-45f, 1e-45f), new(-1, 0), new(-1, 1e-20f), new(double.NaN, 0), new(double.PositiveInfinity, 1),
            new(1, 2), new(-0.25, -0.75), new(5, -7), new(-0.6, 0.1));
        var z = Stored(x);
        Complex[] expected =
        [
            z[0], new(double.NegativeInfinity, 0), new(Math.Log(z[2].Imaginary), Math.PI / 2), new(double.NaN, double.NaN),
            new(double.PositiveInfinity, 0), .. z[5..].Select(v => Complex.Log(1 + v)),
        ];
        BothWays(Jax.Lax.Log1p, x, y => Parts(expected, y, DType.Complex64, 2e-6, absolute: 1e-7));
    }

    [Fact]
    public void Sign_of_huge_subnormal_infinite_and_ordinary_values()
    {
        // z / |z| overflowed |z| (giving 0) for huge parts and rounded it to the subnormal grid for tiny ones.
        var x = ComplexCheck.C(new(3e38f, 3e38f), new(1e-45f, 1e-45f), new(-3e38f, 1e-45f), new(2e-45f, -3e-45f),
            new(double.PositiveInfinity, 1), new(double.NegativeInfinity, double.PositiveInfinity), new(double.NaN, 1), new(0, 0), new(3, -4));
        var z = Stored(x);
        var h = Math.Sqrt(0.5);
        Complex[] expected = [new(h, h), new(h, h), new(-1, 0), z[3] / Complex.Abs(z[3]), new(1, 0), new(-h, h), new(double.NaN, double.NaN), Complex.Zero, new(0.6, -0.8)];
        BothWays(Jax.Lax.Sign, x, y => Parts(expected, y, DType.Complex64, 1e-6, absolute: 1e-30));
    }

    [Fact]
    public void Division_with_parts_near_the_largest_and_subnormal_values()
    {
        // Smith's a + b r and c + d r overflowed near 3.4e38; subnormal divisors lost digits to the subnormal grid.
        var n = ComplexCheck.C(new(3e38f, 3e38f), new(1, 1), new(3e38f, 1e38f), new(1e-40f, 2e-40f), new(1e-30f, 1e-30f), new(1e-41f, -3e-42f), new(1, 2));
        var d = ComplexCheck.C(new(2, 2), new(1e38f, 1e38f), new(3e38f, 3e38f), new(3e-40f, 1e-40f), new(1e-40f, 3e-40f), new(5, 1e-3f), new(-3, 0.5));
        var expected = Stored(n).Zip(Stored(d), (p, q) => p / q).ToArray();
        BothWays((p, q) => p / q, n, d, y => Parts(expected, y, DType.Complex64, 2e-6, absolute: 1e-44));
    }

    [Fact]
    public void Division_by_zero_and_infinity_keeps_its_special_values()
    {
        var n = ComplexCheck.C(new(1, 1), new(1, 1), new(double.NaN, 1));
        var d = ComplexCheck.C(new(0, 0), new(double.PositiveInfinity, 0), new(1, 1));
        BothWays((p, q) => p / q, n, d, y =>
        {
            var got = y.ToArray<Complex>();
            Assert.True(double.IsNaN(got[0].Real) || double.IsInfinity(got[0].Real), $"{got[0]}");
            Assert.Equal(Complex.Zero, got[1]);
            Assert.True(double.IsNaN(got[2].Real), $"{got[2]}");
        });
    }

    [Fact]
    public void Exp_and_expm1_stay_finite_where_their_cosine_or_sine_is_small()
    {
        // e^re overflowed first: e^89 sin 3 is 6.3e37, e^100 sin(3.1415925) 4e36.
        var x = ComplexCheck.C(new(89, 3), new(100, 3.1415925f), new(-200, 1), new(2, -1), new(1e-3f, 1e-3f));
        var z = Stored(x);
        var expected = z.Select(Complex.Exp).ToArray();
        BothWays(Jax.Lax.Exp, x, y => Parts(expected, y, DType.Complex64, 2e-6, absolute: 1e-44));
        var minusOne = z.Select(v => v.Real > 50 ? Complex.Exp(v) : Complex.Exp(v) - 1).ToArray();
        minusOne[4] = ExpMinusOneNearZero(z[4]);
        BothWays(Jax.Lax.Expm1, x, y => Parts(minusOne, y, DType.Complex64, 2e-6, absolute: 1e-44));
    }

    [Fact]
    public void Trigonometric_and_hyperbolic_functions_stay_finite_where_a_factor_is_small()
    {
        // cosh 90 overflows float32, sin(0.001) cosh 90 = 6.1e35 does not.
        var x = ComplexCheck.C(new(1e-3f, 90), new(1.5707964f, -95), new(-0.5, 0.25), new(2, 1e-3f));
        var xh = ComplexCheck.C(new(90, 1e-3f), new(-95, 3.1415925f), new(0.25, -0.5), new(1e-3f, 2));
        var (z, zh) = (Stored(x), Stored(xh));
        BothWays(Jax.Lax.Sin, x, y => Parts(z.Select(Complex.Sin).ToArray(), y, DType.Complex64, 2e-6, absolute: 1e-7));
        BothWays(Jax.Lax.Cos, x, y => Parts(z.Select(Complex.Cos).ToArray(), y, DType.Complex64, 2e-6, absolute: 1e-7));
        BothWays(Jax.Lax.Sinh, xh, y => Parts(zh.Select(Complex.Sinh).ToArray(), y, DType.Complex64, 2e-6, absolute: 1e-7));
        BothWays(Jax.Lax.Cosh, xh, y => Parts(zh.Select(Complex.Cosh).ToArray(), y, DType.Complex64, 2e-6, absolute: 1e-7));
    }

    [Fact]
    public void Reciprocal_square_roots_of_huge_and_subnormal_values()
    {
        var x = ComplexCheck.C(new(3e38f, 3e38f), new(1e-40f, -1e-40f), new(-4, 0.5));
        var expected = Stored(x).Select(v => 1 / Complex.Sqrt(v)).ToArray();
        BothWays(Jax.Lax.Rsqrt, x, y => Parts(expected, y, DType.Complex64, 2e-6));
    }

    /// <summary>e^z - 1 for tiny z in double: (expm1(a) cos b - 2 sin^2(b/2)) + i e^a sin b, the series for expm1.</summary>
    private static Complex ExpMinusOneNearZero(Complex z)
    {
        var (a, b) = (z.Real, z.Imaginary);
        var expm1 = a + a * a / 2 + a * a * a / 6 + a * a * a * a / 24;
        var s = Math.Sin(b / 2);
        return new(expm1 * Math.Cos(b) - 2 * s * s, Math.Exp(a) * Math.Sin(b));
    }
}
