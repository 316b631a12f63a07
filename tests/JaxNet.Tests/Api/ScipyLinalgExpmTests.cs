using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.SpectralChecks;
using Linalg = JaxNet.Jax.Scipy.Linalg;

namespace JaxNet.Tests.Api;

/// <summary>
/// Jax.Scipy.Linalg.Expm and ExpmFrechet: SciPy 1.10's values for 1-norms in every Padé regime (degrees 3 to 13, and
/// with squarings) in float64 and float32, closed forms, the upper-triangular solve, maxSquarings, NaN and infinite
/// input, batches under Vmap and Jit, and derivatives through the composition against finite differences.
/// </summary>
public class ScipyLinalgExpmTests
{
    // A matrix of 1-norm 1.6, scaled to the 1-norms below.
    private static NDArray Base(DType dtype = DType.Float64) =>
        Matrix(new double[,] { { 0.3, -0.8, 0.5 }, { 0.9, 0.1, -0.4 }, { -0.2, 0.7, 0.6 } }).Astype(dtype);

    private static NDArray Scaled(double norm, DType dtype = DType.Float64) => (Base() * (norm / 1.6)).Astype(dtype);

    // expm(Scaled(norm)) from scipy.linalg.expm, for norms that pick Padé degree 3, 5, 7, 9 and 13 in float64 and 13
    // with 2 squarings.
    private static readonly (double Norm, double[,] Expected)[] Reference =
    [
        (0.005, new[,] { { 1.0009339337905767, -0.002499847786711728, 0.0015662601956826538 }, { 0.0028146444013920336, 1.0003076643313737, -0.001249166269275848 }, { -0.0006227990521269183, 0.002190672253915413, 1.0018749021065145 } }),
        (0.1, new[,] { { 1.0173107136627584, -0.049895312356940814, 0.03275700044165133 }, { 0.05707668131888885, 1.0043036049605714, -0.024638652458816124 }, { -0.01159167230893185, 0.045006551637589064, 1.037459319879196 } }),
        (0.5, new[,] { { 1.0567188547724626, -0.2426571768021197, 0.19405165788648404 }, { 0.29845074955052303, 0.9816779244539864, -0.1129982011177639 }, { -0.036882382117572124, 0.24866970325236362, 1.1864784691576264 } }),
        (1.2, new[,] { { 1.008479015449005, -0.5087531169483522, 0.5900420851475328 }, { 0.7357625587757299, 0.7890192990808078, -0.20091086593091662 }, { 0.025447649475120685, 0.6784246197967713, 1.44804937460674 } }),
        (3.0, new[,] { { 0.4533354563538885, -0.21265876842888465, 2.12540486708113 }, { 1.4360000667046129, -0.2755717575885126, 0.2852223574096804 }, { 1.0646523767229363, 1.894378778977294, 2.355061163201163 } }),
        (30.0, new[,] { { 94081.60728778355, 79238.30334175423, 174097.71520610264 }, { 45171.65860929183, 38051.19243215146, 83563.81917411435 }, { 145264.51370758345, 122392.81618283059, 268851.7044166247 } }),
    ];

    private static void Relative(NDArray expected, NDArray actual, double tol) =>
        Close(expected, actual.Astype(DType.Float64), tol * Math.Max(1, MaxAbs(expected)));

    [Fact]
    public void Expm_matches_scipy_in_every_pade_regime()
    {
        foreach (var (norm, expected) in Reference)
        {
            Relative(Matrix(expected), Linalg.Expm(Scaled(norm)), 4e-15);
            // float32 picks degree 3, 5 or 7 (thresholds 0.43 and 1.88) and squares above 3.93.
            var single = Linalg.Expm(Scaled(norm, DType.Float32));
            Assert.Equal(DType.Float32, single.DType);
            Relative(Matrix(expected), single, 3e-6);
        }
        // Float16 is computed in float32.
        var half = Linalg.Expm(Scaled(1.2, DType.Float16));
        Assert.Equal(DType.Float16, half.DType);
        Relative(Matrix(Reference[3].Expected), half, 4e-3);
    }

    [Fact]
    public void Expm_has_the_closed_forms()
    {
        // A rotation generator gives the rotation; a nilpotent matrix the finite series; a diagonal one exp of it.
        var t = 2.5;
        Close(Matrix(new[,] { { Math.Cos(t), Math.Sin(t) }, { -Math.Sin(t), Math.Cos(t) } }), Linalg.Expm(Matrix(new double[,] { { 0, t }, { -t, 0 } })), 1e-15);
        Close(Matrix(new double[,] { { 1, 1, 0.5 }, { 0, 1, 1 }, { 0, 0, 1 } }), Linalg.Expm(Matrix(new double[,] { { 0, 1, 0 }, { 0, 0, 1 }, { 0, 0, 0 } })), 1e-15);
        var diagonal = Jnp.Array(new[] { -1.0, 0.5, 7 }, DType.Float64);
        Relative(Jnp.Diag(Jnp.Exp(diagonal)), Linalg.Expm(Jnp.Diag(diagonal)), 4e-15);
        Close(Jnp.Eye(4, dtype: DType.Float64), Linalg.Expm(Jnp.Zeros([4, 4], DType.Float64)), 0);
        Assert.Equal(Math.Exp(3), Linalg.Expm(Matrix(new double[,] { { 3 } })).Reshape(1)[0].Item<double>(), 13);
        // Integers promote; an empty matrix is its own exponential.
        Assert.Equal(DType.Float32, Linalg.Expm(Jnp.Array(new[,] { { 0, 1 }, { 0, 0 } })).DType);
        Assert.Equal([2, 0, 0], Linalg.Expm(Jnp.Zeros([2, 0, 0])).Shape);
    }

