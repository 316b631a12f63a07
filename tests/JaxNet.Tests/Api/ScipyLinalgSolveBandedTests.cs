using static JaxNet.Tests.Api.SpectralChecks;
using Linalg = JaxNet.Jax.Scipy.Linalg;

namespace JaxNet.Tests.Api;

/// <summary>
/// Jax.Scipy.Linalg.SolveBanded: NumPy's dense solves of the unpacked band as reference, the tridiagonal (1, 1) path,
/// other bandwidths, Jit, Vmap, Grad and bad input.
/// </summary>
public class ScipyLinalgSolveBandedTests
{
    /// <summary>A[i, j] = ab[u + i − j, j] inside the band: the unpacking written out on the host.</summary>
    private static NDArray Unpacked(double[,] ab, int l, int u)
    {
        var m = ab.GetLength(1);
        var dense = new double[m, m];
        for (var i = 0; i < m; i++)
            for (var j = 0; j < m; j++)
                if (i - j >= -u && i - j <= l) dense[i, j] = ab[u + i - j, j];
        return Matrix(dense);
    }

    [Fact]
    public void Two_lower_and_one_upper_diagonal_match_numpy()
    {
        // The entries 9 in ab lie outside the matrix. Reference: the dense matrix with A[i, j] = ab[u + i - j, j],
        // numpy.linalg.solve(A, [1, 2, 3, 4, 5]).
        var ab = Matrix(new double[,] { { 9, 1, 2, 3, 4 }, { 5, 6, 7, 8, 9 }, { 1, 2, 3, 4, 9 }, { 0.5, -1, 2, 9, 9 } });
        var x = Linalg.SolveBanded((2, 1), ab, Jnp.Array(new[] { 1.0, 2, 3, 4, 5 }));
        Assert.Equal([5], x.Shape);
        Close([0.15535139004892018, 0.22324304975539913, 0.2525951557093425, 0.23589070516644806, 0.3945829853239469], x, 1e-14);
    }

    [Fact]
    public void Tridiagonal_bands_do_not_read_the_corners()
    {
        // The system of LaxLinalgTridiagonalSolveTests, whose first pivot is zero; NaN in the unused corners.
        var ab = Matrix(new double[,] { { double.NaN, 2, -1, 0.25, 1 }, { 0, 4, 1, -1, 2 }, { 1, -2, 0.5, 3, double.NaN } });
        var b = Matrix(new double[,] { { 1, 2 }, { 3, -1 }, { 0, 1 }, { 2, 2 }, { -1, 0.5 } });
        var expected = Matrix(new double[,]
        {
            { 2.1904761904761907, -1.9761904761904763 }, { 0.5, 1 }, { 1.1904761904761905, 3.0238095238095237 },
            { -0.7619047619047619, -0.09523809523809523 }, { 0.6428571428571428, 0.39285714285714285 },
        });
        Close(expected, Linalg.SolveBanded((1, 1), ab, b), 1e-14);
    }

    [Fact]
    public void Other_bandwidths_have_small_residuals()
    {
        foreach (var (l, u) in new[] { (0, 0), (0, 2), (3, 0), (2, 2) })
        {
            var values = Random(20 + l + u, l + u + 1, 6).ToArray<double>();
            var ab = new double[l + u + 1, 6];
            for (var k = 0; k < values.Length; k++) ab[k / 6, k % 6] = values[k] + (k / 6 == u ? 4 : 0);
            var b = Random(30, 6, 2);
            var x = Linalg.SolveBanded((l, u), Matrix(ab), b);
            Close(b, Jnp.Matmul(Unpacked(ab, l, u), x), 1e-12);
        }
    }

    [Fact]
    public void Jit_vmap_grad_and_dtypes()
    {
        var abs = Random(40, [3, 4, 5]) + Jnp.Array(new double[,] { { 0 }, { 4 }, { 0 }, { 0 } });
        var b = Random(41, [3, 5]);
        var eager = Jnp.Stack(Enumerable.Range(0, 3).Select(i => Linalg.SolveBanded((2, 1), abs[i], b[i])).ToArray());
        Close(eager, Jax.Vmap((NDArray ab, NDArray rhs) => Linalg.SolveBanded((2, 1), ab, rhs))(abs, b), 1e-14);
        Close(eager[0], Jax.Jit((NDArray ab, NDArray rhs) => Linalg.SolveBanded((2, 1), ab, rhs))(abs[0], b[0]), 1e-14);
        // d x / d b = A⁻¹, so the gradient of sum(x) is A⁻ᵀ 1.
        var grad = Jax.Grad((NDArray rhs) => Jnp.Sum(Linalg.SolveBanded((1, 1), abs[0, 1..4], rhs)))(b[0]);
        var dense = Unpacked(To2d(abs[0, 1..4]), 1, 1);
        Close(Jnp.Linalg.Solve(Jnp.Swapaxes(dense, 0, 1), Jnp.OnesLike(b[0])), grad, 1e-13);
        var ints = Linalg.SolveBanded((0, 0), Jnp.Array(new[,] { { 2, 4 } }), Jnp.Array(new[] { 1, 2 }));
        Assert.Equal(DType.Float32, ints.DType);
        Close([0.5, 0.5], ints, 0);
        Assert.Equal(DType.Float32, Linalg.SolveBanded((1, 1), abs[0, 1..4].Astype(DType.Float32), b[0].Astype(DType.Float32)).DType);
    }

    private static double[,] To2d(NDArray x)
    {
        var (rows, cols) = (x.Shape[0], x.Shape[1]);
        var flat = x.ToArray<double>();
        var result = new double[rows, cols];
        for (var k = 0; k < flat.Length; k++) result[k / cols, k % cols] = flat[k];
        return result;
    }

    [Fact]
    public void Singular_nan_empty_and_bad_input()
    {
        var singular = Linalg.SolveBanded((0, 1), Matrix(new double[,] { { 0, 1 }, { 1, 0 } }), Jnp.Array(new[] { 1.0, 1 }));
        Assert.Contains(singular.ToArray<double>(), v => !double.IsFinite(v));
        var withNan = Linalg.SolveBanded((1, 1), Matrix(new double[,] { { 0, 1 }, { double.NaN, 3 }, { 1, 0 } }), Jnp.Array(new[] { 1.0, 1 }));
        Assert.True(AllNan(withNan));
        Assert.Equal([0, 2], Linalg.SolveBanded((1, 1), Jnp.Zeros([3, 0], DType.Float64), Jnp.Zeros([0, 2], DType.Float64)).Shape);
        Assert.Equal([0], Linalg.SolveBanded((2, 0), Jnp.Zeros([3, 0], DType.Float64), Jnp.Zeros([0], DType.Float64)).Shape);
        var ab = Jnp.Ones([3, 4], DType.Float64);
        Assert.Throws<ArgumentException>(() => Linalg.SolveBanded((-1, 3), ab, Jnp.Ones([4])));
        Assert.Throws<ShapeException>(() => Linalg.SolveBanded((1, 0), ab, Jnp.Ones([4])));
        Assert.Throws<ShapeException>(() => Linalg.SolveBanded((1, 1), ab, Jnp.Ones([5])));
        Assert.Throws<ShapeException>(() => Linalg.SolveBanded((1, 1), ab, Jnp.Ones([4, 2, 2])));
        Assert.Throws<ShapeException>(() => Linalg.SolveBanded((1, 1), Jnp.Ones([2, 3, 4]), Jnp.Ones([4])));
    }
}
