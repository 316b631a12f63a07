using System.Numerics;
using static JaxNet.Tests.Api.SpectralChecks;
using Linalg = JaxNet.Jax.Scipy.Linalg;

namespace JaxNet.Tests.Api;

/// <summary>
/// Jax.Scipy.Linalg.Rsf2csf: a hand-computed block, the identities on real Schur forms of random matrices (T' upper
/// triangular, Z' unitary, a = Z' T' Z'ᴴ, the same eigenvalues), dtypes, Vmap, Jit, Grad against finite differences and
/// bad input.
/// </summary>
public class ScipyLinalgRsf2csfTests
{
    private static NDArray Complex128(Complex[,] values)
    {
        var (rows, cols) = (values.GetLength(0), values.GetLength(1));
        var flat = new Complex[rows * cols];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < cols; j++) flat[i * cols + j] = values[i, j];
        return Jnp.FromHost<Complex>(flat, [rows, cols], DType.Complex128);
    }

    private static void StrictlyLowerIsZero(NDArray t)
    {
        var n = t.Shape[^1];
        var entries = t.Astype(DType.Complex128).ToArray<Complex>();
        for (var i = 0; i < n; i++)
            for (var j = 0; j < i; j++) Assert.Equal(Complex.Zero, entries[i * n + j]);
    }

    [Fact]
    public void Standardized_block_by_hand()
    {
        // mu = 2i, r = 2√2: c = i/√2, s = 1/√2, G = [[−i, 1], [−1, i]]/√2; T' = G T Gᴴ, Z' = Gᴴ.
        var (t, z) = Linalg.Rsf2csf(StandardizedBlock, Jnp.Eye(3, dtype: DType.Float64));
        Assert.Equal(DType.Complex128, t.DType);
        Assert.Equal(DType.Complex128, z.DType);
        var h = 1 / Math.Sqrt(2);
        Close(Complex128(new Complex[,] { { new(1, 2), 0, 0 }, { 0, new(1, -2), 0 }, { 0, 0, 2 } }), t, 1e-15);
        Close(Complex128(new Complex[,] { { new(0, h), -h, 0 }, { h, new(0, -h), 0 }, { 0, 0, 1 } }), z, 1e-15);
    }

    [Fact]
    public void Two_blocks_match_scipys_algorithm_in_numpy()
    {
        // SciPy's rsf2csf loop written in NumPy (eigvals of each complex 2x2 block, the first one taken, as LAPACK's
        // zgeev orders them) on this T, with Z = Q of numpy.linalg.qr(sqrt(arange(16).reshape(4, 4)) + eye(4)).
        var t = Matrix(new double[,] { { 1, -2, 3, 1 }, { 2, 1, 0.5, 2 }, { 0, 0, -1, 4 }, { 0, 0, -0.25, -1 } });
        var z = Matrix(new double[,]
        {
            { -0.19999999999999996, 0.1313644136884569, -0.19531624527195693, -0.9511019688493724 },
            { -0.39999999999999997, -0.9147869633543136, 0.02901840565627457, -0.04819485252764203 },
            { -0.565685424949238, 0.20810915370628205, -0.7395589630328321, 0.2995715613029006 },
            { -0.6928203230275508, 0.32031044728034735, 0.6434765237860937, 0.05778564440437373 },
        });
        var expectedT = Jax.Lax.Complex(
            Matrix(new double[,]
            {
                { 1, 0, 1.7149858514250886, -0.600245047998781 }, { 0, 1, -0.17149858514250885, 0.8574929257125442 },
                { 0, 0, -1, -3.75 }, { 0, 0, 0, -1 },
            }),
            Matrix(new double[,]
            {
                { 2, 0, 0.5144957554275265, -1.886484436567597 }, { 0, -2, -2.4009801919951235, 0.7717436331412897 },
                { 0, 0, 1, 0 }, { 0, 0, 0, -1 },
            }));
        var expectedZ = Jax.Lax.Complex(
            Matrix(new double[,]
            {
                { 0.09288866772570278, 0.14142135623730945, 0.23067611048816947, -0.0473711476267838 },
                { -0.6468520651288848, 0.28284271247461895, 0.01168896868132555, 0.00703799715340242 },
                { 0.14715539381270556, 0.39999999999999997, -0.07265677586370915, -0.17936939535039023 },
                { 0.22649368935682973, 0.4898979485566355, -0.01401507738374206, 0.15606598089266704 },
            }),
            Matrix(new double[,]
            {
                { -0.14142135623730948, -0.0928886677257028, -0.18948459050713515, 0.9227044419526776 },
                { -0.282842712474619, 0.6468520651288849, 0.02815198861360966, 0.04675587472530221 },
                { -0.4, -0.14715539381270556, -0.7174775814015608, -0.2906271034548365 },
                { -0.4898979485566356, -0.22649368935682976, 0.6242639235706681, -0.05606030953496823 },
            }));
        var (tc, zc) = Linalg.Rsf2csf(t, z);
        Close(expectedT, tc, 1e-14);
        Close(expectedZ, zc, 1e-14);
    }

    [Fact]
    public void Complex_schur_form_of_random_matrices()
    {
        foreach (var n in new[] { 1, 2, 3, 5, 8 })
        {
            var a = Random(10 + n, n, n);
            var (t, z) = Linalg.Schur(a);
            var (tc, zc) = Linalg.Rsf2csf(t, z);
            StrictlyLowerIsZero(tc);
            OrthonormalColumns(zc, 1e-13);
            Close(a.Astype(DType.Complex128), Jnp.Matmul(Jnp.Matmul(zc, tc), Mh(zc)), 1e-13);
            var (reference, _) = Linalg.Schur(a, "complex");
            Close(Jnp.Sort(Jnp.Real(Jnp.Diagonal(reference))), Jnp.Sort(Jnp.Real(Jnp.Diagonal(tc))), 1e-12);
            Close(Jnp.Sort(Jnp.Imag(Jnp.Diagonal(reference))), Jnp.Sort(Jnp.Imag(Jnp.Diagonal(tc))), 1e-12);
        }
    }

    [Fact]
    public void Dtypes_promote_to_a_common_complex_type()
    {
        var t32 = StandardizedBlock.Astype(DType.Float32);
        var (t, z) = Linalg.Rsf2csf(t32, Jnp.Eye(3, dtype: DType.Float32));
        Assert.Equal(DType.Complex64, t.DType);
        Assert.Equal(DType.Complex64, z.DType);
        Close(Jnp.Array(new[] { 1.0, 1.0, 2.0 }), Jnp.Real(Jnp.Diagonal(t)).Astype(DType.Float64), 1e-6);
        Assert.Equal(DType.Complex128, Linalg.Rsf2csf(t32, Jnp.Eye(3, dtype: DType.Float64)).T.DType);
        var (ti, zi) = Linalg.Rsf2csf(StandardizedBlock.Astype(DType.Int32), Jnp.Eye(3, dtype: DType.Int32));
        Assert.True(ti.DType.IsComplex() && zi.DType == ti.DType);
        var (t1, z1) = Linalg.Rsf2csf(Matrix(new double[,] { { 3 } }), Matrix(new double[,] { { 1 } }));
        Close(Complex128(new Complex[,] { { 3 } }), t1, 0);
        Close(Complex128(new Complex[,] { { 1 } }), z1, 0);
    }

    [Fact]
    public void Vmap_and_jit_agree_with_eager()
    {
        var a = Random(3, [4, 5, 5]);
        var (t, z) = Linalg.Schur(a);
        var eager = Jnp.Stack(Enumerable.Range(0, 4).Select(i => Linalg.Rsf2csf(t[i], z[i]).T).ToArray());
        Close(eager, Jax.Vmap((NDArray x, NDArray y) => Linalg.Rsf2csf(x, y).T)(t, z), 1e-14);
        Close(eager[0], Jax.Jit((NDArray x, NDArray y) => Linalg.Rsf2csf(x, y).T)(t[0], z[0]), 1e-14);
    }

    [Fact]
    public void Gradient_matches_finite_differences()
    {
        var weights = Random(7, 3, 3);
        NDArray F(NDArray x)
        {
            var (t, z) = Linalg.Rsf2csf(x, Jnp.Eye(3, dtype: DType.Float64));
            return Jnp.Sum(Jnp.Real(t) * weights) + Jnp.Sum(Jnp.Imag(z) * weights);
        }
        var point = StandardizedBlock + 0.1 * Random(8, 3, 3) * Matrix(new double[,] { { 1, 1, 1 }, { 1, 1, 1 }, { 0, 0, 1 } });
        var grad = Jax.Grad(F)(point).ToArray<double>();
        var x0 = point.ToArray<double>();
        const double h = 1e-6;
        for (var k = 0; k < x0.Length; k++)
        {
            // T[2, 1] is 0, below the coupling threshold: a nudge of it switches a rotation on, a jump (as in JAX).
            if (k == 7) continue;
            var (up, down) = ((double[])x0.Clone(), (double[])x0.Clone());
            up[k] += h;
            down[k] -= h;
            var fd = ((double)F(Jnp.FromHost<double>(up, [3, 3], DType.Float64)) - (double)F(Jnp.FromHost<double>(down, [3, 3], DType.Float64))) / (2 * h);
            Assert.True(Math.Abs(fd - grad[k]) < 1e-6, $"entry {k}: grad {grad[k]}, finite difference {fd}");
        }
    }

    [Fact]
    public void Nan_and_empty_input()
    {
        var withNan = Matrix(new double[,] { { double.NaN, -2, 0 }, { 2, 1, 0 }, { 0, 0, 2 } });
        var (t, _) = Linalg.Rsf2csf(withNan, Jnp.Eye(3, dtype: DType.Float64));
        Assert.Contains(t.ToArray<Complex>(), x => double.IsNaN(x.Real) || double.IsNaN(x.Imaginary));
        var (te, ze) = Linalg.Rsf2csf(Jnp.Zeros([0, 0], DType.Float64), Jnp.Zeros([0, 0], DType.Float64));
        Assert.Equal([0, 0], te.Shape);
        Assert.Equal(DType.Complex128, ze.DType);
    }

    [Fact]
    public void Bad_input()
    {
        var eye = Jnp.Eye(3, dtype: DType.Float64);
        Assert.Throws<ShapeException>(() => Linalg.Rsf2csf(Jnp.Ones([2, 3]), eye));
        Assert.Throws<ShapeException>(() => Linalg.Rsf2csf(StandardizedBlock, Jnp.Ones([3])));
        Assert.Throws<ShapeException>(() => Linalg.Rsf2csf(Jnp.Ones([2, 3, 3]), Jnp.Ones([2, 3, 3])));
        Assert.Throws<ShapeException>(() => Linalg.Rsf2csf(StandardizedBlock, Jnp.Eye(2)));
    }
}
