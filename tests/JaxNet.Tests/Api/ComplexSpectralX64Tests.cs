using System.Numerics;
using static JaxNet.Tests.Api.ComplexCheck;
using static JaxNet.Tests.Api.ComplexSpectralTests;
using static JaxNet.Tests.Api.SpectralChecks;
using Lax = JaxNet.Jax.Lax;
using Linalg = JaxNet.Jax.Scipy.Linalg;

namespace JaxNet.Tests.Api;

/// <summary>
/// The complex spectral decompositions in complex128 (x64 on): NumPy's values to double precision, and JAX's derivative
/// rules (eigh, svd, qr, and the polar, pinv and Hessenberg built on them) against central differences of real
/// functions of the outputs that do not depend on the eigenvectors' and singular vectors' phases, eagerly, under Jit
/// and under Vmap. Expected values from NumPy 1.24 and SciPy 1.10.
/// </summary>
[Collection(nameof(X64Collection))]
public class ComplexSpectralX64Tests
{
    // Fixed complex weights, so that every entry of an output counts with its own factor.
    private static NDArray Weights(int m, int n, int seed) =>
        Jnp.Array(Enumerable.Range(0, m * n).Select(k => new Complex(Math.Sin(seed + k), Math.Cos((2 * seed) + (3 * k)))).ToArray()).Reshape(m, n);

    // Re sum(c o x): a real linear functional that reads both parts of every entry.
    private static NDArray Pairing(NDArray x, NDArray c) => Jnp.Real(Jnp.Sum(c * x));

    private static void X64(Action test) => RandomDistributionX64Tests.WithX64(test);

    private static NDArray QAboveR(NDArray a)
    {
        var (q, r) = Jnp.Linalg.Qr(a);
        return Jnp.Concatenate([q, r]);
    }

    [Fact]
    public void Complex128ValuesMatchNumpy()
    {
        X64(() =>
        {
            var (w, v) = Jnp.Linalg.Eigh(M(Hermitian));
            Expect.Values([2.0648484489645047, 4.337161724367023, 8.597989826668474], w, DType.Float64, [3], 1e-14);
            Assert.Equal(DType.Complex128, v.DType);
            Close(Jnp.Matmul(M(Hermitian), v), v * w, 1e-13);
            OrthonormalColumns(v, 1e-14);
            Expect.Values([0.6419890573260144, 3.604689969480822, 4.753320973193164], Jnp.Linalg.Eigvalsh(M(A), symmetrizeInput: false), DType.Float64,
                tol: 1e-14);
            var (u, s, vh) = Jnp.Linalg.Svd(M(Tall), fullMatrices: false);
            Expect.Values([4.835416896835911, 3.029052482741521, 1.0030376316924534], s, DType.Float64, [3], 1e-14);
            Close(M(Tall), Jnp.Matmul(u * s, vh), 1e-14);
            OrthonormalColumns(u, 1e-14);
            var (q, r) = Jnp.Linalg.Qr(M(A));
            Near([-2.8284271247461903, new(-0.3535533905932735, 1.7677669529663689), new(-2.651650429449553, -1.767766952966368), 0,
                -2.8722813232690143, new(-0.06527912098338662, 0.4569538468837069), 0, 0, -3.446836494262793], r, DType.Complex128, [3, 3], 1e-14);
            Near([new(-0.7071067811865472, -0.35355339059327373), new(-0.043519413988924407, -0.04351941398892447), new(0.36924503812284343, 0.484634112536232)],
                q[0], DType.Complex128, [3], 1e-14);
            Near([new(0.2041241452319315, 0.6123724356957947), -2.449489742783178, -1.0671873729054748],
                Jnp.Stack([Linalg.Hessenberg(M(Tall)[..3])[0, 1], Linalg.Hessenberg(M(Tall)[..3])[1, 0], Linalg.Hessenberg(M(Tall)[..3])[2, 1]]),
                DType.Complex128, [3], 1e-14);
            Expect.Values([10.199757489957097], Jnp.Linalg.Norm(M(A), "nuc").Reshape(1), DType.Float64, tol: 1e-14);
        });
    }

