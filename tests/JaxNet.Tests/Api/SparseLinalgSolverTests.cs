namespace JaxNet.Tests.Api;

/// <summary>
/// lax.custom_linear_solve and jax.scipy.sparse.linalg's cg and bicgstab: solutions against a float64 solve, and
/// derivatives (with respect to b and to the matrix the operator closes over) against the implicit-function
/// formulas dx = A⁻¹(db - dA x) and b̄ = A⁻ᵀ x̄, Ā = -b̄ xᵀ.
/// </summary>
public class SparseLinalgSolverTests
{
    private const int N = 6;

    /// <summary>A fixed symmetric positive definite matrix (Mᵀ M + N I) and a non-symmetric, diagonally dominant one.</summary>
    private static (double[,] Spd, double[,] General, double[] B) Problem()
    {
        var rng = new Random(7);
        var m = new double[N, N];
        for (var i = 0; i < N; i++)
            for (var j = 0; j < N; j++) m[i, j] = rng.NextDouble() - 0.5;
        var spd = new double[N, N];
        var general = new double[N, N];
        for (var i = 0; i < N; i++)
            for (var j = 0; j < N; j++)
            {
                for (var k = 0; k < N; k++) spd[i, j] += m[k, i] * m[k, j];
                if (i == j) spd[i, j] += N;
                general[i, j] = m[i, j] + (i == j ? 3 : 0);
            }
        var b = Enumerable.Range(0, N).Select(i => Math.Sin(i + 1.0)).ToArray();
        return (spd, general, b);
    }

    /// <summary>Gaussian elimination with partial pivoting in float64.</summary>
    private static double[] SolveReference(double[,] a, double[] b, bool transposed = false)
    {
        var m = new double[N, N + 1];
        for (var i = 0; i < N; i++)
        {
            for (var j = 0; j < N; j++) m[i, j] = transposed ? a[j, i] : a[i, j];
            m[i, N] = b[i];
        }
        for (var c = 0; c < N; c++)
        {
            var pivot = Enumerable.Range(c, N - c).MaxBy(r => Math.Abs(m[r, c]));
            for (var j = 0; j <= N; j++) (m[c, j], m[pivot, j]) = (m[pivot, j], m[c, j]);
            for (var r = c + 1; r < N; r++)
            {
                var f = m[r, c] / m[c, c];
                for (var j = c; j <= N; j++) m[r, j] -= f * m[c, j];
            }
        }
        var x = new double[N];
        for (var i = N - 1; i >= 0; i--)
        {
            var s = m[i, N];
            for (var j = i + 1; j < N; j++) s -= m[i, j] * x[j];
            x[i] = s / m[i, i];
        }
        return x;
    }

    private static NDArray F32(double[,] a) => Jnp.Array(a).Astype(DType.Float32);

    private static NDArray F32(double[] a) => Jnp.Array(a).Astype(DType.Float32);

