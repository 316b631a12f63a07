using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.SpectralChecks;
using Linalg = JaxNet.Jnp.Linalg;

namespace JaxNet.Tests.Api;

/// <summary>
/// Jnp.Linalg's decompositions and solvers with NumPy's conventions (svd, svdvals, qr, cholesky, solve, inv,
/// tensorsolve, tensorinv): values from NumPy 1.24, batches under Vmap and Jit, float32 and float64, derivatives
/// against finite differences, and bad input.
/// </summary>
public class JnpLinalgDecompositionTests
{
    private static NDArray Vector(params double[] values) => Jnp.FromHost<double>(values, [values.Length], DType.Float64);

    private static NDArray WellConditioned(int seed, int n) => Random(seed, n, n) + Jnp.Eye(n, dtype: DType.Float64) * n;

    private static NDArray Mt(NDArray x) => Jnp.Swapaxes(x, -1, -2);

    private static readonly NDArray A3 = Matrix(new double[,] { { 4, 1, 2 }, { 1, 5, 3 }, { 2, 3, 6 } });

    [Fact]
    public void Svd_is_full_by_default_and_reconstructs_the_matrix()
    {
        var a = Matrix(new double[,] { { 1, 2, 3 }, { 6, 5, 4 } });
        var (u, s, vh) = Linalg.Svd(a);
        Assert.Equal([2, 2], u.Shape);
        Assert.Equal([3, 3], vh.Shape);
        Close([9.361921866036534, 1.8315072957067264], s, 1e-13);
        OrthonormalColumns(u, 1e-14);
        OrthonormalColumns(vh, 1e-14);
        var sigma = Jnp.Concatenate([Jnp.Diag(s), Jnp.Zeros([2, 1], DType.Float64)], 1);
        Close(a, Jnp.Matmul(u, Jnp.Matmul(sigma, vh)), 1e-13);
        (u, s, vh) = Linalg.Svd(a, fullMatrices: false);
        Assert.Equal([2, 3], vh.Shape);
        Close(a, Jnp.Matmul(u * s, vh), 1e-13);
        Close([9.361921866036534, 1.8315072957067264], Linalg.Svdvals(a), 1e-13);
        // float32 stays float32; integers promote to it.
        var (_, s32, _) = Linalg.Svd(Jnp.Array(new[,] { { 1, 2, 3 }, { 6, 5, 4 } }));
        Assert.Equal(DType.Float32, s32.DType);
        Close([9.361921866036534, 1.8315072957067264], s32, 2e-6);
    }

    [Fact]
    public void Svd_of_a_hermitian_matrix_sorts_the_eigenvalues_by_magnitude()
    {
        // Eigenvalues −3.41, 1.18, 2.23: S is their magnitudes, descending, and Vh the sorted eigenvectors times the signs.
        var h = Matrix(new double[,] { { 2, 1, 0 }, { 1, -3, 1 }, { 0, 1, 1 } });
        var (u, s, vh) = Linalg.Svd(h, hermitian: true);
        Close([3.4114741278097735, 2.226681596905677, 1.1847925309040954], s, 1e-13);
        var numpyU = Matrix(new double[,]
        {
            { 0.1773629620793187, 0.9597950805239387, -0.21756788155537962 },
            { -0.9597950805239389, 0.2175678815553797, 0.17736296207931865 },
            { 0.21756788155537973, 0.17736296207931865, 0.9597950805239388 },
        });
        // Eigenvectors are defined up to sign: the magnitudes are NumPy's.
        Close(Jnp.Abs(numpyU), Jnp.Abs(u), 1e-13);
        Close(Mt(u) * Vector(-1, 1, 1).Reshape(3, 1), vh, 1e-15);
        Close(h, Jnp.Matmul(u * s, vh), 1e-13);
        // A batch (each matrix sorted on its own), under Jit.
        var pair = Jnp.Stack([h, -2 * h]);
        var (ub, sb, vhb) = Linalg.Svd(pair, hermitian: true);
        Close(sb, Jax.Jit(x => Linalg.Svd(x, hermitian: true).S)(pair), 1e-14);
        Close(Jnp.Stack([s, 2 * s]), sb, 1e-13);
        Close(pair, Jnp.Matmul(ub * Jnp.ExpandDims(sb, -2), vhb), 1e-13);
        // A zero eigenvalue gives a zero row of Vh, as NumPy's and JAX's sign(0) = 0 do.
        var (_, s0, vh0) = Linalg.Svd(Matrix(new double[,] { { 1, 1 }, { 1, 1 } }), hermitian: true);
        Close([2, 0], s0, 1e-14);
        Close(Jnp.Zeros([2], DType.Float64), vh0[1], 0);
        Assert.Throws<ShapeException>(() => Linalg.Svd(Jnp.Ones([2, 3]), hermitian: true));
    }

