using System.Numerics;
using JaxNet.Core;
using static JaxNet.Tests.Api.EigChecks;

namespace JaxNet.Tests.Api;

/// <summary>
/// Jnp.Linalg.Eig and Eigvals (geev on the host through a pure callback): values and vectors against NumPy's, the
/// eigen-identities, Jit, Vmap and batches, JAX's eigenvalue derivative and its refusals, and bad input.
/// Expected values are numpy.linalg.eig's (NumPy 1.24, LAPACK) in float64.
/// </summary>
public class JnpLinalgEigTests
{
    private static NDArray F32(float[,] values) => Jnp.Array(values);

    [Fact]
    public void A_symmetric_2x2_matches_numpy_in_complex64()
    {
        // JAX's docstring example: w = [3, -1], v = [[0.7071, -0.7071], [0.7071, 0.7071]].
        var (w, v) = Jnp.Linalg.Eig(F32(new float[,] { { 1, 2 }, { 2, 1 } }));
        ComplexCheck.Near([3, -1], w, DType.Complex64, [2], 1e-6);
        var r = Math.Sqrt(0.5);
        ComplexCheck.Near([r, -r, r, r], v, DType.Complex64, [2, 2], 1e-6);
    }

    [Fact]
    public void Complex_conjugate_pairs_come_positive_imaginary_part_first_with_conjugate_vectors()
    {
        var a = F32(new float[,] { { 4, -2, 1, 0 }, { 3, 1, -1, 2 }, { 0, 5, 2, 1 }, { 1, 0, -3, 1 } });
        var (w, v) = Jnp.Linalg.Eig(a);
        ComplexCheck.Near([new(2.3214315551319458, 4.061047408847298), new(2.3214315551319458, -4.061047408847298), 3.9775833573112607,
            -0.6204464675751592], w, DType.Complex64, [4], 1e-6);
        SameVectors(new Complex[,]
        {
            { new(0.2339404111891066, 0.03147899442572078), new(0.2339404111891066, -0.03147899442572078), -0.6978441453625764, -0.23451183051255958 },
            { new(-0.07760856303146864, -0.44860172698250056), new(-0.07760856303146864, 0.44860172698250056), -0.2896888931206745, -0.35787975480544243 },
            { -0.6757398070101194, -0.6757398070101194, -0.56373446338233, 0.36778984928545544 },
            { new(0.17083871812551912, -0.501202757400916), new(0.17083871812551912, 0.501202757400916), 0.33361257287567914, 0.8256251626571389 },
        }, v, 1e-6);
        AreEigenpairs(a, w, v, 1e-5);
        // A rotation: ±i, with (1, -i)/√2 and its conjugate.
        var (wr, vr) = Jnp.Linalg.Eig(F32(new float[,] { { 0, -1 }, { 1, 0 } }));
        ComplexCheck.Near([Complex.ImaginaryOne, -Complex.ImaginaryOne], wr, DType.Complex64, [2], 1e-7);
        var r = Math.Sqrt(0.5);
        ComplexCheck.Near([r, r, new(0, -r), new(0, r)], vr, DType.Complex64, [2, 2], 1e-7);
    }

    [Fact]
    public void Triangular_matrices_give_their_diagonal_exactly_in_numpys_order()
    {
        // Balancing isolates every eigenvalue of a triangular matrix: no QR iteration touches it.
        var (w, v) = Jnp.Linalg.Eig(F32(new float[,] { { 1, 2, 3 }, { 0, 4, 5 }, { 0, 0, 6 } }));
        Assert.Equal([new Complex(1, 0), new Complex(4, 0), new Complex(6, 0)], w.ToArray<Complex>());
        SameVectors(new Complex[,] { { 1, 0.5547001962252291, 0.5108406854512808 }, { 0, 0.8320502943378437, 0.7981885710176262 },
            { 0, 0, 0.3192754284070505 } }, v, 1e-6);
        var lower = F32(new float[,] { { 1, 0, 0 }, { 2, 3, 0 }, { 4, 5, 6 } });
        (w, v) = Jnp.Linalg.Eig(lower);
        Assert.Equal([new Complex(6, 0), new Complex(3, 0), new Complex(1, 0)], w.ToArray<Complex>());
        SameVectors(new Complex[,] { { 0, 0, 0.7001400420140049 }, { 0, 0.5144957554275265, -0.7001400420140049 },
            { 1, -0.8574929257125441, 0.140028008402801 } }, v, 1e-6);
    }

