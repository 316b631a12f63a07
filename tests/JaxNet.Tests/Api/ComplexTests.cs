using System.Numerics;

namespace JaxNet.Tests.Api;

/// <summary>complex64 and complex128: storage, promotion, arithmetic and functions (expanded into real kernels), and
/// transformations. Expected values from NumPy (/usr/bin/python3) or System.Numerics.Complex.</summary>
public class ComplexTests
{
    private static NDArray C(params Complex[] v) => Jnp.Array(v);

    private static void Near(Complex[] expected, NDArray actual, double tol = 1e-5) => Expect.Complexes(expected, actual, tol);

    [Fact]
    public void RoundTripsThroughDevices()
    {
        var z = C(new(1, 2), new(-3.5, 0.25));
        Assert.Equal(DType.Complex64, z.DType);
        Assert.Equal(new[] { 2 }, z.Shape);
        Assert.Equal(new Complex[] { new(1, 2), new(-3.5, 0.25) }, z.ToArray<Complex>());
        Assert.Matches(@"^Array\(\[ *1\.\+2\.j, -3\.5\+0\.25j\], dtype=complex64\)$", z.ToString());
    }

    [Fact]
    public void ArithmeticMatchesSystemNumerics()
    {
        Complex[] a = [new(1, 2), new(-3, 0.5), new(0, -1), new(2.5, 0)];
        Complex[] b = [new(0.5, -1), new(2, 2), new(-1, 0), new(1e-3, 4)];
        var (x, y) = (C(a), C(b));
        Near(a.Zip(b, (p, q) => p + q).ToArray(), x + y);
        Near(a.Zip(b, (p, q) => p - q).ToArray(), x - y);
        Near(a.Zip(b, (p, q) => p * q).ToArray(), x * y);
        Near(a.Zip(b, (p, q) => p / q).ToArray(), x / y);
        Near(a.Select(p => -p).ToArray(), -x);
        Near(a.Select(p => p * new Complex(0, 1)).ToArray(), x * new Complex(0, 1));
        // A weak real scalar keeps the complex dtype.
        Near(a.Select(p => p * 2).ToArray(), x * 2f);
        Assert.Equal(DType.Complex64, (x * 2f).DType);
    }

    [Fact]
    public void PromotionFollowsJaxsLattice()
    {
        var z = C(new Complex(1, 1));
        Assert.Equal(DType.Complex64, (z + Jnp.Array(new[] { 1f })).DType);
        Assert.Equal(DType.Complex64, (z + Jnp.Array(new[] { 1 })).DType);
        Assert.Equal(DType.Complex64, (Jnp.Array(new[] { 1f }) * new Complex(0, 1)).DType);
    }

    [Fact]
    public void FunctionsMatchSystemNumerics()
    {
        Complex[] a = [new(1, 2), new(-3, 0.5), new(0, -1), new(2.5, 0), new(-0.25, -0.75)];
        var x = C(a);
        Near(a.Select(p => Complex.Exp(p)).ToArray(), Jnp.Exp(x));
        Near(a.Select(p => Complex.Log(p)).ToArray(), Jnp.Log(x));
        Near(a.Select(p => Complex.Sqrt(p)).ToArray(), Jnp.Sqrt(x));
        Near(a.Select(p => Complex.Sin(p)).ToArray(), Jnp.Sin(x));
        Near(a.Select(p => Complex.Cos(p)).ToArray(), Jnp.Cos(x));
        Near(a.Select(p => Complex.Tan(p)).ToArray(), Jnp.Tan(x));
        Near(a.Select(p => Complex.Sinh(p)).ToArray(), Jnp.Sinh(x));
        Near(a.Select(p => Complex.Cosh(p)).ToArray(), Jnp.Cosh(x));
        Near(a.Select(p => Complex.Tanh(p)).ToArray(), Jnp.Tanh(x));
        Near(a.Select(p => Complex.Exp(p) - 1).ToArray(), Jnp.Expm1(x));
        Near(a.Select(p => Complex.Log(1 + p)).ToArray(), Jnp.Log1p(x));
        Near(a.Select(p => Complex.Pow(p, new Complex(0.5, 1))).ToArray(), Jnp.Power(x, new Complex(0.5, 1)));
        Expect.Values(a.Select(p => Complex.Abs(p)).ToArray(), Jnp.Abs(x));
        Expect.Values(a.Select(p => p.Real).ToArray(), Jnp.Real(x));
        Expect.Values(a.Select(p => p.Imaginary).ToArray(), Jnp.Imag(x));
        Expect.Values(a.Select(p => p.Phase).ToArray(), Jnp.Angle(x));
        Near(a.Select(p => Complex.Conjugate(p)).ToArray(), Jnp.Conj(x));
    }

