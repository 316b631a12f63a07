using JaxNet.Tests.Transforms;
using Linalg = JaxNet.Jax.Scipy.Linalg;

namespace JaxNet.Tests.Api;

/// <summary>
/// The triangular family of Jax.Scipy.Linalg (solve_triangular, cholesky, lu, solve, inv, det): the identities
/// that define them in float64, hand-computed values, batches, Vmap and Jit, gradients checked to second order
/// against finite differences, and inputs that are wrong or degenerate.
/// </summary>
public class ScipyLinalgTriangularTests
{
    private static NDArray D(double[] values, params int[] shape) => Jnp.FromHost<double>(values, shape, DType.Float64);

    private static NDArray D(double[,] values) => Jnp.Array(values, DType.Float64);

    private static NDArray Random(int[] shape, int seed)
    {
        var rng = new Random(seed);
        var size = shape.Aggregate(1, (a, b) => a * b);
        return D(Enumerable.Range(0, size).Select(_ => rng.NextDouble() * 2 - 1).ToArray(), shape);
    }

    // Random entries plus n on the diagonal: diagonally dominant, so well conditioned and far from singular.
    private static NDArray WellConditioned(int n, int seed, params int[] batch) =>
        Random([.. batch, n, n], seed) + Jnp.Eye(n, dtype: DType.Float64) * n;

    private static NDArray SymmetricPositiveDefinite(int n, int seed)
    {
        var x = Random([n, n], seed);
        return Jnp.Matmul(x, x.T) + Jnp.Eye(n, dtype: DType.Float64) * n;
    }

    private static NDArray Mt(NDArray x) => Jnp.Swapaxes(x, -1, -2);

