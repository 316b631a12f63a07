using System.Numerics;
using static JaxNet.Tests.Api.ComplexCheck;

namespace JaxNet.Tests.Api;

/// <summary>Linear algebra on complex64 matrices: LU-based det, slogdet, inv and solves (pivoting by |a|), Cholesky of
/// Hermitian matrices and cho_solve, expm, triangular and lu solves (trans 2 conjugates), with gradients and
/// Jit/Vmap (the spectral decompositions: ComplexSpectralTests). Expected values from NumPy 1.24 and SciPy 1.10.</summary>
public class ComplexLinalgTests
{
    private static readonly Complex[,] A = { { new(2, 1), new(1, -1), new(0, 0.5) }, { new(0, 1), new(3, 0), new(-1, 2) }, { new(1, -1), new(0.5, 0.5), new(4, -1) } };

    private static readonly Complex[,] Hermitian = { { 4, new(1, 2), new(0, 1) }, { new(1, -2), 5, 2 }, { new(0, -1), 2, 6 } };

    private static readonly Complex[] B = [1, Complex.ImaginaryOne, new(-2, 1)];

    [Fact]
    public void DeterminantsComeFromTheLuFactors()
    {
        Near([new(27.749999999999993, 3.7499999999999982)], Jnp.Linalg.Det(M(A)).Reshape(1));
        var batch = Jnp.Stack([M(A), M(Hermitian), Jnp.Conj(Jnp.Transpose(M(A)))]);
        Near([new(27.75, 3.75), new(77, 0), new(27.75, -3.75)], Jnp.Linalg.Det(batch), shape: [3]);
        var (sign, log) = Jnp.Linalg.Slogdet(M(A));
        Near([new(0.9909924304103233, 0.133917896001395)], sign.Reshape(1));
        Expect.Values([3.3322842232084535], log);
        var (singularSign, singularLog) = Jnp.Linalg.Slogdet(M(new Complex[,] { { 1, new(0, 2) }, { new(0, 2), -4 } }));
        Near([Complex.Zero], singularSign.Reshape(1));
        Assert.Equal(double.NegativeInfinity, singularLog.Item<double>());
    }

    [Fact]
    public void InversesAndSolvesPivotByModulus()
    {
        Near([new(0.4610234337637494, -0.1884265901482544), new(-0.08990913438546151, 0.20133907221425162), new(0.0425633668101387, 0.048302247728359664),
            new(-0.004782400765184113, -0.035389765662362495), new(0.30798660927785754, 0.012434241989478702), new(0.10951697752271643, -0.12290769966523196),
            new(-0.10712577714012436, 0.14060258249641325), new(-0.03443328550932569, -0.12147297943567675), new(0.18651362984218078, 0.0468675274988044)],
            Jnp.Linalg.Inv(M(A)), shape: [3, 3]);
        Near([new(0.12625538020086086, -0.33237685318029664), new(-0.1133428981348637, 0.6279292204686754), new(-0.4055475848876136, 0.19894787183165955)],
            Jnp.Linalg.Solve(M(A), C(B)));
        var rhs = M(new Complex[,] { { 1, new(0, 2) }, { 0, 1 }, { new(1, -1), 3 } });
        Near([new(0.5518890483022477, -0.18268770923003344), new(0.41463414634146334, 1.2682926829268293), new(-0.018173122907699648, -0.26781444285031086),
            new(0.7073170731707318, -0.3658536585365854), new(0.12625538020086083, 0.0009564801530368428), new(0.2439024390243902, -0.1951219512195123)],
            Jnp.Linalg.Solve(M(A), rhs), shape: [3, 2]);
        Near([new(0.17324229618361672, -0.17070906467356511), new(-0.02930506982510958, 0.1638215842028452), new(0.04929852404271365, 0.058352836883082335),
            new(-0.004356993523517802, 0.0021915334352938633), new(0.08355547138896154, 0.0008069014777412377), new(0.06295066579664026, -0.056020644601753655),
            new(-0.05359856788710516, 0.1080095263776505), new(-0.02850091291021782, -0.0963204332018002), new(0.0025387206357505264, 0.009221731174185732)],
            Jnp.Linalg.MatrixPower(M(A), -2));
    }

    [Fact]
    public void TriangularAndLuSolvesTransposeAndConjugate()
    {
        var a = M(A);
        Near([new(0.4, -0.2), new(-0.06666666666666667, 0.2), new(-0.5764705882352942, 0.23921568627450973)],
            Jax.Scipy.Linalg.SolveTriangular(Jnp.Tril(a), C(B), lower: true));
        Near([new(0.4, -0.2), new(-0.06666666666666667, 0.5333333333333333), new(-0.3450980392156863, 0.28039215686274516)],
            Jax.Scipy.Linalg.SolveTriangular(Jnp.Triu(a), C(B), transA: true));
        var factors = Jax.Scipy.Linalg.LuFactor(a);
        Near([new(0.5700621712099475, -0.5815399330463894), new(0.0879961740793879, 0.7178383548541369), new(-0.25442372070779534, 0.250597800095648)],
            Jax.Scipy.Linalg.LuSolve(factors, C(B), trans: 1));
        Near([new(0.7804878048780489, 0.3577235772357724), new(-0.13008130081300817, -0.1707317073170733), new(-0.40650406504065045, 0.34146341463414637)],
            Jax.Scipy.Linalg.LuSolve(factors, C(B), trans: 2));
        var (p, l, u) = Jax.Scipy.Linalg.Lu(a);
        Near(A.Cast<Complex>().ToArray(), Jnp.Matmul(p, Jnp.Matmul(l, u)));
    }

