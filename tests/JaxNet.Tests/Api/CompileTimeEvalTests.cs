using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>jax.ensure_compile_time_eval: operations on concrete values run eagerly even while Jit traces.</summary>
public class CompileTimeEvalTests
{
    [Fact]
    public void ConcreteOperationsRunAtTraceTimeAndTracedOnesStayTraced()
    {
        bool? stagedWithout = null, concreteWithin = null, tracerWithin = null;
        var f = Jax.Jit((NDArray x) =>
        {
            stagedWithout = !(Jnp.Arange(3) * 2f).IsConcrete;
            using (Jax.EnsureCompileTimeEval())
            {
                var table = Jnp.Arange(4) * 2f + 1f;
                concreteWithin = table.IsConcrete;
                var total = Jnp.Sum(table).Item<float>(); // readable: it has a value
                var y = x * total;
                tracerWithin = !y.IsConcrete;
                return y;
            }
        });
        Values([16, 32], f(F(1, 2)));
        Assert.True(stagedWithout);
        Assert.True(concreteWithin);
        Assert.True(tracerWithin);
    }

    [Fact]
    public void TheEagerResultReachesTheJaxprAsAConstant()
    {
        var jaxpr = Jax.MakeJaxpr((NDArray x) =>
        {
            using (Jax.EnsureCompileTimeEval()) return x + Jnp.Exp(Jnp.Ones([2]));
        })(F(0, 1));
        Assert.Equal("add", Assert.Single(jaxpr.Jaxpr.Eqns).Primitive.Name);
        Values([Math.E, Math.E], Assert.Single(jaxpr.Consts));
    }

    [Fact]
    public void TheScopeEndsOnceAndStagingResumes()
    {
        var staged = new List<bool>();
        Jax.MakeJaxpr((NDArray x) =>
        {
            var scope = Jax.EnsureCompileTimeEval();
            staged.Add(!Jnp.Ones([1]).IsConcrete);
            scope.Dispose();
            scope.Dispose();
            staged.Add(!Jnp.Ones([1]).IsConcrete);
            return x;
        })(F(1));
        Assert.Equal([false, true], staged);
    }

    [Fact]
    public void OutsideEveryTraceItChangesNothing()
    {
        using (Jax.EnsureCompileTimeEval()) Values([3], F(1) + 2f);
    }
}