    [Fact]
    public void Svd_batches_under_vmap_and_jit_and_differentiates()
    {
        var batch = Random(1, [3, 4, 3]);
        var s = Linalg.Svdvals(batch);
        Assert.Equal([3, 3], s.Shape);
        for (var i = 0; i < 3; i++) Close(Linalg.Svdvals(batch[i]), s[i], 1e-14);
        Close(s, Jax.Vmap(x => Linalg.Svd(x).S)(batch), 1e-14);
        Close(s, Jax.Jit(x => Linalg.Svdvals(x))(batch), 1e-14);
        // U Vh (the polar factor) does not depend on the signs of the singular vectors.
        GradCheck.Check(x =>
        {
            var (u, _, vh) = Linalg.Svd(x, fullMatrices: false);
            return Jnp.Matmul(u, vh);
        }, batch[0], order: 1);
        GradCheck.Check(x => Linalg.Svdvals(x), batch[1]);
        GradCheck.Check(x => Linalg.Svd(x, hermitian: true).S, Jnp.Matmul(batch[2], Mt(batch[2])) - 0.5 * Jnp.Eye(4, dtype: DType.Float64), order: 1);
        Assert.Throws<ShapeException>(() => Linalg.Svd(Jnp.Ones([3])));
        Assert.Equal([2, 0], Linalg.Svdvals(Jnp.Zeros([2, 0, 3])).Shape);
    }

    [Fact]
    public void Qr_modes_follow_numpy()
    {
        var wide = Matrix(new double[,] { { 1, 2, 3, 4 }, { 5, 4, 2, 1 }, { 6, 3, 1, 5 } });
        var tall = wide.T;
        var rTall = Matrix(new double[,]
        {
            { -5.477225575051661, -4.199206274206274, -6.390096504226937 },
            { 0, -5.326036675302441, -4.161944052968415 },
            { 0, 0, 3.5839766135715085 },
        });
        var (q, r) = Linalg.Qr(tall);
        Assert.Equal([4, 3], q.Shape);
        Close(rTall, r, 1e-13);
        Close(tall, Jnp.Matmul(q, r), 1e-13);
        OrthonormalColumns(q, 1e-14);
        (q, r) = Linalg.Qr(tall, mode: "complete");
        Assert.Equal([4, 4], q.Shape);
        Close(Jnp.Concatenate([rTall, Jnp.Zeros([1, 3], DType.Float64)], 0), r, 1e-13);
        OrthonormalColumns(q, 1e-14);
        Close(rTall, Linalg.Qr(tall, mode: "r").R, 1e-13);
        (q, r) = Linalg.Qr(wide);
        Assert.Equal([3, 3], q.Shape);
        Close(Matrix(new double[,]
        {
            { -7.874007874011811, -5.080005080007621, -2.4130024130036203, -4.953004953007429 },
            { 0, -1.787050191543812, -2.653498769262024, -1.0289076860403772 },
            { 0, 0, -1.066003581778052, -4.050813610756597 },
        }), r, 1e-13);
        // A batch under Jit; the derivative of the reduced form of a tall matrix.
        var batch = Random(2, [2, 5, 3]);
        var (qb, rb) = Linalg.Qr(batch);
        Close(rb, Jax.Jit(x => Linalg.Qr(x).R)(batch), 1e-14);
        Close(batch, Jnp.Matmul(qb, rb), 1e-13);
        GradCheck.Check(x => Linalg.Qr(x).Q, batch[0], order: 1);
        Assert.Throws<NotSupportedException>(() => Linalg.Qr(tall, mode: "raw"));
        Assert.Throws<ArgumentException>(() => Linalg.Qr(tall, mode: "economic"));
    }