    [Fact]
    public void Repeated_and_defective_eigenvalues()
    {
        // P diag(2, 2, 3) P⁻¹: a repeated eigenvalue with a two-dimensional eigenspace.
        var repeated = F32(new float[,] { { 2, 0, 0 }, { -0.5f, 2.5f, 0.5f }, { -0.5f, 0.5f, 2.5f } });
        var (w, v) = Jnp.Linalg.Eig(repeated);
        SameUnordered([3, 2, 2], w.ToArray<Complex>(), 1e-6);
        AreEigenpairs(repeated, w, v, 1e-6);
        // P J P⁻¹ with J a 3x3 Jordan block of 2: perturbations of size eps split the eigenvalue by about eps^(1/3)
        // (NumPy: 2.0000091, 1.9999955 ± 7.9e-6 i); the vectors are nearly parallel, so only the values are checked.
        var defective = Jnp.Array(new double[,] { { 1, 1, 0 }, { 0, 2, 1 }, { 1, -1, 3 } }, DType.Float64);
        var values = Jnp.Linalg.Eigvals(defective).ToArray<Complex>();
        SameUnordered([2, 2, 2], values, 1e-4);
        Assert.Equal(6, values.Aggregate(Complex.Zero, (s, x) => s + x).Real, 12);
        // The matrix of ones: 13 and a twelvefold 0, whose back-substitution divides by the smallest pivot allowed and
        // must rescale to stay finite.
        var ones = Jnp.Ones([13, 13]);
        (w, v) = Jnp.Linalg.Eig(ones);
        SameUnordered([13, .. Enumerable.Repeat(Complex.Zero, 12)], w.ToArray<Complex>(), 1e-5);
        AreEigenpairs(ones, w, v, 1e-5);
        // The Jordan block itself is triangular: exact, with LAPACK's nearly parallel vectors.
        var jordan = F32(new float[,] { { 2, 1, 0 }, { 0, 2, 1 }, { 0, 0, 2 } });
        (w, v) = Jnp.Linalg.Eig(jordan);
        Assert.All(w.ToArray<Complex>(), x => Assert.Equal(new Complex(2, 0), x));
        SameVectors(new Complex[,] { { 1, -1, 1 }, { 0, 4.4408920985006262e-16, -4.4408920985006262e-16 }, { 0, 0, 1.9721522630525295e-31 } },
            v, 1e-7);
    }

    [Fact]
    public void A_random_50x50_in_float32()
    {
        var a = LcgArray([50, 50], 7, DType.Float32);
        var (w, v) = Jnp.Linalg.Eig(a);
        Assert.Equal(DType.Complex64, w.DType);
        SameUnordered(JnpLinalgEigX64Tests.Random50Eigenvalues, w.ToArray<Complex>(), 1e-5);
        AreEigenpairs(a, w, v, 2e-5);
    }

    [Fact]
    public void Complex_matrices_match_numpy_with_the_largest_component_positive()
    {
        var a = Jnp.Array(new Complex[,] { { new(1, 2), new(2, -1), 0.5 }, { new(0, 0.5), -1, new(3, -2) }, { 2, Complex.ImaginaryOne, new(1, -1) } });
        var (w, v) = Jnp.Linalg.Eig(a);
        ComplexCheck.Near([new(-2.4595219751101873, -1.6039297649029611), new(0.5142203660470296, 2.7207067015013817),
            new(2.9453016090631605, -0.11677693659842026)], w, DType.Complex64, [3], 1e-6);
        SameVectors(new Complex[,]
        {
            { new(-0.07303780440028301, 0.37439080190165025), 0.8374640416337253, new(0.5093573894005516, 0.0388436775224473) },
            { 0.8098136689889981, new(-0.29474341843101187, 0.24625476930280402), new(0.4991390178950608, -0.25174714404383025) },
            { new(-0.03534658792434683, -0.44435284045509316), new(-0.12718181606877516, -0.36737401992952406), 0.6530925163099913 },
        }, v, 1e-6);
        AreEigenpairs(a, w, v, 1e-5);
    }

