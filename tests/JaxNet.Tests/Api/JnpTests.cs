namespace JaxNet.Tests.Api;

/// <summary>Jnp functions against hand-computed or NumPy-documented values.</summary>
public class JnpTests
{
    private static NDArray F(params float[] v) => Jnp.Array(v);

    private static void Close(float[] expected, NDArray actual, int digits = 5)
    {
        var a = actual.ToArray<float>();
        Assert.Equal(expected.Length, a.Length);
        for (var i = 0; i < a.Length; i++) Assert.Equal(expected[i], a[i], digits);
    }

    [Fact]
    public void Creation()
    {
        Assert.Equal(new float[] { 0, 0, 0, 0, 0, 0 }, Jnp.Zeros([2, 3]).ToArray<float>());
        Assert.Equal(new[] { 2, 3 }, Jnp.Zeros([2, 3]).Shape);
        Assert.Equal(new float[] { 7, 7 }, Jnp.Full([2], 7f).ToArray<float>());
        Assert.Equal(new[] { 0, 1, 2, 3 }, Jnp.Arange(4).ToArray<int>());
        Assert.Equal(new[] { 2, 5, 8 }, Jnp.Arange(2, 10, 3).ToArray<int>());
        Close([0, 0.25f, 0.5f, 0.75f, 1], Jnp.Linspace(0, 1, 5));
        Assert.Equal(new float[] { 1, 0, 0, 1 }, Jnp.Eye(2).ToArray<float>());
        Assert.Equal(new float[] { 0, 1, 0, 0, 0, 1 }, Jnp.Eye(2, 3, k: 1).ToArray<float>());
        Assert.Equal(new float[] { 1, 1, 1 }, Jnp.OnesLike(F(4, 5, 6)).ToArray<float>());
        Assert.Equal(new float[] { 0, 0 }, Jnp.ZerosLike(F(4, 5)).ToArray<float>());
        Assert.Equal(new float[] { 3, 3 }, Jnp.FullLike(F(4, 5), 3f).ToArray<float>());
    }

    [Fact]
    public void ElementwiseMath()
    {
        Close([1, MathF.E, 1 / MathF.E], Jnp.Exp(F(0, 1, -1)));
        Close([0, 1, 2], Jnp.Log(F(1, MathF.E, MathF.E * MathF.E)));
        Close([0, 0.5f], Jnp.Sin(F(0, MathF.PI / 6)));
        Close([1, 0.5f], Jnp.Cos(F(0, MathF.PI / 3)));
        Close([0, 1], Jnp.Tan(F(0, MathF.PI / 4)));
        Close([0, 0.7615942f], Jnp.Tanh(F(0, 1)));
        Close([2, 3], Jnp.Sqrt(F(4, 9)));
        Close([0.5f], Jax.Lax.Rsqrt(F(4)));
        Close([4, 9], Jnp.Square(F(-2, 3)));
        Close([2, 0], Jnp.Abs(F(-2, 0)));
        Close([-1, 0, 1], Jnp.Sign(F(-3, 0, 5)));
        Close([-2, 1], Jnp.Floor(F(-1.5f, 1.5f)));
        Close([-1, 2], Jnp.Ceil(F(-1.5f, 1.5f)));
        Close([0, 2, 2, -2], Jnp.Round(F(0.5f, 1.5f, 2.5f, -2.5f)));
        Close([MathF.PI / 2, 0], Jnp.Arcsin(F(1, 0)));
        Close([MathF.PI / 4], Jnp.Arctan(F(1)));
        Close([MathF.PI / 4, 3 * MathF.PI / 4], Jnp.Arctan2(F(1, 1), F(1, -1)));
        Close([MathF.Log(2)], Jnp.Log1p(F(1)));
        Close([MathF.E - 1], Jnp.Expm1(F(1)));
        Close([1.1752012f], Jnp.Sinh(F(1)));
        Close([1.5430806f], Jnp.Cosh(F(1)));
        Close([8, 1], Jnp.Power(F(2, 5), F(3, 0)));
        Assert.Equal(new[] { 8, 1 }, Jnp.Power(Jnp.Array(new[] { 2, 5 }), Jnp.Array(new[] { 3, 0 })).ToArray<int>());
        Close([0.125f, 0.008f], Jnp.Power(F(2, 5), -3));
        Close([1, 1, 1], Jnp.Power(F(float.NaN, 0, -2), 0));
        Close([3, 5], Jnp.Maximum(F(1, 5), F(3, 2)));
        Close([1, 2], Jnp.Minimum(F(1, 5), F(3, 2)));
        Close([0, 1, 2], Jnp.Clip(F(-1, 1, 5), 0f, 2f));
        Close([1, -2], Jnp.Where(Jnp.Array(new[] { true, false }), F(1, 1), F(-2, -2)));
        Assert.Equal(new[] { false, true, false }, Jnp.IsNan(F(1, float.NaN, float.PositiveInfinity)).ToArray<bool>());
        Assert.Equal(new[] { true, false, false }, Jnp.IsFinite(F(1, float.NaN, float.PositiveInfinity)).ToArray<bool>());
        Assert.Equal(new[] { -4, 3 }, Jnp.FloorDivide(Jnp.Array(new[] { -7, 7 }), 2).ToArray<int>());
        Assert.Equal(new[] { 1, 1 }, Jnp.Remainder(Jnp.Array(new[] { -7, 7 }), 2).ToArray<int>());
        Close([MathF.Log(3)], Jnp.Logaddexp(F(MathF.Log(1)), F(MathF.Log(2))));
        // Infinities of one sign stay infinite, as in JAX (max + log1p(exp(-|a - b|)) alone gives NaN there).
        var inf = float.PositiveInfinity;
        Assert.Equal(new[] { -inf, inf, 2, inf, float.NaN }, Jnp.Logaddexp(F(-inf, inf, -inf, inf, float.NaN), F(-inf, inf, 2, -inf, 1)).ToArray<float>());
        Close([5], Jnp.Hypot(F(3), F(4)));
    }

