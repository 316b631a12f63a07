using System.Numerics;
using static JaxNet.Tests.Api.SpectralChecks;
using Linalg = JaxNet.Jax.Scipy.Linalg;

namespace JaxNet.Tests.Api;

/// <summary>
/// The phase convention of Eigh's eigenvectors (docs/frontend.md): in each column the first entry whose modulus is
/// within 0.1% of the largest is real and positive, so vectors agree between a batch, Vmap and each matrix alone.
/// </summary>
public class ScipyLinalgEighPhaseTests
{
    [Fact]
    public void The_first_near_largest_entry_of_each_column_is_positive()
    {
        // [[2, 1], [1, 2]]: (1, -1) and (1, 1) over √2, both entries of equal modulus: the first one is the pivot.
        var (_, v) = Linalg.Eigh(Matrix(new double[,] { { 2, 1 }, { 1, 2 } }));
        var s = 1 / Math.Sqrt(2);
        Close(Matrix(new double[,] { { s, s }, { -s, s } }), v, 1e-15);
        foreach (var seed in new[] { 3, 4, 5 })
            AssertPivotsPositive(Linalg.Eigh(Random(seed, 6, 6)).V);
        // Negated input: the same vectors (the eigenvalues reverse, and so do the columns).
        var a = Random(7, 5, 5);
        var (_, va) = Linalg.Eigh(a);
        var (_, vn) = Linalg.Eigh(-a);
        Close(va, Jnp.Flip(vn, 1), 1e-12);
    }

    [Fact]
    public void Complex_vectors_have_a_real_positive_pivot()
    {
        var a = Jnp.Array(ComplexSpectralTests.Hermitian).Astype(DType.Complex128);
        var (w, v) = Linalg.Eigh(a);
        var values = v.ToArray<Complex>();
        for (var j = 0; j < 3; j++)
        {
            var column = Enumerable.Range(0, 3).Select(i => values[i * 3 + j]).ToArray();
            var largest = column.Max(Complex.Abs);
            var pivot = column.First(c => Complex.Abs(c) >= 0.999 * largest);
            Assert.True(pivot.Real > 0 && Math.Abs(pivot.Imaginary) <= 1e-15, $"column {j}: pivot {pivot}");
        }
        // Still an eigen-decomposition: A V = V diag(W).
        var product = Jnp.Matmul(a, v).ToArray<Complex>();
        var wv = w.ToArray<double>();
        for (var i = 0; i < 9; i++) Assert.True(Complex.Abs(product[i] - values[i] * wv[i % 3]) <= 1e-13);
    }

    [Fact]
    public void Vectors_do_not_depend_on_the_batch()
    {
        // A batch runs Jacobi sweeps until its slowest matrix converges; the vectors of the others, fixed by the
        // convention, still match each matrix decomposed alone (the identity is the fastest: no sweep at all).
        var batch = Jnp.Stack([Jnp.Eye(4, dtype: DType.Float64), Random(12, 4, 4), Random(13, 4, 4) * 1e3]);
        var batched = Linalg.Eigh(batch).V;
        var mapped = Jax.Vmap(x => Linalg.Eigh(x).V)(batch);
        for (var b = 0; b < 3; b++)
        {
            var alone = Linalg.Eigh(batch[b]).V;
            Close(alone, batched[b], 1e-12);
            Close(alone, mapped[b], 1e-12);
        }
        Close(Jnp.Eye(4, dtype: DType.Float64), batched[0], 0);
    }

    [Fact]
    public void A_NaN_matrix_gives_NaN_vectors()
    {
        var (w, v) = Linalg.Eigh(Matrix(new double[,] { { 1, double.NaN }, { double.NaN, 2 } }));
        Assert.All(v.ToArray<double>(), x => Assert.True(double.IsNaN(x)));
        Assert.All(w.ToArray<double>(), x => Assert.True(double.IsNaN(x)));
    }

    private static void AssertPivotsPositive(NDArray v)
    {
        var n = v.Shape[0];
        var values = v.ToArray<double>();
        for (var j = 0; j < n; j++)
        {
            var column = Enumerable.Range(0, n).Select(i => values[i * n + j]).ToArray();
            var largest = column.Max(Math.Abs);
            Assert.True(column.First(c => Math.Abs(c) >= 0.999 * largest) > 0, $"column {j}: [{string.Join(", ", column)}]");
        }
    }
}
