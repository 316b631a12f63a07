using JaxNet.Abstractions;
using JaxNet.Backends.Vulkan.Driver;
using Silk.NET.Vulkan;
using Semaphore = Silk.NET.Vulkan.Semaphore;

namespace JaxNet.Backends.Vulkan.Streams;

/// <summary>
/// A device's in-order stream: one timeline semaphore, one queue and one worker thread. Every operation gets the
/// next timeline value when it is issued (so the caller gets its event at once); the worker executes operations
/// in that order. GPU operations are submitted without waiting (a full memory barrier at the start of each
/// command buffer orders them after earlier submissions) and signal their value from the GPU; host operations
/// wait for the previous value, run, and signal theirs with vkSignalSemaphore. Stream-ordered releases (Free,
/// temporaries, descriptor pools) run once the timeline passes the last value issued before them.
/// After <see cref="Dispose"/> the stream reports everything complete and drops releases (the device's memory went
/// with it): finalizers free buffers and callers poll events long after a backend is gone, and a Vulkan call on
/// the destroyed device aborts the process inside the loader.
/// </summary>
internal sealed unsafe class DeviceStream : IDisposable
{
    private readonly Vk vk;
    private readonly Device device;
    private readonly Queue queue;
    private readonly Semaphore timeline;
    private readonly CommandPool commandPool;
    private readonly object gate = new();
    private readonly Queue<StreamOperation> pending = new();
    private readonly List<(ulong Value, Action Release)> deferred = [];
    private readonly object deferredGate = new();
    private readonly Stack<CommandBuffer> spareCommandBuffers = new();
    private readonly List<CommandBuffer> returnedCommandBuffers = [];
    private readonly Thread worker;
    private ulong lastIssued;
    private bool stopping;

    // Readers are the calls that touch the semaphore or run releases; Dispose takes it for writing to destroy them,
    // so a finalizer's Free racing with Dispose either finishes first or sees the stream destroyed.
    private readonly ReaderWriterLockSlim lifetime = new(LockRecursionPolicy.SupportsRecursion);
    private bool destroyed;

    public DeviceStream(Vk vk, Device device, Queue queue, uint queueFamily, string name)
    {
        this.vk = vk;
        this.device = device;
        this.queue = queue;
        var typeInfo = new SemaphoreTypeCreateInfo
        {
            SType = StructureType.SemaphoreTypeCreateInfo,
            SemaphoreType = SemaphoreType.Timeline,
            InitialValue = 0,
        };
        var info = new SemaphoreCreateInfo { SType = StructureType.SemaphoreCreateInfo, PNext = &typeInfo };
        Semaphore s;
        VulkanInstance.Check(vk.CreateSemaphore(device, &info, null, &s), "vkCreateSemaphore(timeline)");
        timeline = s;
        var poolInfo = new CommandPoolCreateInfo
        {
            SType = StructureType.CommandPoolCreateInfo,
            Flags = CommandPoolCreateFlags.ResetCommandBufferBit,
            QueueFamilyIndex = queueFamily,
        };
        CommandPool pool;
        VulkanInstance.Check(vk.CreateCommandPool(device, &poolInfo, null, &pool), "vkCreateCommandPool");
        commandPool = pool;
        worker = new Thread(Run) { IsBackground = true, Name = "jaxnet-vulkan " + name };
        worker.Start();
    }

    /// <summary>The highest timeline value the device has reached.</summary>
    public ulong CompletedValue
    {
        get
        {
            if (!TryEnterAlive()) return lastIssued;
            try
            {
                ulong value;
                var r = vk.GetSemaphoreCounterValue(device, timeline, &value);
                return r == Result.Success ? value : throw new DeviceOperationException($"vkGetSemaphoreCounterValue failed: {r}");
            }
            finally
            {
                lifetime.ExitReadLock();
            }
        }
    }

    /// <summary>True when nothing issued is still pending or running.</summary>
    public bool IsIdle
    {
        get { lock (gate) return CompletedValue >= lastIssued; }
    }

