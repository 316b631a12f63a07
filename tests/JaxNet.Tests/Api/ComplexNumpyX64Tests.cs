using System.Numerics;
using static JaxNet.Tests.Api.ComplexCheck;
using static JaxNet.Tests.Api.RandomDistributionX64Tests;

namespace JaxNet.Tests.Api;

/// <summary>The jnp, jnp.linalg and jax.scipy functions on complex128 (x64 on): the same NumPy and SciPy values as
/// the complex64 tests, to double precision, and gradients against central differences of step 1e-6.</summary>
[Collection(nameof(X64Collection))]
public class ComplexNumpyX64Tests
{
    private const DType Z = DType.Complex128;

    private static readonly Complex[] V = [new(1, 2), new(-3, 0.5), new(0, -1), new(2.5, 0), new(0.5, -1.5)];

    private static readonly Complex[,] A = { { new(2, 1), new(1, -1), new(0, 0.5) }, { new(0, 1), new(3, 0), new(-1, 2) }, { new(1, -1), new(0.5, 0.5), new(4, -1) } };

    private static readonly Complex[,] Hermitian = { { 4, new(1, 2), new(0, 1) }, { new(1, -2), 5, 2 }, { new(0, -1), 2, 6 } };

    private static readonly Complex[] B = [1, Complex.ImaginaryOne, new(-2, 1)];

    [Fact]
    public void ReductionsKeepDoublePrecision() => WithX64(() =>
    {
        Assert.Equal(Z, C(V).DType);
        Near([new(8.125, 25.625)], Jnp.Prod(C(V)).Reshape(1), Z, tol: 1e-14);
        Near([new(1, 2), new(-4, -5.5), new(-5.5, 4), new(-13.75, 10), new(8.125, 25.625)], Jnp.Cumprod(C(V)), Z, tol: 1e-14);
        var u = Enumerable.Range(0, 1000).Select(k => Complex.FromPolarCoordinates(1 + 1e-4 * Math.Cos(k), 0.003 * k)).ToArray();
        var product = u.Aggregate(Complex.One, (a, b) => a * b);
        Near([product], Jnp.Prod(C(u)).Reshape(1), Z, tol: 1e-12);
        Expect.Values([4.76], Jnp.Var(C(V)), DType.Float64, tol: 1e-14);
        Expect.Values([2.181742422927143], Jnp.Std(C(V)), DType.Float64, tol: 1e-14);
        Expect.Values([5.0, 15.666666666666668], Jnp.Var(M(new Complex[,] { { new(1, 1), new(2, -1), new(0, 3) }, { -1, new(4, 4), new(1, -2) } }), 1, ddof: 1),
            DType.Float64, tol: 1e-14);
    });

    [Fact]
    public void ProductsAndCreationInComplex128() => WithX64(() =>
    {
        Complex[] y = [new(0.5, -1), new(2, 2), new(-1, 1), new(1, 3)];
        Near([new(-5, -2.5)], Jnp.Vdot(C(V)[..4], C(y)).Reshape(1), Z, tol: 1e-15);
        Near([new(-5, -2.5)], Jnp.Linalg.Vecdot(C(V)[..4], C(y)).Reshape(1), Z, tol: 1e-15);
        Expect.Values([4.636809247747852], Jnp.Linalg.Norm(C(V)[..4]), DType.Float64, tol: 1e-15);
        var linspace = Jnp.Linspace(new Complex(1, 2), new Complex(3, -1), 5);
        Near([new(1, 2), new(1.5, 1.25), new(2, 0.5), new(2.5, -0.25), new(3, -1)], linspace, Z, tol: 1e-15);
        Near([new(-3, 0.5), new(0, -1), new(0.5, -1.5), new(1, 2), new(2.5, 0)], Jnp.Sort(C(V)), Z, tol: 0);
        Near([new(-0.333, 0.25)], Jnp.Round(C(new Complex(-1.0 / 3, 0.25)), 3), Z, tol: 1e-15);
    });

