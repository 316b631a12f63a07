using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Api;

/// <summary>
/// lax.select_n, lax.square and lax.integer_pow: values against NumPy-style host references (np.choose for
/// select_n, x * x and x ** n), their gradients, Jit and Vmap, and bad input.
/// </summary>
public class LaxSelectNTests
{
    private static readonly float[] A = [1, 2, 3, 4], B = [10, 20, 30, 40], C = [-1, -2, -3, -4];

    /// <summary>np.choose(which, cases) with which clipped to the cases, as JaxNet's out-of-range rule.</summary>
    private static double[] Choose(int[] which, params float[][] cases) =>
        which.Select((w, i) => (double)cases[Math.Clamp(w, 0, cases.Length - 1)][i]).ToArray();

    [Fact]
    public void Picks_by_an_int32_or_bool_which()
    {
        int[] which = [2, 0, 1, 2];
        Expect.Values(Choose(which, A, B, C), Lax.SelectN(Jnp.Array(which), Jnp.Array(A), Jnp.Array(B), Jnp.Array(C)));
        Expect.Values([10, 2, 30, 4], Lax.SelectN(Jnp.Array(new[] { true, false, true, false }), Jnp.Array(A), Jnp.Array(B)));
        // A scalar which picks whole cases; out of range it takes the nearest.
        Expect.Values(C.Select(v => (double)v).ToArray(), Lax.SelectN(Jnp.Array(7), Jnp.Array(A), Jnp.Array(B), Jnp.Array(C)));
        Expect.Values(A.Select(v => (double)v).ToArray(), Lax.SelectN(Jnp.Array(-3), Jnp.Array(A), Jnp.Array(B), Jnp.Array(C)));
        Expect.Values(A.Select(v => (double)v).ToArray(), Lax.SelectN(Jnp.Array(0), Jnp.Array(A)));
    }

    [Fact]
    public void Each_case_gets_the_cotangent_where_it_was_picked()
    {
        var which = Jnp.Array(new[] { 2, 0, 1, 2 });
        var grads = Jax.Grad((NDArray a, NDArray b, NDArray c) => Jnp.Sum(Lax.SelectN(which, a * a, b, 3f * c)), argnums: [0, 1, 2])(
            Jnp.Array(A), Jnp.Array(B), Jnp.Array(C));
        Expect.Values([0, 4, 0, 0], grads[0]);
        Expect.Values([0, 0, 1, 0], grads[1]);
        Expect.Values([3, 0, 0, 3], grads[2]);
    }

    [Fact]
    public void Jit_and_vmap_agree_with_the_reference()
    {
        int[] which = [1, 0, 2, 1, 0, 0, 2, 2];
        var w = Jnp.Array(which).Reshape(2, 4);
        float[] a2 = [.. A, .. A], b2 = [.. B, .. B], c2 = [.. C, .. C];
        var expected = Choose(which, a2, b2, c2);
        NDArray F(NDArray k, NDArray x) => Lax.SelectN(k, x, 10f * x, -x);
        Expect.Values(expected[..4], Jax.Jit((Func<NDArray, NDArray, NDArray>)F)(w[0], Jnp.Array(A)));
        Expect.Values(expected, Jax.Vmap((Func<NDArray, NDArray, NDArray>)F)(w, Jnp.Array(a2).Reshape(2, 4)), shape: [2, 4]);
    }

    [Fact]
    public void Square_and_integer_pow_match_repeated_products_and_differentiate()
    {
        float[] x = [-1.5f, 0, 2, 3.25f];
        Expect.Values(x.Select(v => (double)v * v).ToArray(), Lax.Square(Jnp.Array(x)));
        Expect.Values(x.Select(v => Math.Pow(v, 3)).ToArray(), Lax.IntegerPow(Jnp.Array(x), 3));
        Expect.Values([1 / 2.25, 1 / 4.0], Lax.IntegerPow(Jnp.Array(new[] { -1.5f, 2 }), -2));
        Expect.Values(x.Select(v => 2.0 * v).ToArray(), Jax.Grad((NDArray v) => Jnp.Sum(Lax.Square(v)))(Jnp.Array(x)));
        Expect.Values(x.Select(v => 3.0 * v * v).ToArray(), Jax.Vmap(Jax.Grad((NDArray v) => Lax.IntegerPow(v, 3)))(Jnp.Array(x)));
        Expect.Values(x.Select(v => (double)v * v).ToArray(), Jax.Jit((NDArray v) => Lax.Square(v))(Jnp.Array(x)));
        Assert.Equal(new[] { 9, 16 }, Lax.Square(Jnp.Array(new[] { 3, -4 })).ToArray<int>());
        Assert.Throws<ArgumentException>(() => Lax.IntegerPow(Jnp.Array(new[] { 2 }), -1));
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        var (a, b) = (Jnp.Array(A), Jnp.Array(B));
        Assert.Contains("bool or int32", Assert.Throws<ShapeException>(() => Lax.SelectN(Jnp.Array(new[] { 0f, 1, 0, 1 }), a, b)).Message);
        Assert.Contains("exactly two", Assert.Throws<ShapeException>(() => Lax.SelectN(Jnp.Array(true), a, b, a)).Message);
        Assert.Contains("one shape and dtype", Assert.Throws<ShapeException>(() => Lax.SelectN(Jnp.Array(0), a, Jnp.Array(new[] { 1f }))).Message);
        Assert.Contains("one shape and dtype", Assert.Throws<ShapeException>(() => Lax.SelectN(Jnp.Array(0), a, Jnp.Array(new[] { 1, 2, 3, 4 }))).Message);
        Assert.Contains("scalar or have", Assert.Throws<ShapeException>(() => Lax.SelectN(Jnp.Array(new[] { 0, 1 }), a, b)).Message);
        Assert.Throws<ArgumentException>(() => Lax.SelectN(Jnp.Array(0)));
    }
}
