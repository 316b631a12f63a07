namespace JaxNet.Tests.Core;

public class JaxprTests
{
    [Fact]
    public void PrintsLikeJax()
    {
        var x = Jnp.Array(new float[] { 1, 2, 3 });
        var jaxpr = Jax.MakeJaxpr(Jnp.Tanh)(x);
        Assert.Equal("{ lambda ; a:f32[3]. let\n    b:f32[3] = tanh a\n  in (b,) }", jaxpr.ToString());
    }

    [Fact]
    public void ScalarLiteralsAreInlinedAndParamsPrinted()
    {
        var x = Jnp.Array(new float[,] { { 1, 2 }, { 3, 4 } });
        var jaxpr = Jax.MakeJaxpr(a => Jnp.Sum(a * 2f, 0))(x).ToString();
        Assert.Equal("{ lambda ; a:f32[2,2]. let\n    b:f32[2,2] = mul a 2.0:f32[]\n    c:f32[2] = reduce_sum[axes=(0,)] b\n  in (c,) }", jaxpr);
    }

    [Fact]
    public void CapturedArraysBecomeConstants()
    {
        var w = Jnp.Array(new float[] { 1, 2 });
        var jaxpr = Jax.MakeJaxpr(a => a + w)(Jnp.Zeros([2]));
        Assert.Single(jaxpr.Consts);
        Assert.StartsWith("{ lambda a:f32[2]; b:f32[2]. let\n    c:f32[2] = add b a", jaxpr.ToString());
    }

    [Fact]
    public void TracerUsedAfterItsTransformationIsALeak()
    {
        NDArray? leaked = null;
        Jax.MakeJaxpr(a =>
        {
            leaked = a;
            return a;
        })(Jnp.Zeros([2]));
        var e = Assert.Throws<UnexpectedTracerError>(() => leaked! + 1f);
        Assert.Contains("leaked tracer", e.Message);
    }

    [Fact]
    public void MissingTransformationRuleNamesPrimitiveAndTransformation()
    {
        // Every registered primitive has its rules now, so a primitive with none stands in for a new one.
        var e = Assert.Throws<MissingRuleException>(() => new RulelessPrimitive().Batch([], [], JaxNet.Core.Params.Empty));
        Assert.Equal("primitive 'ruleless' has no batching rule", e.Message);
    }

    private sealed class RulelessPrimitive() : JaxNet.Core.Primitive("ruleless")
    {
        public override JaxNet.Core.ShapedArray[] AbstractEval(JaxNet.Core.ShapedArray[] inputs, JaxNet.Core.Params p) => inputs;

        internal override JaxNet.Lowering.LValue[] Lower(JaxNet.Lowering.LoweringContext context, JaxNet.Lowering.LValue[] inputs,
            JaxNet.Core.Params p, JaxNet.Core.ShapedArray[] outputs) => inputs;
    }
}
