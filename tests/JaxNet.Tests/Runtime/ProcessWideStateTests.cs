using JaxNet.Runtime;
using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Runtime;

/// <summary>Tests that change process-wide state (jit disabled everywhere, compilation caches cleared), so they run on their own.</summary>
[CollectionDefinition(nameof(ProcessWideStateCollection), DisableParallelization = true)]
public sealed class ProcessWideStateCollection;

[Collection(nameof(ProcessWideStateCollection))]
public class ProcessWideStateTests
{
    [Fact]
    public async Task TheConfigSwitchDisablesJitEverywhere()
    {
        var calls = 0;
        var f = Jax.Jit((NDArray x) => { calls++; return x + 1f; });
        Jax.Config.DisableJit = true;
        try
        {
            var fromOtherThread = await Task.Run(() => f(Jnp.Array(1f)).Item<float>());
            Assert.Equal(2f, fromOtherThread);
            Values([3], f(Jnp.Array(2f)));
        }
        finally
        {
            Jax.Config.DisableJit = false;
        }
        Assert.Equal(2, calls);
    }

    [Fact]
    public void ClearCachesMakesJitAndEagerOpsCompileAgain()
    {
        var f = Jax.Jit((NDArray x) => Jnp.Cos(x) * 3f);
        var x = Jnp.Array(new[] { 0f, 1f, 2f });
        var first = f(x).ToArray<float>();
        Assert.Equal(first, f(x).ToArray<float>());
        Assert.Equal(1, f.JitInfo().TraceCount);
        _ = Jnp.Tanh(x) - 5f;
        var compiled = EagerDispatch.CompileCountOnThisThread;
        _ = Jnp.Tanh(x) - 5f;
        Assert.Equal(compiled, EagerDispatch.CompileCountOnThisThread);

        Jax.ClearCaches();
        Assert.Equal(first, f(x).ToArray<float>());
        Assert.Equal(2, f.JitInfo().TraceCount);
        Assert.Equal(1, f.JitInfo().CacheSize);
        var y = Jnp.Tanh(x) - 5f;
        // tanh and the subtraction at least (a literal's conversion may be one more).
        var recompiled = EagerDispatch.CompileCountOnThisThread;
        Assert.InRange(recompiled, compiled + 2, compiled + 3);
        Values([-5, Math.Tanh(1) - 5, Math.Tanh(2) - 5], y);
        // Cached again afterwards.
        _ = Jnp.Tanh(x) - 5f;
        Assert.Equal(recompiled, EagerDispatch.CompileCountOnThisThread);
    }
}
