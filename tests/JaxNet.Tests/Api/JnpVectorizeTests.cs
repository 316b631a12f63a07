using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>jnp.vectorize with and without a signature; expected values from NumPy 1.24's np.vectorize of the same
/// functions (which are simple enough to check by hand: dot products, row sums, elementwise branches).</summary>
public class JnpVectorizeTests
{
    [Fact]
    public void ElementwiseFunctionsBroadcast()
    {
        // A function written for scalars, with a data-dependent choice it could only make through Where.
        var clipDiff = Jnp.Vectorize((NDArray a, NDArray b) => Jnp.Where(a > b, a - b, Jnp.ZerosLike(a - b)));
        Values([0, 1, 0, 2, 0, 3], clipDiff(Jnp.Array(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } }), F(2, 1, 4, 2, 5, 3).Reshape(2, 3)), shape: [2, 3]);
        Values([0, 0, 0, 1, 0, 0], clipDiff(Jnp.Array(new float[,] { { 1 }, { 3 } }), F(2, 3, 4)), shape: [2, 3]);
        // A scalar function of a scalar stays a scalar.
        Values([4], Jnp.Vectorize((NDArray a) => a * a)(Jnp.Array(2f)), shape: []);
    }

    [Fact]
    public void SignatureSelectsCoreDimensions()
    {
        var dot = Jnp.Vectorize((NDArray a, NDArray b) => Jnp.Sum(a * b), "(n),(n)->()");
        var m = Jnp.Array(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Values([14, 32], dot(m, F(1, 2, 3)), shape: [2]);
        Values([20, 47], Jax.Jit(dot)(m, F(2, 3, 4)));
        // "(m,n)->(n)": column sums of each matrix in a batch.
        var colSums = Jnp.Vectorize((NDArray a) => Jnp.Sum(a, axis: 0), "(m,n)->(n)");
        Values([5, 7, 9, 5, 7, 9], colSums(Jnp.Stack([m, m])), shape: [2, 3]);
        // The gradient passes through the vmapped function.
        Values([2, 4, 6, 8, 10, 12], Jax.Grad((NDArray x) => Jnp.Sum(dot(x, x)))(m), shape: [2, 3]);
    }

    [Fact]
    public void SeveralOutputsEachGetTheLoopDimensions()
    {
        // "(n)->(),(n)": a norm and the normalized vector, row by row.
        var normalize = Jnp.Vectorize((NDArray[] a) =>
        {
            var norm = Jnp.Sqrt(Jnp.Sum(a[0] * a[0]));
            return new[] { norm, a[0] / norm };
        }, "(n)->(),(n)");
        var m = Jnp.Array(new float[,] { { 3, 4 }, { 6, 8 } });
        var outs = normalize([m]);
        Values([5, 10], outs[0], shape: [2]);
        Values([0.6, 0.8, 0.6, 0.8], outs[1], shape: [2, 2]);
        var jitted = Jax.Jit((NDArray x) => normalize([x])[1]);
        Values([0.6, 0.8, 0.6, 0.8], jitted(m), shape: [2, 2]);
        // Without a signature every output is elementwise, broadcast over the inputs.
        var pair = Jnp.Vectorize((NDArray[] a) => new[] { a[0] + a[1], a[0] * a[1] })([F(1, 2, 3), Jnp.Array(2f)]);
        Values([3, 4, 5], pair[0], shape: [3]);
        Values([2, 4, 6], pair[1], shape: [3]);
        // The function must return what the signature promises.
        Assert.Throws<ShapeException>(() => Jnp.Vectorize((NDArray[] a) => new[] { a[0] }, "(n)->(),(n)")([m]));
        Assert.Throws<ShapeException>(() => Jnp.Vectorize((NDArray[] a) => new[] { a[0], a[0] }, "(n)->(),(n)")([m]));
        Assert.Throws<ShapeException>(() => Jnp.Vectorize((NDArray[] a) => new[] { Jnp.Sum(a[0]), Jnp.Zeros([3]) }, "(n)->(),(n)")([m]));
    }

    [Fact]
    public void BadSignaturesAndShapesAreRefused()
    {
        var dot = Jnp.Vectorize((NDArray a, NDArray b) => Jnp.Sum(a * b), "(n),(n)->()");
        Assert.Throws<ShapeException>(() => dot(F(1, 2, 3), F(1, 2)));
        Assert.Throws<ShapeException>(() => dot(Jnp.Array(1f), F(1, 2)));
        Assert.Throws<ShapeException>(() => dot(Jnp.Zeros([2, 3]), Jnp.Zeros([4, 3])));
        Assert.Throws<ArgumentException>(() => Jnp.Vectorize((NDArray a) => a, "(n)->(n),(n)"));
        Assert.Throws<ArgumentException>(() => Jnp.Vectorize((NDArray a) => a, "n->n"));
        Assert.Throws<ArgumentException>(() => Jnp.Vectorize((NDArray a) => a, "(n),(n)->(n)")(F(1)));
        // The function's output must have the rank the signature promises.
        Assert.Throws<ShapeException>(() => Jnp.Vectorize((NDArray a) => a, "(n)->()")(Jnp.Zeros([2, 3])));
        // Empty loop dimensions give empty results.
        Values([], dot(Jnp.Zeros([0, 3]), F(1, 2, 3)), shape: [0]);
    }
}
