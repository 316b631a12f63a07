namespace JaxNet.Tests.Api;

public class ErrorTests
{
    [Fact]
    public void BroadcastErrorsNameOpShapesAndCaller()
    {
        var a = Jnp.Ones([3]);
        var b = Jnp.Ones([4]);
        var e = Assert.Throws<ShapeException>(() => a + b);
        Assert.Contains("add", e.Message);
        Assert.Contains("[3]", e.Message);
        Assert.Contains("[4]", e.Message);
        Assert.Contains("ErrorTests", e.Message);
    }

    [Fact]
    public void DotErrorsNameShapes()
    {
        var e = Assert.Throws<ShapeException>(() => Jnp.Dot(Jnp.Ones([2, 3]), Jnp.Ones([4, 5])));
        Assert.Contains("dot", e.Message);
        Assert.Contains("[2,3]", e.Message);
        Assert.Contains("[4,5]", e.Message);
    }

    [Fact]
    public void PrimitiveDTypeErrorsNameThePrimitive()
    {
        var e = Assert.Throws<ShapeException>(() => Jax.Lax.Sin(Jnp.Arange(3)));
        Assert.StartsWith("sin: requires a floating-point operand, got i32[3]", e.Message);
        var r = Assert.Throws<ShapeException>(() => Jax.Lax.Reshape(Jnp.Ones([6]), [4]));
        Assert.StartsWith("reshape: cannot reshape f32[6]", r.Message);
    }

    [Fact]
    public void IfOnATracedValueUnderJitIsAConcretizationError()
    {
        static NDArray Branchy(NDArray x)
        {
            if (x > 0f) return x;
            return -x;
        }
        var f = Jax.Jit(Branchy);
        var e = Assert.Throws<ConcretizationTypeError>(() => f(Jnp.Array(1f)));
        Assert.Contains("Branchy", e.Message);
        Assert.Contains("Jax.Lax.Cond", e.Message);
        Assert.Contains("static", e.Message);
    }

    [Fact]
    public void StaticArgumentsAreConcrete()
    {
        var f = Jax.Jit((x, flag) => flag ? x * 2f : x, staticArgnums: [1]);
        Assert.Equal(new float[] { 2 }, f(Jnp.Array(new float[] { 1 }), Jnp.Array(true)).ToArray<float>());
        Assert.Equal(new float[] { 1 }, f(Jnp.Array(new float[] { 1 }), Jnp.Array(false)).ToArray<float>());
        Assert.Equal(2, f.JitInfo().TraceCount);
        Assert.Equal("static argument 1 changed value", f.JitInfo().LastRetraceReason);
    }
}
