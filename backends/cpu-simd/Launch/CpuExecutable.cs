using System.Collections.Concurrent;
using System.Text;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Shared.Profiling;
using JaxNet.Backends.CpuSimd.Memory;

namespace JaxNet.Backends.CpuSimd.Launch;

/// <summary>
/// A module compiled for the CPU: one <see cref="ICpuKernel"/> per kernel, run in schedule order. Temporaries and
/// scratch buffers are pooled per executable: a launch rents a table of them and gives it back when done.
/// </summary>
internal sealed class CpuExecutable(object owner, KernelModule module, IReadOnlyList<CompiledKernel> kernels,
    IReadOnlyList<long> scratchSizes, string isa) : IExecutable
{
    private readonly ConcurrentBag<nint[]> tables = [];
    private nint[]? lastTable;
    private int disposed;

    private readonly CompiledKernel[] schedule = [.. kernels];

    /// <summary>The backend that compiled it; launches on another backend are rejected.</summary>
    public object Owner { get; } = owner;

    public KernelModule Module { get; } = module;

    public IReadOnlyList<CompiledKernel> Kernels { get; } = kernels;

    /// <summary>The module's parameter buffer ids, in launch order.</summary>
    public int[] ParameterIds { get; } = [.. module.Parameters];

    /// <summary>The module's result buffer ids, in launch order.</summary>
    public int[] ResultIds { get; } = [.. module.Results];

    /// <summary>The bytes the module declares for each parameter and each result, in launch order (checked per launch).</summary>
    public long[] ParameterBytes { get; } = [.. module.Parameters.Select(id => module.Buffers[id].ByteSize)];

    /// <inheritdoc cref="ParameterBytes"/>
    public long[] ResultBytes { get; } = [.. module.Results.Select(id => module.Buffers[id].ByteSize)];

    /// <summary>Per-kernel times, when the backend's <c>profile</c> setting is on.</summary>
    public KernelProfile? Profile { get; init; }

    /// <summary>The rough flops of one launch, to decide whether to queue it.</summary>
    public double Cost { get; } = kernels.Sum(k => k.Cost);

    /// <summary>Runs the schedule with the given parameter and result addresses (queued launches).</summary>
    public void Run(nint[] parameters, nint[] results)
    {
        var table = Rent();
        for (var i = 0; i < parameters.Length; i++) table[ParameterIds[i]] = parameters[i];
        for (var i = 0; i < results.Length; i++) table[ResultIds[i]] = results[i];
        RunSchedule(table);
    }

    /// <summary>Runs the schedule on buffers the backend has checked (inline launches: no allocation).</summary>
    public void Run(ReadOnlySpan<DeviceBuffer> parameters, ReadOnlySpan<DeviceBuffer> results)
    {
        var table = Rent();
        for (var i = 0; i < parameters.Length; i++) table[ParameterIds[i]] = ((CpuBuffer)parameters[i]).Address;
        for (var i = 0; i < results.Length; i++) table[ResultIds[i]] = ((CpuBuffer)results[i]).Address;
        RunSchedule(table);
    }

    /// <summary>Runs every kernel in order on a rented table, then gives the table back.</summary>
    private void RunSchedule(nint[] table)
    {
        try
        {
            var buffers = new BufferTable(table);
            var profile = Profile;
            for (var k = 0; k < schedule.Length; k++)
            {
                var kernel = schedule[k];
                try
                {
                    var start = profile is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
                    kernel.Code.Run(buffers);
                    profile?.Add(k, System.Diagnostics.Stopwatch.GetTimestamp() - start);
                }
                catch (Exception e)
                {
                    throw new InvalidOperationException($"kernel '{kernel.Source.Name}' of module '{Module.Name}' failed: {e.Message}", e);
                }
            }
        }
        finally
        {
            if (Volatile.Read(ref disposed) != 0) FreeTemporaries(table);
            else if (Interlocked.CompareExchange(ref lastTable, table, null) is not null) tables.Add(table);
        }
    }

    private nint[] Rent()
    {
        // One table in a plain slot serves the common case (one launch at a time) without the bag's cost.
        var table = Interlocked.Exchange(ref lastTable, null);
        if (table is not null || tables.TryTake(out table)) return table;
        table = new nint[Module.Buffers.Count + scratchSizes.Count];
        foreach (var b in Module.Buffers)
            if (b.Role == BufferRole.Temporary) table[b.Id] = NativeBlock.Allocate(b.ByteSize);
        for (var s = 0; s < scratchSizes.Count; s++) table[Module.Buffers.Count + s] = NativeBlock.Allocate(scratchSizes[s]);
        return table;
    }

    private void FreeTemporaries(nint[] table)
    {
        foreach (var b in Module.Buffers)
            if (b.Role == BufferRole.Temporary) NativeBlock.Free(table[b.Id]);
        for (var s = 0; s < scratchSizes.Count; s++) NativeBlock.Free(table[Module.Buffers.Count + s]);
    }

    public string Describe()
    {
        var text = new StringBuilder(Module.ToText());
        text.Append("; cpu-simd plan (").Append(isa).Append(")\n");
        for (var i = 0; i < Kernels.Count; i++)
        {
            var k = Kernels[i];
            text.Append(";   ").Append(k.Source.Kind.ToString().ToLowerInvariant()).Append(' ').Append(k.Source.Name)
                .Append(": ").Append(k.Implementation);
            if (Profile is not null) text.Append(Profile.Describe(i));
            text.Append('\n');
        }
        if (scratchSizes.Count > 0)
            text.Append(";   scratch per launch: ").Append(string.Join(", ", scratchSizes.Select(s => s + "B"))).Append('\n');
        return text.ToString();
    }

    /// <summary>
    /// Releases pooled temporaries. The executable stays usable (the backend caches it by fingerprint and may hand
    /// it out again); later launches allocate afresh and free on return.
    /// </summary>
    public void Dispose()
    {
        Interlocked.Exchange(ref disposed, 1);
        if (Interlocked.Exchange(ref lastTable, null) is { } last) FreeTemporaries(last);
        while (tables.TryTake(out var table)) FreeTemporaries(table);
    }
}