    private static void AssertClose(double[] expected, NDArray actual, double tolerance = 2e-4)
    {
        var got = actual.Astype(DType.Float32).ToArray<float>();
        Assert.Equal(expected.Length, got.Length);
        for (var i = 0; i < got.Length; i++)
            Assert.True(Math.Abs(expected[i] - got[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])), $"[{i}]: expected {expected[i]}, got {got[i]}");
    }

    [Fact]
    public void CgAndBicgstabSolveTheirSystems()
    {
        var (spd, general, b) = Problem();
        AssertClose(SolveReference(spd, b), Jax.Scipy.Sparse.Linalg.Cg(F32(spd), F32(b), tol: 1e-7));
        AssertClose(SolveReference(general, b), Jax.Scipy.Sparse.Linalg.Bicgstab(F32(general), F32(b), tol: 1e-7));
        // A function operator, a Jacobi preconditioner and a starting guess reach the same solution.
        var a = F32(spd);
        var inverseDiagonal = 1f / Jnp.Diagonal(a);
        var x = Jax.Scipy.Sparse.Linalg.Cg(v => Jnp.Matmul(a, v), F32(b), x0: Jnp.OnesLike(F32(b)), tol: 1e-7, m: v => v * inverseDiagonal);
        AssertClose(SolveReference(spd, b), x);
        // One step of CG is not the solution: maxiter is honoured.
        var once = Jax.Scipy.Sparse.Linalg.Cg(a, F32(b), maxiter: 1).ToArray<float>();
        Assert.True(SolveReference(spd, b).Zip(once).Max(p => Math.Abs(p.First - p.Second)) > 1e-3);
        Assert.Equal(new float[N], Jax.Scipy.Sparse.Linalg.Cg(a, F32(b), maxiter: 0).ToArray<float>());
    }

    [Fact]
    public void ComplexHermitianSystemsSolve()
    {
        // A = [[4, 1-i], [1+i, 3]] is Hermitian positive definite; x = A⁻¹ b by Cramer's rule.
        var a = Jax.Lax.Complex(Jnp.Array(new[,] { { 4f, 1f }, { 1f, 3f } }), Jnp.Array(new[,] { { 0f, -1f }, { 1f, 0f } }));
        var b = Jax.Lax.Complex(Jnp.Array(new[] { 1f, 2f }), Jnp.Array(new[] { 0f, 1f }));
        var x = Jax.Scipy.Sparse.Linalg.Cg(a, b, tol: 1e-7);
        var residual = Jnp.Matmul(a, x) - b;
        Assert.True(Jnp.Max(Jnp.Abs(residual)).Item<float>() < 1e-5);
        Assert.Equal(DType.Complex64, x.DType);
    }

    [Fact]
    public void GradientsAreImplicitNotThroughTheIterations()
    {
        var (spd, general, b) = Problem();
        var w = Enumerable.Range(0, N).Select(i => Math.Cos(i * 0.7)).ToArray();
        foreach (var (matrix, symmetric) in new[] { (spd, true), (general, false) })
        {
            NDArray Solve(NDArray a, NDArray rhs) => symmetric
                ? Jax.Scipy.Sparse.Linalg.Cg(v => Jnp.Matmul(a, v), rhs, tol: 1e-7)
                : Jax.Scipy.Sparse.Linalg.Bicgstab(v => Jnp.Matmul(a, v), rhs, tol: 1e-7);
            var x = SolveReference(matrix, b);
            var bBar = SolveReference(matrix, w, transposed: true);
            // d<w, x>/db = A⁻ᵀ w; d<w, x>/dA = -A⁻ᵀ w xᵀ (the matrix reaches the solver only through the closure).
            var gradB = Jax.Grad((NDArray rhs) => Jnp.Sum(Solve(F32(matrix), rhs) * F32(w)))(F32(b));
            AssertClose(bBar, gradB, 1e-3);
            var gradA = Jax.Grad((NDArray a) => Jnp.Sum(Solve(a, F32(b)) * F32(w)))(F32(matrix));
            AssertClose([.. Enumerable.Range(0, N * N).Select(k => -bBar[k / N] * x[k % N])], gradA, 1e-3);
            // Forward mode: dx = A⁻¹ (db - dA x) with dA = I, db = 0: dx = -A⁻¹ x.
            var (_, tangent) = Jax.Jvp((NDArray a) => Solve(a, F32(b)), [F32(matrix)], [Jnp.Eye(N)]);
            AssertClose([.. SolveReference(matrix, x).Select(v => -v)], tangent, 1e-3);
        }
    }

    [Fact]
    public void GmresSolvesWithAnyRestartAndShape()
    {
        var (_, general, b) = Problem();
        var a = F32(general);
        var x = SolveReference(general, b);
        AssertClose(x, Jax.Scipy.Sparse.Linalg.Gmres(a, F32(b), tol: 1e-7));
        // Restarting every 2 vectors takes more cycles to the same answer; a full basis (restart >= n) is exact in one.
        AssertClose(x, Jax.Scipy.Sparse.Linalg.Gmres(a, F32(b), tol: 1e-7, restart: 2));
        AssertClose(x, Jax.Scipy.Sparse.Linalg.Gmres(a, F32(b), restart: 50, maxiter: 1), 1e-3);
        // b as a [2, 3] array with an operator on that shape.
        var shaped = Jax.Scipy.Sparse.Linalg.Gmres(v => Jnp.Matmul(a, v.Reshape(N)).Reshape(2, 3), F32(b).Reshape(2, 3), tol: 1e-7);
        Assert.Equal(new[] { 2, 3 }, shaped.Shape);
        AssertClose(x, shaped);
        // Jitted, and differentiated implicitly in b: d<w, x>/db = A⁻ᵀ w.
        var w = Enumerable.Range(0, N).Select(i => Math.Cos(i * 0.7)).ToArray();
        var grad = Jax.Jit(Jax.Grad((NDArray rhs) => Jnp.Sum(Jax.Scipy.Sparse.Linalg.Gmres(a, rhs, tol: 1e-7) * F32(w))))(F32(b));
        AssertClose(SolveReference(general, w, transposed: true), grad, 1e-3);
        Assert.Throws<ArgumentOutOfRangeException>(() => Jax.Scipy.Sparse.Linalg.Gmres(a, F32(b), restart: 0));
        // b = 0 is solved by x = 0 at once.
        Assert.Equal(new float[N], Jax.Scipy.Sparse.Linalg.Gmres(a, Jnp.Zeros([N])).ToArray<float>());
    }

    [Fact]
    public void JitAndVmapRunTheLoop()
    {
        var (spd, _, b) = Problem();
        var a = F32(spd);
        var jitted = Jax.Jit((NDArray rhs) => Jax.Scipy.Sparse.Linalg.Cg(a, rhs, tol: 1e-7));
        AssertClose(SolveReference(spd, b), jitted(F32(b)));
        var rows = Jnp.Stack([F32(b), F32(b) * 2f]);
        var batched = Jax.Vmap((NDArray rhs) => Jax.Scipy.Sparse.Linalg.Bicgstab(a, rhs, tol: 1e-7))(rows);
        AssertClose([.. SolveReference(spd, b), .. SolveReference(spd, b).Select(v => 2 * v)], batched);
    }

    [Fact]
    public void CustomLinearSolveChecksItsArguments()
    {
        var a = Jnp.Array(new[,] { { 2f, 1f }, { 0f, 3f } });
        var b = Jnp.Array(new[] { 1f, 1f });
        NDArray Exact(Func<NDArray, NDArray> op, NDArray rhs) => Jnp.Linalg.Solve(a, rhs);
        Assert.All(Jax.Lax.CustomLinearSolve(v => Jnp.Matmul(a, v), b, Exact).ToArray<float>(), v => Assert.Equal(1 / 3.0, v, 1e-6));
        Assert.Throws<ShapeException>(() => Jax.Lax.CustomLinearSolve(v => v[..1], b, Exact));
        Assert.Throws<ShapeException>(() => Jax.Lax.CustomLinearSolve(v => v.Astype(DType.Int32), b, Exact));
        // Reverse mode of a non-symmetric system needs a transpose solve, as in JAX.
        Assert.Throws<NotSupportedException>(() => Jax.Grad((NDArray r) => Jnp.Sum(Jax.Lax.CustomLinearSolve(v => Jnp.Matmul(a, v), r, Exact)))(b));
        Assert.Throws<ShapeException>(() => Jax.Scipy.Sparse.Linalg.Cg(Jnp.Ones([2, 3]), b));
        Assert.Throws<ShapeException>(() => Jax.Scipy.Sparse.Linalg.Cg(a, b, x0: Jnp.Ones([3])));
    }

    [Fact]
    public void NaNInTheRightHandSideEndsTheLoopAtTheStart()
    {
        // As in JAX: the residual test ‖r‖² > bound is false for NaN, so no step runs and x stays x0.
        var (spd, _, _) = Problem();
        var b = F32(Enumerable.Range(0, N).Select(i => i == 2 ? double.NaN : 1.0).ToArray());
        var x0 = Jnp.Full([N], 0.5f);
        Assert.Equal(x0.ToArray<float>(), Jax.Scipy.Sparse.Linalg.Cg(F32(spd), b, x0: x0).ToArray<float>());
        Assert.Equal(x0.ToArray<float>(), Jax.Scipy.Sparse.Linalg.Bicgstab(F32(spd), b, x0: x0).ToArray<float>());
    }
}
