using JaxNet.Abstractions;
using JaxNet.Runtime;
using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>
/// jax.live_arrays and jax.effects_barrier, over a weak registry of the arrays that own device buffers. Tracking is
/// process-wide, so these tests run alone and turn it back off after each.
/// </summary>
[Collection(nameof(JaxNet.Tests.Runtime.ProcessWideStateCollection))]
public sealed class LiveArraysTests : IDisposable
{
    public LiveArraysTests() => Jax.Config.TrackLiveArrays = true;

    public void Dispose() => Jax.Config.TrackLiveArrays = false;

    [Fact]
    public void WithTrackingOffNothingIsRecordedAndLiveArraysRefuses()
    {
        Jax.Config.TrackLiveArrays = false;
        var before = LiveArrayRegistry.TrackedCount;
        var x = Jnp.Arange(5) * 2;
        Assert.Equal(before, LiveArrayRegistry.TrackedCount);
        var error = Assert.Throws<InvalidOperationException>(() => Jax.LiveArrays());
        Assert.Contains("TrackLiveArrays", error.Message);
        Jax.EffectsBarrier();
        Jax.Config.TrackLiveArrays = true;
        Assert.DoesNotContain(Jax.LiveArrays(), a => ReferenceEquals(a, x));
    }

    private static bool Listed(NDArray x) => Jax.LiveArrays().Any(a => ReferenceEquals(a, x));

    [Fact]
    public void AnArrayIsListedUntilItIsDisposed()
    {
        var x = Jnp.Arange(5) * 2;
        Assert.True(Listed(x));
        Assert.False(x.IsDeleted);
        x.Dispose();
        Assert.True(x.IsDeleted);
        Assert.False(Listed(x));
    }

    [Fact]
    public void DonatedArraysAreDeletedAndScalarsAndTracersAreNeverListed()
    {
        var x = F(1, 2, 3) + 0f;
        var f = Jax.Jit((NDArray a) => a * 2f, donateArgnums: [0]);
        var y = f(x);
        Values([2, 4, 6], y);
        Assert.True(x.IsDeleted);
        Assert.False(Listed(x));
        Assert.True(Listed(y));
        NDArray literal = 3f;
        Assert.False(Listed(literal));
        Assert.False(literal.IsDeleted);
        Jax.Jit((NDArray a) =>
        {
            Assert.False(Listed(a));
            Assert.False(a.IsDeleted);
            return a;
        })(F(1));
    }

    [Fact]
    public void OtherPlatformsAndUnknownOnesAreTold()
    {
        var x = F(1) + 1f;
        Assert.Contains(Jax.LiveArrays(Jax.DefaultBackend()), a => ReferenceEquals(a, x));
        Assert.Throws<BackendUnavailableException>(() => Jax.LiveArrays("no-such-platform"));
    }

    [Fact]
    public void CollectedArraysAreSweptSoTheRegistryStaysSmall()
    {
        static void Churn()
        {
            for (var i = 0; i < 5000; i++) _ = Jnp.Zeros([1]) + i;
        }
        Churn();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var live = LiveArrayRegistry.Snapshot().Count;
        Assert.InRange(LiveArrayRegistry.TrackedCount, 0, Math.Max(1024, 2 * live) + 64);
    }

    [Fact]
    public void EffectsBarrierLeavesEveryLiveArrayReady()
    {
        var x = Jnp.Ones([256, 256]);
        var y = Jnp.Matmul(x, x);
        var printed = new List<float>();
        Jax.Jit((NDArray a) =>
        {
            Jax.Debug.Callback(v => printed.Add(v[0].Item<float>()), Jnp.Sum(a));
            return a;
        })(F(1, 2));
        Jax.EffectsBarrier();
        Assert.Equal([3f], printed);
        Assert.True(y.IsReady());
        Values([256], y[0, 0]);
    }
}