    [Fact]
    public void EdgeValuesAreCareful()
    {
        // The modulus does not overflow where |z|^2 would; tiny arguments keep their digits in expm1 and log1p.
        Expect.Values([5e30], Jnp.Abs(C(new Complex(3e30, 4e30))), tol: 1e-6);
        Near([new(1e-7, 2e-7)], Jnp.Expm1(C(new Complex(1e-7, 2e-7))), 1e-6);
        Near([new(1e-7, 2e-7)], Jnp.Log1p(C(new Complex(1e-7, 2e-7))), 1e-6);
        Near([Complex.Zero], Jnp.Sqrt(C(Complex.Zero)));
        Near([new(0, 2)], Jnp.Sqrt(C(new Complex(-4, 0))));
        Assert.Equal(new[] { true, false }, (C(new(1, 2), new(1, 3)) == C(new(1, 2), new(1, 2))).ToArray<bool>());
    }

    [Fact]
    public void StructureAndReductionsApplyToBothParts()
    {
        var z = Jnp.Array(new Complex[,] { { new(1, 1), new(2, -1), new(0, 3) }, { new(-1, 0), new(4, 4), new(1, -2) } });
        Near([new(0, 1), new(6, 3), new(1, 1)], Jnp.Sum(z, axis: 0));
        Near([new(1, 1), new(-1, 0), new(2, -1), new(4, 4), new(0, 3), new(1, -2)], Jnp.Transpose(z).Reshape(6));
        Near([new(0, 3), new(1, -2)], z[.., 2]);
        Near([new(1, 1), new(2, -1), new(0, 3), new(-1, 0), new(4, 4), new(1, -2), new(1, 1), new(2, -1), new(0, 3)],
            Jnp.Concatenate([z.Reshape(6), z[0]]));
        Near([new(1, 1), new(3, 0), new(3, 3)], Jnp.Cumsum(z[0]));
        // lax.pad's value is real: it pads the real part, and the imaginary part with zero.
        Near([new(1.5, 0), new(1, 1), new(2, -1), new(0, 3), new(1.5, 0)], Jax.Lax.Pad(z[0], 1.5, [(1, 1, 0)]));
        Near([new(1, 1), new(0, 0)], Jnp.Where(Jnp.Array(new[] { true, false }), z[.., 0], Jnp.Scalar(Complex.Zero)));
    }

    [Fact]
    public void MatrixProductsUseFourRealProducts()
    {
        var a = Jnp.Array(new Complex[,] { { new(1, 2), new(0, 1) }, { new(3, -1), new(2, 0) } });
        var b = Jnp.Array(new Complex[,] { { new(1, 0), new(2, 2) }, { new(0, -1), new(1, 1) } });
        Near([new(2, 2), new(-3, 7), new(3, -3), new(10, 6)], Jnp.Matmul(a, b).Reshape(4));
    }

    [Fact]
    public void JitAndVmapRunTheSameExpansion()
    {
        var f = (NDArray z) => Jnp.Exp(z * new Complex(0, 1)) * Jnp.Conj(z);
        Complex[] a = [new(1, 2), new(-3, 0.5), new(0, -1), new(2.5, 0)];
        var expected = a.Select(p => Complex.Exp(p * Complex.ImaginaryOne) * Complex.Conjugate(p)).ToArray();
        Near(expected, f(C(a)));
        Near(expected, Jax.Jit(f)(C(a)));
        Near(expected, Jax.Vmap(f)(C(a)));
        Assert.Equal(DType.Complex64, Jax.Jit(f)(C(a)).DType);
    }

    [Fact]
    public void GradientsFollowJaxsConvention()
    {
        // JAX's grad of a real f(x + iy) is df/dx - i df/dy: jax.grad(lambda z: jnp.abs(z)**2)(3+4j) == (6-8j).
        var z = C(new Complex(3, 4))[0];
        Near([new(6, -8)], Jax.Grad((NDArray v) => Jnp.Abs(v) * Jnp.Abs(v))(z).Reshape(1));
        Near([new(6, -8)], Jax.Grad((NDArray v) => Jnp.Real(v * Jnp.Conj(v)))(z).Reshape(1));
        Near([new(1, 0)], Jax.Grad((NDArray v) => Jnp.Real(v))(z).Reshape(1));
        Near([new(0, -1)], Jax.Grad((NDArray v) => Jnp.Imag(v))(z).Reshape(1));
        // f = e^x cos y: df/dx - i df/dy = e^x cos y + i e^x sin y = exp(z).
        Near([Complex.Exp(new Complex(1, 2))], Jax.Grad((NDArray v) => Jnp.Real(Jnp.Exp(v)))(C(new Complex(1, 2))[0]).Reshape(1));
        // A function of real inputs through complex intermediates: d/dx |e^{ix} x|^2 = 2x.
        Expect.Values([3.0], Jax.Grad((NDArray x) => Jnp.Abs(Jnp.Exp(Jax.Lax.Complex(0f, x)) * x) * Jnp.Abs(x))(Jnp.Array(1.5f)));
    }