    [Fact]
    public void CholeskyFactorsHermitianMatrices()
    {
        Complex[] lower = [2, 0, 0, new(0.5, -1), 1.9364916731037085, 0, new(0, -0.5), new(0.7745966692414833, 0.12909944487358055), 2.265686062395524];
        Near(lower, Jnp.Linalg.Cholesky(M(Hermitian)), shape: [3, 3]);
        // scipy's default is the upper factor, Lᴴ.
        Near(lower, Jnp.Conj(Jnp.Transpose(Jax.Scipy.Linalg.Cholesky(M(Hermitian)))));
        Near([new(0.4285714285714286, -0.02597402597402594), new(0.06493506493506489, 0.3246753246753246), new(-0.3506493506493506, 0.12987012987012986)],
            Jax.Scipy.Linalg.ChoSolve(Jax.Scipy.Linalg.ChoFactor(M(Hermitian), lower: true), C(B)));
        Near([new(0.4285714285714286, -0.02597402597402594), new(0.06493506493506489, 0.3246753246753246), new(-0.3506493506493506, 0.12987012987012986)],
            Jax.Scipy.Linalg.ChoSolve(Jax.Scipy.Linalg.ChoFactor(M(Hermitian)), C(B)));
        // Not positive definite: NaNs, as JAX's.
        Assert.True(Jnp.All(Jnp.IsNan(Jnp.Linalg.Cholesky(M(new Complex[,] { { 1, new(0, 2) }, { new(0, -2), 1 } })))).Item<bool>());
    }

    [Fact]
    public void ExpmScalesBySquaringComplexMatrices()
    {
        Near([new(-6.775544847576696, 4.951693533239809), new(-4.626141919971081, 1.1588586205575004), new(8.102717781643582, 12.719567139355744),
            new(3.635597612922967, 7.2601182120958905)], Jax.Scipy.Linalg.Expm(M(new Complex[,] { { new(1, 2), new(0, 1) }, { new(3, -1), 2 } })), tol: 2e-5);
    }

    [Fact]
    public void GradientsFollowJaxsConvention()
    {
        var a = M(A);
        // log|det a| = Re log det a, whose gradient (JAX's df/dx - i df/dy) is the holomorphic derivative a⁻ᵀ.
        var inverse = Jnp.Linalg.Inv(a).ToArray<Complex>();
        Near([.. Enumerable.Range(0, 9).Select(k => inverse[(k % 3 * 3) + (k / 3)])], Jax.Grad((NDArray m) => Jnp.Linalg.Slogdet(m).Logabsdet)(a));
        GradMatchesFiniteDifferences(m => Jnp.Abs(Jnp.Linalg.Det(m)), a, 1e-2, 2e-3);
        GradMatchesFiniteDifferences(m => Jnp.Imag(Jnp.Linalg.Slogdet(m).Sign), a, 1e-2, 2e-3);
        GradMatchesFiniteDifferences(m => Jnp.Sum(Jnp.Abs(Jnp.Linalg.Solve(m, C(B)))), a, 1e-2, 2e-3);
        GradMatchesFiniteDifferences(m => Jnp.Real(Jnp.Trace(Jnp.Linalg.Inv(m))), a, 1e-2, 2e-3);
        GradMatchesFiniteDifferences(m => Jnp.Sum(Jnp.Abs(Jnp.Linalg.Cholesky(m))), M(Hermitian), 1e-2, 2e-3);
        GradMatchesFiniteDifferences(m => Jnp.Abs(Jnp.Sum(Jax.Scipy.Linalg.Expm(m * 0.25f))), a, 1e-2, 2e-3);
    }

    [Fact]
    public void JitAndVmapFactorEachMatrix()
    {
        var batch = Jnp.Stack([M(A), M(Hermitian), Jnp.Conj(Jnp.Transpose(M(A)))]);
        JitAndVmapAgree(m => Jnp.Linalg.Det(m), batch);
        JitAndVmapAgree(m => Jnp.Linalg.Solve(m, C(B)), batch);
        JitAndVmapAgree(m => Jnp.Linalg.Slogdet(m).Sign, batch);
        JitAndVmapAgree(m => Jnp.Linalg.Cholesky(m), Jnp.Stack([M(Hermitian), Jnp.Conj(M(Hermitian))]));
    }

    [Fact]
    public void ShapesAreChecked()
    {
        Assert.Throws<ShapeException>(() => Jnp.Linalg.Det(C(B)));
        Assert.Throws<ShapeException>(() => Jnp.Linalg.Solve(M(A), C(B)[..2]));
    }
}
