using System.Numerics;
using static JaxNet.Tests.Api.EigChecks;

namespace JaxNet.Tests.Api;

/// <summary>Jnp.Linalg.Eig and Eigvals with 64-bit types enabled: integers promote to float64 and results to
/// complex128, at float64's accuracy against NumPy; gradients against central differences.</summary>
[Collection(nameof(X64Collection))]
public class JnpLinalgEigX64Tests
{
    /// <summary>numpy.linalg.eigvals of the 50x50 LCG matrix (seed 7), sorted by real then imaginary part.</summary>
    public static readonly Complex[] Random50Eigenvalues =
    [
        new(-1.9990138657706458, 0.0), new(-1.7126107460365914, -0.5950351793120029),
        new(-1.7126107460365914, 0.5950351793120029), new(-1.7066883399877666, -0.11374765903848884),
        new(-1.7066883399877666, 0.11374765903848884), new(-1.2280510761408276, -1.3313521184043833),
        new(-1.2280510761408276, 1.3313521184043833), new(-1.2230631913750316, 0.0),
        new(-1.0165399824764705, -0.6381689087097371), new(-1.0165399824764705, 0.6381689087097371),
        new(-0.8105765079425559, -1.1192780476990112), new(-0.8105765079425559, 1.1192780476990112),
        new(-0.7500280284724485, -2.016322980028986), new(-0.7500280284724485, 2.016322980028986),
        new(-0.6887383184435818, 0.0), new(-0.6868697283712225, -0.3443886193532761),
        new(-0.6868697283712225, 0.3443886193532761), new(-0.5620423918597173, -1.1622933417961863),
        new(-0.5620423918597173, 1.1622933417961863), new(-0.1912611872522088, -0.38078874607811153),
        new(-0.1912611872522088, 0.38078874607811153), new(-0.1711629938094365, -0.8339744072619018),
        new(-0.1711629938094365, 0.8339744072619018), new(-0.13346569156563737, -1.353156797749859),
        new(-0.13346569156563737, 1.353156797749859), new(0.05951762882308623, -1.6383611645322516),
        new(0.05951762882308623, 1.6383611645322516), new(0.39379568429007483, 0.0),
        new(0.3976770456831187, -1.2257924764164383), new(0.3976770456831187, 1.2257924764164383),
        new(0.4966242323894997, -0.4405555798566891), new(0.4966242323894997, 0.4405555798566891),
        new(0.551302011523013, -1.685916725158542), new(0.551302011523013, 1.685916725158542),
        new(0.5970110008743468, 0.0), new(0.6514846487368801, -0.62263344579995),
        new(0.6514846487368801, 0.62263344579995), new(0.6735166701015401, -1.8299797704951486),
        new(0.6735166701015401, 1.8299797704951486), new(1.070416848209871, -0.8820071944987328),
        new(1.070416848209871, 0.8820071944987328), new(1.0781058013794635, -0.5610943620142421),
        new(1.0781058013794635, 0.5610943620142421), new(1.2745851634420475, -1.0142417005600146),
        new(1.2745851634420475, 1.0142417005600146), new(1.473701744779497, 0.0),
        new(1.5810768920366791, 0.0), new(1.6430936723735257, 0.0),
        new(1.9269596600347763, -0.8718325229738614), new(1.9269596600347763, 0.8718325229738614),
    ];

    [Fact]
    public void A_random_50x50_matches_numpy_in_float64()
    {
        RandomDistributionX64Tests.WithX64(() =>
        {
            var a = LcgArray([50, 50], 7, DType.Float64);
            var (w, v) = Jnp.Linalg.Eig(a);
            Assert.Equal(DType.Complex128, w.DType);
            Assert.Equal(DType.Complex128, v.DType);
            var values = w.ToArray<Complex>();
            SameUnordered(Random50Eigenvalues, values, 1e-12);
            // Conjugate pairs are exact and consecutive, the positive imaginary part first.
            for (var i = 0; i < values.Length; i++)
                if (values[i].Imaginary > 0) Assert.Equal(Complex.Conjugate(values[i]), values[++i]);
            AreEigenpairs(a, w, v, 1e-13);
            Assert.Equal(values, Jax.Jit((NDArray m) => Jnp.Linalg.Eigvals(m))(a).ToArray<Complex>());
        });
    }

