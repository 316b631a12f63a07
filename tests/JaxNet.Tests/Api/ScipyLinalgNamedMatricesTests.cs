using static JaxNet.Tests.Api.SpectralChecks;
using Linalg = JaxNet.Jax.Scipy.Linalg;

namespace JaxNet.Tests.Api;

/// <summary>
/// Jax.Scipy.Linalg's named matrices of a size (pascal, invpascal, invhilbert, helmert, hadamard, dft) against SciPy
/// 1.10.1's, computed with /usr/bin/python3 (each call written next to its values), and against their defining
/// identities in float64: P P⁻¹ = I, H H⁻¹ = I, Helmert orthogonal, dft(n) x = fft(x).
/// </summary>
[Collection(nameof(X64Collection))]
public class ScipyLinalgNamedMatricesTests
{
    [Fact]
    public void Pascal_and_its_inverse_match_scipy()
    {
        // pascal(4), pascal(4, 'lower'), invpascal(4), invpascal(4, 'upper').
        Close(Matrix(new double[,] { { 1, 1, 1, 1 }, { 1, 2, 3, 4 }, { 1, 3, 6, 10 }, { 1, 4, 10, 20 } }), Linalg.Pascal(4).Astype(DType.Float64), 0);
        Close(Matrix(new double[,] { { 1, 0, 0, 0 }, { 1, 1, 0, 0 }, { 1, 2, 1, 0 }, { 1, 3, 3, 1 } }), Linalg.Pascal(4, "lower").Astype(DType.Float64), 0);
        Close(Matrix(new double[,] { { 1, 1, 1, 1 }, { 0, 1, 2, 3 }, { 0, 0, 1, 3 }, { 0, 0, 0, 1 } }), Linalg.Pascal(4, "upper").Astype(DType.Float64), 0);
        Close(Matrix(new double[,] { { 4, -6, 4, -1 }, { -6, 14, -11, 3 }, { 4, -11, 10, -3 }, { -1, 3, -3, 1 } }), Linalg.Invpascal(4).Astype(DType.Float64), 0);
        Close(Matrix(new double[,] { { 1, -1, 1, -1 }, { 0, 1, -2, 3 }, { 0, 0, 1, -3 }, { 0, 0, 0, 1 } }), Linalg.Invpascal(4, "upper").Astype(DType.Float64), 0);
        Assert.Equal(DType.Float32, Linalg.Pascal(3).DType);
        RandomDistributionX64Tests.WithX64(() =>
        {
            // pascal(20)[-1, -1] = C(38, 19), exact in float64; P P⁻¹ = I exactly for each kind.
            Assert.Equal(35345263800.0, Linalg.Pascal(20).ToArray<double>()[^1]);
            foreach (var kind in new[] { "symmetric", "lower", "upper" })
                Close(Jnp.Eye(12, dtype: DType.Float64), Jnp.Matmul(Linalg.Pascal(12, kind), Linalg.Invpascal(12, kind)), 0);
        });
        Assert.Equal([0, 0], Linalg.Pascal(0).Shape);
        Assert.Throws<ArgumentException>(() => Linalg.Pascal(-1));
        Assert.Throws<ArgumentException>(() => Linalg.Pascal(3, "diagonal"));
        Assert.Throws<ArgumentException>(() => Linalg.Invpascal(3, "diagonal"));
    }

    [Fact]
    public void Invhilbert_matches_scipy_and_inverts_hilbert()
    {
        // invhilbert(4) and invhilbert(6)[-1].
        Close(Matrix(new double[,] { { 16, -120, 240, -140 }, { -120, 1200, -2700, 1680 }, { 240, -2700, 6480, -4200 }, { -140, 1680, -4200, 2800 } }),
            Linalg.Invhilbert(4).Astype(DType.Float64), 0);
        RandomDistributionX64Tests.WithX64(() =>
        {
            Close([-2772.0, 83160, -582120, 1552320, -1746360, 698544], Linalg.Invhilbert(6)[5], 0);
            // H H⁻¹ = I to the rounding of H's entries times the inverse's size (about 1e5 for n = 6).
            Close(Jnp.Eye(6, dtype: DType.Float64), Jnp.Matmul(Linalg.Hilbert(6), Linalg.Invhilbert(6)), 1e-9);
        });
        Assert.Equal([0, 0], Linalg.Invhilbert(0).Shape);
        Assert.Throws<ArgumentException>(() => Linalg.Invhilbert(-2));
    }