    public VulkanEvent SubmitGpu(ReadOnlySpan<DeviceEvent> waitFor, Action<CommandBuffer, List<Action>> record)
    {
        var waits = waitFor.ToArray();
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(stopping, this);
            var e = new VulkanEvent(this, ++lastIssued);
            pending.Enqueue(new GpuOperation(e, waits, record));
            Monitor.Pulse(gate);
            return e;
        }
    }

    public VulkanEvent SubmitHost(ReadOnlySpan<DeviceEvent> waitFor, Action action)
    {
        var waits = waitFor.ToArray();
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(stopping, this);
            var e = new VulkanEvent(this, ++lastIssued);
            pending.Enqueue(new HostOperation(e, waits, action));
            Monitor.Pulse(gate);
            return e;
        }
    }

    /// <summary>Runs <paramref name="release"/> once everything issued so far has completed.</summary>
    public void ReleaseAfterIssued(Action release)
    {
        if (!TryEnterAlive()) return;
        try
        {
            ulong after;
            lock (gate) after = lastIssued;
            lock (deferredGate) deferred.Add((after, release));
            ReclaimCompleted();
        }
        finally
        {
            lifetime.ExitReadLock();
        }
    }

    /// <summary>Runs the releases whose work has completed.</summary>
    public void ReclaimCompleted()
    {
        if (!TryEnterAlive()) return;
        try
        {
            var done = CompletedValue;
            List<Action>? ready = null;
            lock (deferredGate)
            {
                for (var i = 0; i < deferred.Count; i++)
                {
                    if (deferred[i].Value > done) continue;
                    (ready ??= []).Add(deferred[i].Release);
                    deferred.RemoveAt(i--);
                }
            }
            if (ready is null) return;
            foreach (var r in ready) r();
        }
        finally
        {
            lifetime.ExitReadLock();
        }
    }

    /// <summary>Enters <see cref="lifetime"/> for reading and returns true, unless the stream is destroyed.</summary>
    private bool TryEnterAlive()
    {
        lifetime.EnterReadLock();
        if (!destroyed) return true;
        lifetime.ExitReadLock();
        return false;
    }

    /// <summary>True when some stream-ordered release is still waiting for the device.</summary>
    public bool HasDeferred
    {
        get { lock (deferredGate) return deferred.Count > 0; }
    }

    public void WaitFor(ulong value)
    {
        // Dispose waited for everything issued, so a destroyed stream has nothing left to wait for.
        if (!TryEnterAlive()) return;
        try
        {
            var t = timeline;
            var info = new SemaphoreWaitInfo
            {
                SType = StructureType.SemaphoreWaitInfo,
                SemaphoreCount = 1,
                PSemaphores = &t,
                PValues = &value,
            };
            var r = vk.WaitSemaphores(device, &info, ulong.MaxValue);
            if (r != Result.Success) throw new DeviceOperationException($"vkWaitSemaphores failed: {r}");
        }
        finally
        {
            lifetime.ExitReadLock();
        }
    }

    /// <summary>Blocks until everything issued so far has completed, then runs the releases.</summary>
    public void Synchronize()
    {
        ulong target;
        lock (gate) target = lastIssued;
        WaitFor(target);
        ReclaimCompleted();
    }

    private void Run()
    {
        while (true)
        {
            StreamOperation? op;
            lock (gate)
            {
                while (pending.Count == 0 && !stopping)
                    Monitor.Wait(gate, HasDeferred ? 2 : Timeout.Infinite);
                if (pending.Count == 0) return;
                op = pending.Dequeue();
            }
            Execute(op);
            ReclaimCompleted();
        }
    }

    private void Execute(StreamOperation op)
    {
        var value = op.Completion.Value;
        try
        {
            foreach (var w in op.WaitFor)
                if (w is not VulkanEvent v || v.Stream != this) w.Wait();
            switch (op)
            {
                case GpuOperation gpu:
                    SubmitCommands(gpu, value);
                    return;
                case HostOperation host:
                    WaitFor(value - 1);
                    host.Action();
                    break;
            }
        }
        catch (Exception e)
        {
            op.Completion.Fail(e);
        }
        // Host operations and failed GPU operations signal from the host, after their predecessors.
        try
        {
            WaitFor(value - 1);
            var signal = new SemaphoreSignalInfo { SType = StructureType.SemaphoreSignalInfo, Semaphore = timeline, Value = value };
            VulkanInstance.Check(vk.SignalSemaphore(device, &signal), "vkSignalSemaphore");
        }
        catch (Exception e)
        {
            op.Completion.Fail(e);
        }
    }

    private void SubmitCommands(GpuOperation op, ulong value)
    {
        var cmd = TakeCommandBuffer();
        var cleanups = new List<Action>();
        var begin = new CommandBufferBeginInfo
        {
            SType = StructureType.CommandBufferBeginInfo,
            Flags = CommandBufferUsageFlags.OneTimeSubmitBit,
        };
        VulkanInstance.Check(vk.BeginCommandBuffer(cmd, &begin), "vkBeginCommandBuffer");
        FullBarrier(vk, cmd);
        try
        {
            op.Record(cmd, cleanups);
            FullBarrier(vk, cmd);
            VulkanInstance.Check(vk.EndCommandBuffer(cmd), "vkEndCommandBuffer");
            var sem = timeline;
            var submitted = cmd;
            var timelineInfo = new TimelineSemaphoreSubmitInfo
            {
                SType = StructureType.TimelineSemaphoreSubmitInfo,
                SignalSemaphoreValueCount = 1,
                PSignalSemaphoreValues = &value,
            };
            var submit = new SubmitInfo
            {
                SType = StructureType.SubmitInfo,
                PNext = &timelineInfo,
                CommandBufferCount = 1,
                PCommandBuffers = &submitted,
                SignalSemaphoreCount = 1,
                PSignalSemaphores = &sem,
            };
            VulkanInstance.Check(vk.QueueSubmit(queue, 1, &submit, default), "vkQueueSubmit");
        }
        catch
        {
            foreach (var c in cleanups) c();
            lock (deferredGate) returnedCommandBuffers.Add(cmd);
            throw;
        }
        cleanups.Add(() => { lock (deferredGate) returnedCommandBuffers.Add(cmd); });
        lock (deferredGate) deferred.Add((value, () => { foreach (var c in cleanups) c(); }));
    }

    private CommandBuffer TakeCommandBuffer()
    {
        lock (deferredGate)
        {
            foreach (var c in returnedCommandBuffers) spareCommandBuffers.Push(c);
            returnedCommandBuffers.Clear();
        }
        if (spareCommandBuffers.Count > 0)
        {
            var reused = spareCommandBuffers.Pop();
            VulkanInstance.Check(vk.ResetCommandBuffer(reused, 0), "vkResetCommandBuffer");
            return reused;
        }
        var info = new CommandBufferAllocateInfo
        {
            SType = StructureType.CommandBufferAllocateInfo,
            CommandPool = commandPool,
            Level = CommandBufferLevel.Primary,
            CommandBufferCount = 1,
        };
        CommandBuffer cmd;
        VulkanInstance.Check(vk.AllocateCommandBuffers(device, &info, &cmd), "vkAllocateCommandBuffers");
        return cmd;
    }

    /// <summary>Every earlier write (shader or transfer) is visible to every later access.</summary>
    public static void FullBarrier(Vk vk, CommandBuffer cmd)
    {
        var barrier = new MemoryBarrier
        {
            SType = StructureType.MemoryBarrier,
            SrcAccessMask = AccessFlags.ShaderWriteBit | AccessFlags.TransferWriteBit | AccessFlags.HostWriteBit,
            DstAccessMask = AccessFlags.ShaderReadBit | AccessFlags.ShaderWriteBit | AccessFlags.TransferReadBit
                | AccessFlags.TransferWriteBit | AccessFlags.HostReadBit,
        };
        vk.CmdPipelineBarrier(cmd, PipelineStageFlags.AllCommandsBit | PipelineStageFlags.HostBit,
            PipelineStageFlags.AllCommandsBit | PipelineStageFlags.HostBit, 0, 1, &barrier, 0, null, 0, null);
    }

    public void Dispose()
    {
        lock (gate)
        {
            stopping = true;
            Monitor.PulseAll(gate);
        }
        worker.Join();
        try { Synchronize(); } catch (DeviceOperationException) { /* device lost: release anyway */ }
        lifetime.EnterWriteLock();
        try
        {
            if (destroyed) return;
            destroyed = true;
            lock (deferredGate)
            {
                foreach (var d in deferred) d.Release();
                deferred.Clear();
            }
            vk.DestroyCommandPool(device, commandPool, null);
            vk.DestroySemaphore(device, timeline, null);
        }
        finally
        {
            lifetime.ExitWriteLock();
        }
    }
}
