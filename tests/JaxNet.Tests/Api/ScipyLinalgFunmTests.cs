using static JaxNet.Tests.Api.SpectralChecks;
using Linalg = JaxNet.Jax.Scipy.Linalg;

namespace JaxNet.Tests.Api;

/// <summary>
/// Jax.Scipy.Linalg.Funm: NumPy's eigendecomposition V f(Λ) V⁻¹ of diagonalisable matrices as reference, the
/// identities funm(A, exp) = expm(A) and funm(A, x²) = A A, the error estimate, dtypes, Jit, Vmap and bad input.
/// </summary>
public class ScipyLinalgFunmTests
{
    private static NDArray Complex128(double[,] real, double[,] imaginary) => Jax.Lax.Complex(Matrix(real), Matrix(imaginary));

    [Fact]
    public void Matches_numpy_eigendecompositions()
    {
        // w, V = numpy.linalg.eig(A); V @ diag(sin(w) + 2 cos(w)) @ inv(V) (JAX's documented example).
        var a = Matrix(new double[,] { { 1, 2 }, { 3, 4 } });
        var f = Linalg.Funm(a, x => Jnp.Sin(x) + 2 * Jnp.Cos(x));
        Assert.Equal(DType.Complex128, f.DType);
        Close(Complex128(new double[,] { { 1.2452648438422649, -0.37017722193467373 }, { -0.5552658329020109, 0.689999010940254 } },
            new double[,] { { 0, 0 }, { 0, 0 } }), f, 1e-14);
        // A pair of complex eigenvalues (0.0549 ± 1.3128i) and two real ones; V @ diag(sqrt(w + 3)) @ inv(V):
        var b = Matrix(new double[,] { { 0, -2, 1, 0.5 }, { 1, 0, 0.5, -1 }, { 0.25, 1, 1, 2 }, { 0, -0.5, 1, -1 } });
        var expected = Matrix(new double[,]
        {
            { 1.77632831560249, -0.5915536767615837, 0.2898841375005558, 0.031825080334401235 },
            { 0.2834926971442619, 1.7473027892908486, 0.14439408076201546, -0.36035030550236324 },
            { 0.04115139907320904, 0.31239144216256126, 1.9333605770840614, 0.65027111296916 },
            { 0.013502705657741615, -0.19294179490497543, 0.3153765589932475, 1.3133786105113048 },
        });
        var root = Linalg.Funm(b, x => Jnp.Sqrt(x + 3));
        Close(expected, Jnp.Real(root), 1e-13);
        Assert.True(MaxAbs(Jnp.Imag(root)) < 1e-13);
    }

    [Fact]
    public void Exp_and_square_give_expm_and_the_matrix_product()
    {
        foreach (var n in new[] { 1, 3, 6 })
        {
            var a = Random(50 + n, n, n);
            Close(Linalg.Expm(a).Astype(DType.Complex128), Linalg.Funm(a, Jnp.Exp), 1e-12);
            Close(Jnp.Matmul(a, a).Astype(DType.Complex128), Linalg.Funm(a, x => x * x), 1e-12);
        }
        var c = Jax.Lax.Complex(Random(60, 4, 4), Random(61, 4, 4));
        Close(Linalg.Expm(c), Linalg.Funm(c, Jnp.Exp), 1e-12);
    }

    [Fact]
    public void Error_estimate_is_small_for_separated_and_one_for_repeated_eigenvalues()
    {
        var (f, error) = Linalg.FunmWithError(Random(70, 5, 5), Jnp.Exp);
        Assert.Equal([5, 5], f.Shape);
        Assert.Equal(DType.Float64, error.DType);
        Assert.InRange((double)error, 1e-17, 1e-12);
        // A Jordan block: the gap is zero, Parlett's recurrence cannot divide, and the estimate says so.
        var (_, jordan) = Linalg.FunmWithError(Matrix(new double[,] { { 1, 1 }, { 0, 1 } }), Jnp.Exp);
        Assert.Equal(1.0, (double)jordan);
        var (overflowed, overflow) = Linalg.FunmWithError(Matrix(new double[,] { { 1000, 0 }, { 0, 1 } }), Jnp.Exp);
        Assert.True(double.IsPositiveInfinity((double)overflow), $"estimate {(double)overflow} for F = {overflowed}");
        var (_, nanInput) = Linalg.FunmWithError(Matrix(new double[,] { { double.NaN, 0 }, { 0, 1 } }), Jnp.Exp);
        Assert.True(double.IsPositiveInfinity((double)nanInput));
    }

    [Fact]
    public void Dtypes_jit_and_vmap()
    {
        var a = Random(80, [3, 4, 4]);
        var f32 = Linalg.Funm(a[0].Astype(DType.Float32), Jnp.Exp);
        Assert.Equal(DType.Complex64, f32.DType);
        Close(Linalg.Expm(a[0]).Astype(DType.Complex128), f32.Astype(DType.Complex128), 1e-5);
        Assert.Equal(DType.Complex64, Linalg.Funm(Jnp.Array(new[,] { { 1, 2 }, { 0, 3 } }), Jnp.Exp).DType);
        var eager = Jnp.Stack(Enumerable.Range(0, 3).Select(i => Linalg.Funm(a[i], Jnp.Sin)).ToArray());
        Close(eager, Jax.Vmap((NDArray x) => Linalg.Funm(x, Jnp.Sin))(a), 1e-13);
        Close(eager[2], Jax.Jit((NDArray x) => Linalg.Funm(x, Jnp.Sin))(a[2]), 1e-13);
    }

    [Fact]
    public void Nan_empty_and_bad_input()
    {
        var withNan = Linalg.Funm(Matrix(new double[,] { { 1, double.NaN }, { 0, 2 } }), Jnp.Exp);
        Assert.True(AllNan(Jnp.Real(withNan)));
        Assert.Equal([0, 0], Linalg.Funm(Jnp.Zeros([0, 0], DType.Float64), Jnp.Exp).Shape);
        Assert.Throws<ShapeException>(() => Linalg.Funm(Jnp.Ones([2, 3], DType.Float64), Jnp.Exp));
        Assert.Throws<ShapeException>(() => Linalg.Funm(Jnp.Ones([2, 2, 2], DType.Float64), Jnp.Exp));
        Assert.Throws<ShapeException>(() => Linalg.Funm(Jnp.Eye(3, dtype: DType.Float64), x => Jnp.Sum(x)));
    }
}
