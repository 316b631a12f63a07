using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.SpectralChecks;
using Linalg = JaxNet.Jnp.Linalg;

namespace JaxNet.Tests.Api;

/// <summary>
/// Jnp.Linalg's functions on top of the decompositions (det, slogdet, pinv, matrix_rank, lstsq, matrix_power,
/// eigh/eigvalsh, cond, multi_dot): hand-computed values and identities in float64, batches under Vmap and Jit,
/// derivatives by GradCheck, and bad input.
/// </summary>
public class JnpLinalgTests
{
    private static NDArray Scalar(double value) => Jnp.Array(value).Astype(DType.Float64);

    private static NDArray Vector(params double[] values) => Jnp.FromHost<double>(values, [values.Length], DType.Float64);

    private static NDArray WellConditioned(int seed, int n) => Random(seed, n, n) + Jnp.Eye(n, dtype: DType.Float64) * n;

    private static NDArray Mt(NDArray x) => Jnp.Swapaxes(x, -1, -2);

    [Fact]
    public void Det_is_scipy_s_with_the_cofactor_gradient_at_singular_matrices()
    {
        Close([24], Linalg.Det(Matrix(new double[,] { { 2, -1, 0 }, { 1, 3, 2 }, { 0, 1, 4 } })).Reshape(1), 1e-13);
        Close(Matrix(new double[,] { { 4, -2 }, { -2, 1 } }), Jax.Grad(Linalg.Det)(Matrix(new double[,] { { 1, 2 }, { 2, 4 } })), 1e-14);
    }

    [Fact]
    public void Slogdet_gives_sign_and_log_without_overflow()
    {
        var (sign, log) = Linalg.Slogdet(Matrix(new double[,] { { 2, -1, 0 }, { 1, 3, 2 }, { 0, 1, 4 } }));
        Assert.Equal(1.0, sign.Item<double>());
        Assert.Equal(Math.Log(24), log.Item<double>(), 13);
        // Negative diagonal entries of U count too: det = 2·(−3)·5 = −30.
        (sign, log) = Linalg.Slogdet(Matrix(new double[,] { { 2, 7, 1 }, { 0, -3, 4 }, { 0, 0, 5 } }));
        Assert.Equal(-1.0, sign.Item<double>());
        Assert.Equal(Math.Log(30), log.Item<double>(), 13);
        (sign, log) = Linalg.Slogdet(Matrix(new double[,] { { 1, 2 }, { 2, 4 } }));
        Assert.Equal(0.0, sign.Item<double>());
        Assert.Equal(double.NegativeInfinity, log.Item<double>());
        // det(1e200 I₃) = 1e600 overflows; its log is 600 ln 10.
        var huge = Jnp.Eye(3, dtype: DType.Float64) * 1e200;
        Assert.Equal(double.PositiveInfinity, Linalg.Det(huge).Item<double>());
        (sign, log) = Linalg.Slogdet(huge);
        Assert.Equal(1.0, sign.Item<double>());
        Assert.Equal(600 * Math.Log(10), log.Item<double>(), 10);
        (sign, log) = Linalg.Slogdet(Jnp.Zeros([0, 0], DType.Float64));
        Assert.Equal((1.0, 0.0), (sign.Item<double>(), log.Item<double>()));
        // A batch, under Vmap and Jit, against the determinant.
        // The second matrix's first row negated: a negative determinant, and pivots that differ from the first's.
        var flipSign = Matrix(new double[,] { { -1, 0, 0, 0 }, { 0, 1, 0, 0 }, { 0, 0, 1, 0 }, { 0, 0, 0, 1 } });
        var a = Jnp.Stack([WellConditioned(1, 4), Jnp.Matmul(flipSign, Jnp.Flip(WellConditioned(2, 4), 0))]);
        var det = Linalg.Det(a);
        foreach (var (s, l) in new[] { Linalg.Slogdet(a), Tuple(Jax.Vmap(x => Pair(Linalg.Slogdet(x[0])), [0], [0, 0])([a])), Tuple(Jax.Jit(x => Pair(Linalg.Slogdet(x[0])), 1)([a])) })
        {
            Close(Jnp.Sign(det), s, 0);
            Close(Jnp.Log(Jnp.Abs(det)), l, 1e-13);
        }
        Assert.Contains(-1.0, Jnp.Sign(det).ToArray<double>());
        // d log|det a| = tr(a⁻¹ da): the gradient is a⁻ᵀ, to second order; the sign has none.
        Close(Mt(Jax.Scipy.Linalg.Inv(a)), Jax.Grad(x => Jnp.Sum(Linalg.Slogdet(x).Logabsdet))(a), 1e-13);
        Close(Jnp.ZerosLike(a), Jax.Grad(x => Jnp.Sum(Linalg.Slogdet(x).Sign))(a), 0);
        GradCheck.Check(x => Pair(Linalg.Slogdet(x[0])), [a[1]]);
        Assert.Equal(DType.Float32, Linalg.Slogdet(Jnp.Array(new[,] { { 4, 2 }, { 2, 5 } })).Logabsdet.DType);
        Assert.Contains("slogdet", Assert.Throws<ShapeException>(() => Linalg.Slogdet(Jnp.Ones([2, 3]))).Message);
    }