    [Fact]
    public void Cholesky_is_lower_by_default_and_upper_on_request()
    {
        var a = Matrix(new double[,] { { 4, 2 }, { 2, 5 } });
        Close(Matrix(new double[,] { { 2, 0 }, { 1, 2 } }), Linalg.Cholesky(a), 1e-15);
        Close(Matrix(new double[,] { { 2, 1 }, { 0, 2 } }), Linalg.Cholesky(a, upper: true), 1e-15);
        var spd = Jnp.Stack([Jnp.Matmul(Random(3, 4, 4), Random(3, 4, 4).T) + Jnp.Eye(4, dtype: DType.Float64),
            Jnp.Matmul(Random(9, 4, 4), Random(9, 4, 4).T) + 2 * Jnp.Eye(4, dtype: DType.Float64)]);
        var l = Linalg.Cholesky(spd);
        Close(spd, Jnp.Matmul(l, Mt(l)), 1e-13);
        Close(l, Jax.Vmap(x => Linalg.Cholesky(x))(spd), 1e-15);
        Close(Mt(l), Jax.Jit(x => Linalg.Cholesky(x, upper: true))(spd), 1e-15);
        Assert.True(AllNan(Linalg.Cholesky(Matrix(new double[,] { { 1, 2 }, { 2, 1 } }))));
        GradCheck.Check(x => Linalg.Cholesky(x), spd[1]);
        Assert.Equal(DType.Float32, Linalg.Cholesky(Jnp.Array(new[,] { { 4, 2 }, { 2, 5 } })).DType);
        Assert.Throws<ShapeException>(() => Linalg.Cholesky(Jnp.Ones([2, 3])));
    }

    [Fact]
    public void Solve_takes_numpy_2_right_hand_sides()
    {
        var b = Vector(1, 2, 3);
        Close([0, 0.14285714285714282, 0.4285714285714286], Linalg.Solve(A3, b), 1e-15);
        var bm = Matrix(new double[,] { { 1, 0 }, { 2, 1 }, { 3, -1 } });
        Close(Matrix(new double[,] { { 0, 0.1 }, { 0.14285714285714285, 0.42857142857142855 }, { 0.42857142857142855, -0.4142857142857142 } }),
            Linalg.Solve(A3, bm), 1e-15);
        // A batch of matrices with one vector b: the vector is broadcast, and the result is [batch, n].
        var batch = Jnp.Stack([A3, WellConditioned(4, 3)]);
        var x = Linalg.Solve(batch, b);
        Assert.Equal([2, 3], x.Shape);
        Close(Jnp.Stack([b, b]), Jnp.Matmul(batch, x.Reshape(2, 3, 1)).Reshape(2, 3), 1e-14);
        // A batch of b matrices [2, 3, 2] against one a; under Vmap and Jit.
        var bs = Random(5, [2, 3, 2]);
        Close(Jnp.Stack([Linalg.Solve(A3, bs[0]), Linalg.Solve(A3, bs[1])]), Linalg.Solve(A3, bs), 1e-15);
        Close(Linalg.Solve(batch, bs), Jax.Vmap((m, r) => Linalg.Solve(m, r))(batch, bs), 1e-15);
        Close(Linalg.Solve(batch, bs), Jax.Jit((m, r) => Linalg.Solve(m, r))(batch, bs), 1e-15);
        Close(Linalg.Solve(A3, b).Astype(DType.Float32), Linalg.Solve(A3.Astype(DType.Float32), b.Astype(DType.Float32)), 1e-6);
        GradCheck.Check((m, r) => Linalg.Solve(m, r), WellConditioned(6, 3), bs[0]);
        // NumPy 1 read b [2, 3] with a [2, 3, 3] as a batch of vectors; NumPy 2 and JAX do not: refused with a hint.
        Assert.Contains("ExpandDims", Assert.Throws<ShapeException>(() => Linalg.Solve(batch, Random(7, 2, 3))).Message);
        Assert.Throws<ShapeException>(() => Linalg.Solve(A3, Vector(1, 2)));
        Assert.Throws<ShapeException>(() => Linalg.Solve(Jnp.Ones([2, 3]), Vector(1, 2)));
        Assert.Throws<ShapeException>(() => Linalg.Solve(Vector(1, 2), Vector(1, 2)));
        Assert.True(AllNan(Linalg.Solve(Matrix(new double[,] { { 1, double.NaN }, { 0, 1 } }), Vector(1, 1))));
    }

