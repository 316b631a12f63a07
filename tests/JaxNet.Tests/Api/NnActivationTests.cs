using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>The further jax.nn activations, standardize and one_hot's axis against NumPy closed forms.</summary>
public class NnActivationTests
{
    private static NDArray Xs() => F(-3, -1, -0.5f, 0, 0.5f, 2, 7);

    [Fact]
    public void Activations()
    {
        Values([-0.4987606239116668, -0.43233235838169365, -0.31606027941427883, 0, 0.5, 2, 7], Jax.Nn.Celu(Xs(), 0.5));
        Values([-1.6705687287671118, -1.1113307378125625, -0.6917581878028713, 0, 0.5253504936777402, 2.101401974710961, 7.354906911488364],
            Jax.Nn.Selu(Xs()));
        Values([-0.1456474612756246, -0.30340146137410895, -0.22074377465173, 0, 0.3752452113048951, 1.9439589595339946, 6.999988379809741],
            Jax.Nn.Mish(Xs()));
        Values([-1, -1, -0.5, 0, 0.5, 1, 1], Jax.Nn.HardTanh(Xs()));
        Values([0, 2.0 / 6, 2.5 / 6, 0.5, 3.5 / 6, 5.0 / 6, 1], Jax.Nn.HardSigmoid(Xs()));
        Values([-0.0, -2.0 / 6, -1.25 / 6, 0, 1.75 / 6, 10.0 / 6, 7], Jax.Nn.HardSwish(Xs()));
        Values([-0.75, -0.5, -1.0 / 3, 0, 1.0 / 3, 2.0 / 3, 0.875], Jax.Nn.SoftSign(Xs()));
        Values([(-3 + Math.Sqrt(13)) / 2, (-1 + Math.Sqrt(5)) / 2, (-0.5 + Math.Sqrt(4.25)) / 2, 1, (0.5 + Math.Sqrt(4.25)) / 2, (2 + Math.Sqrt(8)) / 2, (7 + Math.Sqrt(53)) / 2],
            Jax.Nn.Squareplus(Xs()));
        Values([0, 0, 0.0625, 0.25, 0.5625, 2, 7], Jax.Nn.SparsePlus(Xs()));
        Values(Jax.Nn.Silu(Xs()).ToArray<double>(), Jax.Nn.Swish(Xs()));
        // Integers promote to the default float.
        Values([0, 1], Jax.Nn.Celu(I(0, 1)));
        Values([0, 1.0507009873554805], Jax.Nn.Selu(I(0, 1)));
    }

    [Fact]
    public void SparseSigmoidIdentityLog1mexpAndLogmeanexp()
    {
        Values([0, 0, 0.25, 0.5, 0.75, 1, 1], Jax.Nn.SparseSigmoid(Xs()));
        var xs = Xs();
        Assert.Same(xs, Jax.Nn.Identity(xs));
        var points = D(0.1, 0.5, Math.Log(2), 2, 30);
        Values([-2.35216846, -0.93275213, -0.693147181, -0.145413458, -9.35918010e-14], Jax.Nn.Log1mexp(points), DType.Float64, tol: 1e-8);
        // JAX's derivative 1 / expm1(x); finite on both branches.
        var slope = Jax.Vmap(Jax.Grad((NDArray v) => Jax.Nn.Log1mexp(v)))(points);
        Values([9.50833194, 1.54149408, 1, 0.156517643, 9.35762297e-14], slope, DType.Float64, tol: 1e-8);
        var a = Jnp.Array(new[,] { { 1.0, 2, 3 }, { -1, 0, 1000 } }, DType.Float64);
        Values([2.30899368, 998.90138771], Jax.Nn.Logmeanexp(a), DType.Float64, tol: 1e-8);
        Values([0.43378083, 1.43378083, 999.306853], Jax.Nn.Logmeanexp(a, 0, keepdims: true), DType.Float64, [1, 3], 1e-8);
        GradCheck.Check(v => Jax.Nn.Logmeanexp(v), a * 0.01);
    }