    private static NDArray[] Pair((NDArray, NDArray) p) => [p.Item1, p.Item2];

    private static (NDArray, NDArray) Tuple(NDArray[] p) => (p[0], p[1]);

    [Fact]
    public void Pinv_satisfies_the_penrose_conditions()
    {
        var shapes = new[] { Random(3, 5, 3), Random(4, 3, 5), Jnp.Matmul(Random(5, 5, 2), Random(6, 2, 4)) };
        foreach (var a in shapes)
        {
            var p = Linalg.Pinv(a);
            Assert.Equal(new[] { a.Shape[1], a.Shape[0] }, p.Shape);
            Close(a, Jnp.Matmul(a, Jnp.Matmul(p, a)), 1e-12);
            Close(p, Jnp.Matmul(p, Jnp.Matmul(a, p)), 1e-12);
            var (ap, pa) = (Jnp.Matmul(a, p), Jnp.Matmul(p, a));
            Close(ap, ap.T, 1e-12);
            Close(pa, pa.T, 1e-12);
        }
        // By hand: a column's pseudo-inverse is its transpose over its squared norm; a zero singular value stays zero.
        Close(Matrix(new double[,] { { 0.2, 0.4 } }), Linalg.Pinv(Matrix(new double[,] { { 1 }, { 2 } })), 1e-15);
        Close(Matrix(new double[,] { { 0.5, 0 }, { 0, 0 } }), Linalg.Pinv(Matrix(new double[,] { { 2, 0 }, { 0, 0 } })), 1e-15);
        Close(Jnp.Zeros([3, 2], DType.Float64), Linalg.Pinv(Jnp.Zeros([2, 3], DType.Float64)), 0);
        // rtol: singular values at most rtol times the largest count as zero.
        var small = Matrix(new double[,] { { 1, 0 }, { 0, 1e-3 } });
        Close(Matrix(new double[,] { { 1, 0 }, { 0, 1000 } }), Linalg.Pinv(small), 1e-9);
        Close(Matrix(new double[,] { { 1, 0 }, { 0, 0 } }), Linalg.Pinv(small, rtol: 1e-2), 0);
        // Invertible: the inverse. A batch, Vmap and Jit; empty matrices.
        var b = Jnp.Stack([WellConditioned(7, 3), WellConditioned(8, 3)]);
        Close(Jax.Scipy.Linalg.Inv(b), Linalg.Pinv(b), 1e-13);
        Close(Linalg.Pinv(b), Jax.Vmap(x => Linalg.Pinv(x))(b), 1e-14);
        Close(Linalg.Pinv(b), Jax.Jit(x => Linalg.Pinv(x))(b), 1e-14);
        Assert.Equal([2, 3, 0], Linalg.Pinv(Jnp.Zeros([2, 0, 3])).Shape);
        Assert.Contains("pinv", Assert.Throws<ShapeException>(() => Linalg.Pinv(Jnp.Ones([3]))).Message);
    }

