using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>gcd, lcm, fmax and fmin against NumPy 1.24's values, under Jit and Vmap, with bad dtypes refused.</summary>
public class JnpGcdFmaxTests
{
    private const float NaN = float.NaN;

    [Fact]
    public void GcdAndLcmOfSignedIntegers()
    {
        var x = I(12, -18, 0, 0, 7, 17, 100);
        var y = I(8, 12, 5, 0, -21, 5, 75);
        Ints([4, 6, 5, 0, 7, 1, 25], Jnp.Gcd(x, y));
        Ints([24, 36, 0, 0, 21, 85, 300], Jnp.Lcm(x, y));
        Ints([4, 6, 5, 0, 7, 1, 25], Jax.Jit(Jnp.Gcd)(x, y));
        // Broadcasting against a scalar, and row by row under Vmap.
        Ints([2, 3, 6], Jnp.Gcd(I(4, 9, 18), 6));
        var rows = Jax.Vmap((NDArray a, NDArray b) => Jnp.Lcm(a, b))(Jnp.Array(new[,] { { 4, 6 }, { 3, 5 } }), Jnp.Array(new[,] { { 6, 4 }, { 9, 0 } }));
        Ints([12, 12, 9, 0], rows, [2, 2]);
        Assert.Throws<ArgumentException>(() => Jnp.Gcd(F(1.5f), I(2)));
        Assert.Throws<ArgumentException>(() => Jnp.Lcm(Jnp.Array(new[] { true }), Jnp.Array(new[] { true })));
        Ints([], Jnp.Gcd(Jnp.Zeros([0], DType.Int32), Jnp.Zeros([0], DType.Int32)), [0]);
    }

    [Fact]
    public void GcdOfUnsignedStaysUnsigned()
    {
        var g = Jnp.Gcd(Jnp.Array(new uint[] { 12, 4000000000 }), Jnp.Array(new uint[] { 18, 3000000000 }));
        Assert.Equal(DType.UInt32, g.DType);
        Assert.Equal(new uint[] { 6, 1000000000 }, g.ToArray<uint>());
    }

    [Fact]
    public void FmaxFminIgnoreNaN()
    {
        var x = F(1, NaN, 3, NaN, -0.5f);
        var y = F(2, 1, NaN, NaN, -1);
        Values([2, 1, 3, double.NaN, -0.5], Jnp.Fmax(x, y));
        Values([1, 1, 3, double.NaN, -1], Jnp.Fmin(x, y));
        Values([2, 1, 3, double.NaN, -0.5], Jax.Jit(Jnp.Fmax)(x, y));
        Ints([3, 5], Jnp.Fmax(I(3, -2), I(1, 5)));
        // Promotion and broadcasting: int with a float scalar gives float.
        Values([0.5, 2], Jnp.Fmax(I(0, 2), 0.5));
        // The gradient flows to the chosen operand only (to x where y is NaN, both NaN included).
        var g = Jax.Grad((NDArray a) => Jnp.Sum(Jnp.Fmin(a, y)))(x);
        Values([1, 0, 1, 1, 0], g);
        Assert.Throws<ShapeException>(() => Jnp.Fmin(F(1, 2), F(1, 2, 3)));
    }
}
