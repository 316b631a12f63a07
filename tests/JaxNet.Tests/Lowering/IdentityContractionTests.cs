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

    private static NDArray Identity(int n, DType dtype) =>
        Jax.Lax.ConvertElementType(Jax.Lax.Eq(Jax.Lax.BroadcastedIota(DType.Int32, [n, n], 0), Jax.Lax.BroadcastedIota(DType.Int32, [n, n], 1)), dtype);

    [Fact]
    public void ReverseJacobianScalesRowsInsteadOfMultiplyingByADiagonal()
    {
        // JacRev pulls the basis back through tanh first: diag(1 - t^2) @ W, which is (1 - t^2)[:, None] * W.
        var w = Matrix(6, 4, 11);
        var jac = Jax.Jit(Jax.JacRev((NDArray x) => Jnp.Tanh(Jnp.Matmul(w, x))));
        var x = Matrix(1, 4, 12).Reshape(4);
        Assert.Equal(1, Contractions(jac.Lower(x).Module));
        var t = Jnp.Tanh(Jnp.Matmul(w, x));
        var expected = ((1f - t * t)[.., IndexItem.NewAxis] * w).ToArray<float>();
        var actual = jac(x).ToArray<float>();
        for (var i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-6f, $"element {i}");
    }

    [Fact]
    public void ScalarTimesIdentityIsTheOperandScaled()
    {
        var w = Matrix(5, 3, 13);
        var jac = Jax.Jit(Jax.JacRev((NDArray x) => 3f * Jnp.Matmul(w, x)));
        var x = Matrix(1, 3, 14).Reshape(3);
        Assert.Equal(0, Contractions(jac.Lower(x).Module));
        Assert.Equal((3f * w).ToArray<float>(), jac(x).ToArray<float>());
    }

    [Fact]
    public void DiagonalOnEitherAxisAndEitherSideMatchesTheDenseProduct()
    {
        // diag(s) @ W and W @ diag(s), with s broadcast along the identity's first or second axis: on the diagonal
        // both read s[i]. The products are exact (one non-zero term), so the values must match bit for bit.
        var s = Matrix(1, 4, 15).Reshape(4);
        var w = Matrix(4, 4, 16);
        var left0 = Jax.Jit((NDArray d, NDArray m) => Jnp.Matmul(Identity(4, DType.Float32) * d[.., IndexItem.NewAxis], m));
        var left1 = Jax.Jit((NDArray d, NDArray m) => Jnp.Matmul(Identity(4, DType.Float32) * d[IndexItem.NewAxis, ..], m));
        var right = Jax.Jit((NDArray d, NDArray m) => Jnp.Matmul(m, d[IndexItem.NewAxis, ..] * Identity(4, DType.Float32)));
        foreach (var f in new[] { left0, left1 }) Assert.Equal(0, Contractions(f.Lower(s, w).Module));
        Assert.Equal(0, Contractions(right.Lower(s, w).Module));
        var rowsScaled = (s[.., IndexItem.NewAxis] * w).ToArray<float>();
        Assert.Equal(rowsScaled, left0(s, w).ToArray<float>());
        Assert.Equal(rowsScaled, left1(s, w).ToArray<float>());
        Assert.Equal((w * s[IndexItem.NewAxis, ..]).ToArray<float>(), right(s, w).ToArray<float>());
    }

    [Fact]
    public void IdentityTimesAFullMatrixKeepsItsProduct()
    {
        // I * M is diag(M) only by its values, not by a broadcast the rewrite can see: the product stays, and is right.
        var m = Matrix(4, 4, 17);
        var w = Matrix(4, 3, 18);
        var f = Jax.Jit((NDArray a, NDArray b) => Jnp.Matmul(Identity(4, DType.Float32) * a, b));
        Assert.Equal(1, Contractions(f.Lower(m, w).Module));
        var diagonal = Jnp.Diagonal(m);
        var expected = (diagonal[.., IndexItem.NewAxis] * w).ToArray<float>();
        var actual = f(m, w).ToArray<float>();
        for (var i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-6f, $"element {i}");
    }

    [Fact]
    public void NaNInTheDerivativeStaysInItsRowAsInForwardMode()
    {
        // sqrt of a negative entry of W x has a NaN derivative. The dense diag(s) @ W spreads it to every row
        // (0 * NaN); the rewrite keeps it in its own row, as JacFwd's elementwise scaling does.
        // The two modes round the derivative in a different order (1 / (2 sqrt y) * W against W * 0.5 / sqrt y).
        var w = Jnp.Array(new float[,] { { 1, 2 }, { -3, -4 }, { 5, 6 } });
        Func<NDArray, NDArray> f = x => Jnp.Sqrt(Jnp.Matmul(w, x));
        var x = Jnp.Array(new float[] { 1, 1 });
        var jac = Jax.Jit(Jax.JacRev(f));
        Assert.Equal(1, Contractions(jac.Lower(x).Module));
        var reverse = jac(x).ToArray<float>();
        var forward = Jax.Jit(Jax.JacFwd(f))(x).ToArray<float>();
        Assert.Equal(forward.Select(float.IsNaN), reverse.Select(float.IsNaN));
        Assert.Equal([false, false, true, true, false, false], reverse.Select(float.IsNaN));
        for (var i = 0; i < 6; i++)
            if (!float.IsNaN(forward[i])) Assert.True(Math.Abs(forward[i] - reverse[i]) <= 1e-6 * Math.Abs(forward[i]), $"element {i}");
        Assert.Equal(0.5 / Math.Sqrt(3), reverse[0], 6);
    }
}
