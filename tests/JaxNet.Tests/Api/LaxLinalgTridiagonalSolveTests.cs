using static JaxNet.Tests.Api.SpectralChecks;

namespace JaxNet.Tests.Api;

/// <summary>
/// Jax.Lax.Linalg.TridiagonalSolve: NumPy's dense solve as reference (a zero first pivot, so rows must be swapped),
/// float32 and complex, batches under Vmap and Jit, JAX's derivative (reverse mode solves the transposed system), and
/// bad input.
/// </summary>
public class LaxLinalgTridiagonalSolveTests
{
    // dl[0] and du[4] lie outside the matrix; NaN there shows they are not read.
    private static readonly double[] Dl = [double.NaN, 1, -2, 0.5, 3];
    private static readonly double[] D = [0, 4, 1, -1, 2];
    private static readonly double[] Du = [2, -1, 0.25, 1, double.NaN];
    private static readonly NDArray B = Matrix(new double[,] { { 1, 2 }, { 3, -1 }, { 0, 1 }, { 2, 2 }, { -1, 0.5 } });

    private static NDArray Vector(double[] values, DType dtype = DType.Float64) => Jnp.FromHost<double>(values, [values.Length], DType.Float64).Astype(dtype);

    /// <summary>The dense matrices of batches of diagonals [..., m] (row i: dl[i], d[i], du[i] around the diagonal).</summary>
    private static NDArray Dense(NDArray dl, NDArray d, NDArray du)
    {
        var m = d.Shape[^1];
        NDArray Band(NDArray values, int k) => Jnp.ExpandDims(values, -1) * Jnp.Eye(m, k: k, dtype: d.DType);
        return Band(dl, -1) + Band(d, 0) + Band(du, 1);
    }

    [Fact]
    public void Matches_numpy_where_the_first_pivot_is_zero()
    {
        // A = diag(d) + diag(dl[1:], -1) + diag(du[:-1], 1); numpy.linalg.solve(A, b):
        var expected = Matrix(new double[,]
        {
            { 2.1904761904761907, -1.9761904761904763 }, { 0.5, 1 }, { 1.1904761904761905, 3.0238095238095237 },
            { -0.7619047619047619, -0.09523809523809523 }, { 0.6428571428571428, 0.39285714285714285 },
        });
        var x = Jax.Lax.Linalg.TridiagonalSolve(Vector(Dl), Vector(D), Vector(Du), B);
        Assert.Equal(DType.Float64, x.DType);
        Close(expected, x, 1e-14);
        var x32 = Jax.Lax.Linalg.TridiagonalSolve(Vector(Dl, DType.Float32), Vector(D, DType.Float32), Vector(Du, DType.Float32), B.Astype(DType.Float32));
        Assert.Equal(DType.Float32, x32.DType);
        Close(expected, x32.Astype(DType.Float64), 1e-5);
    }

    [Fact]
    public void Batches_under_vmap_and_jit_match_dense_solves()
    {
        var (dl, d, du, b) = (Random(1, [3, 6]), Random(2, [3, 6]), Random(3, [3, 6]), Random(4, [3, 6, 2]));
        var x = Jax.Lax.Linalg.TridiagonalSolve(dl, d, du, b);
        Close(Jnp.Linalg.Solve(Dense(dl, d, du), b), x, 1e-11);
        Close(b, Jnp.Matmul(Dense(dl, d, du), x), 1e-12);
        Func<NDArray, NDArray, NDArray, NDArray, NDArray> solve = Jax.Lax.Linalg.TridiagonalSolve;
        Close(x, Jax.Vmap(solve)(dl, d, du, b), 1e-14);
        Close(x, Jax.Jit(solve)(dl, d, du, b), 1e-14);
    }

    [Fact]
    public void Complex_systems_have_small_residuals()
    {
        NDArray C(int seed, int[] shape) => Jax.Lax.Complex(Random(seed, shape), Random(seed + 50, shape));
        var (dl, d, du, b) = (C(5, [7]), C(6, [7]), C(7, [7]), C(8, [7, 3]));
        var x = Jax.Lax.Linalg.TridiagonalSolve(dl, d, du, b);
        Assert.Equal(DType.Complex128, x.DType);
        Close(b, Jnp.Matmul(Dense(dl, d, du), x), 1e-12);
        var x64 = Jax.Lax.Linalg.TridiagonalSolve(dl.Astype(DType.Complex64), d.Astype(DType.Complex64), du.Astype(DType.Complex64), b.Astype(DType.Complex64));
        Assert.Equal(DType.Complex64, x64.DType);
        Close(x, x64.Astype(DType.Complex128), 1e-4);
    }

