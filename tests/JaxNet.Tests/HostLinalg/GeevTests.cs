using System.Numerics;
using JaxNet.HostLinalg;
using JaxNet.Tests.Api;

namespace JaxNet.Tests.HostLinalg;

/// <summary>
/// The host eigensolver's stages on their own: Hessenberg reduction, the real and complex Schur forms (structure,
/// orthogonality, A = Z T Zᴴ), balancing of graded matrices, and geev's scaling of huge and tiny matrices.
/// </summary>
public class GeevTests
{
    private static double[,] Lcg(int n, uint seed)
    {
        var values = EigChecks.Lcg(n * n, seed);
        var a = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++) a[i, j] = values[i * n + j];
        return a;
    }

    private static Complex[,] ToComplex(double[,] a, double[,]? imaginary = null)
    {
        var n = a.GetLength(0);
        var c = new Complex[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++) c[i, j] = new Complex(a[i, j], imaginary?[i, j] ?? 0);
        return c;
    }

    // max |Z T Zᴴ - A| and max |Zᴴ Z - I|.
    private static (double Reconstruction, double Orthogonality) Errors(Complex[,] a, Complex[,] t, Complex[,] z)
    {
        var n = a.GetLength(0);
        double reconstruction = 0, orthogonality = 0;
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                Complex zt = 0, gram = 0;
                for (var k = 0; k < n; k++)
                {
                    gram += Complex.Conjugate(z[k, i]) * z[k, j];
                    for (var l = 0; l < n; l++) zt += z[i, k] * t[k, l] * Complex.Conjugate(z[j, l]);
                }
                reconstruction = Math.Max(reconstruction, Complex.Abs(zt - a[i, j]));
                orthogonality = Math.Max(orthogonality, Complex.Abs(gram - (i == j ? 1 : 0)));
            }
        return (reconstruction, orthogonality);
    }

    [Fact]
    public void Real_schur_form_is_quasi_triangular_with_standard_blocks()
    {
        var a = Lcg(12, 5);
        var t = (double[,])a.Clone();
        var z = HostHessenberg<double>.Reduce(t, 0, 11);
        var hessenberg = (double[,])t.Clone();
        var w = RealSchur.Decompose(t, z, 0, 11);
        Assert.NotNull(w);
        var (reconstruction, orthogonality) = Errors(ToComplex(a), ToComplex(t), ToComplex(z));
        Assert.True(reconstruction < 1e-14 && orthogonality < 1e-14, $"{reconstruction}, {orthogonality}");
        for (var i = 0; i < 12; i++)
        {
            for (var j = 0; j < i - 1; j++) Assert.Equal(0, t[i, j]);
            if (i == 0 || t[i, i - 1] == 0) continue;
            // A 2x2 block: no neighbouring block, equal diagonal, off-diagonal entries of opposite signs, and its
            // eigenvalues t ± i sqrt(|b c|) reported in that order.
            Assert.True(i == 1 || t[i - 1, i - 2] == 0);
            Assert.Equal(t[i - 1, i - 1], t[i, i]);
            Assert.True(t[i - 1, i] * t[i, i - 1] < 0);
            Assert.True(Complex.Abs(new Complex(t[i, i], Math.Sqrt(Math.Abs(t[i - 1, i] * t[i, i - 1]))) - w[i - 1]) < 1e-15);
            Assert.Equal(Complex.Conjugate(w[i - 1]), w[i]);
        }
        Assert.Equal(0, hessenberg[5, 3]);
    }

    [Fact]
    public void Complex_schur_form_is_triangular_and_unitary()
    {
        var a = ToComplex(Lcg(10, 8), Lcg(10, 9));
        var t = (Complex[,])a.Clone();
        var z = HostHessenberg<Complex>.Reduce(t, 0, 9);
        // zgehrd's last reflection makes every subdiagonal entry real.
        for (var i = 1; i < 10; i++) Assert.Equal(0, t[i, i - 1].Imaginary);
        var w = ComplexSchur.Decompose(t, z, 0, 9);
        Assert.NotNull(w);
        var (reconstruction, orthogonality) = Errors(a, t, z);
        Assert.True(reconstruction < 1e-14 && orthogonality < 1e-14, $"{reconstruction}, {orthogonality}");
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(t[i, i], w[i]);
            for (var j = 0; j < i; j++) Assert.Equal(Complex.Zero, t[i, j]);
        }
    }

    [Fact]
    public void Balancing_keeps_a_graded_matrix_accurate()
    {
        // Entries from 1e-6 to 1e6; the eigenvalues are 1 - √2, 1 and 1 + √2 (NumPy: -0.41421356237309515,
        // 1.0000000000000009, 2.4142135623730945).
        var graded = new double[,] { { 1, 1e6, 0 }, { 1e-6, 1, 1e6 }, { 0, 1e-6, 1 } };
        var result = Geev.OfReal(graded, vectors: true);
        Assert.NotNull(result);
        EigChecks.SameUnordered([1 - Math.Sqrt(2), 1, 1 + Math.Sqrt(2)], result.Value.W, 1e-14);
        // Its eigenvectors span twelve orders of magnitude: (1, ∓√2e-6, 1e-12)/‖·‖ for 1 ± √2.
        var v = result.Value.V!;
        var k = Array.IndexOf(result.Value.W, result.Value.W.MaxBy(x => x.Real));
        Assert.Equal(1e-12 / Math.Sqrt(1 + 2e-12 + 1e-24), v[2, k].Real, 1e-24);
    }

    [Fact]
    public void Huge_and_tiny_matrices_are_scaled_into_range()
    {
        foreach (var factor in new[] { 1e-300, 1e300 })
        {
            var a = new double[,] { { 4 * factor, -2 * factor }, { 3 * factor, factor } };
            var result = Geev.OfReal(a, vectors: true);
            Assert.NotNull(result);
            // Eigenvalues (5 ± i√15)/2 times the factor.
            EigChecks.SameUnordered([new Complex(2.5, Math.Sqrt(15) / 2), new Complex(2.5, -Math.Sqrt(15) / 2)],
                result.Value.W.Select(x => x / factor).ToArray(), 1e-14);
            EigChecks.AreEigenpairs(Jnp.Array(new double[,] { { 4, -2 }, { 3, 1 } }, DType.Float64),
                Jnp.FromHost<Complex>(result.Value.W.Select(x => x / factor).ToArray(), [2], DType.Complex128),
                Jnp.FromHost<Complex>(result.Value.V!.Cast<Complex>().ToArray(), [2, 2], DType.Complex128), 1e-14);
        }
        Assert.Null(Geev.OfReal(new double[,] { { 1, double.PositiveInfinity }, { 0, 1 } }, vectors: false));
    }
}
