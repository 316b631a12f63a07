using Init = JaxNet.Jax.Nn.Initializers;

namespace JaxNet.Tests.Api;

/// <summary>Jax.Nn activations against closed forms, and the initializers against JAX's variance scaling.</summary>
public class NnTests
{
    private static readonly float[] Xs = [-3f, -1f, -0.5f, 0f, 0.5f, 2f, 7f];

    private static void AssertMatches(Func<NDArray, NDArray> f, Func<double, double> reference, float tolerance = 1e-6f)
    {
        var actual = f(Jnp.Array(Xs)).ToArray<float>();
        for (var i = 0; i < Xs.Length; i++)
            Assert.True(Math.Abs(actual[i] - reference(Xs[i])) <= tolerance * Math.Max(1, Math.Abs(reference(Xs[i]))),
                $"x={Xs[i]}: {actual[i]} vs {reference(Xs[i])}");
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    [Fact]
    public void Activations()
    {
        AssertMatches(Jax.Nn.Relu, x => Math.Max(x, 0));
        AssertMatches(Jax.Nn.Relu6, x => Math.Min(Math.Max(x, 0), 6));
        AssertMatches(Jax.Nn.Sigmoid, Sigmoid);
        AssertMatches(Jax.Nn.Softplus, x => Math.Log(1 + Math.Exp(x)));
        AssertMatches(Jax.Nn.LogSigmoid, x => Math.Log(Sigmoid(x)));
        AssertMatches(Jax.Nn.Silu, x => x * Sigmoid(x));
        AssertMatches(Jax.Nn.Tanh, Math.Tanh);
        AssertMatches(x => Jax.Nn.LeakyRelu(x), x => x >= 0 ? x : 0.01 * x);
        AssertMatches(x => Jax.Nn.Elu(x), x => x > 0 ? x : Math.Exp(x) - 1);
        AssertMatches(x => Jax.Nn.Gelu(x, approximate: false), x => 0.5 * x * (1 + GaussianReference.Erf(x / Math.Sqrt(2))), 2e-6f);
        AssertMatches(x => Jax.Nn.Gelu(x), x => 0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x))), 2e-6f);
        // jax.nn.gelu(1.0) = 0.8411920 (tanh approximation); jax.nn.gelu(1.0, approximate=False) = 0.8413447.
        Assert.Equal(0.841192f, (float)Jax.Nn.Gelu(Jnp.Array(1f)), 5);
        Assert.Equal(0.8413447f, (float)Jax.Nn.Gelu(Jnp.Array(1f), approximate: false), 5);
    }

    [Fact]
    public void ReluDerivativesAtTheKinksAreZeroAsInJax()
    {
        // jax.grad(jax.nn.relu)(0.) == 0 and jax.vmap(jax.grad(jax.nn.relu6))([0., 3., 6.]) == [0, 1, 0]: custom JVPs,
        // where max and min would split each tie and give 1/2.
        var points = Jnp.Array(new[] { -1f, 0f, 3f, 6f, 7f });
        Assert.Equal([0f, 0f, 1f, 1f, 1f], Jax.Vmap(Jax.Grad(Jax.Nn.Relu))(points).ToArray<float>());
        Assert.Equal([0f, 0f, 1f, 0f, 0f], Jax.Vmap(Jax.Grad(Jax.Nn.Relu6))(points).ToArray<float>());
        // The same from outside a vmap and under jit, and in forward mode.
        Assert.Equal([0f, 0f, 1f, 1f, 1f], Jax.Jit(Jax.Grad(v => Jnp.Sum(Jax.Vmap(Jax.Nn.Relu)(v))))(points).ToArray<float>());
        var (_, tangent) = Jax.Jvp(Jax.Nn.Relu6, [points], [Jnp.OnesLike(points)]);
        Assert.Equal([0f, 0f, 1f, 0f, 0f], tangent.ToArray<float>());
        // NaN passes through, as max(NaN, 0) does; its derivative is 0, as jax.grad(jax.nn.relu)(nan) is.
        Assert.True(float.IsNaN((float)Jax.Nn.Relu(Jnp.Array(float.NaN))));
        Assert.Equal(0f, (float)Jax.Grad(Jax.Nn.Relu)(Jnp.Array(float.NaN)));
        Assert.Equal([0f, 0f, 1f], Jax.Grad(v => Jnp.Sum(Jax.Nn.Relu(v)))(Jnp.Array(new[] { float.NegativeInfinity, -0f, float.PositiveInfinity })).ToArray<float>());
    }

    [Fact]
    public void SoftmaxFamilyIsStableAndNormalised()
    {
        var x = Jnp.Array(new float[,] { { 1, 2, 3 }, { 1000, 1000, 1000 } });
        var softmax = Jax.Nn.Softmax(x).ToArray<float>();
        var e = new[] { Math.Exp(-2), Math.Exp(-1), 1 };
        for (var i = 0; i < 3; i++) Assert.Equal(e[i] / e.Sum(), softmax[i], 5);
        Assert.All(softmax[3..], v => Assert.Equal(1f / 3, v, 5));
        var logSoftmax = Jax.Nn.LogSoftmax(x).ToArray<float>();
        for (var i = 0; i < 6; i++) Assert.Equal(Math.Log(softmax[i]), logSoftmax[i], 4);
        var lse = Jax.Nn.Logsumexp(x).ToArray<float>();
        Assert.Equal(3 + Math.Log(e.Sum()), lse[0], 5);
        Assert.Equal(1000 + Math.Log(3), lse[1], 3);
        Assert.Equal([2, 1], Jax.Nn.Logsumexp(x, axis: 1, keepdims: true).Shape);
        Assert.Equal([1f, 1f, 1f], Jax.Nn.Softmax(x, axis: 0).Sum(0).ToArray<float>());
    }

    [Fact]
    public void OneHot()
    {
        var oneHot = Jax.Nn.OneHot(Jnp.Array(new[] { 0, 2, 5, -1 }), 3);
        Assert.Equal([4, 3], oneHot.Shape);
        Assert.Equal(DType.Float32, oneHot.DType);
        Assert.Equal([1f, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0], oneHot.ToArray<float>());
    }

    [Fact]
    public void GlorotUniformMatchesJax()
    {
        // jax.nn.initializers.glorot_uniform()(jax.random.key(0), (2, 3)), derived by tests/oracle/jax_random_oracle.py.
        var w = Init.GlorotUniform()(Jax.Random.PRNGKey(0), [2, 3]);
        Assert.Equal([2, 3], w.Shape);
        Assert.Equal([0.980789303779602f, 1.048516035079956f, -0.3674309551715851f, -0.0686439648270607f, 0.15311850607395172f, -0.732846200466156f],
            w.ToArray<float>());
    }

    [Theory]
    [InlineData("GlorotUniform", 2.0 / (400 + 300))]
    [InlineData("GlorotNormal", 2.0 / (400 + 300))]
    [InlineData("HeUniform", 2.0 / 400)]
    [InlineData("HeNormal", 2.0 / 400)]
    [InlineData("LecunUniform", 1.0 / 400)]
    [InlineData("LecunNormal", 1.0 / 400)]
    public void InitializersHaveTheirVariance(string name, double variance)
    {
        var factory = typeof(Init).GetMethod(name)!;
        var init = (Jax.Nn.Initializer)factory.Invoke(null, [-2, -1])!;
        var w = init(Jax.Random.PRNGKey(11), [400, 300]);
        Assert.Equal([400, 300], w.Shape);
        var values = w.ToArray<float>().Select(v => (double)v).ToArray();
        var mean = values.Average();
        var measured = values.Select(v => (v - mean) * (v - mean)).Average();
        Assert.Equal(0, mean, 0.01 * Math.Sqrt(variance));
        Assert.InRange(measured / variance, 0.97, 1.03);
        var bound = name.EndsWith("Uniform") ? Math.Sqrt(3 * variance) : 2 * Math.Sqrt(variance) / .87962566103423978;
        Assert.All(values, v => Assert.InRange(Math.Abs(v), 0, bound * (1 + 1e-6)));
    }

    [Fact]
    public void ConvolutionFansIncludeTheReceptiveField()
    {
        // HWIO kernel 3x3x16x32: fan_in = 3*3*16 = 144.
        var w = Init.HeNormal()(Jax.Random.PRNGKey(2), [3, 3, 16, 32], DType.Float64);
        Assert.Equal(DType.Float64, w.DType);
        var values = w.ToArray<double>();
        var variance = values.Select(v => v * v).Average();
        Assert.InRange(variance / (2.0 / 144), 0.9, 1.1);
        Assert.Throws<ArgumentException>(() => Init.GlorotUniform()(Jax.Random.PRNGKey(0), [5]));
    }
}
