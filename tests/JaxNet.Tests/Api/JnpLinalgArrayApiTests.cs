using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.SpectralChecks;
using Linalg = JaxNet.Jnp.Linalg;

namespace JaxNet.Tests.Api;

/// <summary>
/// Jnp.Linalg's norms (matrix_norm, vector_norm, norm over a pair of axes) and the array-API functions
/// (matrix_transpose, vecdot, diagonal, trace, outer, matmul, tensordot), with Jnp.Diagonal and Jnp.Trace over any two
/// axes: values from NumPy 1.24 on a [2, 3, 4] batch, float32 and float64, Vmap, Jit, gradients, and bad input.
/// </summary>
public class JnpLinalgArrayApiTests
{
    // (i mod 5) − 2 for i = 0..23: the entries −2..2 in a [2, 3, 4] batch of matrices.
    private static NDArray X(DType dtype = DType.Float64) => (Jnp.Arange(24).Reshape(2, 3, 4) % 5 - 2).Astype(dtype);

    [Fact]
    public void Matrix_norms_of_every_order_are_numpy_s()
    {
        var x = X();
        Close([5.0, 4.58257569495584], Linalg.MatrixNorm(x), 1e-14);
        Close([8.202899376568146, 7.449489742783177], Linalg.MatrixNorm(x, ord: "nuc"), 1e-13);
        Close([5.0, 5.0], Linalg.MatrixNorm(x, ord: 1), 0);
        Close([2.0, 2.0], Linalg.MatrixNorm(x, ord: -1), 0);
        Close([3.6972304737410906, 3.618033988749894], Linalg.MatrixNorm(x, ord: 2), 1e-13);
        Close([1.4847326700431032, 1.3819660112501055], Linalg.MatrixNorm(x, ord: -2), 1e-13);
        Close([6.0, 5.0], Linalg.MatrixNorm(x, ord: double.PositiveInfinity), 0);
        Close([4.0, 4.0], Linalg.MatrixNorm(x, ord: double.NegativeInfinity), 0);
        Assert.Equal([2, 1, 1], Linalg.MatrixNorm(x, keepdims: true).Shape);
        Assert.Equal([2, 1, 1], Linalg.MatrixNorm(x, ord: 2, keepdims: true).Shape);
        var single = Linalg.MatrixNorm(X(DType.Float32), ord: "nuc");
        Assert.Equal(DType.Float32, single.DType);
        Close([8.202899376568146, 7.449489742783177], single, 1e-5);
        Close([5.0, 4.58257569495584], Linalg.MatrixNorm((Jnp.Arange(24).Reshape(2, 3, 4) % 5) - 2), 1e-6);
        Close(Linalg.MatrixNorm(x, ord: 2), Jax.Vmap(m => Linalg.MatrixNorm(m, ord: 2))(x), 1e-15);
        Close(Linalg.MatrixNorm(x, ord: "nuc"), Jax.Jit(m => Linalg.MatrixNorm(m, ord: "nuc"))(x), 1e-15);
        GradCheck.Check(m => Linalg.MatrixNorm(m, ord: "nuc"), Random(1, [2, 3, 4]), order: 1);
        GradCheck.Check(m => Linalg.MatrixNorm(m), Random(2, [2, 3, 4]));
        Assert.Throws<ArgumentException>(() => Linalg.MatrixNorm(x, ord: 3));
        Assert.Throws<ArgumentException>(() => Linalg.MatrixNorm(x, ord: "max"));
        Assert.Throws<ShapeException>(() => Linalg.MatrixNorm(Jnp.Ones([3])));
    }

