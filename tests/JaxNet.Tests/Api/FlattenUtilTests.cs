using static JaxNet.Jax.FlattenUtil;
using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>jax.flatten_util.ravel_pytree: leaves in flattening order, dtype promotion and the casts back, the unravel
/// function's checks, and ravel/unravel under Grad, Jit and Vmap.</summary>
public class FlattenUtilTests
{
    public record Layer(NDArray W, NDArray B);

    public record Model(Layer Hidden, NDArray Scale, string Name);

    private static Model Sample() =>
        new(new Layer(Matrix(new[,] { { 1f, 2 }, { 3, 4 } }), F(5, 6)), Jnp.Array(7f), "mlp");

    [Fact]
    public void RecordsRavelInFlatteningOrderAndComeBack()
    {
        var (flat, unravel) = RavelPytree(Sample());
        Values([1, 2, 3, 4, 5, 6, 7], flat, shape: [7]);
        var back = unravel(flat * 10f);
        Assert.IsType<Model>(back);
        Assert.Equal("mlp", back.Name);
        Values([10, 20, 30, 40], back.Hidden.W, shape: [2, 2]);
        Values([50, 60], back.Hidden.B, shape: [2]);
        Values([70], back.Scale, shape: []);
        // One dtype: the unravel function keeps the vector's dtype (JAX's dtype-polymorphic unravel).
        Assert.Equal(DType.Float64, unravel(flat.Astype(DType.Float64)).Hidden.W.DType);
    }

    [Fact]
    public void MixedDtypesPromoteAndCastBack()
    {
        var (flat, unravel) = RavelPytree((I(1, 2), F(0.5f), Jnp.Array(new[] { true, false })));
        Values([1, 2, 0.5, 1, 0], flat);
        var (ints, floats, bools) = unravel(F(3.7f, -2, 1.5f, 0, 2));
        Ints([3, -2], ints);
        Values([1.5], floats);
        Assert.Equal([false, true], bools.ToArray<bool>());
        Assert.Throws<ArgumentException>(() => unravel(D(1, 2, 3, 4, 5)));
        Assert.Throws<ArgumentException>(() => unravel(F(1, 2, 3)));
        Assert.Throws<ArgumentException>(() => unravel(Jnp.Zeros([5, 1])));
    }

    [Fact]
    public void ListsDictionariesAndEmptyTrees()
    {
        var (flat, unravel) = RavelPytree(new List<NDArray> { F(1), F(2, 3) });
        Values([1, 2, 3], flat);
        Values([3], unravel(F(9, 8, 3))[1][1..]);
        var dict = new Dictionary<string, NDArray> { ["b"] = F(2), ["a"] = F(1, 1) };
        var (dflat, dunravel) = RavelPytree(dict);
        Values([1, 1, 2], dflat);
        Values([4], dunravel(F(0, 0, 4))["b"]);
        var (empty, eunravel) = RavelPytree(new List<NDArray>());
        Values([], empty, DType.Float32, [0]);
        Assert.Empty(eunravel(Jnp.Zeros([0])));
        Assert.Throws<ArgumentException>(() => eunravel(F(1)));
        var (none, nunravel) = RavelPytree<NDArray?>(null);
        Assert.Equal(new[] { 0 }, none.Shape);
        Assert.Null(nunravel(none));
    }

    [Fact]
    public void GradJitAndVmapThroughRavelAndUnravel()
    {
        NDArray Loss(Model m) => Jnp.Sum(Jnp.Tanh(Jnp.Matmul(m.Hidden.W, m.Hidden.B)) * m.Scale);
        var model = Sample() with { Scale = Jnp.Array(0.3f) };
        var (flat, unravel) = RavelPytree(model);
        var byVector = Jax.Grad((NDArray v) => Loss(unravel(v)))(flat * 0.1f);
        var byTree = Jax.Grad<Model>(Loss)(unravel(flat * 0.1f));
        Values(RavelPytree(byTree).Flat.ToArray<double>(), byVector);
        // The gradient of the ravelled vector, taken through the tree.
        var throughRavel = Jax.Grad<Model>(m => Jnp.Sum(Jnp.Square(RavelPytree(m).Flat)))(model);
        Values([2, 4, 6, 8, 10, 12, 0.6], RavelPytree(throughRavel).Flat);
        Values([2, 4, 6, 8, 10, 12, 0.6], Jax.Jit((NDArray v) => RavelPytree(unravel(v)).Flat * 2f)(flat));
        Values([1, 2, 3, 4, 5, 6, 0.3], Jax.Jit<Model, NDArray>(m => RavelPytree(m).Flat)(model));
        var batch = Jnp.Stack([flat, flat * 2f]);
        Values([10, 20], Jax.Vmap((NDArray v) => Jnp.Sum(unravel(v).Hidden.W))(batch));
    }
}
