using System.Diagnostics;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Cases;
using JaxNet.Conformance.Numerics;

namespace JaxNet.Conformance.Running;

/// <summary>
/// Runs cases on a backend: allocates, copies in, compiles, launches, waits, copies out, compares and frees
/// (also when anything throws). A case the backend's capabilities rule out is skipped with the reason; anything
/// else that goes wrong is a failure with the backend's message.
/// </summary>
public static class ConformanceRunner
{
    public static CaseResult Run(IBackend backend, ConformanceCase c, ToleranceProfile? profile = null)
    {
        var clock = Stopwatch.StartNew();
        var (outcome, message) = Execute(backend, c, profile ?? ToleranceProfile.Default);
        return new CaseResult(c.Id, c.Family, c.DType.ShortName(), outcome, message, clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>Runs every case and aggregates the results.</summary>
    public static ConformanceReport RunAll(IBackend backend, IEnumerable<ConformanceCase> cases, ToleranceProfile? profile = null,
        Action<CaseResult>? progress = null)
    {
        var results = new List<CaseResult>();
        foreach (var c in cases)
        {
            var result = Run(backend, c, profile);
            progress?.Invoke(result);
            results.Add(result);
        }
        return ConformanceReport.Create(backend.Platform, backend.Description, results);
    }

    /// <summary>Why the backend cannot run the case, or null when it can.</summary>
    public static string? SkipReason(IBackend backend, ConformanceCase c)
    {
        var capabilities = backend.Capabilities;
        if (backend.Devices.Count < c.DevicesRequired) return $"backend has {backend.Devices.Count} devices, the case needs {c.DevicesRequired}";
        if (c.Collective is { } spec)
        {
            if (backend.Collectives is null) return "backend has no collectives";
            if (!capabilities.Collectives.Contains(spec.Kind)) return $"collective {spec.Kind}";
            if (!capabilities.DTypes.Contains(spec.DType)) return $"dtype {spec.DType.ShortName()}";
            return null;
        }
        foreach (var kernel in c.Module!.Kernels)
        {
            var missing = capabilities.Unsupported(kernel);
            if (missing is not null) return missing;
            if (kernel is ScatterKernel { InPlace: true } && !capabilities.InPlaceScatter) return "in-place scatter";
        }
        var rank = c.Inputs.Select(t => t.Shape.Length).Concat(c.ResultSpecs.Select(s => s.Shape.Length)).DefaultIfEmpty(0).Max();
        if (rank > capabilities.MaxRank) return $"rank {rank} (the backend's maximum is {capabilities.MaxRank})";
        return null;
    }

    private static (CaseOutcome, string) Execute(IBackend backend, ConformanceCase c, ToleranceProfile profile)
    {
        string? skip;
        try
        {
            skip = SkipReason(backend, c);
        }
        catch (Exception e)
        {
            return (CaseOutcome.Failed, $"the case could not be prepared: {e.GetType().Name}: {e.Message}");
        }
        if (skip is not null) return (CaseOutcome.Skipped, "unsupported: " + skip);
        IReadOnlyList<HostTensor> got;
        try
        {
            got = c.Collective is null ? RunModule(backend, c) : RunCollective(backend, c);
        }
        catch (Exception e)
        {
            return (CaseOutcome.Failed, $"{e.GetType().Name}: {e.Message}");
        }
        var mismatch = ResultComparer.Compare(c.Expected, got, profile.For(c),
            c.Collective is null ? null : c.Expected.Select((_, g) => $"member {g}").ToArray(),
            profile.Subnormals == SubnormalMode.FlushFloat32 && c.Collective is null ? c.ExpectedFlushingSubnormals : null);
        return mismatch is null ? (CaseOutcome.Passed, "") : (CaseOutcome.Failed, mismatch);
    }

    private static IReadOnlyList<HostTensor> RunModule(IBackend backend, ConformanceCase c)
    {
        var module = c.Module!;
        var buffers = new List<DeviceBuffer>();
        IExecutable? executable = null;
        try
        {
            var parameters = c.Inputs.Select(t => Allocate(backend, buffers, 0, t.Data.Length)).ToArray();
            var results = c.ResultSpecs.Select(s => Allocate(backend, buffers, 0, s.ByteSize)).ToArray();
            var copies = new List<DeviceEvent>();
            for (var i = 0; i < parameters.Length; i++) copies.Add(backend.CopyToDevice(c.Inputs[i].Data, parameters[i], 0));
            // An aliased result starts as its parameter, as the host's launch gives it (a copy: nothing is donated here).
            foreach (var alias in module.Aliases) copies.Add(backend.CopyToDevice(c.Inputs[alias.Parameter].Data, results[alias.Result], 0));
            executable = backend.Compile(module, CompileOptions.Default);
            backend.Launch(executable, 0, parameters, results, copies.ToArray()).Wait();
            return CopyOut(backend, results, c.ResultSpecs);
        }
        finally
        {
            executable?.Dispose();
            foreach (var b in buffers) backend.Free(b);
        }
    }

    private static IReadOnlyList<HostTensor> RunCollective(IBackend backend, ConformanceCase c)
    {
        var spec = c.Collective!;
        var collectives = backend.Collectives!;
        var buffers = new List<DeviceBuffer>();
        try
        {
            var size = spec.DType.SizeOf();
            var inputs = Enumerable.Range(0, spec.GroupSize).Select(g => Allocate(backend, buffers, g, spec.InputCount * size)).ToArray();
            var outputs = Enumerable.Range(0, spec.GroupSize).Select(g => Allocate(backend, buffers, g, spec.OutputCount * size)).ToArray();
            for (var g = 0; g < spec.GroupSize; g++) backend.CopyToDevice(c.Inputs[g].Data, inputs[g], 0).Wait();
            var done = spec.Kind switch
            {
                CollectiveKind.AllReduce => collectives.AllReduce(spec.Op, spec.DType, inputs, outputs, spec.Count),
                CollectiveKind.AllGather => collectives.AllGather(spec.DType, inputs, outputs, spec.Count),
                CollectiveKind.ReduceScatter => collectives.ReduceScatter(spec.Op, spec.DType, inputs, outputs, spec.Count),
                CollectiveKind.AllToAll => collectives.AllToAll(spec.DType, inputs, outputs, spec.Count),
                CollectiveKind.Permute => collectives.Permute(spec.DType, inputs, outputs, (spec.Pairs ?? []).ToArray(), spec.Count),
                CollectiveKind.Broadcast => collectives.Broadcast(spec.DType, spec.Root, inputs, outputs, spec.Count),
                _ => throw new NotSupportedException($"collective {spec.Kind}"),
            };
            done.Wait();
            return CopyOut(backend, outputs, c.ResultSpecs);
        }
        finally
        {
            foreach (var b in buffers) backend.Free(b);
        }
    }

    private static DeviceBuffer Allocate(IBackend backend, List<DeviceBuffer> owned, int device, long bytes)
    {
        var buffer = backend.Allocate(device, bytes);
        owned.Add(buffer);
        return buffer;
    }

    private static IReadOnlyList<HostTensor> CopyOut(IBackend backend, DeviceBuffer[] buffers, IReadOnlyList<TensorSpec> specs)
    {
        var host = specs.Select(s => new byte[s.ByteSize]).ToArray();
        var events = buffers.Select((b, i) => backend.CopyToHost(b, 0, host[i])).ToArray();
        foreach (var e in events) e.Wait();
        return specs.Select((s, i) => new HostTensor(s.DType, s.Shape, host[i])).ToArray();
    }
}
