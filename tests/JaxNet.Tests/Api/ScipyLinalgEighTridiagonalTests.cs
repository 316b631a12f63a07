using static JaxNet.Tests.Api.SpectralChecks;
using Linalg = JaxNet.Jax.Scipy.Linalg;

namespace JaxNet.Tests.Api;

/// <summary>
/// Jax.Scipy.Linalg.EighTridiagonal: numpy.linalg.eigvalsh of the dense tridiagonal matrix as reference (real and
/// complex off-diagonals), index selection, tolerance, float32, Jit, Vmap, NaN, tiny sizes and bad input.
/// </summary>
public class ScipyLinalgEighTridiagonalTests
{
    private static readonly NDArray D = Jnp.Array(new[] { 1.0, -2, 3, 0.5, 2, -1 }, DType.Float64);
    private static readonly NDArray E = Jnp.Array(new[] { 1.0, 0.5, -2, 1e-3, 3 }, DType.Float64);

    // T = diag(d) + diag(e, 1) + diag(e, -1); numpy.linalg.eigvalsh(T):
    private static readonly double[] Expected =
        [-2.8541020718257837, -2.360654576508134, -0.5804268526942222, 1.299672785970543, 3.8541015117926056, 4.141409203264992];

    [Fact]
    public void All_eigenvalues_match_numpy()
    {
        var w = Linalg.EighTridiagonal(D, E, eigvalsOnly: true);
        Assert.Equal(DType.Float64, w.DType);
        Close(Expected, w, 1e-14);
        var w32 = Linalg.EighTridiagonal(D.Astype(DType.Float32), E.Astype(DType.Float32), eigvalsOnly: true);
        Assert.Equal(DType.Float32, w32.DType);
        Close(Expected, w32, 5e-6);
    }

    [Fact]
    public void Complex_off_diagonal_enters_through_its_modulus()
    {
        // T = diag([1, -2, 3, 0.5]) + diag(e, 1) + diag(conj(e), -1), e = [1+1j, 2-1j, 0.5j]; numpy.linalg.eigvalsh(T):
        var d = D[0..4].Astype(DType.Complex128);
        var e = Jax.Lax.Complex(Jnp.Array(new[] { 1.0, 2, 0 }, DType.Float64), Jnp.Array(new[] { 1.0, -1, 0.5 }, DType.Float64));
        var w = Linalg.EighTridiagonal(d, e, eigvalsOnly: true);
        Assert.Equal(DType.Float64, w.DType);
        Close([-3.2735083344348026, 0.42686297416833646, 1.3394143471806699, 4.007231013085796], w, 1e-14);
    }

    [Fact]
    public void Index_selection_and_tolerance()
    {
        Close(Expected[1..4], Linalg.EighTridiagonal(D, E, eigvalsOnly: true, select: "i", selectRange: (1, 3)), 1e-14);
        Close(Expected[5..], Linalg.EighTridiagonal(D, E, eigvalsOnly: true, select: "i", selectRange: (5, 5)), 1e-14);
        var coarse = Linalg.EighTridiagonal(D, E, eigvalsOnly: true, tol: 1e-3);
        Close(Expected, coarse, 1e-3);
        Assert.True(MaxAbs(coarse - Jnp.Array(Expected, DType.Float64)) > 1e-12, "a coarse tolerance should stop the bisection early");
    }

    [Fact]
    public void Jit_and_vmap_agree_with_eager()
    {
        var ds = Random(1, [3, 8]);
        var es = Random(2, [3, 7]);
        var eager = Jnp.Stack(Enumerable.Range(0, 3).Select(i => Linalg.EighTridiagonal(ds[i], es[i], eigvalsOnly: true)).ToArray());
        for (var i = 0; i < 3; i++)
        {
            var dense = Jnp.Diag(ds[i]) + Jnp.Diag(es[i], 1) + Jnp.Diag(es[i], -1);
            Close(Linalg.EigvalsH(dense), eager[i], 1e-13);
        }
        Close(eager, Jax.Vmap((NDArray d, NDArray e) => Linalg.EighTridiagonal(d, e, eigvalsOnly: true))(ds, es), 0);
        Close(eager[1], Jax.Jit((NDArray d, NDArray e) => Linalg.EighTridiagonal(d, e, eigvalsOnly: true))(ds[1], es[1]), 0);
    }

    [Fact]
    public void Nan_and_tiny_sizes()
    {
        var withNan = Linalg.EighTridiagonal(Jnp.Array(new[] { 1.0, double.NaN, 2 }, DType.Float64), E[0..2], eigvalsOnly: true);
        Assert.True(AllNan(withNan));
        Assert.Equal([0], Linalg.EighTridiagonal(Jnp.Zeros([0], DType.Float64), Jnp.Zeros([0], DType.Float64), eigvalsOnly: true).Shape);
        Close([7.0], Linalg.EighTridiagonal(Jnp.Array(new[] { 7.0 }, DType.Float64), Jnp.Zeros([0], DType.Float64), eigvalsOnly: true), 0);
        // A zero off-diagonal splits the matrix: the eigenvalues are the diagonal's.
        Close([-1.0, 2, 5], Linalg.EighTridiagonal(Jnp.Array(new[] { 5.0, -1, 2 }, DType.Float64), Jnp.Zeros([2], DType.Float64), eigvalsOnly: true), 1e-14);
    }

    [Fact]
    public void Bad_input()
    {
        var notImplemented = Assert.Throws<NotImplementedException>(() => Linalg.EighTridiagonal(D, E));
        Assert.Contains("eigvals_only", notImplemented.Message);
        Assert.Throws<NotImplementedException>(() => Linalg.EighTridiagonal(D, E, eigvalsOnly: true, select: "v"));
        Assert.Throws<ArgumentException>(() => Linalg.EighTridiagonal(D, E, eigvalsOnly: true, select: "x"));
        Assert.Throws<ArgumentException>(() => Linalg.EighTridiagonal(D, E, eigvalsOnly: true, select: "i"));
        Assert.Throws<ArgumentException>(() => Linalg.EighTridiagonal(D, E, eigvalsOnly: true, select: "i", selectRange: (3, 2)));
        Assert.Throws<ArgumentException>(() => Linalg.EighTridiagonal(D, E, eigvalsOnly: true, select: "i", selectRange: (0, 6)));
        Assert.Throws<ShapeException>(() => Linalg.EighTridiagonal(D, D, eigvalsOnly: true));
        Assert.Throws<ShapeException>(() => Linalg.EighTridiagonal(Jnp.Ones([2, 3], DType.Float64), E, eigvalsOnly: true));
        Assert.Throws<ArgumentException>(() => Linalg.EighTridiagonal(D, E.Astype(DType.Float32), eigvalsOnly: true));
        Assert.Throws<ArgumentException>(() => Linalg.EighTridiagonal(D.Astype(DType.Int32), E.Astype(DType.Int32), eigvalsOnly: true));
    }
}
