using System.Numerics;
using static JaxNet.Tests.Api.ComplexCheck;

namespace JaxNet.Tests.Api;

/// <summary>Products, norms and covariances of complex64 arrays: which functions conjugate (vdot, vecdot, cov) and which
/// do not (dot, inner, matmul, einsum), norms of moduli, gradients and Jit/Vmap. Expected values from NumPy 1.24.</summary>
public class ComplexProductTests
{
    private static readonly Complex[] X = [new(1, 2), new(-3, 0.5), new(0, -1), new(2.5, 0)];

    private static readonly Complex[] Y = [new(0.5, -1), new(2, 2), new(-1, 1), new(1, 3)];

    private static readonly Complex[,] A = { { new(1, 2), new(0, 1) }, { new(3, -1), new(2, 0) } };

    private static readonly Complex[,] B = { { new(1, 0), new(2, 2) }, { new(0, -1), new(1, 1) } };

    private static readonly Complex[,] Rows = { { new(1, 1), new(2, -1), new(0, 3) }, { new(-1, 0), new(4, 4), new(1, -2) } };

    [Fact]
    public void ProductsDoNotConjugate()
    {
        Near([new(-1, 3.5)], Jnp.Dot(C(X), C(Y)).Reshape(1));
        Near([new(-1, 3.5)], Jnp.Inner(C(X), C(Y)).Reshape(1));
        Near([new(2.5, 0), new(-2, 6), new(-3, -1), new(-1, 3.25), new(-7, -5), new(2.5, -3.5)], Jnp.Outer(C(X)[..2], C(Y)[..3]), shape: [2, 3]);
        Near([new(2, 0), new(-6, 6)], Jnp.Matmul(M(Rows), C(1, Complex.ImaginaryOne, -1)));
        Near([new(-2, 7), new(-2, 3), new(11, 3), new(5, 3), new(9, 6), new(4, 5), new(6, 1), new(3, 2)],
            Jnp.Matmul(Jnp.Stack([M(A), M(B)]), M(A)), shape: [2, 2, 2]);
        Near([new(16, 0), new(-3, -10), new(-3, 10), new(38, 0)], Jnp.Tensordot(M(Rows), Jnp.Conj(Jnp.Transpose(M(Rows))), 1));
        Near([new(-6, -2), new(-2, 28)], Jnp.Einsum("ij,ij->i", M(Rows), M(Rows)));
        Near([new(3, 2)], Jnp.Einsum("ii->", M(A)).Reshape(1));
        Near([new(3, 2)], Jnp.Trace(M(A)).Reshape(1));
        Near([new(1, 2), new(-2, 6), new(0, 1), new(-2, 2), new(2, -1), new(-1, 3), new(1, 0), new(-1, 1),
            new(3, -1), new(8, 4), new(2, 0), new(4, 4), new(-1, -3), new(4, 2), new(0, -2), new(2, 2)], Jnp.Kron(M(A), M(B)), shape: [4, 4]);
        // A real operand promotes: np.dot([[1, 2], [0, -1]], x[:2]).
        Near([new(-5, 3), new(3, -0.5)], Jnp.Dot(Jnp.Array(new float[,] { { 1, 2 }, { 0, -1 } }), C(X)[..2]));
    }

    [Fact]
    public void VdotAndVecdotConjugateTheFirstOperand()
    {
        Near([new(-5, -2.5)], Jnp.Vdot(C(X), C(Y)).Reshape(1));
        Near([new(-5, 2.5)], Jnp.Vdot(C(Y), C(X)).Reshape(1));
        // vdot flattens: a matrix with itself is its squared Frobenius norm.
        Near([new(54, 0)], Jnp.Vdot(M(Rows), M(Rows)).Reshape(1));
        var w = M(new Complex[,] { { 1, Complex.ImaginaryOne, -1 }, { 2, 0, Complex.ImaginaryOne } });
        Near([new(0, 4), new(-4, 1)], Jnp.Linalg.Vecdot(M(Rows), w));
        Near([new(0, 4), new(-4, 1)], Jnp.Linalg.Vecdot(Jnp.Transpose(M(Rows)), Jnp.Transpose(w), axis: 0));
        // matrix_transpose does not conjugate.
        Near([new(1, 1), new(-1, 0), new(2, -1), new(4, 4), new(0, 3), new(1, -2)], Jnp.Linalg.MatrixTranspose(M(Rows)), shape: [3, 2]);
    }

    [Fact]
    public void CorrelationConjugatesTheSecondVector()
    {
        var (a, v) = (C(X), C(new(1, -1), new(0, 2), new(0.5, 0)));
        Near([new(0.5, 1), new(2.5, -1.75), new(0, 8.5), new(-4.25, -2.5), new(1, -6), new(2.5, 2.5)], Jnp.Correlate(a, v, ConvolveMode.Full));
        Near([new(0, 8.5), new(-4.25, -2.5)], Jnp.Correlate(a, v));
        Near([new(2.5, -1.75), new(0, 8.5), new(-4.25, -2.5), new(1, -6)], Jnp.Correlate(a, v, ConvolveMode.Same));
        // The shorter vector first: the operands swap and the result reverses, the conjugate staying on v.
        Near([new(2.5, -2.5), new(1, 6), new(-4.25, 2.5), new(0, -8.5), new(2.5, 1.75), new(0.5, -1)], Jnp.Correlate(v, a, ConvolveMode.Full));
        Near([new(3, 1), new(-6.5, 5.5), new(-1.5, -6), new(3, -2.25), new(0, 4.5), new(1.25, 0)], Jnp.Convolve(a, v));
    }