    [Fact]
    public void Gradient_in_b_solves_the_transposed_system()
    {
        var (dl, d, du) = (Random(9, [5]), Random(10, [5]) + 3, Random(11, [5]));
        var weights = Random(12, [5, 2]);
        var grad = Jax.Grad((NDArray b) => Jnp.Sum(Jax.Lax.Linalg.TridiagonalSolve(dl, d, du, b) * weights))(Random(13, [5, 2]));
        Close(Jnp.Linalg.Solve(Jnp.Swapaxes(Dense(dl, d, du), 0, 1), weights), grad, 1e-13);
    }

    [Fact]
    public void Gradients_in_the_diagonals_match_finite_differences()
    {
        var b = Random(14, [4, 2]);
        var weights = Random(15, [4, 2]);
        NDArray Loss(NDArray dl, NDArray d, NDArray du) => Jnp.Sum(Jax.Lax.Linalg.TridiagonalSolve(dl, d, du, b) * weights);
        var point = new[] { Random(16, [4]), Random(17, [4]) + 3, Random(18, [4]) };
        var grads = Jax.Grad((Func<NDArray, NDArray, NDArray, NDArray>)Loss, argnums: [0, 1, 2])(point[0], point[1], point[2]);
        const double h = 1e-6;
        for (var which = 0; which < 3; which++)
        {
            var g = grads[which].ToArray<double>();
            for (var k = 0; k < 4; k++)
            {
                var nudge = Jnp.Eye(4, dtype: DType.Float64)[k] * h;
                var up = point.Select((p, i) => i == which ? p + nudge : p).ToArray();
                var down = point.Select((p, i) => i == which ? p - nudge : p).ToArray();
                var fd = ((double)Loss(up[0], up[1], up[2]) - (double)Loss(down[0], down[1], down[2])) / (2 * h);
                Assert.True(Math.Abs(fd - g[k]) < 1e-7, $"diagonal {which}, entry {k}: grad {g[k]}, finite difference {fd}");
            }
        }
        // Entries outside the matrix get no derivative.
        Assert.Equal(0, grads[0].ToArray<double>()[0]);
        Assert.Equal(0, grads[2].ToArray<double>()[3]);
    }

    [Fact]
    public void Singular_nan_empty_and_single_row_systems()
    {
        var ones = Vector([1, 1]);
        var singular = Jax.Lax.Linalg.TridiagonalSolve(ones, ones, ones, Matrix(new double[,] { { 1 }, { 2 } }));
        Assert.Contains(singular.ToArray<double>(), v => !double.IsFinite(v));
        var withNan = Jax.Lax.Linalg.TridiagonalSolve(Vector(Dl), Vector([double.NaN, 4, 1, -1, 2]), Vector(Du), B);
        Assert.Contains(withNan.ToArray<double>(), double.IsNaN);
        var empty = Jax.Lax.Linalg.TridiagonalSolve(Jnp.Zeros([0], DType.Float64), Jnp.Zeros([0], DType.Float64), Jnp.Zeros([0], DType.Float64),
            Jnp.Zeros([0, 3], DType.Float64));
        Assert.Equal([0, 3], empty.Shape);
        var single = Jax.Lax.Linalg.TridiagonalSolve(Vector([7]), Vector([4]), Vector([9]), Matrix(new double[,] { { 2, -8 } }));
        Close(Matrix(new double[,] { { 0.5, -2 } }), single, 0);
    }

    [Fact]
    public void Bad_input()
    {
        var v = Vector(D);
        Assert.Throws<ShapeException>(() => Jax.Lax.Linalg.TridiagonalSolve(v[0..4], v, v, B));
        Assert.Throws<ShapeException>(() => Jax.Lax.Linalg.TridiagonalSolve(v, v, v, Vector(D)));
        Assert.Throws<ShapeException>(() => Jax.Lax.Linalg.TridiagonalSolve(v, v, v, B[0..4]));
        Assert.Throws<ShapeException>(() => Jax.Lax.Linalg.TridiagonalSolve(Jnp.Zeros([], DType.Float64), Jnp.Zeros([], DType.Float64),
            Jnp.Zeros([], DType.Float64), Jnp.Zeros([1], DType.Float64)));
        Assert.Throws<ArgumentException>(() => Jax.Lax.Linalg.TridiagonalSolve(v.Astype(DType.Float32), v, v, B));
        var ints = v.Astype(DType.Int32);
        Assert.Throws<ArgumentException>(() => Jax.Lax.Linalg.TridiagonalSolve(ints, ints, ints, B.Astype(DType.Int32)));
    }
}