    [Fact]
    public void Inv_is_numpy_s()
    {
        Close(Matrix(new double[,] { { 0.3, 0, -0.1 }, { 0, 0.2857142857142857, -0.14285714285714282 }, { -0.1, -0.14285714285714285, 0.2714285714285714 } }),
            Linalg.Inv(A3), 1e-15);
        var batch = Jnp.Stack([A3, WellConditioned(8, 3)]);
        Close(Jnp.BroadcastTo(Jnp.Eye(3, dtype: DType.Float64), [2, 3, 3]), Jnp.Matmul(batch, Linalg.Inv(batch)), 1e-14);
        Close(Linalg.Inv(batch), Jax.Vmap(x => Linalg.Inv(x))(batch), 1e-15);
        GradCheck.Check(x => Linalg.Inv(x), batch[1]);
        var singular = Linalg.Inv(Matrix(new double[,] { { 1, 2 }, { 2, 4 } })).ToArray<double>();
        Assert.Contains(singular, v => !double.IsFinite(v));
        Assert.Throws<ShapeException>(() => Linalg.Inv(Jnp.Ones([2, 3])));
        Assert.Equal([0, 0], Linalg.Inv(Jnp.Zeros([0, 0], DType.Float64)).Shape);
    }

    // The 6x6 matrix behind the tensor tests: 6 on the diagonal plus (i·6 + j) mod 7.
    private static NDArray Tensor6() => (Jnp.Arange(36).Astype(DType.Float64).Reshape(6, 6) % 7.0) + 6 * Jnp.Eye(6, dtype: DType.Float64);

    [Fact]
    public void Tensorsolve_and_tensorinv_are_numpy_s()
    {
        var a = Tensor6().Reshape(2, 3, 6);
        var b = Matrix(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        double[] expected = [-0.5555723118684964, 0.42165585884481976, 0.2587844970592671, 0.2859297240235259, 0.2814055195294828, 0.2821595536118232];
        var x = Linalg.TensorSolve(a, b);
        Close(expected, x, 1e-14);
        Close(b, Jnp.Tensordot(a, x, 1), 1e-13);
        // axes moves a's axis 0 of [6, 2, 3] to the end: a again.
        Close(expected, Linalg.TensorSolve(Jnp.Transpose(a, [2, 0, 1]), b, axes: [0]), 1e-14);
        Close(expected, Jax.Jit((m, r) => Linalg.TensorSolve(m, r))(a, b), 1e-14);
        GradCheck.Check((m, r) => Linalg.TensorSolve(m, r), a, b, order: 1);
        Assert.Throws<ShapeException>(() => Linalg.TensorSolve(a, Jnp.Ones([3, 2], DType.Float64)));
        Assert.Throws<ShapeException>(() => Linalg.TensorSolve(Jnp.Ones([2, 3, 5], DType.Float64), b));

        var inverse = Linalg.TensorInv(a);
        Assert.Equal([6, 2, 3], inverse.Shape);
        Close([0.17780123661589503, 0.010971195898054587, 0.011951440205097256, 0.006069974362841202, 0.04135876941637763, -0.1703740009048409],
            inverse[0].Reshape(6), 1e-14);
        Close(Jnp.Eye(6, dtype: DType.Float64), Jnp.Tensordot(inverse, a, 2), 1e-14);
        var byOne = Linalg.TensorInv(Tensor6().Reshape(6, 2, 3), ind: 1);
        Assert.Equal([2, 3, 6], byOne.Shape);
        Close(Linalg.Inv(Tensor6()).Reshape(2, 3, 6), byOne, 1e-15);
        Assert.Throws<ArgumentException>(() => Linalg.TensorInv(a, ind: 0));
        Assert.Throws<ShapeException>(() => Linalg.TensorInv(Jnp.Ones([2, 3, 5])));
    }
}