    public static TheoryData<int, int> Sizes => new() { { 2, 2 }, { 5, 5 }, { 8, 8 }, { 9, 6 }, { 4, 7 } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void LargerMatricesConvergeToDoublePrecision(int m, int n)
    {
        X64(() =>
        {
            // Uniform parts in [-1, 1): odd sizes take the round-robin's dummy index.
            var a = Lax.Complex(Random(m, m, n), Random(m + 100, m, n));
            var (u, s, vh) = Jnp.Linalg.Svd(a, fullMatrices: false);
            Close(a, Jnp.Matmul(u * s, vh), 1e-13);
            OrthonormalColumns(u, 1e-13);
            OrthonormalColumns(Adjoint(vh), 1e-13);
            Sorted(s, descending: true);
            var gram = Jnp.Matmul(Adjoint(a), a);
            var (w, v) = Jnp.Linalg.Eigh(gram);
            Close(Jnp.Matmul(gram, v), v * w, 1e-12);
            OrthonormalColumns(v, 1e-13);
            // The eigenvalues of a^H a are the squared singular values (and n - m zeros for a wide a).
            var squares = Jnp.Concatenate([Jnp.Zeros([Math.Max(n - m, 0)], DType.Float64), Jnp.Flip(s * s)]);
            Close(squares, w, 1e-12);
            var (q, r) = Jnp.Linalg.Qr(a, "complete");
            Close(a, Jnp.Matmul(q, r), 1e-13);
            OrthonormalColumns(q, 1e-13);
        });
    }

    [Fact]
    public void EighDerivativesMatchFiniteDifferences()
    {
        X64(() =>
        {
            var b = Weights(3, 3, 1);
            var a = M(A);
            // Eigenvalues, with the input symmetrized (the default) and from the lower triangle.
            GradMatchesFiniteDifferences(x => Jnp.Sum(Jnp.Linalg.Eigvalsh(x) * Jnp.Array(new[] { 1.0, -2.0, 3.0 })), a, 1e-6, 1e-7);
            GradMatchesFiniteDifferences(x => Jnp.Sum(Jnp.Square(Linalg.Eigh(x, symmetrizeInput: false).W)), a, 1e-6, 1e-7);
            // |V|^2 and |v_0^H B v_1| do not depend on the eigenvectors' phases.
            GradMatchesFiniteDifferences(x => Jnp.Sum(Jnp.SquaredModulus(Jnp.Linalg.Eigh(x).Eigenvectors) * Jnp.Real(b)), a, 1e-6, 1e-7);
            GradMatchesFiniteDifferences(x =>
            {
                var v = Jnp.Linalg.Eigh(x).Eigenvectors;
                return Jnp.Abs(Jnp.Vdot(v[.., 0], Jnp.Matmul(b, v[.., 1])));
            }, M(Hermitian), 1e-6, 1e-7);
            // The gradient is Hermitian (the input is symmetrized), and the same under Jit.
            Func<NDArray, NDArray> f = x => Jnp.Linalg.Eigvalsh(x)[2];
            var g = Jax.Grad(f)(a);
            Close(Jnp.Conj(g.T), g, 1e-14);
            Close(g, Jax.Jit(Jax.Grad(f))(a), 1e-14);
            // A forward-mode tangent: dW = Re diag(V^H dA V).
            var (_, dw) = Jax.Jvp(x => Jnp.Linalg.Eigvalsh(x), [M(Hermitian)], [b + Jnp.Conj(b.T)]);
            var h = 1e-6;
            var difference = (Jnp.Linalg.Eigvalsh(M(Hermitian) + (h * (b + Jnp.Conj(b.T)))) - Jnp.Linalg.Eigvalsh(M(Hermitian) - (h * (b + Jnp.Conj(b.T))))) / (2 * h);
            Close(difference, dw, 1e-7);
        });
    }

    [Fact]
    public void SvdDerivativesMatchFiniteDifferences()
    {
        X64(() =>
        {
            var c = Weights(4, 4, 2);
            foreach (var x in new[] { M(A), M(Tall), Jnp.Conj(M(Tall).T) })
            {
                var (m, n) = (x.Shape[0], x.Shape[1]);
                var k = Math.Min(m, n);
                var (cu, cv) = (Lax.Slice(Weights(4, 4, 3), [0, 0], [m, k]), Lax.Slice(Weights(4, 4, 4), [0, 0], [k, n]));
                GradMatchesFiniteDifferences(y => Jnp.Sum(Jnp.Linalg.Svdvals(y) * Jnp.Array(new[] { 3.0, 1.0, -2.0 })), x, 1e-6, 1e-7);
                GradMatchesFiniteDifferences(y =>
                {
                    var (u, _, vh) = Linalg.Svd(y, fullMatrices: false);
                    return Jnp.Sum(Jnp.SquaredModulus(u) * Jnp.Real(cu)) + Jnp.Sum(Jnp.SquaredModulus(vh) * Jnp.Imag(cv));
                }, x, 1e-6, 1e-7);
                // u_j vh_j (a rank-one term) is phase-free, and reads how the phases of U and Vh move together.
                GradMatchesFiniteDifferences(y =>
                {
                    var (u, _, vh) = Linalg.Svd(y, fullMatrices: false);
                    return Pairing(Jnp.Outer(u[.., 0], vh[0]), Lax.Slice(c, [0, 0], [m, n])) + Pairing(Jnp.Outer(u[.., 1], vh[1]), cu[.., 0..1] * cv[1]);
                }, x, 1e-6, 1e-7);
            }
            // The full decomposition of a square matrix, under Jit.
            Func<NDArray, NDArray> full = y => Jnp.Sum(Jnp.SquaredModulus(Linalg.Svd(y).U) * Jnp.Real(Weights(3, 3, 5)));
            GradMatchesFiniteDifferences(full, M(A), 1e-6, 1e-7);
            Close(Jax.Grad(full)(M(A)), Jax.Jit(Jax.Grad(full))(M(A)), 1e-13);
        });
    }

    [Fact]
    public void QrAndHessenbergDerivativesMatchFiniteDifferences()
    {
        X64(() =>
        {
            // Q and R are unique (R's diagonal real, with LAPACK's signs), so any smooth function of them will do.
            foreach (var x in new[] { M(A), M(Tall) })
            {
                var (m, n) = (x.Shape[0], x.Shape[1]);
                var (cq, cr) = (Lax.Slice(Weights(4, 4, 6), [0, 0], [m, n]), Weights(3, 3, 7));
                GradMatchesFiniteDifferences(y =>
                {
                    var (q, r) = Jnp.Linalg.Qr(y);
                    return Pairing(q, cq) + Pairing(r, cr);
                }, x, 1e-6, 1e-7);
            }
            // A forward-mode tangent of Q and R, complex outputs: R's diagonal stays real.
            var da = Weights(3, 3, 8);
            var (_, tangents) = Jax.Jvp(QAboveR, [M(A)], [da]);
            const double h = 1e-6;
            Close((QAboveR(M(A) + (h * da)) - QAboveR(M(A) - (h * da))) / (2 * h), tangents, 1e-7);
            Assert.Equal(0, MaxAbs(Jnp.Imag(Jnp.Diagonal(tangents[3..]))));
            GradMatchesFiniteDifferences(y => Pairing(Linalg.Hessenberg(y), Weights(4, 4, 9)), Weights(4, 4, 16), 1e-6, 1e-7);
        });
    }

    [Fact]
    public void UsersDifferentiateThroughTheComplexSvd()
    {
        X64(() =>
        {
            var c = Weights(3, 4, 10);
            GradMatchesFiniteDifferences(y => Pairing(Jnp.Linalg.Pinv(y), c), M(Tall), 1e-6, 1e-7);
            GradMatchesFiniteDifferences(y =>
            {
                var (u, p) = Linalg.Polar(y);
                return Pairing(u, Weights(3, 3, 11)) + Pairing(p, Weights(3, 3, 12));
            }, M(A), 1e-6, 1e-7);
            GradMatchesFiniteDifferences(y => Pairing(Linalg.Polar(y, side: "left").P, Weights(3, 3, 13)), M(Tall).T, 1e-6, 1e-7);
            var rhs = C(1, Complex.ImaginaryOne, new(-2, 1), 0.5);
            GradMatchesFiniteDifferences(y => Jnp.Sum(Jnp.SquaredModulus(Jnp.Linalg.Lstsq(y, rhs).X)), M(Tall), 1e-6, 1e-7);
            GradMatchesFiniteDifferences(y => Jnp.Linalg.Norm(y, "nuc"), M(A), 1e-6, 1e-7);
        });
    }

    [Fact]
    public void VmapOfGradientsGivesEachMatrixsGradient()
    {
        X64(() =>
        {
            var batch = Jnp.Stack([M(A), M(Hermitian), Jnp.Conj(M(A).T)]);
            Func<NDArray, NDArray> f = x =>
            {
                var (u, s, vh) = Linalg.Svd(x, fullMatrices: false);
                return Jnp.Sum(s) + Pairing(Jnp.Outer(u[.., 0], vh[0]), Weights(3, 3, 14)) + Jnp.Sum(Jnp.Linalg.Eigvalsh(x) * Jnp.Array(new[] { 1.0, 0.5, 2.0 }))
                    + Pairing(Jnp.Linalg.Qr(x).Q, Weights(3, 3, 15));
            };
            var expected = Jnp.Stack([.. Enumerable.Range(0, 3).Select(i => Jax.Grad(f)(batch[i]))]);
            Close(expected, Jax.Vmap(Jax.Grad(f))(batch), 1e-12);
            Close(expected, Jax.Jit(Jax.Vmap(Jax.Grad(f)))(batch), 1e-12);
        });
    }
}
