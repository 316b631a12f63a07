using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.SpectralChecks;
using Linalg = JaxNet.Jax.Scipy.Linalg;

namespace JaxNet.Tests.Api;

/// <summary>
/// Jax.Scipy.Linalg.Svd and Svdvals: A = U diag(S) Vh with orthogonal factors for square, tall and wide matrices in
/// both forms, closed forms (a rank-deficient matrix among them), batches under Vmap and Jit, and JAX's derivative
/// rule checked by GradCheck on sign-invariant functions.
/// </summary>
public class ScipyLinalgSvdTests
{
    private static NDArray Rebuilt(NDArray u, NDArray s, NDArray vh)
    {
        var k = s.Shape[^1];
        var uk = Jax.Lax.SliceInDim(u, 0, k, axis: u.Ndim - 1);
        var vhk = Jax.Lax.SliceInDim(vh, 0, k, axis: vh.Ndim - 2);
        return Jnp.Matmul(uk * Jnp.ExpandDims(s, -2), vhk);
    }

    [Theory]
    [InlineData(4, 4, true)]
    [InlineData(8, 8, false)]
    [InlineData(7, 3, true)]
    [InlineData(7, 3, false)]
    [InlineData(3, 6, true)]
    [InlineData(3, 6, false)]
    [InlineData(1, 5, true)]
    public void Factors_rebuild_the_matrix_and_are_orthogonal(int m, int n, bool full)
    {
        var a = Random(10 * m + n, m, n);
        var (u, s, vh) = Linalg.Svd(a, full);
        var k = Math.Min(m, n);
        Assert.Equal(full ? [m, m] : [m, k], u.Shape);
        Assert.Equal([k], s.Shape);
        Assert.Equal(full ? [n, n] : [k, n], vh.Shape);
        Close(a, Rebuilt(u, s, vh), 1e-14);
        OrthonormalColumns(u, 1e-14);
        OrthonormalColumns(vh.T, 1e-14);
        Sorted(s, descending: true);
        Assert.True(s.ToArray<double>().All(v => v >= 0));
        Close(s, Linalg.Svdvals(a), 1e-14);
    }

    [Fact]
    public void Closed_forms_a_diagonal_and_a_rank_deficient_matrix()
    {
        Close([3, 2, 1], Linalg.Svd(Matrix(new double[,] { { 1, 0, 0 }, { 0, -3, 0 }, { 0, 0, 2 } })).S, 1e-15);
        // Rank one: the columns are (1, 2, 3) and twice that, so the only nonzero singular value is the Frobenius
        // norm, sqrt(70), and the second is 0.
        var a = Matrix(new double[,] { { 1, 2 }, { 2, 4 }, { 3, 6 } });
        var (u, s, vh) = Linalg.Svd(a);
        Close([Math.Sqrt(70), 0], s, 1e-14);
        Close(a, Rebuilt(u, s, vh), 1e-14);
        OrthonormalColumns(u, 1e-14);
        OrthonormalColumns(vh.T, 1e-14);
    }

    [Fact]
    public void Zero_singular_values_still_give_orthonormal_singular_vectors()
    {
        // An exactly zero column and the zero matrix: U's columns for the zero singular values are completed.
        foreach (var a in new[] { Matrix(new double[,] { { 1, 0, 2 }, { 3, 0, 1 }, { 1, 0, 1 }, { 2, 0, 2 } }), Jnp.Zeros([3, 2], DType.Float64) })
            foreach (var full in new[] { true, false })
            {
                var (u, s, vh) = Linalg.Svd(a, full);
                Assert.Equal(0.0, s.ToArray<double>()[^1]);
                Close(a, Rebuilt(u, s, vh), 1e-14);
                OrthonormalColumns(u, 1e-14);
                OrthonormalColumns(vh.T, 1e-14);
            }
    }

    [Fact]
    public void Batches_map_over_leading_axes_and_agree_with_vmap_and_jit()
    {
        var a = Random(31, [2, 5, 3]);
        var (u, s, vh) = Linalg.Svd(a, fullMatrices: false);
        Assert.Equal([2, 5, 3], u.Shape);
        Assert.Equal([2, 3], s.Shape);
        Assert.Equal([2, 3, 3], vh.Shape);
        Close(a, Rebuilt(u, s, vh), 1e-14);
        Close(Linalg.Svd(a[1]).S, s[1], 1e-14);
        Close(s, Jax.Vmap(x => Linalg.Svd(x).S)(a), 1e-14);
        var jitted = Jax.Jit(args => { var (ju, js, jvh) = Linalg.Svd(args[0], fullMatrices: false); return [ju, js, jvh]; }, 1)([a]);
        Close(u, jitted[0], 1e-14);
        Close(s, jitted[1], 1e-14);
        Close(vh, jitted[2], 1e-14);
        Close(s, Jax.Jit(x => Linalg.Svdvals(x))(Jnp.Swapaxes(a, 1, 2)), 1e-14);
    }

    [Theory]
    [InlineData(3, 3, true)]
    [InlineData(4, 3, false)]
    [InlineData(2, 4, false)]
    public void Derivatives_follow_the_rule_to_second_order(int m, int n, bool full)
    {
        var a = Random(52, m, n);
        var s = Linalg.Svdvals(a).ToArray<double>();
        Assert.True(s.Zip(s.Skip(1)).Min(p => p.First - p.Second) > 0.1 && s[^1] > 0.1, "test matrix needs separated nonzero singular values");
        // S, U diag(S) Vh, and the squares of U and Vh: none depends on the singular vectors' signs.
        GradCheck.Check(x =>
        {
            var (u, sv, vh) = Linalg.Svd(x[0], full);
            return [sv, Jnp.Matmul(u * sv, vh), u * u, vh * vh];
        }, [a], order: 2);
        GradCheck.Check(x => [Linalg.Svdvals(x[0])], [a], order: 2);
    }

    [Fact]
    public void Singular_value_derivative_is_defined_for_repeated_values()
    {
        // The nuclear norm (sum of S) of an orthogonal matrix Q has gradient Q itself, though every S is 1.
        var (q, _) = Linalg.Qr(Random(51, 3, 3));
        Close(q, Jax.Grad(x => Jnp.Sum(Linalg.Svdvals(x)))(q), 1e-13);
    }

    [Fact]
    public void Full_form_of_a_non_square_matrix_is_not_differentiable_as_in_jax()
    {
        var a = Random(52, 4, 3);
        Assert.Equal([4, 4], Linalg.Svd(a).U.Shape);
        var e = Assert.Throws<NotSupportedException>(() => Jax.Grad(x => Jnp.Sum(Linalg.Svd(x).S))(a));
        Assert.Contains("fullMatrices", e.Message);
        Assert.Equal([4, 3], Jax.Grad(x => Jnp.Sum(Linalg.Svd(x, fullMatrices: false).S))(a).Shape);
    }
}