    [Fact]
    public void Pinv_derivative_is_finite_where_singular_values_repeat()
    {
        GradCheck.Check(x => [Linalg.Pinv(x[0])], [Random(9, 4, 3)]);
        GradCheck.Check(x => [Linalg.Pinv(x[0])], [Random(10, 2, 4)]);
        // At the identity (all singular values 1) pinv is inv, whose derivative is −a⁻¹ da a⁻¹: grad of the sum is −1.
        Close(-Jnp.Ones([3, 3], DType.Float64), Jax.Grad(x => Jnp.Sum(Linalg.Pinv(x)))(Jnp.Eye(3, dtype: DType.Float64)), 1e-14);
        // Rank 1, constant nearby along a rank-1 direction: pinv(t u vᵀ) = vuᵀ / (t |u|² |v|²), so d/dt at t = 1 is −pinv.
        var (u, v) = (Random(11, 3, 1), Random(12, 1, 2));
        var a = Jnp.Matmul(u, v);
        var (_, tangent) = Jax.Jvp(x => Linalg.Pinv(x), [a], [a]);
        Close(-Linalg.Pinv(a), tangent, 1e-12);
    }

    [Fact]
    public void Matrix_rank_counts_singular_values_above_the_tolerance()
    {
        Assert.Equal(4, Linalg.MatrixRank(Jnp.Eye(4, dtype: DType.Float64)).Item<int>());
        Assert.Equal(0, Linalg.MatrixRank(Jnp.Zeros([3, 2], DType.Float64)).Item<int>());
        Assert.Equal(1, Linalg.MatrixRank(Matrix(new double[,] { { 1, 2 }, { 2, 4 } })).Item<int>());
        Assert.Equal(2, Linalg.MatrixRank(Jnp.Matmul(Random(13, 5, 2), Random(14, 2, 4))).Item<int>());
        var small = Matrix(new double[,] { { 1, 0 }, { 0, 1e-3 } });
        Assert.Equal(2, Linalg.MatrixRank(small).Item<int>());
        Assert.Equal(1, Linalg.MatrixRank(small, tol: 1e-2).Item<int>());
        var batch = Jnp.Stack([Jnp.Eye(3, dtype: DType.Float64), Jnp.Zeros([3, 3], DType.Float64), Jnp.Ones([3, 3], DType.Float64)]);
        var ranks = Linalg.MatrixRank(batch);
        Assert.Equal(DType.Int32, ranks.DType);
        Assert.Equal([3, 0, 1], ranks.ToArray<int>());
        Assert.Equal([3, 0, 1], Jax.Jit(x => Linalg.MatrixRank(x))(batch).ToArray<int>());
        Assert.Equal(0, Linalg.MatrixRank(Vector(0, 0)).Item<int>());
        Assert.Equal(1, Linalg.MatrixRank(Vector(0, 3)).Item<int>());
        Assert.Equal(0, Linalg.MatrixRank(Jnp.Zeros([0, 3])).Item<int>());
    }

