using System.Numerics;
using static JaxNet.Tests.Api.SpectralChecks;
using Linalg = JaxNet.Jax.Scipy.Linalg;

namespace JaxNet.Tests.Api;

/// <summary>
/// Jax.Scipy.Linalg.Schur and Sqrtm: the identities that define them (a = Z T Zᴴ with Z unitary and T (quasi-)upper
/// triangular; X X = a), hand-computed cases, batches under Vmap and Jit, float32 and complex input, and bad input.
/// </summary>
public class ScipyLinalgSchurSqrtmTests
{
    private static NDArray Reconstructed(NDArray t, NDArray z) => Jnp.Matmul(Jnp.Matmul(z, t), Mh(z));

    // Entries below the diagonal (or below the subdiagonal, for the real form) that must be exactly zero, and, in the
    // real form, subdiagonal entries that only a standardized 2x2 block may hold.
    private static void QuasiTriangular(NDArray t, bool complex)
    {
        var n = t.Shape[^1];
        var entries = t.Astype(DType.Complex128).ToArray<Complex>();
        for (var b = 0; b < entries.Length / Math.Max(1, n * n); b++)
        {
            Complex At(int i, int j) => entries[(b * n + i) * n + j];
            for (var j = 0; j < n; j++)
                for (var i = j + 2; i < n; i++) Assert.Equal(Complex.Zero, At(i, j));
            for (var j = 0; j + 1 < n; j++)
            {
                if (At(j + 1, j) == Complex.Zero) continue;
                Assert.False(complex, $"complex T has a subdiagonal entry at ({j + 1}, {j})");
                Assert.True(j == 0 || At(j, j - 1) == Complex.Zero, "two 2x2 blocks overlap");
                Assert.Equal(At(j, j), At(j + 1, j + 1));
                Assert.True(At(j, j + 1).Real * At(j + 1, j).Real < 0, "a 2x2 block's off-diagonal entries have the same sign");
            }
        }
    }

    private static void ValidSchur(NDArray a, NDArray t, NDArray z, bool complex, double tol)
    {
        Assert.Equal(a.Shape, t.Shape);
        Assert.Equal(a.Shape, z.Shape);
        QuasiTriangular(t, complex);
        OrthonormalColumns(z, tol);
        Close(a.Astype(t.DType), Reconstructed(t, z), tol);
    }

    [Fact]
    public void Real_schur_form_of_random_matrices()
    {
        foreach (var n in new[] { 1, 2, 3, 5, 8 })
        {
            var a = Random(n, n, n);
            var (t, z) = Linalg.Schur(a);
            Assert.Equal(DType.Float64, t.DType);
            Assert.Equal(DType.Float64, z.DType);
            ValidSchur(a, t, z, complex: false, 1e-13);
            // T's eigenvalues are a's.
            var fromT = Jnp.Sort(Jnp.Real(Jnp.Linalg.Eigvals(t)));
            Close(Jnp.Sort(Jnp.Real(Jnp.Linalg.Eigvals(a))), fromT, 1e-12);
        }
    }

    [Fact]
    public void Real_schur_form_keeps_a_standardized_block_for_a_complex_pair()
    {
        var (t, z) = Linalg.Schur(StandardizedBlock);
        ValidSchur(StandardizedBlock, t, z, complex: false, 1e-14);
        var entries = t.ToArray<double>();
        // One of the two subdiagonal entries, (1, 0) and (2, 1), holds the pair's block.
        Assert.Equal(1, new[] { entries[3], entries[7] }.Count(x => x != 0));
        var trace = entries[0] + entries[4] + entries[8];
        Assert.Equal(4, trace, 1e-14);
    }

