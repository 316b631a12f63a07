using System.Runtime.CompilerServices;
using JaxNet.Runtime;

namespace JaxNet.Tests.Runtime;

/// <summary>
/// The finalizer of an undisposed array lives in a pooled <see cref="DeviceArrayGuard"/>: disposed arrays hand their
/// guard to the next array, undisposed ones still free their buffer when collected, and a reused guard never frees
/// the buffer of the array it guards now.
/// </summary>
public class DeviceArrayGuardTests
{
    [Fact]
    public void DisposedResultsHandTheirGuardToTheNextResult()
    {
        var x = Jnp.Array(new float[] { 1, 2, 3 });
        for (var i = 0; i < 10; i++) (x + x).Dispose();
        var created = DeviceArrayGuard.CreatedOnThisThread;
        for (var i = 0; i < 1000; i++) (x + x).Dispose();
        Assert.Equal(created, DeviceArrayGuard.CreatedOnThisThread);
    }

    [Fact]
    public void UndisposedArraysAreStillFreedWhenCollected()
    {
        var x = Jnp.Array(new float[] { 1, 2, 3 });
        // Guards come from the pool here: the freed buffers must be those of arrays made with reused guards too.
        for (var i = 0; i < 10; i++) (x + x).Dispose();
        var before = DeviceArray.FinalizedCount;
        MakeGarbage(x, 50);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.True(DeviceArray.FinalizedCount - before >= 50, $"{DeviceArray.FinalizedCount - before} of 50 arrays finalized");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void MakeGarbage(NDArray x, int count)
    {
        for (var i = 0; i < count; i++) (x + x).BlockUntilReady();
    }

    [Fact]
    public void AReusedGuardDoesNotFreeTheArrayItGuardsNow()
    {
        var x = Jnp.Array(new float[] { 1, 2, 3 });
        var kept = new List<NDArray>();
        for (var i = 0; i < 20; i++)
        {
            var spent = x * 2f;
            spent.Dispose();
            // The next result takes the guard the disposed one gave back; the disposed array stays reachable.
            kept.Add(spent);
            kept.Add(x + x);
        }
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        for (var i = 0; i < kept.Count; i += 2)
        {
            Assert.Throws<ObjectDisposedException>(() => kept[i] + x);
            Assert.Equal(new float[] { 2, 4, 6 }, kept[i + 1].ToArray<float>());
        }
        foreach (var k in kept) k.Dispose();
    }

    [Fact]
    public void CachedConstantsOutliveCollections()
    {
        var x = Jnp.Array(new float[] { 1, 2, 3 });
        Assert.Equal(new float[] { 8.5f, 9.5f, 10.5f }, (x + 7.5f).ToArray<float>());
        GC.Collect();
        GC.WaitForPendingFinalizers();
        // The uploaded 7.5f is cached for the process: no finalizer may have freed it.
        Assert.Equal(new float[] { 8.5f, 9.5f, 10.5f }, (x + 7.5f).ToArray<float>());
    }
}