    [Fact]
    public void ControlFlowCarriesComplexValues()
    {
        // z <- z * (1 + i) / sqrt(2) eight times is a full turn: z again.
        var turn = C(new Complex(1, 1) / Math.Sqrt(2))[0];
        var z = C(new Complex(2, -1))[0];
        Near([new(2, -1)], Jax.Lax.ForiLoop(0, 8, (_, v) => v * turn, z).Reshape(1), 1e-5);
        var (carry, ys) = Jax.Lax.Scan((c, x) => (c + x, c * x), C(Complex.Zero)[0], C(new(1, 1), new(2, 0), new(0, -3)));
        Near([new(3, -2)], carry.Reshape(1));
        Near([Complex.Zero, new(2, 2), new(3, -9)], ys);
        var chosen = Jax.Lax.Cond(Jnp.Array(true), v => Jnp.Conj(v), v => v, C(new Complex(1, 2)));
        Near([new(1, -2)], chosen);
    }

    [Fact]
    public void JitCapturesComplexConstantsAndCreatesComplexArrays()
    {
        var shift = C(new(0, 1), new(1, 0));
        var f = Jax.Jit((NDArray x) => Jnp.Mean(x * shift + Jnp.Ones([2], DType.Complex64)));
        Near([new(1.5, 0.5)], f(Jnp.Array(new[] { 1f, 1f })).Reshape(1));
        Near([new(1, 0), new(1, 0), new(1, 0)], Jnp.Ones([3], DType.Complex64));
        Near([new(1, 2), new(3, 4)], Jnp.Stack([C(new Complex(1, 2)), C(new Complex(3, 4))]).Reshape(2));
        Near([new(3, 0), new(0, 0)], Jnp.Array(new[] { 3f, 0f }).Astype(DType.Complex64));
        Expect.Values([3, -1], C(new(3, 1), new(-1, 5)).Astype(DType.Float32));
        Assert.Equal(new[] { true, false }, C(new(0, 1), Complex.Zero).Astype(DType.Bool).ToArray<bool>());
    }

    [Fact]
    public void HolomorphicGradientIsTheComplexDerivative()
    {
        // jax.grad(lambda z: z**3 + jnp.sin(z), holomorphic=True)(1+2j) == 3 z^2 + cos z.
        var z = new Complex(1, 2);
        Near([3 * z * z + Complex.Cos(z)], Jax.Grad((NDArray v) => v * v * v + Jnp.Sin(v), holomorphic: true)(C(z)[0]).Reshape(1));
        var (value, grad) = Jax.ValueAndGrad((NDArray v) => Jnp.Exp(v) / v, holomorphic: true)(C(z)[0]);
        Near([Complex.Exp(z) / z], value.Reshape(1));
        Near([Complex.Exp(z) * (z - 1) / (z * z)], grad.Reshape(1));
        Assert.Throws<ArgumentException>(() => Jax.Grad((NDArray v) => v * v, holomorphic: true)(Jnp.Array(1f)));
        Assert.Throws<InvalidOperationException>(() => Jax.Grad((NDArray v) => Jnp.Abs(v), holomorphic: true)(C(z)[0]));
    }

    [Fact]
    public void RandomNormalIsCircular()
    {
        // JAX's complex normal: the key split in two, one real normal per part, over sqrt(2).
        var key = Jax.Random.PRNGKey(3);
        var z = Jax.Random.Normal(key, [20000], DType.Complex64);
        Assert.Equal(DType.Complex64, z.DType);
        var keys = Jax.Random.Split(key);
        Expect.Values(Jnp.Multiply(Jax.Random.Normal(keys[0], [20000]), 1 / Math.Sqrt(2)).ToArray<double>(), Jnp.Real(z));
        Expect.Values(Jnp.Multiply(Jax.Random.Normal(keys[1], [20000]), 1 / Math.Sqrt(2)).ToArray<double>(), Jnp.Imag(z));
        Assert.InRange(Jnp.Mean(Jnp.Square(Jnp.Abs(z))).Item<float>(), 0.97f, 1.03f);
        Assert.InRange(Jnp.Abs(Jnp.Mean(z * z)).Item<float>(), 0f, 0.03f);
    }

    [Fact]
    public void BadInputIsRefused()
    {
        var z = C(new Complex(1, 1));
        Assert.Throws<ShapeException>(() => Jax.Lax.Real(Jnp.Array(new[] { 1f })));
        Assert.Throws<ShapeException>(() => Jax.Lax.Max(z, z));
        Assert.Throws<ShapeException>(() => Jnp.Floor(z));
        Assert.Throws<ShapeException>(() => Jax.Lax.Complex(Jnp.Array(new[] { 1f }), Jnp.Array(new[] { 1.0 }, DType.Float64)));
        Assert.Throws<InvalidOperationException>(() => Jax.Grad((NDArray v) => v * v)(z[0]));
    }
}