    [Fact]
    public void NormsAreNormsOfModuli()
    {
        var x = C(X);
        Expect.Values([4.636809247747852], Jnp.Linalg.Norm(x));
        Expect.Values([8.777449242648899], Jnp.Linalg.Norm(x, 1));
        Expect.Values([3.0413812651491092], Jnp.Linalg.Norm(x, double.PositiveInfinity));
        Expect.Values([1.0], Jnp.Linalg.Norm(x, double.NegativeInfinity));
        Expect.Values([4.0], Jnp.Linalg.Norm(x, 0));
        Expect.Values([3.824452575825069], Jnp.Linalg.Norm(x, 3));
        Expect.Values([7.3484692283495345], Jnp.Linalg.Norm(M(Rows), "fro"));
        Expect.Values([7.3484692283495345], Jnp.Linalg.MatrixNorm(M(Rows)));
        Expect.Values([7.89292222699217], Jnp.Linalg.Norm(M(Rows), 1, (0, 1)));
        Expect.Values([8.89292222699217], Jnp.Linalg.Norm(M(Rows), double.PositiveInfinity, (0, 1)));
        Expect.Values([4.0, 6.164414002968976], Jnp.Linalg.Norm(M(Rows), axis: 1));
        Expect.Values([4.0, 6.164414002968976], Jnp.Linalg.VectorNorm(M(Rows), 1));
    }

    [Fact]
    public void CovariancesPairVariablesWithConjugates()
    {
        Near([new(5, 0), new(-4.5, -6), new(-4.5, 6), new(15.666666666666668, 0)], Jnp.Cov(M(Rows)), shape: [2, 2]);
        Near([new(5, 0), new(-4.5, -6), new(-4.5, 6), new(15.666666666666668, 0)], Jnp.Cov(Jnp.Transpose(M(Rows)), rowvar: false));
        Near([new(6.59090909090909, 0), new(-6, -7.545454545454544), new(-6, 7.545454545454544), new(17.090909090909086, 0)],
            Jnp.Cov(M(Rows), aweights: Jnp.Array(new[] { 1f, 2f, 3f })));
        Near([new(1, 0), new(-0.5084394145794289, -0.6779192194392386), new(-0.5084394145794289, 0.6779192194392385), new(1, 0)],
            Jnp.Corrcoef(M(Rows)));
    }

    [Fact]
    public void GradientsFollowJaxsConvention()
    {
        var (x, y) = (C(X), C(Y));
        // Re vdot(x, y) = Σ (re x re y + im x im y): its gradient in x is conj(y); |x|'s is conj(x) / |x|.
        Near(Y.Select(Complex.Conjugate).ToArray(), Jax.Grad((NDArray a) => Jnp.Real(Jnp.Vdot(a, y)))(x));
        var norm = Math.Sqrt(X.Sum(v => v.Magnitude * v.Magnitude));
        Near(X.Select(v => Complex.Conjugate(v) / norm).ToArray(), Jax.Grad((NDArray a) => Jnp.Linalg.Norm(a))(x));
        GradMatchesFiniteDifferences(a => Jnp.Sum(Jnp.Abs(Jnp.Matmul(a, M(B)))), M(A), 1e-2, 2e-3);
        GradMatchesFiniteDifferences(a => Jnp.Imag(Jnp.Einsum("ij,jk->", a, Jnp.Conj(Jnp.Transpose(a)))), M(Rows), 1e-2, 2e-3);
        GradMatchesFiniteDifferences(a => Jnp.Real(Jnp.Cov(a)[0, 1]), M(Rows), 1e-2, 2e-3);
    }

    [Fact]
    public void JitAndVmapGiveTheEagerValues()
    {
        var batch = M(Rows);
        var other = C(new(1, -1), new(0, 2), new(3, 0));
        JitAndVmapAgree(r => Jnp.Vdot(r, other), batch);
        JitAndVmapAgree(r => Jnp.Linalg.Vecdot(r, other), batch);
        JitAndVmapAgree(r => Jnp.Linalg.Norm(r), batch);
        JitAndVmapAgree(r => Jnp.Outer(r, other), batch);
    }

    [Fact]
    public void SingularValueNormsUseTheComplexSvd()
    {
        Expect.Values([4.777910330337541], Jnp.Linalg.Norm(M(A), "nuc").Reshape(1));
        Expect.Values([4.460884994775326], Jnp.Linalg.Norm(M(A), 2, (0, 1)).Reshape(1));
        Expect.Values([14.071067811865484], Jnp.Linalg.Cond(M(A)).Reshape(1), tol: 1e-4);
        Assert.Throws<ShapeException>(() => Jnp.Vdot(C(X), C(Y)[..3]));
    }
}