    [Fact]
    public void Reductions()
    {
        var m = Jnp.Array(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Assert.Equal(21f, (float)Jnp.Sum(m));
        Close([5, 7, 9], Jnp.Sum(m, 0));
        Assert.Equal(new[] { 2, 1 }, Jnp.Sum(m, 1, keepdims: true).Shape);
        Close([2, 5], Jnp.Mean(m, 1));
        Close([3, 6], Jnp.Max(m, 1));
        Close([1, 2, 3], Jnp.Min(m, 0));
        Assert.Equal(720f, (float)Jnp.Prod(m));
        Assert.Equal(5, (int)Jnp.Argmax(m));
        Assert.Equal(new[] { 0, 0 }, Jnp.Argmin(m, 1).ToArray<int>());
        Close([2.9166667f], Jnp.Var(m).Reshape(1));
        Close([MathF.Sqrt(2.9166667f)], Jnp.Std(m).Reshape(1));
        Assert.False((bool)Jnp.All(m > 1f));
        Assert.True((bool)Jnp.Any(m > 5f));
        Assert.Equal(3, (int)Jnp.Sum(Jnp.Array(new[] { true, true, true })));
    }

    [Fact]
    public void ShapeOps()
    {
        var m = Jnp.Arange(6).Reshape(2, 3);
        Assert.Equal(new[] { 3, 2 }, Jnp.Transpose(m).Shape);
        Assert.Equal(new[] { 0, 3, 1, 4, 2, 5 }, Jnp.Swapaxes(m, 0, 1).ToArray<int>());
        Assert.Equal(new[] { 2, 1, 3 }, Jnp.ExpandDims(m, 1).Shape);
        Assert.Equal(new[] { 3 }, Jnp.Squeeze(Jnp.Ones([1, 3, 1])).Shape);
        Assert.Equal(new[] { 0, 1, 2, 3, 4, 5, 0, 1, 2 }, Jnp.Concatenate([Jnp.Ravel(m), Jnp.Arange(3)]).ToArray<int>());
        Assert.Equal(new[] { 2, 2, 3 }, Jnp.Stack([m, m]).Shape);
        Assert.Equal(new[] { 0, 10, 1, 11, 2, 12 }, Jnp.Stack([Jnp.Arange(3), Jnp.Arange(3) + 10], 1).ToArray<int>());
        var parts = Jnp.Split(Jnp.Arange(6), 3);
        Assert.Equal(new[] { 2, 3 }, parts[1].ToArray<int>());
        Assert.Equal(new[] { 0, 1, 0, 1, 0, 1 }, Jnp.Tile(Jnp.Arange(2), 3).ToArray<int>());
        Assert.Equal(new[] { 0, 0, 1, 1 }, Jnp.Repeat(Jnp.Arange(2), 2).ToArray<int>());
        Assert.Equal(new[] { 9, 0, 1, 9 }, Jnp.Pad(Jnp.Arange(2), 1, 9).ToArray<int>());
        Assert.Equal(new[] { 2, 1, 0 }, Jnp.Flip(Jnp.Arange(3)).ToArray<int>());
        Assert.Equal(new[] { 4, 0, 1, 2, 3 }, Jnp.Roll(Jnp.Arange(5), 1).ToArray<int>());
        Assert.Equal(new[] { 5, 3, 4 }, Jnp.Take(Jnp.Arange(6), Jnp.Array(new[] { 5, 3, -2 })).ToArray<int>());
        Assert.Equal(new[] { 2, 3 }, Jnp.TakeAlongAxis(m, Jnp.Array(new[,] { { 2 }, { 0 } }), 1).ToArray<int>());
        Assert.Equal(new[] { 9, 0, 9, 1, 9, 2, 9 }, Jax.Lax.Pad(Jnp.Arange(3), 9, [(1, 1, 1)]).ToArray<int>());
        Assert.Equal(new[] { 9, 9, 1, 9, 9, 2 }, Jax.Lax.Pad(Jnp.Arange(3), 9, [(-1, 0, 2)]).ToArray<int>());
    }

    [Fact]
    public void LinearAlgebra()
    {
        var a = Jnp.Array(new float[,] { { 1, 2 }, { 3, 4 } });
        var b = Jnp.Array(new float[,] { { 5, 6 }, { 7, 8 } });
        Close([19, 22, 43, 50], Jnp.Dot(a, b));
        Close([19, 22, 43, 50], Jnp.Matmul(a, b));
        Close([5, 11], Jnp.Matmul(a, F(1, 2)));
        Assert.Equal(11f, (float)Jnp.Dot(F(1, 2), F(3, 4)));
        Close([3, 4, 6, 8], Jnp.Outer(F(1, 2), F(3, 4)));
        Close([19, 22, 43, 50], Jnp.Einsum("ij,jk->ik", a, b));
        Close([1, 3, 2, 4], Jnp.Einsum("ij->ji", a));
        // Repeated labels read diagonals: trace, diagonal, and a diagonal inside a contraction (numpy's results).
        Close([5], Jnp.Einsum("ii->", a).Reshape(1));
        Close([5], Jnp.Einsum("ii", a).Reshape(1));
        Close([1, 4], Jnp.Einsum("ii->i", a));
        Close([1 * 5 + 4 * 7, 1 * 6 + 4 * 8], Jnp.Einsum("ii,ij->j", a, b));
        Close([0 + 2 + 5 + 7], Jnp.Einsum("iji->", Jnp.Arange(8).Astype(DType.Float32).Reshape([2, 2, 2])).Reshape(1));
        Assert.Throws<ShapeException>(() => Jnp.Einsum("ii", Jnp.Ones([2, 3])));
        Close([134], Jnp.Einsum("ij,jk,kl->", a, b, Jnp.Ones([2, 1])).Reshape(1));
        Close([1, 0, 3, 4], Jnp.Tril(a));
        Close([1, 2, 0, 4], Jnp.Triu(a));
        Assert.Equal(5f, (float)Jnp.Trace(a));
        var batched = Jnp.Matmul(Jnp.Stack([a, b]), a);
        Close([7, 10, 15, 22, 23, 34, 31, 46], batched);
    }

    [Fact]
    public void ScansAndSorting()
    {
        Assert.Equal(new[] { 1, 3, 6 }, Jnp.Cumsum(Jnp.Array(new[] { 1, 2, 3 })).ToArray<int>());
        Assert.Equal(new[] { 1, 2, 6 }, Jnp.Cumprod(Jnp.Array(new[] { 1, 2, 3 })).ToArray<int>());
        Close([1, 2, 3, float.NaN], Jnp.Sort(F(3, float.NaN, 1, 2)));
        Assert.Equal(new[] { 2, 0, 1 }, Jnp.Argsort(F(5, 9, 1)).ToArray<int>());
        Assert.True(Jnp.Allclose(F(1, 2), F(1, 2.000001f)));
        Assert.False(Jnp.Allclose(F(1, 2), F(1, 2.1f)));
    }

    [Fact]
    public void SortsCompareNegativeZeroEqualToZero()
    {
        // NumPy 1.24 and JAX: a stable argsort of [0, -0, 1, -0, 0] is [0, 1, 3, 4, 2]; sorted values keep their signs.
        var x = F(0f, -0f, 1f, -0f, 0f);
        Assert.Equal(new[] { 0, 1, 3, 4, 2 }, Jnp.Argsort(x).ToArray<int>());
        Assert.Equal(new[] { 0, 1, 3, 4, 2 }, Jax.Jit(v => Jnp.Argsort(v))(x).ToArray<int>());
        Assert.Equal(new[] { false, true, true, false, false }, Jnp.Sort(x).ToArray<float>().Select(float.IsNegative).ToArray());
        Assert.Equal(new[] { 0, 1, 3, 4, 2, 2, 0, 1, 3, 4 }, Jax.Vmap(v => Jnp.Argsort(v))(Jnp.Stack([x, -x])).ToArray<int>());
        Assert.Equal(new[] { 0, 1 }, Jnp.Lexsort([F(-0f, 0f), F(0f, -0f)]).ToArray<int>());
        // The gradient follows the same order: d/dx sum(sort(x) * w) puts w[i] at the position sorted to i.
        Close([1, 2, 5, 3, 4], Jax.Grad(v => Jnp.Sum(Jnp.Sort(v) * F(1, 2, 3, 4, 5)))(x));
    }

    [Fact]
    public void NeuralNetworkHelpers()
    {
        Close([0, 2], Jax.Nn.Relu(F(-1, 2)));
        Close([0.5f], Jax.Nn.Sigmoid(F(0)));
        Close([0.09003057f, 0.24472848f, 0.66524094f], Jax.Nn.Softmax(F(1, 2, 3)));
        Close([-2.4076059f, -1.4076059f, -0.4076059f], Jax.Nn.LogSoftmax(F(1, 2, 3)));
        Assert.Equal(3.4076059f, (float)Jax.Nn.Logsumexp(F(1, 2, 3)), 5);
        Close([0, 1, 0, 0, 0, 1], Jax.Nn.OneHot(Jnp.Array(new[] { 1, 2 }), 3));
        Close([MathF.Log(2)], Jax.Nn.Softplus(F(0)));
    }
}