    private static void Close(NDArray expected, NDArray actual, double tol = 1e-10)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var (e, a) = (expected.ToArray<double>(), actual.ToArray<double>());
        for (var i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - a[i]) <= tol * (1 + Math.Abs(e[i])), $"element {i}: expected {e[i]}, got {a[i]}");
    }

    private static void Zero(NDArray x) => Assert.All(x.ToArray<double>(), v => Assert.Equal(0.0, v));

    [Fact]
    public void SolveTriangularReadsOnlyItsTriangleForEveryFlagCombination()
    {
        const int n = 5;
        var a = WellConditioned(n, 1);
        var b = Random([n, 3], 2);
        var nanAbove = Jnp.Where(Jnp.Triu(Jnp.Ones([n, n]), 1) != 0f, double.NaN, a);
        var nanBelow = Jnp.Where(Jnp.Tril(Jnp.Ones([n, n]), -1) != 0f, double.NaN, a);
        foreach (var lower in new[] { false, true })
            foreach (var trans in new[] { false, true })
                foreach (var unit in new[] { false, true })
                {
                    var triangle = lower ? Jnp.Tril(a) : Jnp.Triu(a);
                    if (unit) triangle = triangle - Jnp.Eye(n, dtype: DType.Float64) * a + Jnp.Eye(n, dtype: DType.Float64);
                    var op = trans ? triangle.T : triangle;
                    var expected = Linalg.Solve(op, b);
                    // NaNs in the triangle that is not read (and on the diagonal when it is taken as ones) stay out.
                    var input = lower ? nanAbove : nanBelow;
                    if (unit) input = Jnp.Where(Jnp.Eye(n, dtype: DType.Bool), double.NaN, input);
                    Close(expected, Linalg.SolveTriangular(input, b, lower, trans, unit));
                    Close(Jnp.Matmul(op, expected), b);
                    var vector = Linalg.SolveTriangular(input, b[.., 0], lower, trans, unit);
                    Assert.Equal([n], vector.Shape);
                    Close(expected[.., 0], vector);
                }
    }

    [Fact]
    public void CholeskyFactorsReconstructTheMatrix()
    {
        var a = SymmetricPositiveDefinite(6, 3);
        var l = Linalg.Cholesky(a, lower: true);
        var u = Linalg.Cholesky(a);
        Close(a, Jnp.Matmul(l, l.T));
        Close(a, Jnp.Matmul(u.T, u));
        Zero(Jnp.Triu(l, 1));
        Zero(Jnp.Tril(u, -1));
        Assert.All(Jnp.Diagonal(l).ToArray<double>(), d => Assert.True(d > 0));
        // By hand: [[4, 2], [2, 5]] = [[2, 0], [1, 2]] [[2, 1], [0, 2]].
        Close(D(new double[,] { { 2, 0 }, { 1, 2 } }), Linalg.Cholesky(D(new double[,] { { 4, 2 }, { 2, 5 } }), lower: true));
    }

    [Fact]
    public void LuFactorsReconstructTheMatrixWithPartialPivoting()
    {
        foreach (var (m, n) in new[] { (6, 6), (3, 5), (5, 3) })
        {
            var a = Random([m, n], m * 10 + n);
            var (p, l, u) = Linalg.Lu(a);
            var k = Math.Min(m, n);
            Assert.Equal([m, m], p.Shape);
            Assert.Equal([m, k], l.Shape);
            Assert.Equal([k, n], u.Shape);
            Close(a, Jnp.Matmul(p, Jnp.Matmul(l, u)));
            Close(Jnp.Eye(m, dtype: DType.Float64), Jnp.Matmul(p, p.T));
            Assert.All(p.ToArray<double>(), v => Assert.True(v is 0 or 1));
            Zero(Jnp.Triu(l, 1));
            Assert.All(Jnp.Diagonal(l).ToArray<double>(), d => Assert.Equal(1.0, d));
            Zero(Jnp.Tril(u, -1));
            // Partial pivoting: every multiplier is at most 1 in magnitude.
            Assert.All(l.ToArray<double>(), v => Assert.True(Math.Abs(v) <= 1));
        }
        // By hand: the larger first-column entry (3) is the pivot.
        var (p2, l2, u2) = Linalg.Lu(D(new double[,] { { 1, 2 }, { 3, 4 } }));
        Close(D(new double[,] { { 0, 1 }, { 1, 0 } }), p2);
        Close(D(new double[,] { { 1, 0 }, { 1.0 / 3, 1 } }), l2);
        Close(D(new double[,] { { 3, 4 }, { 0, 2.0 / 3 } }), u2);
        // In a batch each matrix pivots on its own.
        var pair = Jnp.Stack([D(new double[,] { { 1, 2 }, { 3, 4 } }), D(new double[,] { { 3, 4 }, { 1, 2 } })]);
        var (pb, lb, ub) = Linalg.Lu(pair);
        Close(Jnp.Stack([p2, Jnp.Eye(2, dtype: DType.Float64)]), pb);
        Close(Jnp.Stack([l2, l2]), lb);
        Close(Jnp.Stack([u2, u2]), ub);
    }

    [Fact]
    public void SolveAndInvSatisfyTheirDefinitions()
    {
        var a = WellConditioned(5, 4);
        var b = Random([5, 2], 5);
        Close(b, Jnp.Matmul(a, Linalg.Solve(a, b)));
        var x = Linalg.Solve(a, b[.., 1]);
        Assert.Equal([5], x.Shape);
        Close(b[.., 1], Jnp.Matmul(a, x));
        Close(Jnp.Eye(5, dtype: DType.Float64), Jnp.Matmul(a, Linalg.Inv(a)));
        Close(Jnp.Eye(5, dtype: DType.Float64), Jnp.Matmul(Linalg.Inv(a), a));
        // A zero in the top-left corner needs a row exchange.
        var swap = D(new double[,] { { 0, 2 }, { 3, 1 } });
        Close(D(new double[,] { { -1.0 / 6, 1.0 / 3 }, { 0.5, 0 } }), Linalg.Inv(swap));
    }

    [Fact]
    public void DetMatchesClosedForms()
    {
        // 2 (3·4 − 2·1) − (−1)(1·4 − 2·0) + 0 = 24.
        Close(D([24.0]).Reshape(), Linalg.Det(D(new double[,] { { 2, -1, 0 }, { 1, 3, 2 }, { 0, 1, 4 } })));
        Close(D([-30.0]).Reshape(), Linalg.Det(D(new double[,] { { 2, 7, 1 }, { 0, -3, 4 }, { 0, 0, 5 } })));
        Close(D([-1.0]).Reshape(), Linalg.Det(D(new double[,] { { 0, 1, 0 }, { 1, 0, 0 }, { 0, 0, 1 } })));
        // A 3-cycle is an even permutation (two swaps).
        Close(D([1.0]).Reshape(), Linalg.Det(D(new double[,] { { 0, 1, 0 }, { 0, 0, 1 }, { 1, 0, 0 } })));
        Close(D([0.0]).Reshape(), Linalg.Det(D(new double[,] { { 1, 2 }, { 2, 4 } })));
        var a = WellConditioned(4, 6);
        Close(Linalg.Det(a) * Linalg.Det(a), Linalg.Det(Jnp.Matmul(a, a)), 1e-9);
        // Per matrix signs in a batch: an odd and an even permutation.
        var permutations = Jnp.Stack([D(new double[,] { { 0, 1, 0 }, { 1, 0, 0 }, { 0, 0, 1 } }), D(new double[,] { { 0, 1, 0 }, { 0, 0, 1 }, { 1, 0, 0 } })]);
        Close(D([-1.0, 1.0], 2), Linalg.Det(permutations));
        Close(D([-1.0, 1.0], 2), Jax.Vmap(Linalg.Det)(permutations));
    }

    [Fact]
    public void BatchesVmapAndJitAgreeWithSingleMatrices()
    {
        const int n = 4;
        var a = WellConditioned(n, 7, 2);
        var spd = Jnp.Stack([SymmetricPositiveDefinite(n, 8), SymmetricPositiveDefinite(n, 9)]);
        var b = Random([2, n, 3], 10);
        var functions = new (Func<NDArray, NDArray> F, NDArray Input)[]
        {
            (m => Linalg.SolveTriangular(m, Jnp.Ones([n], DType.Float64), lower: true), a),
            (m => Linalg.Cholesky(m), spd),
            (m => Linalg.Lu(m).L + Linalg.Lu(m).U + Linalg.Lu(m).P, a),
            (m => Linalg.Solve(m, Jnp.Ones([n], DType.Float64)), a),
            (m => Linalg.Inv(m), a),
            (m => Linalg.Det(m), a),
        };
        foreach (var (f, input) in functions)
        {
            var batched = f(input);
            var single = Jnp.Stack([f(input[0]), f(input[1])]);
            Close(single, batched);
            Close(single, Jax.Vmap(f)(input));
            Close(single, Jax.Jit(f)(input));
            Close(single, Jax.Jit(Jax.Vmap(f))(input));
        }
        // Batch shapes broadcast between a and b.
        Close(Jnp.Stack([Linalg.Solve(a[0], b[0]), Linalg.Solve(a[1], b[0])]), Linalg.Solve(a, b[0]));
        // solve_triangular, as JAX's, reads b with one axis fewer than a as a batch of vectors; solve, as NumPy 2's, as a matrix.
        var v = b[0, .., 0];
        Close(Jnp.Stack([Linalg.SolveTriangular(a[0], v), Linalg.SolveTriangular(a[1], v)]), Linalg.SolveTriangular(a, v));
        Close(Jnp.Stack([Linalg.SolveTriangular(a[0], b[0, .., 0]), Linalg.SolveTriangular(a[1], b[0, .., 1])]),
            Linalg.SolveTriangular(a, Mt(b[0, .., ..2])));
        Close(Jnp.Stack([Linalg.Solve(a[0], b[0]), Linalg.Solve(a[1], b[1])]), Jax.Vmap((m, r) => Linalg.Solve(m, r))(a, b));
    }

    [Fact]
    public void SolveTriangularGradientsToSecondOrder()
    {
        var a = WellConditioned(4, 11);
        var b = Random([4, 2], 12);
        foreach (var lower in new[] { false, true })
            foreach (var trans in new[] { false, true })
                foreach (var unit in new[] { false, true })
                    GradCheck.Check((x, y) => Linalg.SolveTriangular(x, y, lower, trans, unit), a, b);
        GradCheck.Check((x, y) => Linalg.SolveTriangular(x, y, lower: true), a, b[.., 0]);
        // The triangle that is not read, and a unit diagonal, get no gradient.
        var g = Jax.Grad(x => Jnp.Sum(Linalg.SolveTriangular(x, b, lower: true, unitDiagonal: true)))(a);
        Zero(Jnp.Triu(g));
        Assert.Contains(Jnp.Tril(g, -1).ToArray<double>(), v => v != 0);
    }

    [Fact]
    public void CholeskyGradientsToSecondOrder()
    {
        const int n = 4;
        var x = Random([n, n], 13);
        foreach (var lower in new[] { false, true })
            GradCheck.Check(m => Linalg.Cholesky(Jnp.Matmul(m, m.T) + Jnp.Eye(n, dtype: DType.Float64) * n, lower), x);
    }

    [Fact]
    public void LuGradientsToSecondOrder()
    {
        foreach (var (m, n) in new[] { (4, 4), (3, 5), (5, 3) })
        {
            NDArray[] Factors(NDArray[] a)
            {
                var (_, l, u) = Linalg.Lu(a[0]);
                return [l, u];
            }
            GradCheck.Check(Factors, [Random([m, n], 14 + m)]);
        }
    }

    [Fact]
    public void SolveInvAndDetGradientsToSecondOrder()
    {
        // Rows reversed, so that the factorization pivots and the rules meet a permutation.
        var a = Jnp.Flip(WellConditioned(4, 15), 0);
        Assert.NotEqual(Jnp.Eye(4, dtype: DType.Float64).ToArray<double>(), Linalg.Lu(a).P.ToArray<double>());
        GradCheck.Check((x, y) => Linalg.Solve(x, y), a, Random([4, 3], 16));
        GradCheck.Check((x, y) => Linalg.Solve(x, y), a, Random([4], 17));
        GradCheck.Check(Linalg.Inv, a);
        GradCheck.Check(Linalg.Det, a);
        // d det(a) / da = det(a) a⁻ᵀ.
        Close(Linalg.Det(a) * Linalg.Inv(a).T, Jax.Grad(Linalg.Det)(a));
    }

    // The cofactor matrix by expansion along the first row of each minor, on the host: the reference for det's gradient.
    private static double[,] Cofactors(double[,] a)
    {
        var n = a.GetLength(0);
        double Det(double[,] m)
        {
            var k = m.GetLength(0);
            if (k == 0) return 1;
            var sum = 0.0;
            for (var c = 0; c < k; c++) sum += (c % 2 == 0 ? 1 : -1) * m[0, c] * Det(Minor(m, 0, c));
            return sum;
        }
        var cofactors = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++) cofactors[i, j] = ((i + j) % 2 == 0 ? 1 : -1) * Det(Minor(a, i, j));
        return cofactors;
    }

    private static double[,] Minor(double[,] m, int row, int column)
    {
        var k = m.GetLength(0);
        var minor = new double[k - 1, k - 1];
        for (var i = 0; i < k - 1; i++)
            for (var j = 0; j < k - 1; j++) minor[i, j] = m[i < row ? i : i + 1, j < column ? j : j + 1];
        return minor;
    }

    private static double[,] Host(NDArray x)
    {
        var (m, n) = (x.Shape[0], x.Shape[1]);
        var values = x.ToArray<double>();
        var result = new double[m, n];
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++) result[i, j] = values[i * n + j];
        return result;
    }

    [Fact]
    public void DetGradientIsTheCofactorMatrixAtSingularMatricesAndElsewhere()
    {
        var grad = Jax.Grad(Linalg.Det);
        // By hand: rank 1, pivoting brings the zero pivot last.
        Close(D(new double[,] { { 4, -2 }, { -2, 1 } }), grad(D(new double[,] { { 1, 2 }, { 2, 4 } })));
        // A zero first column: the zero pivot comes first (JAX's rule, which fixes only a last zero pivot, gives zeros).
        Close(D(new double[,] { { 2, 0 }, { -1, 0 } }), grad(D(new double[,] { { 0, 1 }, { 0, 2 } })));
        Close(D(new double[,] { { 1, -1, 0 }, { -1, 1, 0 }, { 0, 0, 0 } }), grad(D(new double[,] { { 1, 1, 0 }, { 1, 1, 0 }, { 0, 0, 1 } })));
        // Rank n − 2 or less: every (n − 1)-minor vanishes.
        Zero(grad(Jnp.Zeros([3, 3], DType.Float64)));
        Zero(grad(Jnp.Ones([3, 3], DType.Float64)));
        Close(D(new double[,] { { 1 } }), grad(D(new double[,] { { 0 } })));
        // Rank n − 1 products of random factors, against the cofactors expanded on the host; in a batch and under Vmap and Jit.
        var singular = Jnp.Stack(new[] { 40, 50 }.Select(seed => Jnp.Matmul(Random([4, 3], seed), Random([3, 4], seed + 1))).ToArray());
        Assert.True(Math.Abs(Linalg.Det(singular[0]).Item<double>()) < 1e-14);
        foreach (var i in new[] { 0, 1 })
        {
            var expected = D(Cofactors(Host(singular[i])));
            Assert.True((double)Jnp.Max(Jnp.Abs(expected)) > 0.01);
            Close(expected, grad(singular[i]));
            Close(expected, Jax.Grad(x => Jnp.Sum(Linalg.Det(x)))(singular)[i]);
            Close(expected, Jax.Vmap(grad)(singular)[i]);
            Close(expected, Jax.Jit(grad)(singular[i]));
        }
        // Finite, and no NaN in forward mode either.
        var (_, tangent) = Jax.Jvp(Linalg.Det, [D(new double[,] { { 0, 1 }, { 0, 2 } })], [D(new double[,] { { 1, 0 }, { 0, 0 } })]);
        Assert.Equal(2.0, tangent.Item<double>());
        // And away from singular matrices too.
        foreach (var n in new[] { 1, 2, 3, 5 })
        {
            var a = Random([n, n], 30 + n);
            Close(D(Cofactors(Host(a))), Jax.Grad(Linalg.Det)(a));
        }
    }

    [Fact]
    public void GradientsComposeWithJitAndVmap()
    {
        var a = WellConditioned(3, 18, 2);
        NDArray F(NDArray x) => Jnp.Sum(Linalg.Inv(x)) + Linalg.Det(x) + Jnp.Sum(Linalg.Cholesky(Jnp.Matmul(x, Mt(x))));
        var perMatrix = Jnp.Stack([Jax.Grad(F)(a[0]), Jax.Grad(F)(a[1])]);
        Close(perMatrix, Jax.Vmap(Jax.Grad(F))(a));
        Close(perMatrix, Jax.Jit(Jax.Vmap(Jax.Grad(F)))(a));
        Close(perMatrix, Jax.Grad(x => Jnp.Sum(Jax.Vmap(F)(x)))(a));
        Close(perMatrix, Jax.Grad(x => Jnp.Sum(Jax.Jit(Jax.Vmap(F))(x)))(a));
        // A batch goes through the functions as one: the sum of the per-matrix values has the same gradient.
        Close(perMatrix, Jax.Grad(x => Jnp.Sum(Linalg.Inv(x)) + Jnp.Sum(Linalg.Det(x)) + Jnp.Sum(Linalg.Cholesky(Jnp.Matmul(x, Mt(x)))))(a));
    }

    [Fact]
    public void WrongShapesAreRefusedNamingTheFunctionAndTheShape()
    {
        var wide = Jnp.Ones([2, 3], DType.Float64);
        var vector = Jnp.Ones([3], DType.Float64);
        var square = Jnp.Eye(3, dtype: DType.Float64);
        void Refused(Action call, string function, string shape)
        {
            var e = Assert.Throws<ShapeException>(call);
            Assert.Contains(function, e.Message);
            Assert.Contains(shape, e.Message);
        }
        Refused(() => Linalg.SolveTriangular(wide, vector), "solve_triangular", "[2,3]");
        Refused(() => Linalg.Cholesky(wide), "cholesky", "[2,3]");
        Refused(() => Linalg.Solve(wide, vector), "solve", "[2,3]");
        Refused(() => Linalg.Inv(wide), "inv", "[2,3]");
        Refused(() => Linalg.Det(wide), "det", "[2,3]");
        Refused(() => Linalg.Lu(vector), "lu", "[3]");
        Refused(() => Linalg.Det(vector), "det", "[3]");
        Refused(() => Linalg.Cholesky(Jnp.Array(2.0)), "cholesky", "[]");
        Refused(() => Linalg.Solve(square, Jnp.Ones([4], DType.Float64)), "solve", "[4]");
        Refused(() => Linalg.Solve(square, Jnp.Ones([2, 5], DType.Float64)), "solve", "[2,5]");
        Refused(() => Linalg.SolveTriangular(square, Jnp.Ones([4, 1], DType.Float64)), "solve_triangular", "[4,1]");
        Assert.Throws<ShapeException>(() => Linalg.Solve(Jnp.Ones([2, 3, 3]), Jnp.Ones([4, 3, 1])));
    }

    [Fact]
    public void IntegersPromoteToTheDefaultFloat()
    {
        var a = Jnp.Array(new[,] { { 4, 2 }, { 2, 5 } });
        var l = Linalg.Cholesky(a, lower: true);
        Assert.Equal(DType.Float32, l.DType);
        Assert.Equal(new float[] { 2, 0, 1, 2 }, l.ToArray<float>());
        Assert.Equal(16f, Linalg.Det(a).Item<float>(), 5);
        var x = Linalg.Solve(a, Jnp.Array(new[] { 6, 7 }));
        Assert.Equal(DType.Float32, x.DType);
        Assert.Equal(new float[] { 1, 1 }, x.ToArray<float>());
        Assert.Equal(DType.Float32, Linalg.Lu(a).P.DType);
        Assert.Equal(new float[] { 2, 2 }, Linalg.SolveTriangular(a, Jnp.Array(new[] { 8, 14 }), lower: true).ToArray<float>());
    }

    [Fact]
    public void NaNsAndMatricesThatAreNotPositiveDefiniteGiveNaNs()
    {
        var withNan = D(new double[,] { { 1, 2 }, { double.NaN, 4 } });
        Assert.Contains(Linalg.Solve(withNan, D([1.0, 1.0], 2)).ToArray<double>(), double.IsNaN);
        Assert.True(double.IsNaN(Linalg.Det(withNan).Item<double>()));
        Assert.Contains(Linalg.Inv(withNan).ToArray<double>(), double.IsNaN);
        Assert.Contains(Linalg.Lu(withNan).U.ToArray<double>(), double.IsNaN);
        Assert.All(Linalg.Cholesky(withNan).ToArray<double>(), v => Assert.True(double.IsNaN(v)));
        // Indefinite and singular positive semidefinite matrices: all NaN, in either triangle, as JAX.
        foreach (var bad in new[] { new double[,] { { 1, 2 }, { 2, 1 } }, new double[,] { { -1, 0 }, { 0, 1 } }, new double[,] { { 1, 1 }, { 1, 1 } } })
            foreach (var lower in new[] { false, true })
                Assert.All(Linalg.Cholesky(D(bad), lower).ToArray<double>(), v => Assert.True(double.IsNaN(v)));
        // A batch fails matrix by matrix.
        var batch = Linalg.Cholesky(Jnp.Stack([D(new double[,] { { 1, 2 }, { 2, 1 } }), D(new double[,] { { 4, 2 }, { 2, 5 } })]), lower: true);
        Assert.All(batch[0].ToArray<double>(), v => Assert.True(double.IsNaN(v)));
        Close(D(new double[,] { { 2, 0 }, { 1, 2 } }), batch[1]);
        // A zero pivot is infinite, not an exception, and a singular matrix has determinant 0.
        Assert.Contains(Linalg.SolveTriangular(D(new double[,] { { 0, 1 }, { 0, 1 } }), D([2.0, 1.0], 2)).ToArray<double>(), double.IsInfinity);
        Close(D([0.0]).Reshape(), Linalg.Det(Jnp.Zeros([3, 3], DType.Float64)));
    }

    [Fact]
    public void EmptyMatrices()
    {
        var empty = Jnp.Zeros([0, 0], DType.Float64);
        Assert.Equal(1.0, Linalg.Det(empty).Item<double>());
        Assert.Equal(new[] { 1.0, 1.0 }, Linalg.Det(Jnp.Zeros([2, 0, 0], DType.Float64)).ToArray<double>());
        Assert.Equal([0, 0], Linalg.Inv(empty).Shape);
        Assert.Equal([0, 0], Linalg.Cholesky(empty).Shape);
        Assert.Equal([0], Linalg.Solve(empty, Jnp.Zeros([0], DType.Float64)).Shape);
        Assert.Equal([0, 2], Linalg.SolveTriangular(empty, Jnp.Zeros([0, 2], DType.Float64)).Shape);
        var (p, l, u) = Linalg.Lu(empty);
        Assert.Equal([0, 0], p.Shape);
        Assert.Equal([0, 0], l.Shape);
        Assert.Equal([0, 0], u.Shape);
        Assert.Equal(0.0, Jax.Grad(x => Linalg.Det(x))(empty).Size);
    }

    [Fact]
    public void Float32()
    {
        var a64 = WellConditioned(4, 19);
        var a = a64.Astype(DType.Float32);
        var b = Random([4], 20).Astype(DType.Float32);
        var results = new[]
        {
            (Linalg.Solve(a, b), Linalg.Solve(a64, b.Astype(DType.Float64))),
            (Linalg.Inv(a), Linalg.Inv(a64)),
            (Linalg.Det(a), Linalg.Det(a64)),
            (Linalg.Lu(a).U, Linalg.Lu(a64).U),
            (Linalg.Cholesky(Jnp.Matmul(a, a.T)), Linalg.Cholesky(Jnp.Matmul(a64, a64.T))),
            (Linalg.SolveTriangular(a, b, transA: true), Linalg.SolveTriangular(a64, b.Astype(DType.Float64), transA: true)),
            (Jax.Grad(Linalg.Det)(a), Jax.Grad(Linalg.Det)(a64)),
        };
        foreach (var (single, reference) in results)
        {
            Assert.Equal(DType.Float32, single.DType);
            Close(reference, single.Astype(DType.Float64), 1e-4);
        }
    }
}
