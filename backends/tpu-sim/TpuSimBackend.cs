using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.TpuSim.Execution;
using JaxNet.Backends.TpuSim.Interconnect;
using JaxNet.Backends.TpuSim.Machine;
using JaxNet.Backends.TpuSim.Reports;
using JaxNet.Backends.TpuSim.Timing;

namespace JaxNet.Backends.TpuSim;

/// <summary>
/// The tpu-sim backend: simulated TPU cores whose HBM is host memory. Work runs synchronously on the caller's
/// thread (each device's stream is trivially in order); launches compute real results with TPU numerics and
/// advance the device's simulated clock by the kernels' simulated cycles. The devices are chips on the machine's
/// interconnect (<see cref="InterconnectConfig"/>); collectives synchronise their members' clocks.
/// </summary>
public sealed class TpuSimBackend : IBackend
{
    // The simulator holds every integer as a long normalised to its dtype (DTypeValues), which serves the 8- and
    // 16-bit integers of ABI 1.4 as it serves uint8 and int32, and uint64 as its bits with unsigned compares,
    // divisions and float conversions where the signed ones would differ.
    private static readonly DType[] SupportedDTypes = [.. DTypeInfo.All];

    private readonly KernelCostModel costModel;
    private readonly ChromeTrace? trace;
    private readonly object clockGate = new();
    private readonly long[] simulatedCycles;
    private readonly TpuCollectives collectives;

    public TpuSimBackend(TpuMachine machine, int deviceCount = 1, string? tracePath = null)
    {
        if (deviceCount < 1) throw new BackendUnavailableException($"tpu-sim needs at least one device, got {deviceCount}");
        Machine = machine;
        costModel = new KernelCostModel(machine);
        trace = tracePath is null ? null : new ChromeTrace(tracePath, machine);
        simulatedCycles = new long[deviceCount];
        TorusTopology topology;
        try
        {
            topology = new TorusTopology(machine.Interconnect.Torus, deviceCount);
        }
        catch (ArgumentException e)
        {
            throw new BackendUnavailableException($"tpu-sim: {e.Message}", e);
        }
        collectives = new TpuCollectives(this, topology, new CollectiveCostModel(machine));
        var attributes = new Dictionary<string, string>
        {
            ["machine"] = machine.Name,
            ["mxu"] = $"{machine.Mxu.Count}x{machine.Mxu.Rows}x{machine.Mxu.Cols}",
            ["dataflow"] = machine.Mxu.Dataflow.ShortName(),
            ["clock_mhz"] = machine.ClockMHz.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // The MXU rounds float contraction inputs to bf16 at default precision (the conformance suite's
            // BackendTolerances reads this to hold matmuls to bf16 error bounds).
            ["contraction.input-dtype"] = "bf16",
            ["interconnect"] = $"torus {topology.Describe()}, {machine.Interconnect.LinkBytesPerCycle.ToString(System.Globalization.CultureInfo.InvariantCulture)} B/cycle per link and direction",
        };
        Devices = Enumerable.Range(0, deviceCount)
            .Select(i => new DeviceInfo(i, "tpu-sim", machine.Memory.HbmBytes, attributes)).ToArray();
        var everything = BackendCapabilities.Everything(SupportedDTypes, maxRank: 16);
        Capabilities = everything with
        {
            // The optional fft kind (IR 1.2) as MXU matrix products, and complex values as stored (1.3): Execution/Fft.
            KernelKinds = everything.KernelKinds.Append(KernelKind.Fft).ToHashSet(),
            InterleavedFft = true,
            Collectives = Enum.GetValues<CollectiveKind>().ToHashSet(),
            Attributes = attributes,
            InPlaceScatter = true,
        };
    }

    public TpuMachine Machine { get; }

    public string Platform => "tpu-sim";

    public string Description => $"cycle-approximate TPU core simulator, {Machine.Summary}";

    public BackendCapabilities Capabilities { get; }

    public IReadOnlyList<DeviceInfo> Devices { get; }

    public ICollectives? Collectives => collectives;

    /// <summary>Simulated cycles spent so far by the launches on a device.</summary>
    public long SimulatedCycles(int device)
    {
        lock (clockGate) return simulatedCycles[device];
    }

    public DeviceBuffer Allocate(int device, long byteSize)
    {
        CheckDevice(device);
        ArgumentOutOfRangeException.ThrowIfNegative(byteSize);
        return new TpuBuffer(device, byteSize);
    }

    public void Free(DeviceBuffer buffer)
    {
        // Host memory: the garbage collector reclaims it once the host drops the handle.
    }

    public DeviceEvent CopyToDevice(ReadOnlySpan<byte> source, DeviceBuffer destination, long destinationOffset,
        ReadOnlySpan<DeviceEvent> waitFor = default)
    {
        Wait(waitFor);
        var buffer = Own(destination);
        CheckRange(buffer, destinationOffset, source.Length);
        source.CopyTo(buffer.Data.AsSpan((int)destinationOffset));
        return DeviceEvent.Completed;
    }

