using JaxNet.Core;
using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>jax.named_scope and jax.named_call: traced equations carry the names of the scopes open around them.</summary>
public class NamedScopeTests
{
    private static NDArray Dense(NDArray x) => Jnp.Tanh(x * 3f);

    private static string[] ScopesOf(ClosedJaxpr jaxpr) => jaxpr.Jaxpr.Eqns.Select(e => e.NameStack ?? "-").ToArray();

    [Fact]
    public void NestedScopesJoinWithSlashesAndEndInOrder()
    {
        var jaxpr = Jax.MakeJaxpr((NDArray x) =>
        {
            var y = Jnp.Sin(x);
            using (Jax.NamedScope("outer"))
            {
                y = y * 2f;
                using (Jax.NamedScope("inner")) y = Jnp.Exp(y);
                y = y + 1f;
            }
            return Jnp.Cos(y);
        })(F(1, 2));
        Assert.Equal(["sin", "mul", "exp", "add", "cos"], jaxpr.Jaxpr.Eqns.Select(e => e.Primitive.Name));
        Assert.Equal(["-", "outer", "outer/inner", "outer", "-"], ScopesOf(jaxpr));
        var text = jaxpr.PrettyPrint(nameStack: true);
        Assert.Contains("d:f32[2] = exp c  # outer/inner\n", text);
        Assert.Contains("b:f32[2] = sin a\n", text);
        Assert.DoesNotContain("#", jaxpr.ToString()); // the default print is JAX's, without names
    }

    [Fact]
    public void JitKeepsTheNamesInItsSimplifiedProgramAndComputesTheSameValues()
    {
        var f = Jax.Jit((NDArray x) =>
        {
            using (Jax.NamedScope("layer1")) x = Jnp.Tanh(x * 3f);
            using (Jax.NamedScope("layer2")) return x - 0.5f;
        });
        var x = F(0.1f, -0.2f);
        var lowered = f.Lower(x);
        var named = lowered.Jaxpr.Jaxpr.Eqns.Select(e => e.NameStack).ToArray();
        Assert.Contains("layer1", named);
        Assert.Contains("layer2", named);
        Values([Math.Tanh(0.3) - 0.5, Math.Tanh(-0.6) - 0.5], f(x));
    }

    [Fact]
    public void NamedCallUsesTheMethodNameOrTheGivenOne()
    {
        var byMethod = Jax.MakeJaxpr(Jax.NamedCall(Dense))(F(1));
        Assert.All(byMethod.Jaxpr.Eqns, e => Assert.Equal("Dense", e.NameStack));
        var renamed = Jax.MakeJaxpr((NDArray x) =>
        {
            using (Jax.NamedScope("model")) return Jax.NamedCall(Dense, "block")(x);
        })(F(1));
        Assert.All(renamed.Jaxpr.Eqns, e => Assert.Equal("model/block", e.NameStack));
        Values([Math.Tanh(1.5)], Jax.NamedCall(Dense)(F(0.5f)));
        var two = Jax.MakeJaxpr(Jax.NamedCall((NDArray a, NDArray b) => a * b, "product"))(F(1), F(2));
        Assert.Equal("product", Assert.Single(two.Jaxpr.Eqns).NameStack);
        var many = Jax.NamedCall((NDArray[] a) => [a[0] + a[1]], "sum");
        Values([5], many([F(2), F(3)])[0]);
    }

    [Fact]
    public void GradientEquationsOfTheForwardPassKeepTheScope()
    {
        var g = Jax.Grad((NDArray x) =>
        {
            using (Jax.NamedScope("loss")) return Jnp.Sum(Jnp.Sin(x));
        });
        var jaxpr = Jax.MakeJaxpr(g)(F(0.5f, 1));
        Assert.Contains(jaxpr.Jaxpr.Eqns, e => e.NameStack == "loss" && e.Primitive.Name is "sin" or "cos");
        Values([Math.Cos(0.5), Math.Cos(1)], Jax.Jit(g)(F(0.5f, 1)));
    }

    [Fact]
    public void AnInnerJaxprEvaluatedAgainKeepsItsNamesUnderTheOpenScopes()
    {
        var inner = Jax.MakeJaxpr((NDArray x) =>
        {
            using (Jax.NamedScope("inner")) return Jnp.Exp(x);
        })(F(1));
        var outer = Jax.MakeJaxpr((NDArray x) =>
        {
            using (Jax.NamedScope("outer")) return JaxprEval.Eval(inner, [x])[0];
        })(F(1));
        Assert.Equal("outer/inner", Assert.Single(outer.Jaxpr.Eqns).NameStack);
    }

    [Fact]
    public void EagerOperationsInAScopeRunAsUsual()
    {
        using (Jax.NamedScope("eager")) Values([2, 4], F(1, 2) * 2f);
    }

    [Fact]
    public void ADoubleDisposeDoesNotEndTheEnclosingScope()
    {
        var jaxpr = Jax.MakeJaxpr((NDArray x) =>
        {
            using var outer = Jax.NamedScope("outer");
            var inner = Jax.NamedScope("inner");
            inner.Dispose();
            inner.Dispose();
            return x * 2f;
        })(F(1));
        Assert.Equal("outer", Assert.Single(jaxpr.Jaxpr.Eqns).NameStack);
    }

    [Fact]
    public void EmptyOrMissingNamesAreRefused()
    {
        Assert.Throws<ArgumentException>(() => Jax.NamedScope(""));
        Assert.Throws<ArgumentException>(() => Jax.NamedScope("  "));
        Assert.Throws<ArgumentException>(() => Jax.NamedScope(null!));
        Assert.Throws<ArgumentException>(() => Jax.NamedCall(Dense, ""));
        Assert.Throws<ArgumentNullException>(() => Jax.NamedCall((Func<NDArray, NDArray>)null!));
        Assert.Null(NameScopes.Current); // the refused scopes opened nothing
    }
}