    [Fact]
    public void LinearAlgebraToDoublePrecision() => WithX64(() =>
    {
        Near([new(27.749999999999993, 3.7499999999999982)], Jnp.Linalg.Det(M(A)).Reshape(1), Z, tol: 1e-13);
        var (sign, log) = Jnp.Linalg.Slogdet(M(A));
        Near([new(0.9909924304103233, 0.133917896001395)], sign.Reshape(1), Z, tol: 1e-14);
        Expect.Values([3.3322842232084535], log, DType.Float64, tol: 1e-14);
        Near([new(0.12625538020086086, -0.33237685318029664), new(-0.1133428981348637, 0.6279292204686754), new(-0.4055475848876136, 0.19894787183165955)],
            Jnp.Linalg.Solve(M(A), C(B)), Z, tol: 1e-13);
        Near([new(0.4610234337637494, -0.1884265901482544), new(-0.08990913438546151, 0.20133907221425162), new(0.0425633668101387, 0.048302247728359664)],
            Jnp.Linalg.Inv(M(A))[0], Z, tol: 1e-13);
        Near([2, 0, 0, new(0.5, -1), 1.9364916731037085, 0, new(0, -0.5), new(0.7745966692414833, 0.12909944487358055), 2.265686062395524],
            Jnp.Linalg.Cholesky(M(Hermitian)), Z, tol: 1e-14);
        Near([new(0.7804878048780489, 0.3577235772357724), new(-0.13008130081300817, -0.1707317073170733), new(-0.40650406504065045, 0.34146341463414637)],
            Jax.Scipy.Linalg.LuSolve(Jax.Scipy.Linalg.LuFactor(M(A)), C(B), trans: 2), Z, tol: 1e-13);
        Near([new(-6.775544847576696, 4.951693533239809), new(-4.626141919971081, 1.1588586205575004), new(8.102717781643582, 12.719567139355744),
            new(3.635597612922967, 7.2601182120958905)], Jax.Scipy.Linalg.Expm(M(new Complex[,] { { new(1, 2), new(0, 1) }, { new(3, -1), 2 } })), Z, tol: 1e-12);
    });

    [Fact]
    public void GradientsMatchFiniteDifferences() => WithX64(() =>
    {
        GradMatchesFiniteDifferences(a => Jnp.Abs(Jnp.Prod(a)), C(V) * 0.5, 1e-6, 1e-7);
        GradMatchesFiniteDifferences(a => Jnp.Var(a), C(V), 1e-6, 1e-7);
        GradMatchesFiniteDifferences(a => Jnp.Real(Jnp.Sum(Jnp.Sort(a) * C(V))), C(V), 1e-6, 1e-7);
        GradMatchesFiniteDifferences(m => Jnp.Abs(Jnp.Linalg.Det(m)), M(A), 1e-6, 1e-7);
        GradMatchesFiniteDifferences(m => Jnp.Sum(Jnp.Abs(Jnp.Linalg.Solve(m, C(B)))), M(A), 1e-6, 1e-7);
        GradMatchesFiniteDifferences(m => Jnp.Sum(Jnp.Abs(Jnp.Linalg.Cholesky(m))), M(Hermitian), 1e-6, 1e-7);
        GradMatchesFiniteDifferences(m => Jnp.Imag(Jnp.Linalg.Slogdet(m).Sign), M(A), 1e-6, 1e-7);
    });

    [Fact]
    public void JitAndVmapAgreeInComplex128() => WithX64(() =>
    {
        var batch = Jnp.Stack([M(A), M(Hermitian)]);
        JitAndVmapAgree(m => Jnp.Linalg.Det(m), batch, 1e-13);
        JitAndVmapAgree(m => Jnp.Prod(m, 0), batch, 1e-13);
        JitAndVmapAgree(m => Jnp.Sort(m, 1), batch, 0);
    });
}