    [Fact]
    public void Expm_of_upper_triangular_matrices_and_its_limits()
    {
        var upper = Matrix(new double[,] { { 1, 2, 3 }, { 0, -1, 4 }, { 0, 0, 0.5 } });
        var expected = Matrix(new double[,] { { 2.7182818284590455, 2.3504023872876028, 11.558269596548342 }, { 0, 0.36787944117144233, 3.4155782120764955 }, { 0, 0, 1.6487212707001282 } });
        Relative(expected, Linalg.Expm(upper, upperTriangular: true), 4e-15);
        Relative(expected, Linalg.Expm(upper), 4e-15);
        // A 1-norm of 1000 needs 7 squarings: NaN with at most 5, as JAX's; fine with 8.
        var large = Scaled(1000);
        Assert.True(AllNan(Linalg.Expm(large, maxSquarings: 5)));
        Assert.False(AllNan(Linalg.Expm(Scaled(1000) / 100, maxSquarings: 1)));
        var exact = Linalg.Expm(large / 2, maxSquarings: 8);
        Relative(Jnp.Matmul(exact, exact), Linalg.Expm(large, maxSquarings: 8), 1e-10);
        Assert.True(AllNan(Linalg.Expm(Matrix(new double[,] { { 1, double.NaN }, { 0, 1 } }))));
        Assert.True(AllNan(Linalg.Expm(Matrix(new double[,] { { 1, double.PositiveInfinity }, { 0, 1 } }))));
        Assert.Throws<ShapeException>(() => Linalg.Expm(Jnp.Ones([2, 3])));
        Assert.Throws<ShapeException>(() => Linalg.Expm(Jnp.Ones([3])));
        Assert.Throws<ArgumentException>(() => Linalg.Expm(upper, maxSquarings: -1));
    }

    [Fact]
    public void Expm_batches_under_vmap_and_jit()
    {
        // One batch spanning the regimes: each matrix picks its own degree and number of squarings.
        var batch = Jnp.Stack(Reference.Select(r => Scaled(r.Norm)).ToArray());
        var expected = Jnp.Stack(Reference.Select(r => Matrix(r.Expected)).ToArray());
        var result = Linalg.Expm(batch);
        for (var i = 0; i < Reference.Length; i++) Relative(expected[i], result[i], 4e-15);
        var byVmap = Jax.Vmap(m => Linalg.Expm(m))(batch);
        var byJit = Jax.Jit(m => Linalg.Expm(m))(batch);
        for (var i = 0; i < Reference.Length; i++)
        {
            Relative(expected[i], byVmap[i], 4e-15);
            Relative(expected[i], byJit[i], 4e-15);
        }
        Assert.Equal([3, 2, 3, 3], Linalg.Expm(batch.Reshape(3, 2, 3, 3)).Shape);
    }

    [Fact]
    public void Expm_differentiates_through_the_composition()
    {
        // Degree 3, degree 9, and degree 13 with squarings; second order where it is cheap.
        GradCheck.Check(m => Linalg.Expm(m), Scaled(0.005));
        GradCheck.Check(m => Linalg.Expm(m), Scaled(1.2));
        GradCheck.Check(m => Linalg.Expm(m), Scaled(30), order: 1);
        GradCheck.Check(m => Linalg.Expm(m, upperTriangular: true), Jnp.Triu(Scaled(3)), order: 1);
        GradCheck.Check(m => Linalg.Expm(m), Jnp.Stack([Scaled(0.5), Scaled(3)]), order: 1);
        // The derivative of a trace: d tr(exp(A)) = tr(exp(A) dA), so the gradient is exp(A)ᵀ.
        Close(Linalg.Expm(Scaled(3)).T, Jax.Grad(m => Jnp.Trace(Linalg.Expm(m)))(Scaled(3)), 1e-13);
        Close(Linalg.Expm(Scaled(3)), Jax.Jit(Jax.Grad(m => Jnp.Trace(Linalg.Expm(m))))(Scaled(3)).T, 1e-13);
    }

    [Fact]
    public void Expm_frechet_is_scipy_s()
    {
        var e = Matrix(new double[,] { { 0, 1, 0 }, { 0, 0, 1 }, { 1, 0, 0 } });
        var (value, frechet) = Linalg.ExpmFrechet(Base(), e);
        Relative(Matrix(new double[,] { { 0.9198914838768716, -0.588407846797136, 0.8758193812988715 }, { 0.9671195832762559, 0.6004823936691221, -0.19436240968338261 }, { 0.1379294564876165, 0.9504557282048757, 1.605129534600491 } }),
            value, 4e-15);
        Relative(Matrix(new double[,] { { 0.9002692455780567, 0.710304885175341, -0.48684896799481514 }, { 0.01550874615779146, 0.9203845808719673, 1.0755723649478697 }, { 1.3155019704112376, -0.29470779237712214, 0.9727408663299792 } }),
            frechet, 1e-14);
        // Linear in e; a batch of directions.
        var (_, twice) = Linalg.ExpmFrechet(Base(), 2 * e);
        Close(2 * frechet, twice, 1e-14);
        var (_, batched) = Linalg.ExpmFrechet(Jnp.Stack([Base(), Base()]), Jnp.Stack([e, 2 * e]));
        Close(Jnp.Stack([frechet, twice]), batched, 1e-14);
        Assert.Throws<ShapeException>(() => Linalg.ExpmFrechet(Base(), Jnp.Ones([3, 2], DType.Float64)));
    }
}
