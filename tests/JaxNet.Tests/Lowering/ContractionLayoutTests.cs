using JaxNet.Abstractions.Kernels;

namespace JaxNet.Tests.Lowering;

/// <summary>
/// A contraction read through a view that only moves size-1 dimensions, or that swaps the operands' free dimensions,
/// computes the viewed value itself: no copy kernel, and the consumers stay its epilogue. Each case checks the
/// kernel list and the value against eager execution (one kernel per primitive).
/// </summary>
public class ContractionLayoutTests
{
    private static NDArray Matrix(int rows, int cols, int seed)
    {
        var rng = new Random(seed);
        return Jnp.Array(Enumerable.Range(0, rows * cols).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray()).Reshape(rows, cols);
    }

    private static void AssertClose(NDArray expected, NDArray actual)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var e = expected.ToArray<float>();
        var a = actual.ToArray<float>();
        for (var i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - a[i]) <= 1e-5f * Math.Max(1, Math.Abs(e[i])), $"element {i}: eager {e[i]}, jit {a[i]}");
    }

    private static KernelModule Module(Func<NDArray, NDArray, NDArray> f, NDArray x, NDArray y) => Jax.Jit(f).Lower(x, y).Module;

    [Fact]
    public void MatrixVectorProductReadAsAVectorTakesItsActivationAsEpilogue()
    {
        // W @ v[:, None] is [n, 1]; reading it back as [n] used to close the product and copy it.
        static NDArray F(NDArray w, NDArray v) => Jnp.Tanh(Jnp.Reshape(Jnp.Matmul(w, Jnp.Reshape(v, [5, 1])), [7]));
        var (w, v) = (Matrix(7, 5, 1), Matrix(1, 5, 2).Reshape(5));
        var kernel = Assert.IsType<ContractionKernel>(Assert.Single(Module(F, w, v).Kernels));
        Assert.NotNull(kernel.Epilogue);
        AssertClose(F(w, v), Jax.Jit(F)(w, v));
    }

    [Fact]
    public void UnitBatchDimensionRemovedByAReshapeCostsNothing()
    {
        static NDArray F(NDArray a, NDArray b) =>
            Jnp.Reshape(Jax.Lax.DotGeneral(Jnp.Reshape(a, [1, 4, 3]), Jnp.Reshape(b, [1, 3, 6]), ([2], [1]), ([0], [0])), [4, 6]) * 2f;
        var (a, b) = (Matrix(4, 3, 3), Matrix(3, 6, 4));
        var kernel = Assert.IsType<ContractionKernel>(Assert.Single(Module(F, a, b).Kernels));
        Assert.Empty(kernel.Dimensions.LhsBatch);
        AssertClose(F(a, b), Jax.Jit(F)(a, b));
    }

    [Fact]
    public void TransposeThatAlsoMovesUnitDimensionsSwapsTheOperands()
    {
        // [4, 6] -> [4, 1, 6] -> [6, 1, 4]: the rhs's free dimension now comes first, with a unit one in between.
        static NDArray F(NDArray a, NDArray b) => Jnp.Transpose(Jnp.Reshape(Jnp.Matmul(a, b), [4, 1, 6]), [2, 1, 0]) + 1f;
        var (a, b) = (Matrix(4, 3, 5), Matrix(3, 6, 6));
        var kernel = Assert.IsType<ContractionKernel>(Assert.Single(Module(F, a, b).Kernels));
        Assert.Equal([6, 1, 4], kernel.OutputShape);
        AssertClose(F(a, b), Jax.Jit(F)(a, b));
    }

    [Fact]
    public void BatchedProductWithUnitDimensionsInsertedKeepsTheBatchFirst()
    {
        static NDArray F(NDArray a, NDArray b) =>
            Jnp.Reshape(Jnp.Matmul(Jnp.Reshape(a, [2, 3, 4]), Jnp.Reshape(b, [2, 4, 5])), [1, 2, 3, 1, 5, 1]) - 0.5f;
        var (a, b) = (Matrix(6, 4, 7), Matrix(8, 5, 8));
        var kernel = Assert.IsType<ContractionKernel>(Assert.Single(Module(F, a, b).Kernels));
        Assert.Equal([1, 2, 3, 1, 5, 1], kernel.OutputShape);
        AssertClose(F(a, b), Jax.Jit(F)(a, b));
    }

    [Fact]
    public void PermutationMixingTheOperandsDimensionsStillCopies()
    {
        // [2, 3, 5] (batch, lhs free, rhs free) read as [3, 2, 5] is neither order: the product goes to memory first.
        static NDArray F(NDArray a, NDArray b) =>
            Jnp.Transpose(Jnp.Matmul(Jnp.Reshape(a, [2, 3, 4]), Jnp.Reshape(b, [2, 4, 5])), [1, 0, 2]);
        var (a, b) = (Matrix(6, 4, 9), Matrix(8, 5, 10));
        var kernels = Module(F, a, b).Kernels;
        Assert.Equal(2, kernels.Count);
        AssertClose(F(a, b), Jax.Jit(F)(a, b));
    }
}