    [Fact]
    public void Complex_schur_form_is_triangular_for_real_and_complex_input()
    {
        var a = Random(11, 6, 6);
        var (t, z) = Linalg.Schur(a, output: "complex");
        Assert.Equal(DType.Complex128, t.DType);
        ValidSchur(a, t, z, complex: true, 1e-13);
        var c = Jax.Lax.Complex(Random(12, 5, 5), Random(13, 5, 5));
        (t, z) = Linalg.Schur(c);
        Assert.Equal(DType.Complex128, t.DType);
        ValidSchur(c, t, z, complex: true, 1e-13);
        // A rotation's complex form has its eigenvalues 1 ± 2i and 2 on the diagonal.
        (t, _) = Linalg.Schur(StandardizedBlock, output: "complex");
        var diagonal = Jnp.Diagonal(t, 0, -2, -1).ToArray<Complex>().OrderBy(x => x.Imaginary).ToArray();
        Assert.True(Complex.Abs(diagonal[0] - new Complex(1, -2)) < 1e-14);
        Assert.True(Complex.Abs(diagonal[1] - 2) < 1e-14);
        Assert.True(Complex.Abs(diagonal[2] - new Complex(1, 2)) < 1e-14);
    }

    [Fact]
    public void Schur_of_float32_is_float32_and_integers_promote()
    {
        var a = Random(21, 4, 4, DType.Float32);
        var (t, z) = Linalg.Schur(a);
        Assert.Equal(DType.Float32, t.DType);
        ValidSchur(a, t, z, complex: false, 1e-5);
        (t, z) = Linalg.Schur(a, "complex");
        Assert.Equal(DType.Complex64, z.DType);
        ValidSchur(a, t, z, complex: true, 1e-5);
        var integers = Jnp.Array(new[,] { { 2, 1 }, { 0, 3 } });
        (t, z) = Linalg.Schur(integers);
        Assert.Equal(DType.Float32, t.DType);
        ValidSchur(integers.Astype(DType.Float32), t, z, complex: false, 1e-6);
    }

    [Fact]
    public void Schur_batches_under_vmap_and_jit()
    {
        var batch = Random(31, [2, 3, 4, 4]);
        var (t, z) = Linalg.Schur(batch);
        ValidSchur(batch, t, z, complex: false, 1e-13);
        var first = Linalg.Schur(batch[1, 2]);
        Close(first.T, t[1, 2], 0);
        var mapped = Jax.Vmap(x => Linalg.Schur(x, "complex").Z)(batch[0]);
        Close(Linalg.Schur(batch[0], "complex").Z, mapped, 1e-15);
        var jitted = Jax.Jit(x => Linalg.Schur(x).T)(batch);
        Close(t, jitted, 1e-15);
    }

    [Fact]
    public void Schur_rejects_bad_input_and_has_no_derivative()
    {
        Assert.Throws<ShapeException>(() => Linalg.Schur(Jnp.Ones([2, 3])));
        Assert.Throws<ShapeException>(() => Linalg.Schur(Jnp.Ones([3])));
        Assert.Throws<ArgumentException>(() => Linalg.Schur(StandardizedBlock, output: "quasi"));
        Assert.Throws<ArgumentException>(() => Linalg.Schur(Jnp.Ones([2, 2], DType.Float16)));
        Assert.Throws<NotSupportedException>(() => Jax.Grad(x => Jnp.Sum(Linalg.Schur(x).T))(StandardizedBlock));
        var withNan = Matrix(new double[,] { { 1, double.NaN }, { 0, 1 } });
        var (t, z) = Linalg.Schur(withNan);
        Assert.True(AllNan(t) && AllNan(z));
        (t, z) = Linalg.Schur(Jnp.Zeros([0, 0], DType.Float64));
        Assert.Equal([0, 0], t.Shape);
        Assert.Equal([0, 0], z.Shape);
    }

    [Fact]
    public void Sqrtm_squares_back_for_random_spd_and_triangular_matrices()
    {
        var random = Random(41, 5, 5);
        var spd = Jnp.Matmul(random, random.T) + Jnp.Eye(5, dtype: DType.Float64);
        var triangular = Jnp.Triu(Random(42, 4, 4)) + 2 * Jnp.Eye(4, dtype: DType.Float64);
        foreach (var a in new[] { random, spd, triangular })
        {
            var x = Linalg.Sqrtm(a);
            Assert.Equal(DType.Complex128, x.DType);
            Close(a.Astype(DType.Complex128), Jnp.Matmul(x, x), 1e-12);
        }
        // The principal root of a symmetric positive definite matrix is itself symmetric positive definite and real.
        var root = Linalg.Sqrtm(spd);
        Assert.True(MaxAbs(Jnp.Imag(root)) < 1e-13);
        Close(root, Mh(root), 1e-13);
        Assert.True(Jnp.Linalg.Eigvalsh(Jnp.Real(root)).ToArray<double>().All(v => v > 0));
    }

