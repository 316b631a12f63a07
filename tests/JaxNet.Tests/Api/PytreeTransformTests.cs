namespace JaxNet.Tests.Api;

/// <summary>Grad, ValueAndGrad and Jit of functions of pytrees: results keep the tree's structure and type.</summary>
public class PytreeTransformTests
{
    private sealed record Layer(NDArray W, NDArray B);

    private static NDArray Loss(Layer p) => Jnp.Sum(Jnp.Square(p.W * 3f + p.B));

    [Fact]
    public void Grad_of_a_function_of_a_record_returns_a_record_of_the_same_type()
    {
        var p = new Layer(Jnp.Array(new float[] { 1, 2 }), Jnp.Array(new float[] { 0.5f, -1 }));
        Layer g = Jax.Grad<Layer>(Loss)(p);
        // d/dW sum((3w + b)^2) = 6 (3w + b); d/db = 2 (3w + b).
        Assert.Equal(new float[] { 21, 30 }, g.W.ToArray<float>());
        Assert.Equal(new float[] { 7, 10 }, g.B.ToArray<float>());
    }

    [Fact]
    public void Value_and_grad_with_respect_to_the_parameter_tree_only()
    {
        var p = new Layer(Jnp.Array(new float[] { 1 }), Jnp.Array(new float[] { 0 }));
        var (value, g) = Jax.ValueAndGrad<Layer>((q, x, y) => Jnp.Sum(Jnp.Square(q.W * x + q.B - y)))(p, Jnp.Array(new float[] { 2 }), Jnp.Array(new float[] { 5 }));
        Assert.Equal(9f, value.Item<float>());
        Assert.Equal(new float[] { -12 }, g.W.ToArray<float>());
        Assert.Equal(new float[] { -6 }, g.B.ToArray<float>());
    }

    [Fact]
    public void Jit_of_a_tuple_to_tuple_function_traces_once_per_structure()
    {
        var traces = 0;
        var f = Jax.Jit(((NDArray A, Layer L) s) =>
        {
            traces++;
            return (Sum: Jnp.Sum(s.A), Scaled: new Layer(s.L.W * 2f, s.L.B + 1f));
        });
        var layer = new Layer(Jnp.Ones([3]), Jnp.Zeros([3]));
        var first = f((Jnp.Arange(4).Astype(DType.Float32), layer));
        var second = f((Jnp.Ones([4]), layer));
        Assert.Equal(6f, first.Sum.Item<float>());
        Assert.Equal(4f, second.Sum.Item<float>());
        Assert.Equal(new float[] { 2, 2, 2 }, second.Scaled.W.ToArray<float>());
        Assert.Equal(new float[] { 1, 1, 1 }, second.Scaled.B.ToArray<float>());
        Assert.Equal(1, traces);
    }

    [Fact]
    public void Vmap_of_a_pytree_function_maps_every_leaf_or_the_leaves_chosen()
    {
        var layer = new Layer(Jnp.Arange(6).Astype(DType.Float32).Reshape(3, 2), Jnp.Array(new float[] { 1, 2, 3 }));
        Layer doubled = Jax.Vmap<Layer, Layer>(l => new Layer(l.W * 2f, l.B + l.W[0]))(layer);
        Assert.Equal(new float[] { 0, 2, 4, 6, 8, 10 }, doubled.W.ToArray<float>());
        Assert.Equal(new float[] { 1, 4, 7 }, doubled.B.ToArray<float>());

        // W shared by every example (in axis null), B mapped: out = W @ [b, b].
        var shared = new Layer(Jnp.Array(new float[,] { { 1, 2 }, { 3, 4 } }), Jnp.Array(new float[] { 1, 10 }));
        var outputs = Jax.Vmap<Layer, NDArray>(l => Jnp.Dot(l.W, Jnp.Stack([l.B, l.B])), inAxes: [null, 0])(shared);
        Assert.Equal(new[] { 2, 2 }, outputs.Shape);
        Assert.Equal(new float[] { 3, 7, 30, 70 }, outputs.ToArray<float>());
    }

    [Fact]
    public void Jvp_and_vjp_of_pytree_functions_keep_the_structures()
    {
        var p = new Layer(Jnp.Array(new float[] { 1, 2 }), Jnp.Array(new float[] { 3, 4 }));
        var t = new Layer(Jnp.Array(new float[] { 1, 0 }), Jnp.Array(new float[] { 0, 1 }));
        // f(W, B) = (W * B, sum(W)): a tuple out of a record in.
        var (y, dy) = Jax.Jvp<Layer, (NDArray Product, NDArray Total)>(l => (l.W * l.B, Jnp.Sum(l.W)), p, t);
        Assert.Equal(new float[] { 3, 8 }, y.Product.ToArray<float>());
        Assert.Equal(new float[] { 3, 2 }, dy.Product.ToArray<float>());   // d(W*B) = dW*B + W*dB
        Assert.Equal(1f, dy.Total.Item<float>());

        var (value, pullback) = Jax.Vjp<Layer, (NDArray Product, NDArray Total)>(l => (l.W * l.B, Jnp.Sum(l.W)), p);
        Assert.Equal(3f, value.Total.Item<float>());
        var ct = pullback((Jnp.Array(new float[] { 1, 1 }), Jnp.Array(2f)));
        Assert.Equal(new float[] { 5, 6 }, ct.W.ToArray<float>());   // B + 2
        Assert.Equal(new float[] { 1, 2 }, ct.B.ToArray<float>());   // W
        Assert.Throws<ShapeException>(() => pullback((Jnp.Array(new float[] { 1, 1 }), Jnp.Array(new float[] { 1, 1 }))));
    }
}