    [Fact]
    public void A_batch_of_3x4x4_matches_numpy_matrix_by_matrix()
    {
        RandomDistributionX64Tests.WithX64(() =>
        {
            var batch = LcgArray([3, 4, 4], 3, DType.Float64);
            Complex[][] expected =
            [
                [new(-0.3436588338796248, 0.34654965746568983), new(-0.3436588338796248, -0.34654965746568983), new(0.43021356977859615, 0.2046792147701375),
                    new(0.43021356977859615, -0.2046792147701375)],
                [new(0.15152140212742227, 0.4886344611084593), new(0.15152140212742227, -0.4886344611084593), new(-0.3182978506156581, 0.04636965867988983),
                    new(-0.3182978506156581, -0.04636965867988983)],
                [new(0.7382299544948361, 0.0), new(-0.2683926264481704, 0.20620783732685088), new(-0.2683926264481704, -0.20620783732685088),
                    new(-0.37041159097990334, 0.0)],
            ];
            var (w, v) = Jnp.Linalg.Eig(batch);
            for (var b = 0; b < 3; b++) SameUnordered(expected[b], w[b].ToArray<Complex>(), 1e-14);
            AreEigenpairs(batch, w, v, 1e-14);
            var vmapped = Jax.Jit(Jax.Vmap((NDArray m) => Jnp.Linalg.Eig(m).Eigenvectors))(batch);
            Assert.Equal(v.ToArray<Complex>(), vmapped.ToArray<Complex>());
        });
    }

    [Fact]
    public void Integers_promote_to_float64_and_complex128()
    {
        RandomDistributionX64Tests.WithX64(() =>
        {
            var (w, v) = Jnp.Linalg.Eig(Jnp.Array(new[,] { { 2, 0, 0 }, { 0, 3, 4 }, { 0, 4, 9 } }));
            Assert.Equal(DType.Complex128, w.DType);
            SameUnordered([1, 2, 11], w.ToArray<Complex>(), 1e-14);
            Assert.Equal(DType.Complex128, v.DType);
            AreEigenpairs(Jnp.Array(new[,] { { 2, 0, 0 }, { 0, 3, 4 }, { 0, 4, 9 } }), w, v, 1e-14);
        });
    }

    [Fact]
    public void Gradient_of_squared_moduli_matches_central_differences()
    {
        RandomDistributionX64Tests.WithX64(() =>
        {
            // Two complex pairs and two real eigenvalues: Σ |λ|² is smooth where they are simple.
            var a = LcgArray([6, 6], 11, DType.Float64);
            NDArray F(NDArray m)
            {
                var w = Jnp.Linalg.Eigvals(m);
                return Jnp.Sum(Jnp.Real(w * Jnp.Conj(w)));
            }
            var grad = Jax.Grad(F)(a).ToArray<double>();
            var values = a.ToArray<double>();
            const double h = 1e-6;
            for (var i = 0; i < values.Length; i++)
            {
                double At(double step)
                {
                    var moved = (double[])values.Clone();
                    moved[i] += step;
                    return F(Jnp.FromHost<double>(moved, [6, 6], DType.Float64)).Item<double>();
                }
                Assert.Equal((At(h) - At(-h)) / (2 * h), grad[i], 1e-7);
            }
            Assert.Equal(grad, Jax.Jit(Jax.Grad(F))(a).ToArray<double>());
            var perMatrix = Jax.Vmap(Jax.Grad(F))(Jnp.Stack([a, a.T])).ToArray<double>();
            Assert.Equal(grad, perMatrix[..36], new ToleranceComparer(1e-12));
        });
    }

    [Fact]
    public void Gradient_with_respect_to_a_complex_matrix_is_jaxs_conjugate_convention()
    {
        RandomDistributionX64Tests.WithX64(() =>
        {
            var a = Jnp.Array(new Complex[,] { { new(1, 2), new(2, -1), 0.5 }, { new(0, 0.5), -1, new(3, -2) }, { 2, Complex.ImaginaryOne, new(1, -1) } });
            ComplexCheck.GradMatchesFiniteDifferences(m =>
            {
                var w = Jnp.Linalg.Eigvals(m);
                return Jnp.Sum(Jnp.Real(w * w * Jnp.Conj(w)));
            }, a, 1e-6, 1e-7);
        });
    }

    private sealed class ToleranceComparer(double tol) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tol;

        public int GetHashCode(double obj) => 0;
    }
}
