using System.Numerics;
using static JaxNet.Tests.Api.ComplexCheck;
using static JaxNet.Tests.Api.SpectralChecks;
using Lax = JaxNet.Jax.Lax;
using Linalg = JaxNet.Jax.Scipy.Linalg;

namespace JaxNet.Tests.Api;

/// <summary>
/// Eigh, Svd, Qr and Hessenberg of complex64 matrices: values against NumPy 1.24 / SciPy 1.10 (Q, R and H entry by
/// entry, since the reflections are LAPACK's; eigenvalues and singular values), the identities that fix the rest
/// (A V = V W, A = U S Vh, unitary factors), Jit and Vmap, degenerate and edge inputs.
/// </summary>
public class ComplexSpectralTests
{
    internal static readonly Complex[,] A = { { new(2, 1), new(1, -1), new(0, 0.5) }, { new(0, 1), 3, new(-1, 2) }, { new(1, -1), new(0.5, 0.5), new(4, -1) } };

    internal static readonly Complex[,] Hermitian = { { 4, new(1, 2), new(0, 1) }, { new(1, -2), 5, 2 }, { new(0, -1), 2, 6 } };

    // 4 x 3, for the tall and (transposed) wide cases.
    internal static readonly Complex[,] Tall =
    {
        { new(1, 2), new(0, -1), 0.5 }, { 2, new(1, -1), new(0, 3) }, { new(-1, 1), 0.25, new(2, -2) }, { new(0, 0.5), 1, -1 },
    };

    internal static NDArray Adjoint(NDArray x) => Jnp.Conj(Jnp.Swapaxes(x, -1, -2));

    [Fact]
    public void QrIsLapacksFactorization()
    {
        var (q, r) = Jnp.Linalg.Qr(M(A));
        Near([new(-0.7071067811865472, -0.35355339059327373), new(-0.043519413988924407, -0.04351941398892447), new(0.36924503812284343, 0.484634112536232),
            new(0, -0.3535533905932737), new(-0.82686886578956464, 0.04351941398892444), new(0.11868590511091401, -0.4186974985857243),
            new(-0.35355339059327368, 0.35355339059327373), new(-0.34815531191139565, -0.43519413988924455), new(-0.64288198601745072, 0.16154470417874398)],
            q, shape: [3, 3]);
        // R's diagonal is real, as LAPACK's zgeqrf makes it.
        Near([-2.8284271247461903, new(-0.3535533905932735, 1.7677669529663689), new(-2.651650429449553, -1.767766952966368), 0,
            -2.8722813232690143, new(-0.06527912098338662, 0.4569538468837069), 0, 0, -3.446836494262793], r, shape: [3, 3]);
        // Tall, reduced and complete.
        (q, r) = Jnp.Linalg.Qr(M(Tall));
        Near([-3.3541019662496847, new(0.0745355992499932, 1.118033988749895), new(1.0434983894999017, -1.6397831834998453), 0,
            -1.67539381771703, new(1.0412145645980158, -2.559928802132701), 0, 0, -2.614356322443944], r, shape: [3, 3]);
        Near([new(-0.2981423969999719, -0.5962847939999439), new(0.3846525143100951, 0.37138863450629866), new(-0.16740435214027607, -0.2797327670585959)],
            q[0], shape: [3]);
        var (qc, rc) = Jnp.Linalg.Qr(M(Tall), "complete");
        Assert.Equal([4, 4], qc.Shape);
        Assert.Equal([4, 3], rc.Shape);
        Close(M(Tall), Jnp.Matmul(qc, rc), 1e-5);
        OrthonormalColumns(qc, 1e-5);
        Close(rc, Jnp.Triu(rc), 0);
        // Wide: R is 3 x 4 with the extra column full.
        var wide = M(Tall).T;
        (q, r) = Linalg.Qr(wide);
        Near([-2.5, new(-1.2000000000000002, 0.6000000000000002), new(-0.8000000000000003, -0.8999999999999999), new(-0.2, -0.6000000000000001),
            0, -3.6331804249169903, new(2.248718490270591, 1.4615293982052437), new(-0.308269854235381, -1.145002315731415),
            0, 0, -1.1915103733064896, new(-0.3496962141507841, 0.5671436782227258)], r, shape: [3, 4]);
        Close(wide, Jnp.Matmul(q, r), 1e-5);
        OrthonormalColumns(q, 1e-5);
    }

