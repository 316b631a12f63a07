using System.Numerics;
using static JaxNet.Tests.Api.ComplexRangeCheck;

namespace JaxNet.Tests.Api;

/// <summary>
/// <see cref="ComplexRangeEdgeTests"/> in complex128 (x64 on): parts near double's largest (1.8e308) and subnormal
/// (4.9e-324) values, and the cancelling log1p, against references that stay in range by construction (logarithms
/// added before exponentiating, quotients of scaled inputs) or are summed in double-double.
/// </summary>
[Collection(nameof(X64Collection))]
public class ComplexRangeEdgeX64Tests
{
    private static NDArray Z(params Complex[] v) => Jnp.FromHost<Complex>(v, [v.Length], DType.Complex128);

    private static readonly double Half = Math.Sqrt(0.5);

    [Fact]
    public void Log1p_of_huge_values_and_near_the_unit_circle() => RandomDistributionX64Tests.WithX64(() =>
    {
        double[] reals = [-1e-8, -1e-4, -0.3, -1.5];
        var circle = reals.Select(a => new Complex(a, Math.Sqrt(-2 * a - a * a))).ToArray();
        var x = Z([new(1e308, 1e308), new(-1.7e308, 0), .. circle, new(5e-324, -5e-324), new(-1, 0), new(1, 2)]);
        Complex[] expected =
        [
            new(Math.Log(1e308) + 0.5 * Math.Log(2), Math.PI / 4), new(Math.Log(1.7e308), Math.PI),
            .. circle.Select(Log1pNearUnitCircle), new(5e-324, -5e-324), new(double.NegativeInfinity, 0), Complex.Log(new(2, 2)),
        ];
        BothWays(Jax.Lax.Log1p, x, y => Parts(expected, y, DType.Complex128, 1e-14));
    });

    [Fact]
    public void Sign_of_huge_subnormal_and_infinite_values() => RandomDistributionX64Tests.WithX64(() =>
    {
        var x = Z(new(1e308, 1e308), new(5e-324, 5e-324), new(-1.7e308, 5e-324), new(double.NegativeInfinity, -1), new(3, -4));
        Complex[] expected = [new(Half, Half), new(Half, Half), new(-1, 0), new(-1, 0), new(0.6, -0.8)];
        BothWays(Jax.Lax.Sign, x, y => Parts(expected, y, DType.Complex128, 1e-15, absolute: 1e-300));
    });

    [Fact]
    public void Division_with_parts_near_the_largest_and_subnormal_values() => RandomDistributionX64Tests.WithX64(() =>
    {
        Complex[] n = [new(1.5e308, 1.5e308), new(1, 1), new(1e-320, 2e-320), new(1, 2)];
        Complex[] d = [new(2, 2), new(1e308, 1e308), new(3e-320, 1e-320), new(-3, 0.5)];
        // The subnormal quotient's reference divides the inputs scaled by 2^600 (exact), where nothing is subnormal.
        var scale = Math.ScaleB(1, 600);
        Complex[] expected = [new(7.5e307, 0), new(1e-308, 0), n[2] * scale / (d[2] * scale), n[3] / d[3]];
        BothWays((p, q) => p / q, Z(n), Z(d), y => Parts(expected, y, DType.Complex128, 4e-16, absolute: 1e-323));
    });

    [Fact]
    public void Exp_and_sines_beyond_the_overflow_of_their_real_factor() => RandomDistributionX64Tests.WithX64(() =>
    {
        // e^710 and cosh 711 overflow double; e^710 sin 3 and sin(0.001) cosh 711 do not (each built here as one
        // exponential of a sum of logarithms).
        var x = Z(new(710, 3), new(1e-3, 711), new(711, 1e-3));
        var exp = new Complex(double.NegativeInfinity, Math.Exp(710 + Math.Log(Math.Sin(3))));
        var sin = new Complex(Math.Exp(711 - Math.Log(2) + Math.Log(Math.Sin(1e-3))), double.PositiveInfinity);
        var sinh = new Complex(double.PositiveInfinity, Math.Exp(711 - Math.Log(2) + Math.Log(Math.Sin(1e-3))));
        BothWays(v => Jax.Lax.Exp(v[..1]), x, y => Parts([exp], y, DType.Complex128, 1e-13));
        BothWays(v => Jax.Lax.Expm1(v[..1]), x, y => Parts([exp], y, DType.Complex128, 1e-13));
        BothWays(v => Jax.Lax.Sin(v[1..2]), x, y => Parts([sin], y, DType.Complex128, 1e-13));
        BothWays(v => Jax.Lax.Sinh(v[2..]), x, y => Parts([sinh], y, DType.Complex128, 1e-13));
    });
}