    public DeviceEvent CopyToHost(DeviceBuffer source, long sourceOffset, Memory<byte> destination,
        ReadOnlySpan<DeviceEvent> waitFor = default)
    {
        Wait(waitFor);
        var buffer = Own(source);
        CheckRange(buffer, sourceOffset, destination.Length);
        buffer.Data.AsSpan((int)sourceOffset, destination.Length).CopyTo(destination.Span);
        return DeviceEvent.Completed;
    }

    public DeviceEvent CopyBuffer(DeviceBuffer source, long sourceOffset, DeviceBuffer destination, long destinationOffset,
        long byteCount, ReadOnlySpan<DeviceEvent> waitFor = default)
    {
        Wait(waitFor);
        var from = Own(source);
        var to = Own(destination);
        CheckRange(from, sourceOffset, byteCount);
        CheckRange(to, destinationOffset, byteCount);
        Array.Copy(from.Data, sourceOffset, to.Data, destinationOffset, byteCount);
        return DeviceEvent.Completed;
    }

    public IExecutable Compile(KernelModule module, CompileOptions options)
    {
        try
        {
            module.Validate();
        }
        catch (InvalidKernelModuleException e)
        {
            throw new KernelCompilationException(module.Name, e.Message, e);
        }
        if (module.Buffers.FirstOrDefault(b => b.ByteSize > Array.MaxLength) is { } large)
            throw new KernelCompilationException(module.Name, $"buffer b{large.Id} has {large.ByteSize} bytes; tpu-sim buffers are at most {Array.MaxLength}");
        var timings = new List<KernelTiming>();
        foreach (var kernel in module.Kernels)
        {
            var missing = Capabilities.Unsupported(kernel);
            if (missing is not null) throw new KernelCompilationException(kernel.Name, $"unsupported {missing}");
            timings.Add(costModel.Estimate(kernel));
        }
        return new TpuExecutable(module, new ModuleReport(module.Name, Machine, timings));
    }

    public DeviceEvent Launch(IExecutable executable, int device, ReadOnlySpan<DeviceBuffer> parameters,
        ReadOnlySpan<DeviceBuffer> results, ReadOnlySpan<DeviceEvent> waitFor = default)
    {
        CheckDevice(device);
        if (executable is not TpuExecutable exe)
            throw new ArgumentException("the executable was not compiled by tpu-sim", nameof(executable));
        var module = exe.Module;
        if (parameters.Length != module.Parameters.Count || results.Length != module.Results.Count)
            throw new ArgumentException($"module {module.Name} takes {module.Parameters.Count} parameters and {module.Results.Count} results");
        Wait(waitFor);
        var ownParameters = new TpuBuffer[parameters.Length];
        for (var i = 0; i < parameters.Length; i++) ownParameters[i] = Own(parameters[i]);
        var ownResults = new TpuBuffer[results.Length];
        for (var i = 0; i < results.Length; i++) ownResults[i] = Own(results[i]);
        try
        {
            var memory = LaunchMemory.For(module, ownParameters, ownResults);
            foreach (var kernel in module.Kernels) KernelRunner.Run(kernel, memory);
        }
        catch (Exception e)
        {
            return DeviceEvent.Failed(e);
        }
        long start;
        lock (clockGate)
        {
            start = simulatedCycles[device];
            simulatedCycles[device] += exe.Report.TotalCycles;
        }
        trace?.AddLaunch(device, start, exe.Report);
        return DeviceEvent.Completed;
    }

    /// <summary>A collective: its members wait for the last of them, then spend its cycles together.</summary>
    internal void AdvanceTogether(IReadOnlyList<int> devices, CollectiveTiming timing)
    {
        long start;
        lock (clockGate)
        {
            start = devices.Max(d => simulatedCycles[d]);
            foreach (var d in devices) simulatedCycles[d] = start + timing.Cycles;
        }
        trace?.AddCollective(devices, start, timing);
    }

    public void Dispose()
    {
    }

    private static void Wait(ReadOnlySpan<DeviceEvent> events)
    {
        foreach (var e in events) e.Wait();
    }

    private void CheckDevice(int device)
    {
        if (device < 0 || device >= Devices.Count)
            throw new ArgumentOutOfRangeException(nameof(device), device, $"tpu-sim has {Devices.Count} device(s)");
    }

    private static TpuBuffer Own(DeviceBuffer buffer) =>
        buffer as TpuBuffer ?? throw new ArgumentException("the buffer does not belong to tpu-sim", nameof(buffer));

    private static void CheckRange(TpuBuffer buffer, long offset, long count)
    {
        if (offset < 0 || count < 0 || offset + count > buffer.ByteSize)
            throw new ArgumentOutOfRangeException(nameof(offset), $"bytes [{offset}, {offset + count}) are outside a buffer of {buffer.ByteSize}");
    }
}