    [Fact]
    public void HessenbergIsLapacksReduction()
    {
        var a = M(Tall)[..3];
        var (h, q) = Linalg.HessenbergWithQ(a);
        Near([new(1, 2), new(0.2041241452319315, 0.6123724356957947), new(-0.38254602783800284, 0.8288497269823397), -2.449489742783178,
            new(0.25, -2.4166666666666665), new(0.67675296818396, 1.9131285831354243), 0, -1.0671873729054748, new(2.75, -0.5833333333333339)],
            h, shape: [3, 3]);
        Close(a, Jnp.Matmul(q, Jnp.Matmul(h, Adjoint(q))), 1e-5);
        OrthonormalColumns(q, 1e-5);
    }

    [Fact]
    public void EighOfHermitianMatrices()
    {
        var (w, v) = Jnp.Linalg.Eigh(M(Hermitian));
        Expect.Values([2.0648484489645047, 4.337161724367023, 8.597989826668474], w, DType.Float32, [3]);
        Assert.Equal(DType.Complex64, v.DType);
        Close(Jnp.Matmul(M(Hermitian), v), v * w, 1e-5);
        OrthonormalColumns(v, 1e-5);
        Expect.Values([2.0648484489645047, 4.337161724367023, 8.597989826668474], Jnp.Linalg.Eigvalsh(M(Hermitian)), DType.Float32, [3]);
        // A non-Hermitian input: its Hermitian part by default, one triangle (with the diagonal's real part) otherwise.
        Expect.Values([1.222325811508041, 2.741054074822408, 5.036620113669551], Jnp.Linalg.Eigvalsh(M(A)));
        Expect.Values([0.6419890573260144, 3.604689969480822, 4.753320973193164], Jnp.Linalg.Eigvalsh(M(A), symmetrizeInput: false));
        Expect.Values([0.602663461584067, 2.2138299530769188, 6.183506585339015], Jnp.Linalg.Eigvalsh(M(A), "U", symmetrizeInput: false));
        (w, v) = Linalg.Eigh(M(A), lower: false, symmetrizeInput: false);
        var upper = Jnp.Triu(M(A), 1);
        var hermitian = upper + Adjoint(upper) + Jnp.Diag(Jnp.Real(Jnp.Diagonal(M(A))));
        Close(Jnp.Matmul(hermitian, v), v * w, 1e-5);
    }

    [Fact]
    public void SvdOfComplexMatrices()
    {
        var s = Jnp.Linalg.Svdvals(M(A));
        Expect.Values([5.375172852790127, 3.1930638415126564, 1.6315207956543147], s, DType.Float32, [3]);
        foreach (var x in new[] { M(A), M(Tall), Adjoint(M(Tall)) })
        {
            var (u, sv, vh) = Jnp.Linalg.Svd(x, fullMatrices: false);
            var k = Math.Min(x.Shape[0], x.Shape[1]);
            Assert.Equal([x.Shape[0], k], u.Shape);
            Assert.Equal([k, x.Shape[1]], vh.Shape);
            Assert.Equal(DType.Float32, sv.DType);
            Close(x, Jnp.Matmul(u * sv, vh), 1e-5);
            OrthonormalColumns(u, 1e-5);
            OrthonormalColumns(Adjoint(vh), 1e-5);
            (u, sv, vh) = Jnp.Linalg.Svd(x);
            Assert.Equal([x.Shape[0], x.Shape[0]], u.Shape);
            Assert.Equal([x.Shape[1], x.Shape[1]], vh.Shape);
            OrthonormalColumns(u, 1e-5);
            OrthonormalColumns(vh, 1e-5);
            Close(x, Jnp.Matmul(Lax.SliceInDim(u, 0, k, axis: 1) * sv, Lax.SliceInDim(vh, 0, k, axis: 0)), 1e-5);
        }
        Expect.Values([4.835416896835911, 3.029052482741521, 1.0030376316924534], Linalg.Svdvals(Adjoint(M(Tall))), DType.Float32, [3]);
        // hermitian: the eigendecomposition, Vh = (U sign(w))^H.
        var (uh, sh, vhh) = Jnp.Linalg.Svd(M(Hermitian), hermitian: true);
        Expect.Values([8.597989826668474, 4.337161724367023, 2.0648484489645047], sh, DType.Float32, [3]);
        Close(M(Hermitian), Jnp.Matmul(uh * sh, vhh), 1e-5);
    }

