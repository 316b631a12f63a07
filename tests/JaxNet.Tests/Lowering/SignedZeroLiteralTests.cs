using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Lowering;

/// <summary>
/// Literals and parameters that differ only in the sign of zero are different values: common-subexpression
/// elimination, the eager constant cache and view composition must not merge them (1 / -0.0 is -inf, 1 / 0.0 is
/// +inf). Found by the random-program differential tester.
/// </summary>
public class SignedZeroLiteralTests
{
    private static NDArray Literal(double value) => Lax.ConvertElementType(Jnp.Scalar(value), DType.Float32);

    /// <summary>Eagerly and under Jit.</summary>
    private static void BothWays(Func<NDArray, NDArray> f, NDArray x, float[] expected)
    {
        Assert.Equal(expected, f(x).ToArray<float>());
        Assert.Equal(expected, Jax.Jit(f)(x).ToArray<float>());
    }

    [Fact]
    public void Products_with_minus_zero_and_zero_stay_apart()
    {
        var one = Jnp.Array(new[] { 1f });
        BothWays(x => Lax.Concatenate([1f / Lax.Mul(x, Literal(-0.0)), 1f / Lax.Mul(x, Literal(0.0))], 0), one,
            [float.NegativeInfinity, float.PositiveInfinity]);
        BothWays(x => Lax.Concatenate([1f / Lax.Mul(x, Literal(0.0)), 1f / Lax.Mul(x, Literal(-0.0))], 0), one,
            [float.PositiveInfinity, float.NegativeInfinity]);
    }

    [Fact]
    public void Sums_with_minus_zero_and_zero_stay_apart()
    {
        // -0 + -0 = -0, -0 + 0 = +0.
        var minusZero = Jnp.Array(new[] { -0f });
        BothWays(x => Lax.Concatenate([1f / Lax.Add(x, Literal(-0.0)), 1f / Lax.Add(x, Literal(0.0))], 0), minusZero,
            [float.NegativeInfinity, float.PositiveInfinity]);
    }

    [Fact]
    public void Pads_with_minus_zero_and_zero_stay_apart()
    {
        var one = Jnp.Array(new[] { 1f });
        BothWays(x => Lax.Concatenate([1f / Lax.Pad(x, -0.0, [(1, 0, 0)]), 1f / Lax.Pad(x, 0.0, [(1, 0, 0)])], 0), one,
            [float.NegativeInfinity, 1, float.PositiveInfinity, 1]);
        // A pad of a pad composes into one view only when both pad with the same bits.
        BothWays(x => 1f / Lax.Pad(Lax.Pad(x, -0.0, [(1, 0, 0)]), 0.0, [(1, 0, 0)]), one, [float.PositiveInfinity, float.NegativeInfinity, 1]);
    }
}
