using JaxNet.Core;
using JaxNet.Runtime;

namespace JaxNet.Parallel;

/// <summary>
/// The state of one pmapped function: its SPMD programs, one per argument signature, and how it splits arguments
/// over devices and stacks the results.
/// </summary>
internal sealed class PmapFunction(Func<NDArray[], NDArray[]> f, int?[] inAxes, string? axisName, IReadOnlyList<Device>? devices, string name)
{
    private readonly Dictionary<string, SpmdProgram> programs = [];
    private readonly Lock gate = new();

    public NDArray[] Call(NDArray[] args)
    {
        if (inAxes.Length != args.Length)
            throw new ArgumentException($"pmap of {name}: in_axes has {inAxes.Length} entries for {args.Length} arguments");
        if (args.Any(a => a.Tracer is not null) || TraceStack.Depth > 0)
            throw new NotSupportedException($"pmap of {name} under another transformation (Grad, Vmap, Jit) is not supported yet: " +
                "apply the transformation inside the pmapped function");
        var mapped = Enumerable.Range(0, args.Length).Where(i => inAxes[i] is not null).ToArray();
        if (mapped.Length == 0) throw new ArgumentException($"pmap of {name}: no argument is mapped (in_axes are all null)");
        args = (NDArray[])args.Clone();
        foreach (var i in mapped)
        {
            var rank = args[i].Ndim;
            var axis = inAxes[i]!.Value;
            if (axis < -rank || axis >= Math.Max(rank, 1) || rank == 0)
                throw new ShapeException($"pmap of {name}: argument {i} of shape {Shapes.Format(args[i].Aval.Shape)} has no axis {axis} to map");
            // The mapped axis goes first; each device then takes one row.
            args[i] = Jnp.Moveaxis(args[i], axis < 0 ? axis + rank : axis, 0);
        }
        var size = args[mapped[0]].Shape[0];
        foreach (var i in mapped)
            if (args[i].Shape[0] != size)
                throw new ShapeException($"pmap of {name}: mapped arguments have leading axes of sizes {size} and {args[i].Shape[0]} (argument {i})");
        var available = devices ?? Jax.Devices();
        if (size > available.Count)
            throw new ArgumentException($"pmap of {name}: the leading axis has size {size}, but only {available.Count} devices are available " +
                $"({string.Join(", ", available)}); the cpu backend shows more with JAXNET_CPU_DEVICES");
        if (size == 0) throw new ShapeException($"pmap of {name}: the mapped axis is empty");
        var used = available.Take(size).ToArray();
        var avals = args.Select((a, i) => inAxes[i] is null ? a.Aval.Strong() : a.Aval.Strong().WithShape(a.Shape[1..])).ToArray();
        var program = ProgramFor(avals, size, used);
        var perDevice = used.Select((_, d) => args.Select((a, i) => inAxes[i] is null ? a : Slice(a, d)).ToArray()).ToArray();
        var results = program.Run(perDevice, used);
        return Enumerable.Range(0, results[0].Length)
            .Select(k => Jnp.Stack(results.Select(r => Jax.DevicePut(r[k], used[0])).ToArray()))
            .ToArray();
    }

    private SpmdProgram ProgramFor(ShapedArray[] avals, int size, Device[] used)
    {
        var key = $"{size}|{string.Join(",", used.Select(d => d.ToString()))}|{string.Join(",", avals.Select(a => a.Str()))}";
        lock (gate)
        {
            if (programs.TryGetValue(key, out var hit)) return hit;
            var axis = axisName ?? "pmap_axis";
            ClosedJaxpr jaxpr;
            using (AxisEnv.Bind(axis, size)) jaxpr = Tracing.ToJaxpr(f, avals, "pmap", name);
            var program = new SpmdProgram(jaxpr, JitFunction.Sanitize(name), used);
            programs[key] = program;
            return program;
        }
    }

    private static NDArray Slice(NDArray x, int d) => Jax.Lax.Reshape(Jax.Lax.SliceInDim(x, d, d + 1, 1, 0), x.Shape[1..]);
}
