using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>choose, compress and extract against NumPy 1.24, with JAX's static size under Jit and its refusals.</summary>
public class JnpChooseCompressTests
{
    private static NDArray Grid() => Jnp.Arange(0.0, 12.0).Reshape(3, 4);

    [Fact]
    public void ChooseBroadcastsIndicesAndChoices()
    {
        var a = Jnp.Array(new[,] { { 0, 2, 1 }, { 3, 1, 0 } });
        NDArray[] choices = [F(1, 2, 3), Jnp.Array(new float[,] { { 10 }, { 20 } }), Jnp.Array(100f), Jnp.Array(new float[,] { { 7, 8, 9 }, { 4, 5, 6 } })];
        Values([1, 100, 10, 4, 20, 3], Jnp.Choose(a, choices), shape: [2, 3]);
        NDArray[] rows = [I(1, 2, 3, 4), I(5, 6, 7, 8), I(9, 10, 11, 12)];
        Ints([1, 6, 11, 12], Jnp.Choose(I(0, 4, -1, 5), rows, ChooseMode.Wrap));
        Ints([1, 10, 3, 12], Jnp.Choose(I(0, 4, -1, 5), rows, ChooseMode.Clip));
        Ints([1, 6, 11, 12], Jax.Jit((NDArray i) => Jnp.Choose(i, rows, ChooseMode.Wrap))(I(0, 4, -1, 5)));
        // Differentiable in the choices: each picked element gets the cotangent.
        var grad = Jax.Grad((NDArray c) => Jnp.Sum(Jnp.Choose(I(0, 1, 1), [c, c * 3])))(F(1, 1, 1));
        Values([1, 3, 3], grad);
    }

    [Fact]
    public void ChooseRefusesBadIndices()
    {
        NDArray[] rows = [F(1, 2), F(3, 4)];
        Assert.Throws<ArgumentException>(() => Jnp.Choose(I(0, 2), rows));
        Assert.Throws<ArgumentException>(() => Jnp.Choose(I(-1, 0), rows));
        Assert.Throws<ArgumentException>(() => Jnp.Choose(F(0, 1), rows));
        Assert.Throws<ArgumentException>(() => Jnp.Choose(I(0, 1), []));
        Assert.Throws<ShapeException>(() => Jnp.Choose(I(0, 1, 0), rows));
        Assert.Throws<ConcretizationTypeError>(() => Jax.Jit((NDArray i) => Jnp.Choose(i, rows))(I(0, 1)));
        Values([], Jnp.Choose(Jnp.Zeros([0], DType.Int32), [F(), F()]), shape: [0]);
    }

    [Fact]
    public void CompressSelectsSlicesAlongAnAxis()
    {
        Values([0, 1, 2, 3, 8, 9, 10, 11], Jnp.Compress(Jnp.Array(new[] { true, false, true }), Grid(), 0), DType.Float32, [2, 4]);
        Values([1, 2, 5, 6, 9, 10], Jnp.Compress(Jnp.Array(new[] { false, true, true }), Grid(), 1), DType.Float32, [3, 2]);
        // Of the flattened array, with a shorter (integer) condition.
        Values([0, 3, 4], Jnp.Compress(I(1, 0, 0, 1, 1), Grid()), DType.Float32, [3]);
        Values([], Jnp.Compress(I(0, 0), Grid(), 0), DType.Float32, [0, 4]);
        Values([0, 3, 6, 9], Jnp.Extract(Jnp.Equal(Jnp.Remainder(Grid(), 3), 0), Grid()), DType.Float32, [4]);
    }

    [Fact]
    public void CompressWithASizeWorksUnderJit()
    {
        var f = Jax.Jit((NDArray c, NDArray x) => Jnp.Compress(c, x, 1, size: 3, fillValue: -1));
        Values([1, 3, -1, 5, 7, -1, 9, 11, -1], f(I(0, 1, 0, 1), Grid()), DType.Float32, [3, 3]);
        Values([0, 2], Jnp.Compress(I(1, 0, 1, 1), F(0, 1, 2, 3), size: 2));
        Values([6, 9, 0], Jax.Jit((NDArray x) => Jnp.Extract(Jnp.Greater(x, 5), x, size: 3))(F(6, 1, 9)));
        Assert.Throws<ConcretizationTypeError>(() => Jax.Jit((NDArray c, NDArray x) => Jnp.Compress(c, x))(I(1, 0), F(1, 2)));
        JitAndVmapAgree(x => Jnp.Compress(Jnp.Greater(x, 4), x, size: 2, fillValue: -1), Grid());
        JitAndVmapAgree(x => Jnp.Choose(Jnp.Array(new[] { 1, 0, 1, 0 }), [x, -x], ChooseMode.Clip), Grid());
    }

    [Fact]
    public void CompressRefusesBadInput()
    {
        Assert.Throws<ShapeException>(() => Jnp.Compress(Jnp.Ones([2, 2], DType.Bool), Grid()));
        Assert.Throws<ArgumentException>(() => Jnp.Compress(I(1, 0, 0, 1), Grid(), 0));
        Assert.Throws<ArgumentException>(() => Jnp.Compress(I(1, 0, 1), Grid(), 0, size: 4));
        Assert.Throws<ArgumentException>(() => Jnp.Compress(I(1, 0, 1), Grid(), 0, size: -1));
        Assert.Throws<ShapeException>(() => Jnp.Compress(I(1, 0), Grid(), 2));
        // A condition longer than the axis is fine while false beyond it.
        Values([0, 1, 2, 3], Jnp.Compress(I(1, 0, 0, 0, 0), Grid(), 0), DType.Float32, [1, 4]);
    }
}