    [Fact]
    public void Batches_jit_and_vmap_agree_with_one_matrix_at_a_time()
    {
        var batch = LcgArray([3, 4, 4], 3, DType.Float32);
        var (w, v) = Jnp.Linalg.Eig(batch);
        Assert.Equal([3, 4], w.Shape);
        Assert.Equal([3, 4, 4], v.Shape);
        for (var b = 0; b < 3; b++)
        {
            var (wb, vb) = Jnp.Linalg.Eig(batch[b]);
            Assert.Equal(wb.ToArray<Complex>(), w[b].ToArray<Complex>());
            Assert.Equal(vb.ToArray<Complex>(), v[b].ToArray<Complex>());
        }
        AreEigenpairs(batch, w, v, 1e-5);
        ComplexCheck.JitAndVmapAgree(Jnp.Linalg.Eigvals, batch, 1e-6);
        ComplexCheck.JitAndVmapAgree(m => Jnp.Linalg.Eig(m).Eigenvectors, batch, 1e-6);
        // Leading axes of any rank are batch axes, under Vmap too (one host call for the whole batch).
        var nested = Jnp.Stack([batch, batch], axis: 1);
        var inner = Jax.Vmap((NDArray m) => Jnp.Linalg.Eigvals(m), inAxes: [1])(nested);
        Assert.Equal([2, 3, 4], inner.Shape);
        Assert.Equal(w.ToArray<Complex>(), inner[1].ToArray<Complex>());
    }

    [Fact]
    public void Integers_promote_and_empty_matrices_give_empty_results()
    {
        var w = Jnp.Linalg.Eigvals(Jnp.Array(new[,] { { 1, 2 }, { 2, 1 } }));
        Assert.Equal(DType.Complex64, w.DType);
        ComplexCheck.Near([3, -1], w, DType.Complex64, [2], 1e-6);
        var (we, ve) = Jnp.Linalg.Eig(Jnp.Zeros([0, 0]));
        Assert.Equal([0], we.Shape);
        Assert.Equal([0, 0], ve.Shape);
        Assert.Equal(DType.Complex64, ve.DType);
        Assert.Equal([0, 3], Jnp.Linalg.Eigvals(Jnp.Zeros([0, 3, 3])).Shape);
        Assert.Equal([0, 3], Jax.Vmap((NDArray m) => Jnp.Linalg.Eigvals(m))(Jnp.Zeros([0, 3, 3])).Shape);
        var (w1, v1) = Jnp.Linalg.Eig(Jnp.Array(new float[,] { { -4 } }));
        Assert.Equal([new Complex(-4, 0)], w1.ToArray<Complex>());
        Assert.Equal([Complex.One], v1.ToArray<Complex>());
    }

    [Fact]
    public void Non_finite_matrices_give_nan_and_the_rest_of_a_batch_is_unaffected()
    {
        // JAX returns NaN where LAPACK reports failure (NumPy raises instead).
        var batch = Jnp.Array(new float[,,] { { { 1, float.NaN }, { 2, 1 } }, { { 1, 2 }, { 2, 1 } }, { { float.PositiveInfinity, 0 }, { 0, 1 } } });
        var (w, v) = Jnp.Linalg.Eig(batch);
        ComplexCheck.Near([new(double.NaN, double.NaN), new(double.NaN, double.NaN), 3, -1, new(double.NaN, double.NaN), new(double.NaN, double.NaN)],
            w, DType.Complex64, [3, 2]);
        Assert.All(v[0].ToArray<Complex>().Concat(v[2].ToArray<Complex>()), x => Assert.True(double.IsNaN(x.Real) && double.IsNaN(x.Imaginary)));
        Assert.All(v[1].ToArray<Complex>(), x => Assert.False(double.IsNaN(x.Real)));
    }

