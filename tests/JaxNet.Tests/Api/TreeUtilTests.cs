using static JaxNet.Jax.TreeUtil;

namespace JaxNet.Tests.Api;

public class TreeUtilTests
{
    public record Layer(NDArray W, NDArray B);

    public record Mlp(Layer Hidden, Layer Output, string Activation, int Width);

    public sealed class Mutable
    {
        public NDArray? Weight { get; set; }

        public List<NDArray> Extra { get; set; } = [];
    }

    private static NDArray A(params float[] values) => Jnp.Array(values);

    private static float[] Values(NDArray x) => x.ToArray<float>();

    [Fact]
    public void FlattensContainersInJaxOrder()
    {
        var tree = (A(1), new[] { A(2), A(3) }, new Dictionary<string, NDArray> { ["b"] = A(5), ["a"] = A(4) }, (NDArray?)null);
        var (leaves, def) = TreeFlatten(tree);
        Assert.Equal([1f, 2, 3, 4, 5], leaves.Select(l => Values(l)[0]));
        Assert.Equal(5, def.NumLeaves);
        Assert.Equal("PyTreeDef((*, [*, *], {'a': *, 'b': *}, None))", def.ToString());
        var rebuilt = TreeUnflatten<(NDArray, NDArray[], Dictionary<string, NDArray>, NDArray?)>(def, leaves);
        Assert.Same(leaves[0], rebuilt.Item1);
        Assert.Same(leaves[2], rebuilt.Item2[1]);
        Assert.Same(leaves[3], rebuilt.Item3["a"]);
        Assert.Null(rebuilt.Item4);
    }

    [Fact]
    public void RecordsRoundTripThroughTheirConstructor()
    {
        var model = new Mlp(new Layer(A(1, 2), A(3)), new Layer(A(4), A(5)), "relu", 512);
        var (leaves, def) = TreeFlatten(model);
        Assert.Equal(4, leaves.Count);
        Assert.Equal("PyTreeDef(Mlp(Hidden=Layer(W=*, B=*), Output=Layer(W=*, B=*), Activation='relu', Width=512))", def.ToString());
        var back = TreeUnflatten<Mlp>(def, leaves);
        Assert.Equal("relu", back.Activation);
        Assert.Equal(512, back.Width);
        Assert.Same(model.Hidden.W, back.Hidden.W);
        var doubled = TreeMap(x => x * 2f, model);
        Assert.IsType<Mlp>(doubled);
        Assert.Equal([2f, 4], Values(doubled.Hidden.W));
        Assert.Equal([10f], Values(doubled.Output.B));
        Assert.Equal(def, TreeStructure(doubled));
    }

    [Fact]
    public void ATreeDefInsideATreeIsStaticData()
    {
        // An optimizer's state keeps its parameters' structure this way, as JAX keeps it in aux data.
        var inner = TreeStructure(new Layer(A(1), A(2)));
        var tree = (A(3), inner, new[] { inner });
        var (leaves, def) = TreeFlatten(tree);
        Assert.Single(leaves);
        Assert.Equal("PyTreeDef((*, PyTreeDef(Layer(W=*, B=*)), [PyTreeDef(Layer(W=*, B=*))]))", def.ToString());
        var back = TreeUnflatten<(NDArray, TreeDef, TreeDef[])>(def, leaves);
        Assert.Same(inner, back.Item2);
        Assert.Equal(def, TreeStructure((A(4), TreeStructure(new Layer(A(5), A(6))), new[] { inner })));
        Assert.NotEqual(def, TreeStructure((A(4), TreeStructure((A(5), A(6))), new[] { inner })));
    }

    [Fact]
    public void ClassesRoundTripThroughSetters()
    {
        var m = new Mutable { Weight = A(1), Extra = [A(2), A(3)] };
        var def = TreeStructure(m);
        Assert.Equal("PyTreeDef(Mutable(Weight=*, Extra=List[*, *]))", def.ToString());
        var back = TreeMap(x => x + 1f, m);
        Assert.Equal([2f], Values(back.Weight!));
        Assert.Equal([4f], Values(back.Extra[1]));
    }

    [Fact]
    public void TreeMapOfSeveralTreesChecksStructure()
    {
        var p = (A(1), new List<NDArray> { A(2) });
        var g = (A(10), new List<NDArray> { A(20) });
        var updated = TreeMap((x, dx) => x - 0.1f * dx, p, g);
        Assert.Equal([0f], Values(updated.Item1));
        Assert.Equal([0f], Values(updated.Item2[0]));
        var sum3 = TreeMap((x, y, z) => x + y + z, p, g, g);
        Assert.Equal([42f], Values(sum3.Item2[0]));
        var mismatched = (A(1), new List<NDArray> { A(2), A(3) });
        var error = Assert.Throws<ArgumentException>(() => TreeMap((x, y) => x + y, p, mismatched));
        Assert.Contains("List[*]", error.Message);
        Assert.Contains("List[*, *]", error.Message);
    }

    [Fact]
    public void TreeDefEqualityIsStructural()
    {
        var a = TreeStructure((A(1), new Layer(A(2), A(3))));
        var b = TreeStructure((A(7, 8), new Layer(A(0), A(0))));
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, TreeStructure((A(1), A(2))));
        Assert.NotEqual(TreeStructure(new[] { A(1) }), TreeStructure(new List<NDArray> { A(1) }));
        Assert.NotEqual(TreeStructure(new Mlp(new Layer(A(1), A(1)), new Layer(A(1), A(1)), "relu", 1)),
            TreeStructure(new Mlp(new Layer(A(1), A(1)), new Layer(A(1), A(1)), "gelu", 1)));
    }

    [Fact]
    public void LeavesAndErrors()
    {
        Assert.Single(TreeLeaves(A(1)));
        Assert.Equal("PyTreeDef(*)", TreeStructure(A(1)).ToString());
        Assert.Empty(TreeLeaves(null));
        Assert.Equal("PyTreeDef((*,))", TreeStructure(ValueTuple.Create(A(1))).ToString());
        var def = TreeStructure((A(1), A(2)));
        var error = Assert.Throws<ArgumentException>(() => TreeUnflatten(def, [A(1)]));
        Assert.Contains("2 leaves", error.Message);
    }

    [Fact]
    public void LongTuplesNestTheirRest()
    {
        var tree = (A(1), A(2), A(3), A(4), A(5), A(6), A(7), A(8), A(9));
        var (leaves, def) = TreeFlatten(tree);
        Assert.Equal(9, leaves.Count);
        var back = TreeUnflatten<(NDArray, NDArray, NDArray, NDArray, NDArray, NDArray, NDArray, NDArray, NDArray)>(def, leaves);
        Assert.Same(leaves[8], back.Item9);
    }
}
