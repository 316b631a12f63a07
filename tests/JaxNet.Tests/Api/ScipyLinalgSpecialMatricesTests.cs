using static JaxNet.Tests.Api.SpectralChecks;
using Linalg = JaxNet.Jax.Scipy.Linalg;

namespace JaxNet.Tests.Api;

/// <summary>
/// Jax.Scipy.Linalg's matrix builders, block_diag, toeplitz and hilbert: SciPy 1.10's matrices, dtypes, JAX's batched
/// toeplitz, gradients (they are linear), Jit and Vmap, and bad input.
/// </summary>
public class ScipyLinalgSpecialMatricesTests
{
    [Fact]
    public void Block_diag_places_the_blocks_as_scipy()
    {
        // A scalar is a 1x1 block, a vector a row; a 2x0 block adds two zero rows.
        var d = Linalg.BlockDiag(Matrix(new double[,] { { 1, 2 }, { 3, 4 } }), Jnp.Array(5.0).Astype(DType.Float64),
            Jnp.Array(new[] { 6.0, 7 }, DType.Float64), Jnp.Zeros([2, 0], DType.Float64));
        Close(Matrix(new double[,]
        {
            { 1, 2, 0, 0, 0 }, { 3, 4, 0, 0, 0 }, { 0, 0, 5, 0, 0 }, { 0, 0, 0, 6, 7 }, { 0, 0, 0, 0, 0 }, { 0, 0, 0, 0, 0 },
        }), d, 0);
        // Integers stay integers; with a float they promote.
        var ints = Linalg.BlockDiag(Jnp.Array(new[,] { { 1, 2 } }), Jnp.Array(new[] { 3 }));
        Assert.Equal(DType.Int32, ints.DType);
        Assert.Equal([1, 2, 0, 0, 0, 3], ints.ToArray<int>());
        Assert.Equal(DType.Float32, Linalg.BlockDiag(Jnp.Array(new[] { 3 }), Jnp.Ones([1, 1])).DType);
        Assert.Equal([1, 0], Linalg.BlockDiag().Shape);
        // Linear: each block's gradient is its part of the weights.
        var weights = Jnp.Arange(12).Reshape(4, 3).Astype(DType.Float64);
        var grads = Jax.Grad((a, b) => Jnp.Sum(Linalg.BlockDiag(a, b) * weights), argnums: [0, 1])(Jnp.Ones([1, 2], DType.Float64), Jnp.Ones([3, 1], DType.Float64));
        Close(weights[..1, ..2], grads[0], 0);
        Close(weights[1.., 2..], grads[1], 0);
        Close(d, Jax.Jit((a, b) => Linalg.BlockDiag(a, b))(d[..2, ..2], d[2.., 2..]), 0);
        Assert.Contains("argument 1", Assert.Throws<ShapeException>(() => Linalg.BlockDiag(Jnp.Ones([1]), Jnp.Ones([1, 1, 1]))).Message);
    }

    [Fact]
    public void Toeplitz_is_scipy_s_and_batches_as_jax()
    {
        var t = Linalg.Toeplitz(Jnp.Array(new[] { 1, 2, 3 }), Jnp.Array(new[] { 1, 4, 5, 6 }));
        Assert.Equal(DType.Int32, t.DType);
        Assert.Equal([3, 4], t.Shape);
        Assert.Equal([1, 4, 5, 6, 2, 1, 4, 5, 3, 2, 1, 4], t.ToArray<int>());
        // r defaults to c (a symmetric matrix); r[0] is never read.
        var c = Jnp.Array(new[] { 1.0, -2, 0.5 }, DType.Float64);
        var s = Linalg.Toeplitz(c);
        Close(s, s.T, 0);
        Close(Matrix(new double[,] { { 1, -2, 0.5 }, { -2, 1, -2 }, { 0.5, -2, 1 } }), s, 0);
        Close(s, Linalg.Toeplitz(c, Jnp.Array(new[] { 99.0, -2, 0.5 }, DType.Float64)), 0);
        // Batches broadcast: columns [2, 3] with one row [2].
        var columns = Matrix(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var batch = Linalg.Toeplitz(columns, Jnp.Array(new[] { 0.0, 9 }, DType.Float64));
        Assert.Equal([2, 3, 2], batch.Shape);
        Close(Matrix(new double[,] { { 4, 9 }, { 5, 4 }, { 6, 5 } }), batch[1], 0);
        Close(batch, Jax.Vmap(col => Linalg.Toeplitz(col, Jnp.Array(new[] { 0.0, 9 }, DType.Float64)))(columns), 0);
        Close(Linalg.Toeplitz(columns), Jax.Jit(col => Linalg.Toeplitz(col))(columns), 0);
        // A gather: the gradient counts where each entry appears (c[0] on the whole diagonal, r[0] nowhere).
        var grads = Jax.Grad((x, y) => Jnp.Sum(Linalg.Toeplitz(x, y)), argnums: [0, 1])(c, Jnp.Array(new[] { 7.0, 8, 9, 10 }, DType.Float64));
        Close([3, 2, 1], grads[0], 0);
        Close([0, 3, 2, 1], grads[1], 0);
        Assert.Equal([1, 1], Linalg.Toeplitz(Jnp.Array(2.0)).Shape);
        Assert.Equal([0, 3], Linalg.Toeplitz(Jnp.Zeros([0]), Jnp.Ones([3])).Shape);
        Assert.Throws<ShapeException>(() => Linalg.Toeplitz(Jnp.Ones([2, 3]), Jnp.Ones([3, 3])));
    }

    [Fact]
    public void Hilbert_is_scipy_s()
    {
        var h = Linalg.Hilbert(3);
        Assert.Equal(DType.Float32, h.DType);
        Close(Matrix(new double[,] { { 1, 0.5, 0.3333333333333333 }, { 0.5, 0.3333333333333333, 0.25 }, { 0.3333333333333333, 0.25, 0.2 } }),
            h.Astype(DType.Float64), 3e-8);
        Assert.Equal([0, 0], Linalg.Hilbert(0).Shape);
        Assert.Throws<ArgumentException>(() => Linalg.Hilbert(-1));
    }
}