    [Fact]
    public void Norm_over_a_pair_of_axes_moves_them_last()
    {
        var x = X();
        Close([3.872983346207417, 3.872983346207417, 4.0], Linalg.Norm(x, null, (0, 2)), 1e-15);
        Close([5.0, 5.0, 6.0], Linalg.Norm(x, 1, (2, 0)), 0);
        var nuclear = Linalg.Norm(x, "nuc", (0, 2), keepdims: true);
        Assert.Equal([1, 3, 1], nuclear.Shape);
        Close([5.330704256005836, 5.330704256005837, 5.275619353800958], nuclear.Reshape(3), 1e-13);
        // Without axes a string order needs a matrix, and matches MatrixNorm.
        Close(Linalg.MatrixNorm(x[0], ord: "nuc"), Linalg.Norm(x[0], "nuc"), 1e-15);
        Assert.Equal([1, 1], Linalg.Norm(x[0], "fro", keepdims: true).Shape);
        Assert.Throws<ShapeException>(() => Linalg.Norm(x, "fro"));
        Assert.Throws<ShapeException>(() => Linalg.Norm(x, 1, (1, 1)));
        Assert.Throws<ShapeException>(() => Linalg.Norm(x, 1, (0, 3)));
    }

    [Fact]
    public void Vector_norms_over_any_axes_are_numpy_s()
    {
        var x = X();
        Assert.Equal(6.782329983125268, Linalg.VectorNorm(x).Item<double>(), 14);
        Assert.Equal(28.0, Linalg.VectorNorm(x, ord: 1).Item<double>());
        Assert.Equal(19.0, Linalg.VectorNorm(x, ord: 0).Item<double>());
        Assert.Equal(2.0, Linalg.VectorNorm(x, ord: double.PositiveInfinity).Item<double>());
        Assert.Equal(0.0, Linalg.VectorNorm(x, ord: double.NegativeInfinity).Item<double>());
        Assert.Equal(4.344481485768611, Linalg.VectorNorm(x, ord: 3).Item<double>(), 13);
        Assert.Equal(516.5584412271571, Linalg.VectorNorm(x, ord: 0.5).Item<double>(), 10);
        // A zero entry makes the −1 norm (Σ 1/|x|)⁻¹ zero, as NumPy's.
        Assert.Equal(0.0, Linalg.VectorNorm(x, ord: -1).Item<double>());
        Close([3.872983346207417, 3.872983346207417, 4.0], Linalg.VectorNorm(x, axis: [0, 2]), 1e-15);
        Close([3.0, 3.0, 3.0365889718756622], Linalg.VectorNorm(x, axis: [2, 0], ord: 3), 1e-14);
        Close([2, 2, 2, 1, 2, 1, 2, 2], Linalg.VectorNorm(x, axis: 1, ord: double.PositiveInfinity).Reshape(8), 0);
        Assert.Equal([1, 1, 1], Linalg.VectorNorm(x, keepdims: true).Shape);
        Assert.Equal([2, 1, 4], Linalg.VectorNorm(x, axis: -2, keepdims: true).Shape);
        Assert.Equal(DType.Float32, Linalg.VectorNorm(Jnp.Arange(4)).DType);
        Close(Linalg.VectorNorm(x, axis: -1), Jax.Vmap(v => Linalg.VectorNorm(v, axis: -1))(x), 1e-15);
        Close(Linalg.VectorNorm(x, axis: [0, 2], ord: 3), Jax.Jit(v => Linalg.VectorNorm(v, axis: [0, 2], ord: 3))(x), 1e-15);
        GradCheck.Check(v => Linalg.VectorNorm(v, axis: 1), Random(3, [2, 3, 4]));
        GradCheck.Check(v => Linalg.VectorNorm(v, ord: 3), Random(4, [5]));
        Assert.Throws<ShapeException>(() => Linalg.VectorNorm(x, axis: 3));
        Assert.Throws<ShapeException>(() => Linalg.VectorNorm(x, axis: [1, -2]));
    }

