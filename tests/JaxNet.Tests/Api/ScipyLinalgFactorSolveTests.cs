using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.SpectralChecks;
using Linalg = JaxNet.Jax.Scipy.Linalg;

namespace JaxNet.Tests.Api;

/// <summary>
/// Jax.Scipy.Linalg's factor-then-solve pairs, lu_factor/lu_solve and cho_factor/cho_solve: the packed factors,
/// pivots and solutions of SciPy 1.10, every trans and triangle, vector and matrix right-hand sides, batches under Vmap
/// and Jit, gradients in the factors' input and in b against finite differences, and bad input.
/// </summary>
public class ScipyLinalgFactorSolveTests
{
    private static NDArray Vector(params double[] values) => Jnp.FromHost<double>(values, [values.Length], DType.Float64);

    private static NDArray WellConditioned(int seed, int n) => Random(seed, n, n) + Jnp.Eye(n, dtype: DType.Float64) * n;

    // Its pivots swap rows 0 and 1, then 1 and 2: a permutation that is not its own inverse.
    private static readonly NDArray A = Matrix(new double[,] { { 1, 2, 0, 3 }, { 4, 1, 2, 0 }, { 0, 3, 5, 1 }, { 2, 0, 1, 6 } });

    private static readonly NDArray Spd = Matrix(new double[,] { { 4, 2, 0.4 }, { 2, 5, 1 }, { 0.4, 1, 3 } });