    [Fact]
    public void UsersOfTheSvdAcceptComplexMatrices()
    {
        var tall = M(Tall);
        Near([new(0.02953685772718237, -0.3588583425334372), new(0.22934501294047382, 0.06472046766691406), new(0.13002008940690998, -0.02417968255117368),
            new(0.03228783957432173, 0.20020632363853547), new(-0.3532839845800228, 0.05733625323511841), new(0.39237688451305847, -0.07152552802562759),
            new(0.3866577380413737, -0.14305105605125512), new(0.5251479557671079, 0.14638119197147678), new(0.06403272220512926, -0.10699871500190028),
            new(0.11148715906828588, -0.03207065679691597), new(0.23948020921940882, 0.18026170524677398), new(-0.0322878395743218, 0.16252511175863754)],
            Jnp.Linalg.Pinv(tall), shape: [3, 4]);
        var (x, residuals, rank, sv) = Jnp.Linalg.Lstsq(tall, C(1, Complex.ImaginaryOne, new(-2, 1), 0.5));
        Near([new(-0.2549001864152174, 0.1489692867355617), new(-0.6494488987023336, 1.1956635838777991), new(-0.5792626644707075, -0.03529220132843469)], x);
        Expect.Values([3.0098094221128266], residuals);
        Assert.Equal(3, rank.Item<int>());
        Assert.Equal(DType.Float32, sv.DType);
        Expect.Values([5.375172852790127], Jnp.Linalg.Norm(M(A), 2, (0, 1)).Reshape(1));
        Expect.Values([10.199757489957097], Jnp.Linalg.Norm(M(A), "nuc").Reshape(1));
        Expect.Values([1.0030376316924534], Jnp.Linalg.Norm(tall, -2, (0, 1)).Reshape(1));
        Expect.Values([3.2945782040335168], Jnp.Linalg.Cond(M(A)).Reshape(1));
        var rankOne = Jnp.Outer(C(1, Complex.ImaginaryOne, 2), C(1, -Complex.ImaginaryOne, 3));
        Assert.Equal(1, Jnp.Linalg.MatrixRank(rankOne).Item<int>());
        Assert.Equal(3, Jnp.Linalg.MatrixRank(M(A)).Item<int>());
    }

    [Fact]
    public void PolarFactorsAreUnitaryAndHermitian()
    {
        var (u, p) = Linalg.Polar(M(A));
        Near([new(0.8733504712554211, 0.38309157655147946), new(0.1761700535297943, -0.14253582357138822), new(-0.14706617638811353, -0.13235931902949225),
            new(-0.10764761839165116, -0.09533472343318523), new(0.887791525214153, -0.0157138362850881), new(-0.17082081941904587, 0.4021477483744783),
            new(0.18660599481200296, -0.18708629505119148), new(0.26921346775862903, 0.29622802555234706), new(0.8504971302936375, -0.21588102723782698)],
            u, shape: [3, 3]);
        Near([2.408150085492333, new(0.16707588940939425, -0.7835917325757482), new(1.0420342341002238, 0.6877844608039857),
            new(0.16707588940939427, 0.783591732575748), 3.2648011993991313, new(-0.20986126408785394, 0.39382867094009777),
            new(1.0420342341002238, -0.6877844608039857), new(-0.20986126408785383, -0.3938286709400977), 4.526806205065633], p, shape: [3, 3]);
        var wide = M(Tall).T;
        (u, p) = Linalg.Polar(wide, side: "left");
        Assert.Equal([3, 4], u.Shape);
        Near([3.1229799611241793, new(-0.21036250865881037, 0.7788429600548722), new(-0.5683116591609888, -0.7233044165510333),
            new(-0.21036250865881043, -0.778842960054872), 1.654391174712797, new(-0.5320213286203027, -0.6257750438050657),
            new(-0.5683116591609887, 0.7233044165510334), new(-0.5320213286203028, 0.6257750438050657), 4.090135875432904], p, shape: [3, 3]);
        Close(wide, Jnp.Matmul(p, u), 1e-5);
    }

    [Fact]
    public void JitAndVmapDecomposeEachMatrix()
    {
        var batch = Jnp.Stack([M(A), M(Hermitian), Adjoint(M(A))]);
        JitAndVmapAgree(m => Jnp.Linalg.Eigvalsh(m), batch);
        // |V|^2 and the projector V diag(w) V^H do not depend on the eigenvectors' phases.
        JitAndVmapAgree(m => Jnp.SquaredModulus(Jnp.Linalg.Eigh(m).Eigenvectors), batch);
        JitAndVmapAgree(m => Jnp.Linalg.Svdvals(m), batch);
        JitAndVmapAgree(m =>
        {
            var (u, s, vh) = Jnp.Linalg.Svd(m, fullMatrices: false);
            return Jnp.Concatenate([Jnp.Ravel(Jnp.Matmul(u * s, vh)), Jnp.Ravel(Jnp.SquaredModulus(u))]);
        }, batch);
        JitAndVmapAgree(m => Jnp.Linalg.Qr(m).Q, batch);
        JitAndVmapAgree(m => Jnp.Linalg.Qr(m).R, batch);
        JitAndVmapAgree(m => Linalg.Hessenberg(m), batch);
        JitAndVmapAgree(m => Jnp.Linalg.Pinv(m), batch);
        // Leading axes are batch axes.
        var (w, v) = Linalg.Eigh(batch);
        Assert.Equal([3, 3], w.Shape);
        Close(Jnp.Matmul((batch + Adjoint(batch)) / 2f, v), v * Jnp.ExpandDims(w, -2), 1e-5);
    }

