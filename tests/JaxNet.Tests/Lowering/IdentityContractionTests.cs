using JaxNet.Abstractions.Kernels;

namespace JaxNet.Tests.Lowering;

/// <summary>
/// JacFwd pushes an eq(iota, iota) identity through each linear map; the simplifier replaces a product with it by
/// the other operand moved into place. Each case checks that no contraction is left where one should not be, and
/// the value against a closed form.
/// </summary>
public class IdentityContractionTests
{
    private static NDArray Matrix(int rows, int cols, int seed)
    {
        var rng = new Random(seed);
        return Jnp.Array(Enumerable.Range(0, rows * cols).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray()).Reshape(rows, cols);
    }

    private static int Contractions(KernelModule module) => module.Kernels.Count(k => k is ContractionKernel);

    [Fact]
    public void JacobianOfALinearMapIsItsMatrixWithoutAProduct()
    {
        var w = Matrix(6, 4, 1);
        var jac = Jax.Jit(Jax.JacFwd((NDArray x) => Jnp.Matmul(w, x)));
        var x = Matrix(1, 4, 2).Reshape(4);
        Assert.Equal(0, Contractions(jac.Lower(x).Module));
        Assert.Equal(w.ToArray<float>(), jac(x).ToArray<float>());
    }

    [Fact]
    public void IdentityOnTheLeftGivesTheTransposedOperand()
    {
        // x @ W: the tangent basis is the lhs, and the Jacobian d(x W)_j / dx_i = W[i, j] comes out as W^T.
        var w = Matrix(4, 3, 3);
        var jac = Jax.Jit(Jax.JacFwd((NDArray x) => Jnp.Matmul(x, w)));
        var x = Matrix(1, 4, 4).Reshape(4);
        Assert.Equal(0, Contractions(jac.Lower(x).Module));
        Assert.Equal(w.T.ToArray<float>(), jac(x).ToArray<float>());
    }

    [Fact]
    public void HessianKeepsOnlyTheProductsOfTheFunction()
    {
        var w = Matrix(8, 8, 5);
        Func<NDArray, NDArray> f = x => Jnp.Sum(Jnp.Tanh(Jnp.Matmul(w, x)));
        var hessian = Jax.Jit(Jax.Hessian(f));
        var x = Matrix(1, 8, 6).Reshape(8);
        Assert.Equal(2, Contractions(hessian.Lower(x).Module));
        var t = Jnp.Tanh(Jnp.Matmul(w, x));
        var expected = Jnp.Matmul(w.T * (-2f * t * (1f - t * t)), w).ToArray<float>();
        var actual = hessian(x).ToArray<float>();
        for (var i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-5f, $"element {i}");
    }

    [Fact]
    public void InfinityInTheMatrixStaysWhereItIs()
    {
        // The product would spread inf * 0 = NaN along the row; the Jacobian of x -> W x is W, inf included.
        var w = Jnp.Array(new float[,] { { 1, float.PositiveInfinity }, { 3, 4 } });
        var jac = Jax.Jit(Jax.JacFwd((NDArray x) => Jnp.Matmul(w, x)));
        Assert.Equal(new float[] { 1, float.PositiveInfinity, 3, 4 }, jac(Jnp.Array(new float[] { 1, 1 })).ToArray<float>());
    }

    [Fact]
    public void IdentityContractedOnBothAxesIsStillATrace()
    {
        static NDArray Trace(NDArray a) => Jnp.Einsum("ij,ij->", a, Jnp.Eye(5));
        var a = Matrix(5, 5, 7);
        var got = Jax.Jit((Func<NDArray, NDArray>)Trace)(a).Item<float>();
        var m = a.ToArray<float>();
        Assert.Equal(Enumerable.Range(0, 5).Sum(i => m[i * 5 + i]), got, 5);
    }

    [Fact]
    public void BatchedJacobiansKeepTheirProduct()
    {
        // vmap over jacfwd gives a batched identity product, which the rewrite leaves alone; the value is still W.
        var w = Matrix(3, 4, 8);
        var jac = Jax.Jit(Jax.Vmap(Jax.JacFwd((NDArray x) => Jnp.Matmul(w, x))));
        var xs = Matrix(2, 4, 9);
        var result = jac(xs).ToArray<float>();
        var expected = w.ToArray<float>();
        Assert.Equal(expected.Concat(expected), result);
    }

    [Fact]
    public void IdentityInFloat64AndIntegerProductsIsExact()
    {
        // An integer identity built in the traced program: the product is exact either way, and must stay so.
        var w = Jnp.Array(new long[,] { { 1, -2, 3 }, { 4, long.MaxValue, -6 } });
        static NDArray Identity(int n) =>
            Jax.Lax.ConvertElementType(Jax.Lax.Eq(Jax.Lax.BroadcastedIota(DType.Int32, [n, n], 0), Jax.Lax.BroadcastedIota(DType.Int32, [n, n], 1)), DType.Int64);
        var f = Jax.Jit((NDArray x) => Jnp.Matmul(x, Identity(3)));
        Assert.Equal(0, Contractions(f.Lower(w).Module));
        Assert.Equal(w.ToArray<long>(), f(w).ToArray<long>());
        var d = Matrix(2, 3, 10).Astype(DType.Float64);
        var jac = Jax.Jit(Jax.JacFwd((NDArray x) => Jnp.Matmul(d, x)));
        Assert.Equal(d.ToArray<double>(), jac(Jnp.Zeros([3], DType.Float64)).ToArray<double>());
    }
}