    [Fact]
    public void Bad_shapes_and_dtypes_are_refused_naming_the_function()
    {
        var vector = Assert.Throws<ShapeException>(() => Jnp.Linalg.Eig(Jnp.Ones([3])));
        Assert.Contains("Jnp.Linalg.Eig", vector.Message);
        Assert.Contains("[3]", vector.Message);
        var rectangle = Assert.Throws<ShapeException>(() => Jnp.Linalg.Eigvals(Jnp.Ones([2, 3])));
        Assert.Contains("Jnp.Linalg.Eigvals", rectangle.Message);
        Assert.Contains("square", rectangle.Message);
        var half = Assert.Throws<ArgumentException>(() => Jnp.Linalg.Eigvals(Jnp.Ones([2, 2], DType.Float16)));
        Assert.Contains("f16", half.Message);
        Assert.Throws<ShapeException>(() => Jax.Jit((NDArray m) => Jnp.Linalg.Eigvals(m))(Jnp.Ones([2, 3])));
    }

    [Fact]
    public void Eigenvalue_derivatives_are_jaxs_and_eigenvector_derivatives_are_refused()
    {
        // Σ Re λ = trace A: the gradient is the identity whatever the eigenvalues.
        var a = F32(new float[,] { { 4, -2, 1, 0 }, { 3, 1, -1, 2 }, { 0, 5, 2, 1 }, { 1, 0, -3, 1 } });
        var trace = Jax.Grad((NDArray m) => Jnp.Sum(Jnp.Real(Jnp.Linalg.Eigvals(m))));
        SpectralChecks.Close(Jnp.Eye(4), trace(a), 1e-5);
        SpectralChecks.Close(Jnp.Eye(4), Jax.Jit(trace)(a), 1e-5);
        var perMatrix = Jax.Vmap(trace)(Jnp.Stack([a, a.T]));
        SpectralChecks.Close(Jnp.Stack([Jnp.Eye(4), Jnp.Eye(4)]), perMatrix, 1e-5);
        // Forward mode: the tangent of λ for dA = E_01 is (V⁻¹ E_01 V)_ii; checked against a central difference.
        var direction = F32(new float[,] { { 0, 1, 0, 0 }, { 0, 0, 0, 0 }, { 0, 0, 0, 0 }, { 0, 0, 0, 0 } });
        var (_, tangents) = Jax.Jvp((NDArray m) => Jnp.Linalg.Eigvals(m), [a.Astype(DType.Float64)], [direction.Astype(DType.Float64)]);
        var h = 1e-6;
        var plus = Jnp.Linalg.Eigvals(a.Astype(DType.Float64) + h * direction.Astype(DType.Float64)).ToArray<Complex>();
        var minus = Jnp.Linalg.Eigvals(a.Astype(DType.Float64) - h * direction.Astype(DType.Float64)).ToArray<Complex>();
        ComplexCheck.Near(plus.Zip(minus, (p, m) => (p - m) / (2 * h)).ToArray(), tangents, DType.Complex128, [4], 1e-7);
        // As in JAX: no derivative of eig (even of its eigenvalues), and none of eigvals' rule (it needs eigenvectors).
        var refused = Assert.Throws<NotSupportedException>(() => Jax.Grad((NDArray m) => Jnp.Sum(Jnp.Real(Jnp.Linalg.Eig(m).Eigenvalues)))(a));
        Assert.Contains("eigenvectors", refused.Message);
        Assert.Throws<NotSupportedException>(() => Jax.Grad((NDArray m) => Jnp.Sum(trace(m) * m))(a));
    }
}