    [Fact]
    public void DegenerateAndEdgeInputs()
    {
        // The identity and a repeated eigenvalue: any unitary basis of the eigenspace.
        var (w, v) = Jnp.Linalg.Eigh(Jnp.Eye(4, dtype: DType.Complex64));
        Expect.Values([1, 1, 1, 1], w);
        OrthonormalColumns(v, 1e-6);
        var repeated = M(new Complex[,] { { 2, new(0, 1), 0 }, { new(0, -1), 2, 0 }, { 0, 0, 3 } });
        (w, v) = Jnp.Linalg.Eigh(repeated);
        Expect.Values([1, 3, 3], w);
        Close(Jnp.Matmul(repeated, v), v * w, 1e-5);
        OrthonormalColumns(v, 1e-5);
        // The zero matrix.
        var zero = Jnp.Zeros([3, 2], DType.Complex64);
        var (u, s, vh) = Jnp.Linalg.Svd(zero);
        Expect.Values([0, 0], s);
        OrthonormalColumns(u, 1e-6);
        OrthonormalColumns(vh, 1e-6);
        var (q, r) = Jnp.Linalg.Qr(zero);
        Close(Jnp.Zeros([2, 2], DType.Complex64), r, 0);
        Assert.Equal(0, Jnp.Linalg.MatrixRank(zero).Item<int>());
        // 1 x 1: the eigenvalue is the real part; the SVD's U carries the phase; R's diagonal is real.
        var one = M(new Complex[,] { { new(3, 4) } });
        Expect.Values([3], Jnp.Linalg.Eigvalsh(one, symmetrizeInput: false));
        (u, s, vh) = Jnp.Linalg.Svd(one);
        Expect.Values([5], s);
        Near([new(3, 4)], Jnp.Matmul(u * s, vh), shape: [1, 1]);
        (q, r) = Jnp.Linalg.Qr(one);
        Near([-5], r, shape: [1, 1]);
        Near([new(-0.6, -0.8)], q, shape: [1, 1]);
        // Empty matrices keep their dtypes.
        var empty = Jnp.Zeros([0, 0], DType.Complex64);
        (w, v) = Jnp.Linalg.Eigh(empty);
        Assert.Equal(DType.Float32, w.DType);
        Assert.Equal(DType.Complex64, v.DType);
        Assert.Equal(DType.Float32, Jnp.Linalg.Svdvals(Jnp.Zeros([2, 0, 3], DType.Complex64)).DType);
        Assert.Equal([2, 0], Jnp.Linalg.Svdvals(Jnp.Zeros([2, 0, 3], DType.Complex64)).Shape);
        (u, s, vh) = Jnp.Linalg.Svd(Jnp.Zeros([2, 0], DType.Complex64));
        Assert.Equal(DType.Complex64, u.DType);
        Assert.Equal(DType.Float32, s.DType);
        Assert.Equal([0, 0], vh.Shape);
        // NaN anywhere: NaN everywhere.
        var nan = M(new Complex[,] { { 1, new(double.NaN, 0) }, { 0, 1 } });
        Assert.True(AllNan(Jnp.Linalg.Eigvalsh(nan)));
        Assert.True(Jnp.All(Jnp.IsNan(Jnp.Linalg.Eigh(nan).Eigenvectors)).Item<bool>());
        Assert.True(AllNan(Jnp.Linalg.Svdvals(nan)));
        Assert.True(Jnp.All(Jnp.IsNan(Jnp.Linalg.Qr(nan).R)).Item<bool>());
    }

    [Fact]
    public void WrongShapesAreRefused()
    {
        Assert.Contains("Eigh", Assert.Throws<ShapeException>(() => Linalg.Eigh(M(Tall))).Message);
        Assert.Contains("[4,3]", Assert.Throws<ShapeException>(() => Jnp.Linalg.Eigvalsh(M(Tall))).Message);
        Assert.Throws<ShapeException>(() => Jnp.Linalg.Svd(C(1, 2)));
        Assert.Throws<ShapeException>(() => Jnp.Linalg.Qr(C(1, 2)));
        Assert.Throws<ShapeException>(() => Linalg.Hessenberg(M(Tall)));
        Assert.Throws<ShapeException>(() => Jnp.Linalg.Lstsq(M(Tall), C(1, 2)));
    }
}
