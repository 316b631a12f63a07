using JaxNet.Abstractions;

namespace JaxNet.Backends.CpuSimd.Launch;

/// <summary>
/// One in-order stream per device. Work runs inline on the caller's thread when its streams are idle and its
/// events have completed (small eager ops then cost no thread hop and return <see cref="DeviceEvent.Completed"/>);
/// otherwise, or when the caller prefers it (large launches), it is chained behind the streams' pending work on
/// the device's worker thread (<see cref="DeviceWorker"/>) and an event is returned.
/// </summary>
/// <remarks>
/// Work spanning several devices (device-to-device copies, collectives) is ordered on all of them. Each stream
/// has a gate; gates are taken in device order, so concurrent callers cannot deadlock. Inline work runs while the
/// gates are held, which keeps another thread from slipping work in between. A failure of queued work surfaces
/// from its own event; a failed <c>waitFor</c> event fails the work that waits for it.
/// </remarks>
internal sealed class DeviceStreams : IDisposable
{
    private readonly object[] gates;
    private readonly Task[] tails;
    private readonly DeviceWorker[] workers;

    public DeviceStreams(int deviceCount)
    {
        gates = new object[deviceCount];
        tails = new Task[deviceCount];
        workers = new DeviceWorker[deviceCount];
        for (var d = 0; d < deviceCount; d++)
        {
            workers[d] = new DeviceWorker(d);
            gates[d] = new object();
            tails[d] = Task.CompletedTask;
        }
    }

    /// <summary>True when the device has no pending queued work.</summary>
    public bool IsIdle(int device) => Volatile.Read(ref tails[device]).IsCompleted;

    /// <summary>Blocks until every stream has finished what was queued so far (errors stay with their events).</summary>
    public void Drain()
    {
        foreach (var tail in tails.ToArray())
            ((IAsyncResult)tail).AsyncWaitHandle.WaitOne();
    }

    /// <summary>
    /// Takes the device's gate when its stream is idle and <paramref name="waitFor"/> has completed, so the caller
    /// can run work that cannot be captured (it reads a span) inline; otherwise returns an unacquired slot.
    /// </summary>
    public InlineSlot TryInline(int device, ReadOnlySpan<DeviceEvent> waitFor)
    {
        Monitor.Enter(gates[device]);
        if (tails[device].IsCompleted && AllCompleted(waitFor)) return new InlineSlot(gates[device]);
        Monitor.Exit(gates[device]);
        return default;
    }

    /// <summary>Holds a device's gate while work runs inline; <see cref="Dispose"/> releases it.</summary>
    public readonly ref struct InlineSlot(object? gate)
    {
        public bool Acquired => gate is not null;

        public void Dispose()
        {
            if (gate is not null) Monitor.Exit(gate);
        }
    }

    /// <summary>Waits for queued work, then stops the workers.</summary>
    public void Dispose()
    {
        Drain();
        foreach (var worker in workers) worker.Dispose();
    }

    /// <summary>Runs <paramref name="work"/> on one device's stream (the eager fast path: no allocation when inline).</summary>
    public DeviceEvent Submit(int device, Action work, ReadOnlySpan<DeviceEvent> waitFor, bool preferQueued = false)
    {
        lock (gates[device])
        {
            if (!preferQueued && tails[device].IsCompleted && AllCompleted(waitFor)) return RunInline(work, waitFor);
        }
        return Submit([device], work, waitFor, preferQueued);
    }

    private static bool AllCompleted(ReadOnlySpan<DeviceEvent> events)
    {
        foreach (var e in events)
            if (!e.IsCompleted) return false;
        return true;
    }

    /// <summary>
    /// Runs <paramref name="work"/> after everything issued before on each of <paramref name="devices"/>
    /// (distinct, ascending) and after <paramref name="waitFor"/>.
    /// </summary>
    public DeviceEvent Submit(int[] devices, Action work, ReadOnlySpan<DeviceEvent> waitFor, bool preferQueued = false)
    {
        var taken = 0;
        try
        {
            foreach (var d in devices)
            {
                Monitor.Enter(gates[d]);
                taken++;
            }
            if (!preferQueued && CanRunInline(devices, waitFor)) return RunInline(work, waitFor);
            var task = Queue(devices, work, waitFor.ToArray());
            foreach (var d in devices) tails[d] = task;
            return new CpuEvent(task);
        }
        finally
        {
            for (var i = taken - 1; i >= 0; i--) Monitor.Exit(gates[devices[i]]);
        }
    }

    private bool CanRunInline(int[] devices, ReadOnlySpan<DeviceEvent> waitFor)
    {
        foreach (var d in devices)
            if (!tails[d].IsCompleted) return false;
        foreach (var e in waitFor)
            if (!e.IsCompleted) return false;
        return true;
    }

    private static DeviceEvent RunInline(Action work, ReadOnlySpan<DeviceEvent> waitFor)
    {
        try
        {
            foreach (var e in waitFor) e.Wait();
            work();
            return DeviceEvent.Completed;
        }
        catch (Exception e)
        {
            return DeviceEvent.Failed(e);
        }
    }

    private Task Queue(int[] devices, Action work, DeviceEvent[] waitFor)
    {
        var dependencies = new List<Task>(devices.Length + waitFor.Length);
        foreach (var d in devices)
            if (!tails[d].IsCompleted) dependencies.Add(tails[d]);
        foreach (var e in waitFor)
        {
            if (e.IsCompleted) continue;
            // Our own events chain without blocking; a foreign event costs a pool thread that waits for it.
            dependencies.Add(e is CpuEvent own ? own.Task : Task.Run(() => { try { e.Wait(); } catch { /* rethrown below */ } }));
        }
        void Body()
        {
            foreach (var e in waitFor) e.Wait();
            work();
        }
        // Work spanning devices runs on the first one's worker; the others' streams wait on its task.
        var worker = workers[devices[0]];
        if (dependencies.Count == 0)
            return Task.Factory.StartNew(Body, CancellationToken.None, TaskCreationOptions.DenyChildAttach, worker);
        // The continuation runs whether or not predecessors failed: a failure belongs to its own event.
        return Task.WhenAll(dependencies).ContinueWith(_ => Body(), CancellationToken.None,
            TaskContinuationOptions.DenyChildAttach, worker);
    }
}