    [Fact]
    public void Helmert_and_hadamard_match_scipy()
    {
        // helmert(4) and helmert(3, full=True).
        Close(Matrix(new double[,]
        {
            { 0.7071067811865475, -0.7071067811865475, 0, 0 },
            { 0.4082482904638631, 0.4082482904638631, -0.8164965809277261, 0 },
            { 0.2886751345948129, 0.2886751345948129, 0.2886751345948129, -0.8660254037844387 },
        }), Linalg.Helmert(4).Astype(DType.Float64), 1e-7);
        RandomDistributionX64Tests.WithX64(() =>
        {
            Close(Matrix(new double[,]
            {
                { 0.5773502691896258, 0.5773502691896258, 0.5773502691896258 }, { 0.7071067811865475, -0.7071067811865475, 0 },
                { 0.4082482904638631, 0.4082482904638631, -0.8164965809277261 },
            }), Linalg.Helmert(3, full: true), 1e-16);
            var h = Linalg.Helmert(7, full: true);
            Close(Jnp.Eye(7, dtype: DType.Float64), Jnp.Matmul(h, h.T), 1e-15);
        });
        Assert.Throws<ArgumentException>(() => Linalg.Helmert(-1));
        // hadamard(4); H Hᵀ = n I.
        var had = Linalg.Hadamard(4);
        Assert.Equal(DType.Int32, had.DType);
        Assert.Equal([1, 1, 1, 1, 1, -1, 1, -1, 1, 1, -1, -1, 1, -1, -1, 1], had.ToArray<int>());
        var h16 = Linalg.Hadamard(16, DType.Float64);
        Close(Jnp.Eye(16, dtype: DType.Float64) * 16, Jnp.Matmul(h16, h16.T), 0);
        Assert.Throws<ArgumentException>(() => Linalg.Hadamard(6));
        Assert.Throws<ArgumentException>(() => Linalg.Hadamard(0));
    }

    [Fact]
    public void Dft_is_the_fft_as_a_matrix()
    {
        RandomDistributionX64Tests.WithX64(() =>
        {
            var m = Linalg.Dft(3);
            Assert.Equal(DType.Complex128, m.DType);
            // dft(3)[1, 1] = exp(-2πi/3); dft(3, 'sqrtn')[1, 1] and dft(3, 'n')[1, 1] scale it.
            var re = Jnp.Real(m).ToArray<double>();
            var im = Jnp.Imag(m).ToArray<double>();
            Assert.Equal(-0.5, re[4], 15);
            Assert.Equal(-0.8660254037844387, im[4], 15);
            Assert.Equal(-0.2886751345948128, Jnp.Real(Linalg.Dft(3, "sqrtn")).ToArray<double>()[4], 15);
            Assert.Equal(-0.28867513459481287, Jnp.Imag(Linalg.Dft(3, "n")).ToArray<double>()[4], 15);
            var x = Jnp.Array(new[] { 1.0, -2, 0.5, 4, 3, -1, 0, 2 }, DType.Float64).Astype(DType.Complex128);
            var difference = Jnp.Matmul(Linalg.Dft(8), x) - Jnp.FFT.Fft(x);
            Assert.True(MaxAbs(difference) < 1e-13, $"dft(8) x differs from fft(x) by {MaxAbs(difference)}");
        });
        Assert.Equal(DType.Complex64, Linalg.Dft(2).DType);
        Assert.Throws<ArgumentException>(() => Linalg.Dft(3, "sqrt"));
        Assert.Throws<ArgumentException>(() => Linalg.Dft(-1));
    }
}