    [Fact]
    public void Sqrtm_of_hand_computed_matrices()
    {
        Close(Matrix(new double[,] { { 2, 0 }, { 0, 3 } }).Astype(DType.Complex128),
            Linalg.Sqrtm(Matrix(new double[,] { { 4, 0 }, { 0, 9 } })), 1e-15);
        // (I + N)^(1/2) = I + N/2 for N nilpotent of order 2.
        Close(Matrix(new double[,] { { 1, 0.5 }, { 0, 1 } }).Astype(DType.Complex128),
            Linalg.Sqrtm(Matrix(new double[,] { { 1, 1 }, { 0, 1 } })), 1e-15);
        // [[1, 3], [1, 4]]: scipy's documented root.
        Close(Matrix(new double[,] { { 0.75592895, 1.13389342 }, { 0.37796447, 1.88982237 } }).Astype(DType.Complex128),
            Linalg.Sqrtm(Matrix(new double[,] { { 1, 3 }, { 1, 4 } })), 1e-8);
        // -I's principal root is iI; a zero matrix's is zero (no 0/0).
        Close(Jax.Lax.Complex(Jnp.Zeros([3, 3], DType.Float64), Jnp.Eye(3, dtype: DType.Float64)), Linalg.Sqrtm(-Jnp.Eye(3, dtype: DType.Float64)), 1e-15);
        Close(Jnp.Zeros([3, 3], DType.Complex128), Linalg.Sqrtm(Jnp.Zeros([3, 3], DType.Float64)), 0);
    }

    [Fact]
    public void Sqrtm_of_float32_complex_and_batched_input()
    {
        var a = Random(51, 4, 4, DType.Float32);
        var x = Linalg.Sqrtm(a);
        Assert.Equal(DType.Complex64, x.DType);
        Close(a.Astype(DType.Complex64), Jnp.Matmul(x, x), 1e-4);
        var c = Jax.Lax.Complex(Random(52, 3, 3), Random(53, 3, 3));
        x = Linalg.Sqrtm(c);
        Close(c, Jnp.Matmul(x, x), 1e-13);
        var batch = Random(54, [2, 3, 3]);
        var roots = Linalg.Sqrtm(batch);
        Close(Linalg.Sqrtm(batch[1]), roots[1], 1e-15);
        Close(roots, Jax.Vmap(y => Linalg.Sqrtm(y))(batch), 1e-15);
        Close(roots, Jax.Jit(y => Linalg.Sqrtm(y))(batch), 1e-15);
    }

    [Fact]
    public void Sqrtm_rejects_bad_input()
    {
        Assert.Throws<ShapeException>(() => Linalg.Sqrtm(Jnp.Ones([2, 3])));
        Assert.Throws<ShapeException>(() => Linalg.Sqrtm(Jnp.Ones([4])));
        Assert.Throws<ArgumentException>(() => Linalg.Sqrtm(Jnp.Ones([2, 2], DType.BFloat16)));
        Assert.Throws<NotSupportedException>(() => Linalg.Sqrtm(StandardizedBlock, blocksize: 64));
        Assert.True(AllNan(Jnp.Real(Linalg.Sqrtm(Matrix(new double[,] { { double.NaN, 0 }, { 0, 1 } })))));
        // A nilpotent block has no square root: the recurrence divides by zero.
        var nilpotent = Linalg.Sqrtm(Matrix(new double[,] { { 0, 1 }, { 0, 0 } })).ToArray<Complex>();
        Assert.Contains(nilpotent, v => !Complex.IsFinite(v));
        Assert.Equal([0, 0], Linalg.Sqrtm(Jnp.Zeros([0, 0], DType.Float64)).Shape);
        Assert.Equal([0, 3, 3], Linalg.Sqrtm(Jnp.Zeros([0, 3, 3], DType.Float64)).Shape);
    }
}
