using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.SpectralChecks;
using Linalg = JaxNet.Jax.Scipy.Linalg;

namespace JaxNet.Tests.Api;

/// <summary>
/// Jax.Scipy.Linalg.Eigh and EigvalsH: the eigen-identities in float64, closed forms, the triangle read, batches
/// under Vmap and Jit, and JAX's derivative rule checked by GradCheck (order 2) on sign-invariant functions.
/// </summary>
public class ScipyLinalgEighTests
{
    // What Eigh decomposes by default: the test matrices are not symmetric, and JAX symmetrizes them.
    private static NDArray Symmetric(NDArray a) => (a + Jnp.Swapaxes(a, -1, -2)) / 2.0;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(8)]
    public void Eigenvectors_diagonalize_the_matrix_and_are_orthonormal(int n)
    {
        var a = Random(n, n, n);
        var (w, v) = Linalg.Eigh(a);
        Assert.Equal([n], w.Shape);
        Assert.Equal([n, n], v.Shape);
        Close(Jnp.Matmul(Symmetric(a), v), v * w, 1e-13);
        OrthonormalColumns(v, 1e-13);
        Sorted(w, descending: false);
    }

    [Fact]
    public void Closed_forms_a_diagonal_matrix_and_a_2x2()
    {
        var (w, v) = Linalg.Eigh(Matrix(new double[,] { { 3, 0, 0 }, { 0, -1, 0 }, { 0, 0, 2 } }));
        Close([-1, 2, 3], w, 1e-15);
        Close(Matrix(new double[,] { { 0, 0, 1 }, { 1, 0, 0 }, { 0, 1, 0 } }), Jnp.Abs(v), 1e-15);
        // [[2, 1], [1, 2]]: eigenvalues 1 and 3, eigenvectors (1, -1) and (1, 1) over sqrt 2, up to sign.
        (w, v) = Linalg.Eigh(Matrix(new double[,] { { 2, 1 }, { 1, 2 } }));
        Close([1, 3], w, 1e-15);
        Close(Jnp.Full([2, 2], Math.Sqrt(0.5), DType.Float64), Jnp.Abs(v), 1e-15);
        Assert.True((double)(v[0, 0] * v[1, 0]) < 0 && (double)(v[0, 1] * v[1, 1]) > 0);
    }

    [Fact]
    public void Without_symmetrizing_reads_only_the_chosen_triangle()
    {
        var lowerOnly = Matrix(new double[,] { { 2, 0 }, { 1, 2 } });
        var upperOnly = Matrix(new double[,] { { 2, 1 }, { 0, 2 } });
        Close([1, 3], Linalg.Eigh(lowerOnly, symmetrizeInput: false).W, 1e-15);
        Close([2, 2], Linalg.Eigh(upperOnly, symmetrizeInput: false).W, 1e-15);
        Close([1, 3], Linalg.Eigh(upperOnly, lower: false, symmetrizeInput: false).W, 1e-15);
        Close([1, 3], Linalg.EigvalsH(upperOnly, lower: false, symmetrizeInput: false), 1e-15);
        // The gradient of the largest eigenvalue, v vᵀ with v = (1, 1)/√2, lands on the triangle read (twice off the diagonal).
        var g = Jax.Grad(x => Linalg.EigvalsH(x, symmetrizeInput: false)[1])(lowerOnly);
        Close(Matrix(new double[,] { { 0.5, 0 }, { 1, 0.5 } }), g, 1e-14);
        GradCheck.Check(x => [Linalg.EigvalsH(x[0], symmetrizeInput: false)], [Random(24, 4, 4)], order: 2);
    }

    [Fact]
    public void Symmetrizes_the_input_by_default_as_JAX()
    {
        // (A + Aᵀ)/2 of either one-triangle matrix is [[2, 0.5], [0.5, 2]]: eigenvalues 1.5 and 2.5, whichever triangle.
        var lowerOnly = Matrix(new double[,] { { 2, 0 }, { 1, 2 } });
        var upperOnly = Matrix(new double[,] { { 2, 1 }, { 0, 2 } });
        foreach (var lower in new[] { true, false })
        {
            Close([1.5, 2.5], Linalg.Eigh(lowerOnly, lower).W, 1e-15);
            Close([1.5, 2.5], Linalg.EigvalsH(upperOnly, lower), 1e-15);
        }
        // A non-symmetric matrix: its symmetric part's decomposition.
        var a = Random(25, [2, 4, 4]);
        var (w, v) = Linalg.Eigh(a);
        Close(Jnp.Matmul(Symmetric(a), v), v * Jnp.ExpandDims(w, -2), 1e-13);
        Close(w, Linalg.EigvalsH(Symmetric(a), symmetrizeInput: false), 1e-13);
        // The gradient is symmetric: v vᵀ for the largest eigenvalue of [[2, 1], [1, 2]] split over both triangles.
        var g = Jax.Grad(x => Linalg.EigvalsH(x)[1])(Matrix(new double[,] { { 2, 0 }, { 2, 2 } }));
        Close(Jnp.Full([2, 2], 0.5, DType.Float64), g, 1e-14);
        var ga = Jax.Grad(x => Jnp.Sum(Jnp.Square(Linalg.Eigh(x).V) * Jnp.Arange(4).Astype(DType.Float64)))(a[0]);
        Close(ga.T, ga, 1e-12);
    }

    [Fact]
    public void Repeated_eigenvalues_still_give_an_orthonormal_basis()
    {
        // diag(2, 2, 5) rotated: a two-dimensional eigenspace.
        var (q, _) = Linalg.Qr(Random(3, 3, 3));
        var a = Jnp.Matmul(q * Jnp.FromHost<double>([2, 2, 5], [3], DType.Float64), q.T);
        var (w, v) = Linalg.Eigh(a);
        Close([2, 2, 5], w, 1e-14);
        Close(Jnp.Matmul(a, v), v * w, 1e-14);
        OrthonormalColumns(v, 1e-14);
    }

    [Fact]
    public void Batches_map_over_leading_axes_and_agree_with_vmap_and_jit()
    {
        var a = Random(11, [2, 3, 4, 4]);
        var (w, v) = Linalg.Eigh(a);
        Assert.Equal([2, 3, 4], w.Shape);
        Assert.Equal([2, 3, 4, 4], v.Shape);
        Close(Jnp.Matmul(Symmetric(a), v), v * Jnp.ExpandDims(w, -2), 1e-13);
        var flat = a.Reshape(6, 4, 4);
        Close(w.Reshape(6, 4), Jax.Vmap(x => Linalg.Eigh(x).W)(flat), 1e-14);
        Close(Linalg.Eigh(a[1, 2]).V, v[1, 2], 1e-14);
        var jitted = Jax.Jit(args => { var (jw, jv) = Linalg.Eigh(args[0]); return [jw, jv]; }, 1)([a]);
        Close(w, jitted[0], 1e-14);
        Close(v, jitted[1], 1e-14);
        Close(w, Jax.Jit(x => Linalg.EigvalsH(x))(a), 1e-14);
    }

    [Fact]
    public void Derivatives_follow_the_rule_to_second_order()
    {
        // Seed 22: the symmetric part's eigenvalues are at least 0.38 apart, so that central differences of the second
        // derivative (which grows as 1/gap²) stay within GradCheck's tolerance.
        var a = Random(22, 4, 4);
        var w = Linalg.EigvalsH(a).ToArray<double>();
        Assert.True(w.Zip(w.Skip(1)).Min(p => p.Second - p.First) > 0.3, "test matrix needs separated eigenvalues");
        // W, the matrix rebuilt from V diag(W) V^T, and the squares of V: none depends on the eigenvectors' signs.
        GradCheck.Check(x =>
        {
            var (ew, ev) = Linalg.Eigh(x[0]);
            return [ew, Jnp.Matmul(ev * ew, ev.T), ev * ev];
        }, [a], order: 2);
        GradCheck.Check(x => [Linalg.EigvalsH(x[0], lower: false)], [a], order: 2);
    }

    [Fact]
    public void Gradient_of_a_batch_matches_each_matrix_alone_and_jit()
    {
        var a = Random(23, [2, 3, 3]);
        Func<NDArray, NDArray> loss = x => Jnp.Sum(Jnp.Square(Linalg.Eigh(x).V) * Jnp.Arange(3).Astype(DType.Float64));
        var batched = Jax.Grad(x => Jnp.Sum(Jax.Vmap(loss)(x)))(a);
        Close(Jax.Grad(loss)(a[1]), batched[1], 1e-12);
        Close(batched, Jax.Jit(Jax.Grad(x => Jnp.Sum(Jax.Vmap(loss)(x))))(a), 1e-12);
        GradCheck.Check(x => [Jax.Vmap(loss)(x[0])], [a], order: 1);
    }

    [Fact]
    public void Eigenvalue_derivative_is_defined_for_repeated_eigenvalues()
    {
        // d(sum of eigenvalues) = d(trace): the identity's gradient, even at the identity, where F would be 1/0.
        var grad = Jax.Grad(x => Jnp.Sum(Linalg.EigvalsH(x)))(Jnp.Eye(3, dtype: DType.Float64));
        Close(Jnp.Eye(3, dtype: DType.Float64), grad, 1e-14);
    }
}