    [Fact]
    public void Lstsq_fits_lines_and_finds_least_norm_solutions()
    {
        // Fitting y = c + m t to (0, 1), (1, 2), (2, 4): the normal equations give c = 5/6, m = 3/2, residual 1/6.
        var a = Matrix(new double[,] { { 1, 0 }, { 1, 1 }, { 1, 2 } });
        var (x, residuals, rank, s) = Linalg.Lstsq(a, Vector(1, 2, 4));
        Close([5.0 / 6, 1.5], x, 1e-14);
        Close([1.0 / 6], residuals, 1e-14);
        Assert.Equal(2, rank.Item<int>());
        Assert.Equal(DType.Int32, rank.DType);
        Close([Math.Sqrt(4 + Math.Sqrt(10)), Math.Sqrt(4 - Math.Sqrt(10))], s, 1e-14);
        // Underdetermined: the solution of least norm.
        (x, residuals, rank, _) = Linalg.Lstsq(Matrix(new double[,] { { 1, 1 } }), Vector(2));
        Close([1, 1], x, 1e-14);
        Close([0], residuals, 1e-14);
        Assert.Equal(1, rank.Item<int>());
        // Rank-deficient: x₁ + x₂ fits the mean, 2, with the least norm; each column of a matrix b on its own.
        var ones = Jnp.Ones([3, 2], DType.Float64);
        var b = Jnp.Stack([Vector(1, 2, 3), Vector(2, 2, 2)], 1);
        (x, residuals, rank, _) = Linalg.Lstsq(ones, b);
        Close(Matrix(new double[,] { { 1, 1 }, { 1, 1 } }), x, 1e-14);
        Close([2, 0], residuals, 1e-13);
        Assert.Equal(1, rank.Item<int>());
        // A zero matrix: x = 0, rank 0, the whole of b left over (as NumPy; JAX divides 0 by 0).
        (x, residuals, rank, _) = Linalg.Lstsq(Jnp.Zeros([3, 2], DType.Float64), Vector(1, 2, 2));
        Close([0, 0], x, 0);
        Close([9], residuals, 1e-14);
        Assert.Equal(0, rank.Item<int>());
        (x, residuals, rank, s) = Linalg.Lstsq(Jnp.Zeros([3, 0], DType.Float64), Vector(1, 2, 2));
        Assert.Equal([0], x.Shape);
        Assert.Equal(0, s.Size);
        Close([9], residuals, 0);
        // rcond: relative to the largest singular value.
        var diag = Matrix(new double[,] { { 1, 0 }, { 0, 1e-3 } });
        Close([1, 1000], Linalg.Lstsq(diag, Vector(1, 1)).X, 1e-9);
        Close([1, 0], Linalg.Lstsq(diag, Vector(1, 1), rcond: 1e-2).X, 0);
        // Vmap and Jit; the derivative (through the SVD) of a full-rank problem.
        var tall = Jnp.Stack([Random(15, 5, 3), Random(16, 5, 3)]);
        var rhs = Random(17, 2, 5);
        var batched = Jax.Vmap((m, y) => Linalg.Lstsq(m, y).X)(tall, rhs);
        Close(Linalg.Lstsq(tall[1], rhs[1]).X, batched[1], 1e-14);
        Close(batched, Jax.Jit(Jax.Vmap((m, y) => Linalg.Lstsq(m, y).X))(tall, rhs), 1e-14);
        Close(Jnp.Matmul(Linalg.Pinv(tall[0]), rhs[0]), batched[0], 1e-13);
        GradCheck.Check(args => [Linalg.Lstsq(args[0], args[1]).X, Linalg.Lstsq(args[0], args[1]).Residuals], [tall[0], rhs[0]], order: 1);
    }

    [Fact]
    public void Lstsq_refuses_batches_and_mismatched_rows()
    {
        Assert.Contains("lstsq", Assert.Throws<ShapeException>(() => Linalg.Lstsq(Jnp.Ones([2, 3, 2]), Jnp.Ones([3]))).Message);
        Assert.Contains("[2,3,1]", Assert.Throws<ShapeException>(() => Linalg.Lstsq(Jnp.Ones([3, 2]), Jnp.Ones([2, 3, 1]))).Message);
        Assert.Contains("rows", Assert.Throws<ShapeException>(() => Linalg.Lstsq(Jnp.Ones([3, 2]), Jnp.Ones([4]))).Message);
        Assert.Throws<ShapeException>(() => Linalg.Lstsq(Jnp.Ones([3]), Jnp.Ones([3])));
    }

