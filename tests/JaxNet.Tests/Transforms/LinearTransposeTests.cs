namespace JaxNet.Tests.Transforms;

/// <summary>jax.linear_transpose: transposes of matrix products, sums, slices and pairs of arguments; constants
/// computed once; non-linear functions, integer arguments and mismatched cotangents refused.</summary>
public class LinearTransposeTests
{
    private static readonly NDArray A = Jnp.Array(new float[] { 1, 2, 3, 4, 5, 6 }).Reshape([2, 3]);

    [Fact]
    public void TheTransposeOfAMatrixProductMultipliesByTheTransposedMatrix()
    {
        var transpose = Jax.LinearTranspose(x => Jnp.Matmul(A, x), Jnp.Zeros([3]));
        // A^T [1, -1] = [1 - 4, 2 - 5, 3 - 6].
        Assert.Equal(new float[] { -3, -3, -3 }, transpose(Jnp.Array(new float[] { 1, -1 })).ToArray<float>());
    }

    [Fact]
    public void SumsSlicesAndScalesTransposeToBroadcastsPadsAndScales()
    {
        // f(x) = 2 * sum(x[1:]) + x[0] * sin(1) (a constant coefficient, computed when f is traced).
        var transpose = Jax.LinearTranspose(x => 2f * Jnp.Sum(x[IndexItem.Slice(1, null)]) + x[0] * Jnp.Sin(Jnp.Array(1f)), Jnp.Zeros([4]));
        var ct = transpose(Jnp.Array(3f)).ToArray<float>();
        Assert.Equal(3 * MathF.Sin(1), ct[0], 5);
        Assert.Equal(new float[] { 6, 6, 6 }, ct[1..]);
    }

    [Fact]
    public void TwoArgumentsGetACotangentEach()
    {
        var transpose = Jax.LinearTranspose((x, y) => x - 3f * y, Jnp.Zeros([2]), Jnp.Zeros([2]));
        var cts = transpose(Jnp.Array(new float[] { 1, 2 }));
        Assert.Equal(new float[] { 1, 2 }, cts[0].ToArray<float>());
        Assert.Equal(new float[] { -3, -6 }, cts[1].ToArray<float>());
        // An argument the function ignores gets zeros of its shape.
        var ignoring = Jax.LinearTransposeN(a => [a[0] * 2f], [Jnp.Zeros([2]), Jnp.Zeros([3, 1])]);
        Assert.Equal(new float[3], ignoring([Jnp.Ones([2])])[1].ToArray<float>());
    }

    [Fact]
    public void TheTransposeIsTheVjpOfALinearFunction()
    {
        Func<NDArray, NDArray> f = x => Jnp.Cumsum(Jnp.Flip(x)) * 0.5f;
        var x = Jnp.Array(new float[] { 1, -2, 3, 4, 5 });
        var ct = Jnp.Array(new float[] { 0.5f, 1, -1, 2, 3 });
        var (_, pullback) = Jax.Vjp(f, x);
        Assert.Equal(pullback(ct).ToArray<float>(), Jax.LinearTranspose(f, x)(ct).ToArray<float>());
        // Under Jit, the transpose is traced like any function.
        Assert.Equal(pullback(ct).ToArray<float>(), Jax.Jit(Jax.LinearTranspose(f, x))(ct).ToArray<float>());
    }

    [Fact]
    public void NonLinearFunctionsIntegerArgumentsAndBadCotangentsAreRefused()
    {
        var sine = Jax.LinearTranspose(Jnp.Sin, Jnp.Zeros([2]));
        Assert.Contains("sin", Assert.ThrowsAny<Exception>(() => sine(Jnp.Ones([2]))).Message);
        var square = Jax.LinearTranspose(x => x * x, Jnp.Zeros([2]));
        Assert.Contains("not linear", Assert.ThrowsAny<Exception>(() => square(Jnp.Ones([2]))).Message);
        Assert.Throws<ArgumentException>(() => Jax.LinearTranspose(x => x * 2, Jnp.Arange(3)));
        var transpose = Jax.LinearTranspose(x => Jnp.Matmul(A, x), Jnp.Zeros([3]));
        Assert.Throws<ShapeException>(() => transpose(Jnp.Ones([3])));
        Assert.Throws<ShapeException>(() => transpose(Jnp.Ones([2], DType.Float64)));
        Assert.Throws<ArgumentException>(() => Jax.LinearTransposeN(a => [a[0]], [Jnp.Zeros([2])])([Jnp.Ones([2]), Jnp.Ones([2])]));
    }
}