    [Fact]
    public void Lu_factor_packs_the_factors_and_pivots_as_lapack()
    {
        var (lu, piv) = Linalg.LuFactor(A);
        Close(Matrix(new double[,]
        {
            { 4, 1, 2, 0 },
            { 0, 3, 5, 1 },
            { 0.25, 0.5833333333333333, -3.416666666666666, 2.416666666666667 },
            { 0.5, -0.16666666666666666, -0.24390243902439027, 6.7560975609756095 },
        }), lu, 1e-15);
        Assert.Equal(DType.Int32, piv.DType);
        Assert.Equal([1, 2, 2, 3], piv.ToArray<int>());
        // Rectangular matrices, wide and tall.
        var wide = Matrix(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        (lu, piv) = Linalg.LuFactor(wide);
        Close(Matrix(new double[,] { { 4, 5, 6 }, { 0.25, 0.75, 1.5 } }), lu, 1e-15);
        Assert.Equal([1, 1], piv.ToArray<int>());
        (lu, piv) = Linalg.LuFactor(wide.T);
        Close(Matrix(new double[,] { { 3, 6 }, { 0.3333333333333333, 2 }, { 0.6666666666666666, 0.5 } }), lu, 1e-15);
        Assert.Equal([2, 2], piv.ToArray<int>());
        Assert.Equal(DType.Float32, Linalg.LuFactor(Jnp.Array(new[,] { { 1, 2 }, { 3, 4 } })).Lu.DType);
        Assert.Throws<ShapeException>(() => Linalg.LuFactor(Jnp.Ones([3])));
    }

    [Fact]
    public void Lu_solve_solves_with_a_and_its_transpose()
    {
        var factors = Linalg.LuFactor(A);
        var b = Vector(1, 2, 3, 4);
        Close([0.23104693140794225, -0.3249097472924191, 0.7003610108303251, 0.47292418772563183], Linalg.LuSolve(factors, b), 1e-15);
        double[] transposed = [0.23465703971119145, -0.03971119133574008, 0.5234657039711191, 0.46209386281588444];
        Close(transposed, Linalg.LuSolve(factors, b, trans: 1), 1e-15);
        // trans 2 is the conjugate transpose: the transpose for real matrices.
        Close(transposed, Linalg.LuSolve(factors, b, trans: 2), 1e-15);
        var bm = Matrix(new double[,] { { 1, 0 }, { 2, 1 }, { 3, -1 }, { 4, 2 } });
        Close(Matrix(new double[,]
        {
            { 0.23465703971119123, 0.7725631768953068 },
            { -0.03971119133574008, -0.17689530685920576 },
            { 0.5234657039711192, -0.12274368231046928 },
            { 0.46209386281588455, -0.0324909747292419 },
        }), Linalg.LuSolve(factors, bm, trans: 1), 1e-15);
        Close(Linalg.Solve(A, bm), Linalg.LuSolve(factors, bm), 1e-15);
        Close(Linalg.LuSolve(factors, b).Astype(DType.Float32), Linalg.LuSolve(Linalg.LuFactor(A.Astype(DType.Float32)), b.Astype(DType.Float32)), 1e-6);
    }

    [Fact]
    public void Lu_solve_batches_broadcasts_and_differentiates()
    {
        var batch = Jnp.Stack([A, WellConditioned(1, 4), Jnp.Flip(WellConditioned(2, 4), 0)]);
        var factors = Linalg.LuFactor(batch);
        Assert.Equal([3, 4], factors.Piv.Shape);
        // A batch of vectors (one axis fewer than the factors), and one matrix broadcast against the batch.
        var vectors = Random(3, 3, 4);
        var x = Linalg.LuSolve(factors, vectors, trans: 1);
        Assert.Equal([3, 4], x.Shape);
        for (var i = 0; i < 3; i++) Close(Linalg.Solve(batch[i].T, vectors[i]), x[i], 1e-14);
        // A matrix b needs its own batch axis (here 1, broadcast): with one axis fewer than the factors it is read as vectors.
        var shared = Random(4, [1, 4, 2]);
        var xm = Linalg.LuSolve(factors, shared);
        Assert.Equal([3, 4, 2], xm.Shape);
        Close(Jnp.BroadcastTo(shared, [3, 4, 2]), Jnp.Matmul(batch, xm), 1e-14);
        Close(x, Jax.Vmap((m, v) => Linalg.LuSolve(Linalg.LuFactor(m), v, trans: 1))(batch, vectors), 1e-15);
        Close(xm, Jax.Jit((m, r) => Linalg.LuSolve(Linalg.LuFactor(m), r))(batch, shared), 1e-15);
        // Through the factors (JAX's LU rule) and the substitutions, to second order.
        GradCheck.Check((m, r) => Linalg.LuSolve(Linalg.LuFactor(m), r), A, shared);
        GradCheck.Check((m, r) => Linalg.LuSolve(Linalg.LuFactor(m), r, trans: 1), batch[1], vectors[1]);
        // The gradient is the solve's: d/dA of sum(A⁻¹ b) equals Solve's.
        var viaSolve = Jax.Grad(m => Jnp.Sum(Linalg.Solve(m, shared)))(A);
        Close(viaSolve, Jax.Grad(m => Jnp.Sum(Linalg.LuSolve(Linalg.LuFactor(m), shared)))(A), 1e-14);
    }

    [Fact]
    public void Lu_solve_refuses_what_does_not_fit()
    {
        var factors = Linalg.LuFactor(A);
        Assert.Throws<ArgumentException>(() => Linalg.LuSolve(factors, Vector(1, 2, 3, 4), trans: 3));
        Assert.Throws<ArgumentException>(() => Linalg.LuSolve((factors.Lu, factors.Piv.Astype(DType.Float64)), Vector(1, 2, 3, 4)));
        Assert.Throws<ShapeException>(() => Linalg.LuSolve((factors.Lu, factors.Piv[..3]), Vector(1, 2, 3, 4)));
        Assert.Throws<ShapeException>(() => Linalg.LuSolve(Linalg.LuFactor(Jnp.Ones([2, 3], DType.Float64)), Vector(1, 2)));
        Assert.Throws<ShapeException>(() => Linalg.LuSolve(factors, Vector(1, 2, 3)));
        Assert.Throws<ShapeException>(() => Linalg.LuSolve(factors, Jnp.Ones([3, 2], DType.Float64)));
        // A singular matrix factors without an exception; solving with it gives infinities or NaNs.
        var singular = Linalg.LuSolve(Linalg.LuFactor(Matrix(new double[,] { { 1, 2 }, { 2, 4 } })), Vector(1, 1));
        Assert.Contains(singular.ToArray<double>(), v => !double.IsFinite(v));
        Assert.True(AllNan(Linalg.LuSolve(factors, Vector(1, double.NaN, 3, 4))));
        Assert.Equal([0], Linalg.LuSolve(Linalg.LuFactor(Jnp.Zeros([0, 0], DType.Float64)), Jnp.Zeros([0], DType.Float64)).Shape);
    }

    [Fact]
    public void Cho_factor_and_cho_solve_read_the_named_triangle()
    {
        var (upper, lower) = Linalg.ChoFactor(Spd);
        Assert.False(lower);
        Close(Matrix(new double[,] { { 2, 1, 0.2 }, { 0, 2, 0.4 }, { 0, 0, 1.6733200530681511 } }), upper, 1e-15);
        var factors = Linalg.ChoFactor(Spd, lower: true);
        Assert.True(factors.Lower);
        Close(Matrix(new double[,] { { 2, 0, 0 }, { 1, 2, 0 }, { 0.2, 0.4, 1.6733200530681511 } }), factors.C, 1e-15);
        double[] expected = [0.0625, 0.18928571428571428, 0.9285714285714286];
        Close(expected, Linalg.ChoSolve(factors, Vector(1, 2, 3)), 1e-15);
        Close(expected, Linalg.ChoSolve((upper, false), Vector(1, 2, 3)), 1e-15);
        // SciPy's factor keeps a's entries in the other triangle; they are not read.
        var noise = Matrix(new double[,] { { 0, 9, 9 }, { 0, 0, 9 }, { 0, 0, 0 } });
        Close(expected, Linalg.ChoSolve((factors.C + noise, true), Vector(1, 2, 3)), 1e-15);
        Close(expected, Linalg.ChoSolve((upper + noise.T, false), Vector(1, 2, 3)), 1e-15);
        var b = Random(5, 3, 2);
        Close(Linalg.Solve(Spd, b), Linalg.ChoSolve(factors, b), 1e-15);
    }

    [Fact]
    public void Cho_solve_batches_differentiates_and_refuses_bad_shapes()
    {
        var x = Random(6, [2, 4, 4]);
        var spd = Jnp.Matmul(x, Jnp.Swapaxes(x, -1, -2)) + Jnp.Eye(4, dtype: DType.Float64);
        var factors = Linalg.ChoFactor(spd);
        var vectors = Random(7, 2, 4);
        var solved = Linalg.ChoSolve(factors, vectors);
        Assert.Equal([2, 4], solved.Shape);
        for (var i = 0; i < 2; i++) Close(Linalg.Solve(spd[i], vectors[i]), solved[i], 1e-14);
        Close(solved, Jax.Vmap((m, v) => Linalg.ChoSolve(Linalg.ChoFactor(m, lower: true), v))(spd, vectors), 1e-14);
        Close(solved, Jax.Jit((m, v) => Linalg.ChoSolve(Linalg.ChoFactor(m), v))(spd, vectors), 1e-14);
        var b = Random(8, [1, 4, 3]);
        Close(Linalg.Solve(spd, b), Linalg.ChoSolve(factors, b), 1e-14);
        GradCheck.Check((m, r) => Linalg.ChoSolve(Linalg.ChoFactor(m), r), spd[0], b);
        GradCheck.Check((c, r) => Linalg.ChoSolve((c, true), r), Linalg.ChoFactor(spd[1], lower: true).C, vectors[1]);
        Assert.True(AllNan(Linalg.ChoSolve(Linalg.ChoFactor(Matrix(new double[,] { { 1, 2 }, { 2, 1 } })), Vector(1, 1))));
        Assert.Throws<ShapeException>(() => Linalg.ChoSolve((Jnp.Ones([2, 3], DType.Float64), false), Vector(1, 2)));
        Assert.Throws<ShapeException>(() => Linalg.ChoSolve(Linalg.ChoFactor(Spd), Vector(1, 2)));
        Assert.Throws<ShapeException>(() => Linalg.ChoFactor(Jnp.Ones([3])));
    }
}