    [Fact]
    public void Diagonal_and_trace_take_any_two_axes()
    {
        var x = X();
        // Jnp's: the two axes go, the diagonal comes last.
        var d = Jnp.Diagonal(x, axis1: 0, axis2: 2);
        Assert.Equal([3, 2], d.Shape);
        Close(Matrix(new double[,] { { -2, 1 }, { 2, 0 }, { 1, -1 } }), d, 0);
        Close(Matrix(new double[,] { { 0 }, { -1 }, { -2 } }), Jnp.Diagonal(x, 1, axis1: 2, axis2: 0), 0);
        Close([-6, 0], Jnp.Trace(x, axis1: 1, axis2: 2), 0);
        Assert.Throws<ShapeException>(() => Jnp.Diagonal(x, axis1: 1, axis2: -2));
        // Linalg's: the last two axes of each matrix of the batch.
        Close(Matrix(new double[,] { { 2, 2 }, { -1, -1 } }), Linalg.Diagonal(x, offset: -1), 0);
        Close([-3, 3], Linalg.Trace(x, offset: 1), 0);
        Close([4, -2], Linalg.Trace(x, offset: -1), 0);
        Assert.Equal([2, 0], Linalg.Diagonal(x, offset: 4).Shape);
        Assert.Equal(DType.Int32, Linalg.Trace(Jnp.Arange(8).Reshape(2, 2, 2)).DType);
        Close(Linalg.Trace(x), Jax.Vmap(m => Linalg.Trace(m))(x), 0);
        // Linear: the gradient of the trace is the identity's pattern.
        var grad = Jax.Grad(m => Jnp.Sum(Linalg.Trace(m, offset: 1)))(x);
        Close(Jnp.BroadcastTo(Jnp.Eye(3, 4, 1, DType.Float64), [2, 3, 4]), grad, 0);
        Assert.Throws<ShapeException>(() => Linalg.Diagonal(Jnp.Ones([3])));
    }

    [Fact]
    public void Matrix_transpose_vecdot_and_outer_follow_the_array_api()
    {
        var x = X();
        Close(Jnp.Swapaxes(x, 1, 2), Linalg.MatrixTranspose(x), 0);
        Assert.Throws<ShapeException>(() => Linalg.MatrixTranspose(Jnp.Ones([3])));
        var w = Jnp.Array(new[] { 1.0, 2, 3, 4 });
        Close(Matrix(new double[,] { { 0, -5, -5 }, { 0, 10, 0 } }), Linalg.Vecdot(x, w), 0);
        // Along axis 0 of two [2, 3] arrays; integers stay integers.
        var ints = Linalg.Vecdot(Jnp.Array(new[,] { { 1, 2, 3 }, { 4, 5, 6 } }), Jnp.Array(new[,] { { 1, 1, 1 }, { 2, 0, -1 } }), axis: 0);
        Assert.Equal(DType.Int32, ints.DType);
        Assert.Equal([9, 2, -3], ints.ToArray<int>());
        Close(Linalg.Vecdot(x, w), Jax.Vmap(m => Linalg.Vecdot(m, w))(x), 0);
        Close(Jnp.BroadcastTo(w, [2, 3, 4]), Jax.Grad(m => Jnp.Sum(Linalg.Vecdot(m, w)))(x), 0);
        Assert.Throws<ShapeException>(() => Linalg.Vecdot(x, Jnp.Ones([3])));
        Close(Jnp.Outer(w, w[..2]), Linalg.Outer(w, w[..2]), 0);
        Assert.Throws<ShapeException>(() => Linalg.Outer(x[0], w));
        Close(Jnp.Matmul(x, w), Linalg.Matmul(x, w), 0);
        Close(Jnp.Tensordot(x, x, 3).Reshape(1), Linalg.Tensordot(x, x, 3).Reshape(1), 0);
    }

    [Fact]
    public void CrossTakesOnlyThreeVectors()
    {
        var x = Jnp.Array(new[,] { { 1f, 0f, 0f }, { 0f, 1f, 0f } });
        var y = Jnp.Array(new[,] { { 0f, 1f, 0f }, { 0f, 0f, 1f } });
        Assert.Equal(new[] { 0f, 0f, 1f, 1f, 0f, 0f }, Jnp.Linalg.Cross(x, y).ToArray<float>());
        Assert.Equal(Jnp.Linalg.Cross(x, y).ToArray<float>(), Jnp.Linalg.Cross(x.T, y.T, axis: 0).T.ToArray<float>());
        Assert.Throws<ShapeException>(() => Jnp.Linalg.Cross(Jnp.Ones([2]), Jnp.Ones([2])));
    }
}