    [Fact]
    public void Glu()
    {
        var g = Matrix(new[,] { { 1f, 2, -1, 0.5f }, { 3, -4, 2, -2 } });
        Values([0.2689414213699951, 1.2449186624037092, 2.6423912339336475, -0.4768116880884702], Jax.Nn.Glu(g), shape: [2, 2]);
        Values([0.9525741268224334, 0.03597241992418312, -0.8807970779778825, 0.05960146101105877], Jax.Nn.Glu(g, 0), shape: [1, 4]);
        Assert.Throws<ShapeException>(() => Jax.Nn.Glu(F(1, 2, 3)));
        Assert.Throws<ShapeException>(() => Jax.Nn.Glu(g, 2));
    }

    [Fact]
    public void DerivativesAtTheKinksAreJaxs()
    {
        var points = F(-1, 0, 1, -3, 3);
        // hard_tanh selects x at +-1 (derivative 1), hard_sigmoid's relu6 has derivative 0 at its kinks (x = -3, 3).
        Values([1, 1, 1, 0, 0], Jax.Vmap(Jax.Grad(Jax.Nn.HardTanh))(points));
        Values([1.0 / 6, 1.0 / 6, 1.0 / 6, 0, 0], Jax.Vmap(Jax.Grad(Jax.Nn.HardSigmoid))(points));
        Values([0.5, 1, 1], Jax.Vmap(Jax.Grad(Jax.Nn.SparsePlus))(F(0, 1, 2)));
        var d = Jnp.FromHost<double>([-1.3, -0.2, 0.4, 2.1], [4], DType.Float64);
        GradCheck.Check(x => Jax.Nn.Celu(x, 0.7), d);
        GradCheck.Check(Jax.Nn.Selu, d);
        GradCheck.Check(Jax.Nn.Mish, d);
        GradCheck.Check(x => Jax.Nn.Glu(x), d.Reshape(2, 2));
    }

    [Fact]
    public void Standardize()
    {
        var s = Matrix(new[,] { { 1f, 2, 3, 4 }, { 2, 2, 2, 2 } });
        Values([-1.3416354199689269, -0.447211806656309, 0.447211806656309, 1.3416354199689269, 0, 0, 0, 0], Jax.Nn.Standardize(s), shape: [2, 4]);
        Values([-0.9999800005999799, 0, 0.9999800005999799, 0.9999950000374997, 0.9999800005999799, 0, -0.9999800005999799, -0.9999950000374997],
            Jax.Nn.Standardize(s, 0), tol: 1e-4);
        Values([0, 1, 2, 3, 1, 1, 1, 1], Jax.Nn.Standardize(s, mean: F(1), variance: F(1), epsilon: 0), tol: 1e-6);
        Assert.Equal([2, 4], Jax.Nn.Standardize(s, [0, 1]).Shape);
        Assert.Throws<ShapeException>(() => Jax.Nn.Standardize(s, 2));
        GradCheck.Check(x => Jax.Nn.Standardize(x), Jnp.FromHost<double>([0.3, -1.2, 2, 0.7, 1.1, -0.4], [2, 3], DType.Float64));
    }

    [Fact]
    public void OneHotAlongAnAxis()
    {
        var labels = I(0, 2, -1);
        Values([1, 0, 0, 0, 0, 0, 0, 1, 0], Jax.Nn.OneHot(labels, 3, axis: 0), shape: [3, 3]);
        Values([1, 0, 0, 0, 0, 1, 0, 0, 0], Jax.Nn.OneHot(labels, 3), shape: [3, 3]);
        var grid = Jax.Nn.OneHot(Jnp.Array(new[,] { { 1, 0 } }), 2, DType.Int32, axis: 1);
        Assert.Equal([1, 2, 2], grid.Shape);
        Ints([0, 1, 1, 0], grid);
        Assert.Throws<ShapeException>(() => Jax.Nn.OneHot(labels, 3, axis: 2));
        Assert.Throws<ArgumentException>(() => Jax.Nn.OneHot(labels, -1));
    }
}