    [Fact]
    public void Matrix_power_by_squaring()
    {
        // Fibonacci: [[1, 1], [1, 0]]^n = [[F(n+1), F(n)], [F(n), F(n−1)]].
        var fib = Matrix(new double[,] { { 1, 1 }, { 1, 0 } });
        Close(Matrix(new double[,] { { 89, 55 }, { 55, 34 } }), Linalg.MatrixPower(fib, 10), 0);
        Close(Matrix(new double[,] { { 2, 1 }, { 1, 1 } }), Linalg.MatrixPower(fib, 2), 0);
        Close(fib, Linalg.MatrixPower(fib, 1), 0);
        Close(Jnp.Eye(2, dtype: DType.Float64), Linalg.MatrixPower(fib, 0), 0);
        Close(Matrix(new double[,] { { 0.125, 0 }, { 0, 1.0 / 64 } }), Linalg.MatrixPower(Matrix(new double[,] { { 2, 0 }, { 0, 4 } }), -3), 1e-16);
        Close(Matrix(new double[,] { { 0, 1 }, { 1, -1 } }), Linalg.MatrixPower(fib, -1), 1e-15);
        // A batch keeps its axes (n = 0 too); integers promote, as in JAX.
        var batch = Jnp.Stack([fib, Matrix(new double[,] { { 2, 0 }, { 0, 3 } })]);
        Close(Jnp.Stack([Matrix(new double[,] { { 3, 2 }, { 2, 1 } }), Matrix(new double[,] { { 8, 0 }, { 0, 27 } })]), Linalg.MatrixPower(batch, 3), 0);
        Assert.Equal([2, 2, 2], Linalg.MatrixPower(batch, 0).Shape);
        var ints = Linalg.MatrixPower(Jnp.Array(new[,] { { 1, 1 }, { 1, 0 } }), 5);
        Assert.Equal(DType.Float32, ints.DType);
        Assert.Equal(new float[] { 8, 5, 5, 3 }, ints.ToArray<float>());
        GradCheck.Check(x => Linalg.MatrixPower(x, 5), Random(18, 3, 3));
        GradCheck.Check(x => Linalg.MatrixPower(x, -2), WellConditioned(19, 3));
        Assert.Contains("matrix_power", Assert.Throws<ShapeException>(() => Linalg.MatrixPower(Jnp.Ones([2, 3]), 2)).Message);
    }

    [Fact]
    public void Eigh_and_eigvalsh_take_numpy_s_UPLO_and_symmetrize()
    {
        var upperOnly = Matrix(new double[,] { { 2, 1 }, { 0, 2 } });
        Close([1.5, 2.5], Linalg.Eigvalsh(upperOnly), 1e-15);
        Close([1, 3], Linalg.Eigvalsh(upperOnly, "U", symmetrizeInput: false), 1e-15);
        Close([2, 2], Linalg.Eigvalsh(upperOnly, "L", symmetrizeInput: false), 1e-15);
        var (w, v) = Linalg.Eigh(upperOnly, "U", symmetrizeInput: false);
        Close([1, 3], w, 1e-15);
        Close(Jnp.Full([2, 2], Math.Sqrt(0.5), DType.Float64), Jnp.Abs(v), 1e-15);
        var batch = Random(20, [3, 4, 4]);
        Close(Jax.Scipy.Linalg.EigvalsH(batch), Linalg.Eigvalsh(batch), 0);
        Assert.Throws<ArgumentException>(() => Linalg.Eigvalsh(upperOnly, "X"));
    }

