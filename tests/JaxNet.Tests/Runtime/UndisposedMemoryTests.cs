using JaxNet.Abstractions;
using JaxNet.Runtime;

namespace JaxNet.Tests.Runtime;

/// <summary>Tests that count the process's garbage collections, so nothing else may allocate while they run.</summary>
[CollectionDefinition(nameof(GarbageCollectionCollection), DisableParallelization = true)]
public class GarbageCollectionCollection;

/// <summary>
/// Device memory of arrays nobody disposed, as a loop written in JAX's style leaves them: collected once per budget,
/// not piling up; disposed and donated arrays cost no collection; a full device collects and retries.
/// </summary>
[Collection(nameof(GarbageCollectionCollection))]
public class UndisposedMemoryTests
{
    private const int Elements = 256 * 1024; // 1 MiB of float32
    private const long Budget = 8L << 20;

    [Fact]
    public void UndisposedResultsAreCollectedOncePerBudget()
    {
        var backend = new CappedBackend(Device.Default.Backend, long.MaxValue);
        var device = Device.Of(backend, 0);
        using var x = Jax.DevicePut(Jnp.Zeros([Elements]), device);
        WithBudget(Budget, () =>
        {
            var baseline = device.MemoryStats().BytesInUse;
            var collections = UndisposedMemory.Collections;
            long most = 0;
            for (var i = 0; i < 64; i++)
            {
                _ = x + 1f; // 64 MiB of results, none disposed
                most = Math.Max(most, device.MemoryStats().BytesInUse - baseline);
            }
            // The policy collected about once per 8 MiB, and each collection freed what it found: the arrays held
            // never passed the budget and the array that crossed it (it was 64 MiB with AddMemoryPressure alone).
            Assert.InRange(UndisposedMemory.Collections - collections, 6, 9);
            Assert.InRange(most, 1L << 20, Budget + (1L << 20));
        });
    }

    [Fact]
    public void DisposedAndDonatedArraysCostNoCollection()
    {
        var device = Device.Of(new CappedBackend(Device.Default.Backend, long.MaxValue), 0);
        using var x = Jax.DevicePut(Jnp.Zeros([Elements]), device);
        // Each step writes one element of its carry in place: the step is given the carry's buffer.
        var loop = Jax.Jit((NDArray a) => Jax.Lax.ForiLoop(0, 4, (i, c) => Jax.Lax.DynamicUpdateSlice(c, Jnp.Ones([1]), [i]), a));
        WithBudget(Budget, () =>
        {
            // Earlier tests' arrays may have left more than this budget counted: the first call's array collects.
            using (var first = x + 1f) loop(first).Dispose();
            var collections = UndisposedMemory.Collections;
            for (var i = 0; i < 64; i++)
            {
                using var y = x + 1f;
                // The steps hand the carry's buffer on: 3 donations per call, each counted out and in again.
                using var z = loop(y);
            }
            Assert.Equal(collections, UndisposedMemory.Collections);
        });
    }

    [Fact]
    public void AFullDeviceCollectsAndRetries()
    {
        // Room for 8 arrays; the budget is too large to collect on its own, so only a failed allocation collects.
        var backend = new CappedBackend(Device.Default.Backend, 8L << 20);
        var device = Device.Of(backend, 0);
        var x = Jax.DevicePut(Jnp.Zeros([Elements]), device);
        WithBudget(1L << 40, () =>
        {
            for (var i = 0; i < 32; i++) _ = x + 1f;
        });
        Assert.True(backend.Refusals > 0);
        Assert.Equal(1f, (x + 1f).ToArray<float>()[0]);
        x.Dispose();
    }

    [Fact]
    public void MemoryStatsCountTheArraysOfADevice()
    {
        var device = Device.Of(new CappedBackend(Device.Default.Backend, long.MaxValue), 0);
        var before = device.MemoryStats();
        Assert.Equal(device.Info.MemoryBytes, before.BytesLimit);
        var x = Jax.DevicePut(Jnp.Zeros([Elements]), device);
        var during = device.MemoryStats();
        Assert.Equal(before.BytesInUse + 4L * Elements, during.BytesInUse);
        Assert.Equal(before.NumAllocs + 1, during.NumAllocs);
        Assert.True(during.LargestAllocSize >= 4L * Elements);
        Assert.True(during.PeakBytesInUse >= during.BytesInUse);
        x.Dispose();
        Assert.Equal(before.BytesInUse, device.MemoryStats().BytesInUse);
        Assert.Equal(0, Device.Of(new CappedBackend(Device.Default.Backend, 0), 0).MemoryStats().NumAllocs);
    }

    [Fact]
    public void TheBudgetMustBePositive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => UndisposedMemory.BudgetBytes = 0);

    private static void WithBudget(long bytes, Action body)
    {
        var saved = UndisposedMemory.BudgetBytes;
        UndisposedMemory.BudgetBytes = bytes;
        try
        {
            body();
        }
        finally
        {
            UndisposedMemory.BudgetBytes = saved;
        }
    }

    /// <summary>A device with room for <paramref name="capacity"/> bytes, as a GPU's memory fraction gives.</summary>
    private sealed class CappedBackend(IBackend inner, long capacity) : ForwardingBackend(inner)
    {
        private long live;
        private int refusals;

        public int Refusals => Volatile.Read(ref refusals);

        public override string Platform => "capped";

        public override string Description { get; } = inner.Description + $", capped at {capacity} bytes";

        public override BackendCapabilities Capabilities { get; } = inner.Capabilities;

        public override DeviceBuffer Allocate(int device, long byteSize)
        {
            if (Interlocked.Add(ref live, byteSize) > capacity)
            {
                Interlocked.Add(ref live, -byteSize);
                Interlocked.Increment(ref refusals);
                throw new OutOfMemoryException($"capped: {byteSize} bytes do not fit in {capacity}");
            }
            return base.Allocate(device, byteSize);
        }

        public override void Free(DeviceBuffer buffer)
        {
            Interlocked.Add(ref live, -buffer.ByteSize);
            base.Free(buffer);
        }
    }
}
