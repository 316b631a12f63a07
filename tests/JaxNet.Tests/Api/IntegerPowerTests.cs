namespace JaxNet.Tests.Api;

/// <summary>
/// Jnp.Power with a constant int exponent is JAX's integer_pow: multiplications, not a pow, so its values, dtype and
/// gradient are those of the product, and integers to negative powers are refused.
/// </summary>
public class IntegerPowerTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(-1)]
    [InlineData(-4)]
    public void Float_powers_match_repeated_multiplication(int n)
    {
        var x = new[] { 1.5f, -0.75f, 2f, -3f };
        var got = Jnp.Power(Jnp.Array(x), n).ToArray<float>();
        for (var i = 0; i < x.Length; i++) Assert.Equal(Math.Pow(x[i], n), got[i], 1e-5 * Math.Max(1, Math.Abs(Math.Pow(x[i], n))));
    }

    [Fact]
    public void It_stages_multiplications_not_a_pow()
    {
        var jaxpr = Jax.MakeJaxpr((NDArray x) => Jnp.Power(x, 5))(Jnp.Array(new[] { 1f, 2f })).Jaxpr;
        var names = jaxpr.Eqns.Select(e => e.Primitive.Name).ToArray();
        Assert.DoesNotContain("pow", names);
        Assert.Equal(3, names.Count(n => n == "mul")); // x^2, x^4, x * x^4
    }

    [Fact]
    public void Its_gradient_is_n_x_to_the_n_minus_one()
    {
        var grad = Jax.Grad((NDArray x) => Jnp.Sum(Jnp.Power(x, 3)));
        var x = new[] { -2f, 0f, 0.5f, 3f };
        var got = grad(Jnp.Array(x)).ToArray<float>();
        for (var i = 0; i < x.Length; i++) Assert.Equal(3 * x[i] * x[i], got[i], 5);
    }

    [Fact]
    public void Integers_stay_exact_and_keep_their_dtype()
    {
        var x = Jnp.Array(new[] { 3, -2, 46341 });
        var y = Jnp.Power(x, 2);
        Assert.Equal(DType.Int32, y.DType);
        // 46341^2 wraps past int32, as NumPy's integer power does.
        Assert.Equal(new[] { 9, 4, unchecked(46341 * 46341) }, y.ToArray<int>());
        Assert.Equal(new[] { 1, 1, 1 }, Jnp.Power(x, 0).ToArray<int>());
    }

    [Fact]
    public void Integers_to_negative_powers_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Jnp.Power(Jnp.Array(new[] { 2, 3 }), -1));
        Assert.Contains("negative integer powers", e.Message);
    }

    [Fact]
    public void NaN_and_zero_follow_the_product()
    {
        var got = Jnp.Power(Jnp.Array(new[] { float.NaN, 0f, -0f }), -1).ToArray<float>();
        Assert.True(float.IsNaN(got[0]));
        Assert.Equal(float.PositiveInfinity, got[1]);
        Assert.Equal(float.NegativeInfinity, got[2]);
        Assert.Equal(new[] { 1f, 1f, 1f }, Jnp.Power(Jnp.Array(new[] { float.NaN, 0f, -0f }), 0).ToArray<float>());
    }
}