    [Fact]
    public void Cond_in_every_norm()
    {
        // diag(1, 2): 2 in the induced norms, 1/2 for −2, √5·√1.25 = 2.5 (Frobenius), 3·1.5 = 4.5 (nuclear).
        var d = Matrix(new double[,] { { 1, 0 }, { 0, 2 } });
        Close([2], Linalg.Cond(d).Reshape(1), 1e-14);
        Close([0.5], Linalg.Cond(d, -2).Reshape(1), 1e-14);
        Close([2], Linalg.Cond(d, 1).Reshape(1), 1e-14);
        Close([2], Linalg.Cond(d, double.PositiveInfinity).Reshape(1), 1e-14);
        Close([2.5], Linalg.Cond(d, "fro").Reshape(1), 1e-14);
        Close([4.5], Linalg.Cond(d, "nuc").Reshape(1), 1e-14);
        // [[1, 2], [3, 4]], inverse [[−2, 1], [1.5, −0.5]]: largest column sums 6·3.5, row sums 7·3, √30·√7.5 = 15,
        // smallest column sums 4·1.5 and row sums 3·2.
        var a = Matrix(new double[,] { { 1, 2 }, { 3, 4 } });
        Close([21], Linalg.Cond(a, 1).Reshape(1), 1e-13);
        Close([21], Linalg.Cond(a, double.PositiveInfinity).Reshape(1), 1e-13);
        Close([15], Linalg.Cond(a, "fro").Reshape(1), 1e-13);
        Close([6], Linalg.Cond(a, -1).Reshape(1), 1e-13);
        Close([6], Linalg.Cond(a, double.NegativeInfinity).Reshape(1), 1e-13);
        // Non-square for ±2; singular gives inf; a NaN stays NaN; batches.
        Close([2], Linalg.Cond(Matrix(new double[,] { { 1, 0 }, { 0, 2 }, { 0, 0 } })).Reshape(1), 1e-14);
        var singular = Matrix(new double[,] { { 1, 2 }, { 2, 4 } });
        Assert.Equal(double.PositiveInfinity, Linalg.Cond(singular).Item<double>());
        Assert.Equal(double.PositiveInfinity, Linalg.Cond(singular, 1).Item<double>());
        Assert.True(double.IsNaN(Linalg.Cond(Matrix(new double[,] { { 1, double.NaN }, { 0, 1 } }), 1).Item<double>()));
        Close(Jnp.Stack([Linalg.Cond(d, 1), Linalg.Cond(a, 1)]), Linalg.Cond(Jnp.Stack([d, a]), 1), 1e-13);
        Close(Jnp.Stack([Linalg.Cond(d), Linalg.Cond(a)]), Jax.Jit(x => Linalg.Cond(x))(Jnp.Stack([d, a])), 1e-13);
        GradCheck.Check(x => Linalg.Cond(x), Random(21, 3, 3), order: 1);
        GradCheck.Check(x => Linalg.Cond(x, 1), WellConditioned(22, 3), order: 1);
        Assert.Contains("square", Assert.Throws<ShapeException>(() => Linalg.Cond(Jnp.Ones([3, 2]), 1)).Message);
        Assert.Throws<ShapeException>(() => Linalg.Cond(Jnp.Ones([3])));
        Assert.Throws<ArgumentException>(() => Linalg.Cond(a, 3));
        Assert.Throws<ArgumentException>(() => Linalg.Cond(a, "max"));
    }

    [Fact]
    public void Multi_dot_multiplies_in_the_cheapest_order()
    {
        var (a, b, c) = (Random(23, 10, 30), Random(24, 30, 5), Random(25, 5, 20));
        var expected = Jnp.Matmul(Jnp.Matmul(a, b), c);
        Close(expected, Linalg.MultiDot(a, b, c), 1e-12);
        // (a b) c costs 10·30·5 + 10·5·20 = 2500 multiplications, a (b c) 30·5·20 + 10·30·20 = 9000: a b comes first.
        var program = Jax.MakeJaxpr((NDArray x, NDArray y, NDArray z) => Linalg.MultiDot(x, y, z))(a, b, c).ToString();
        Assert.Contains("[10,5]", program);
        Assert.DoesNotContain("[30,20]", program);
        // And the other way round when that is cheaper.
        var d = Random(26, 20, 2);
        program = Jax.MakeJaxpr((NDArray x, NDArray y) => Linalg.MultiDot(x, y, d))(c, Random(27, 20, 20)).ToString();
        Assert.Contains("[20,2]", program);
        // Vectors at either end drop their axis.
        var (u, w) = (Vector(1, 2), Vector(1, -1, 0));
        var m = Matrix(new double[,] { { 1, 0, 2 }, { 0, 1, 1 } });
        Close([1, 2, 4], Linalg.MultiDot(u, m), 0);
        Close([1, -1], Linalg.MultiDot(m, w), 0);
        Close(Scalar(-1), Linalg.MultiDot(u, m, w), 0);
        GradCheck.Check((x, y) => Linalg.MultiDot(x, y, c), a, b, order: 1);
        Assert.Throws<ArgumentException>(() => Linalg.MultiDot(a));
        Assert.Contains("array 1", Assert.Throws<ShapeException>(() => Linalg.MultiDot(a, Jnp.Ones([30]), c)).Message);
        Assert.Contains("arrays 0 and 1", Assert.Throws<ShapeException>(() => Linalg.MultiDot(a, c)).Message);
    }
}
