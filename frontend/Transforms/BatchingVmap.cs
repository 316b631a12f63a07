using JaxNet.Core;

namespace JaxNet.Transforms;

/// <summary>
/// vmap of a flat function (JAX's vmap_flat): checks the axes and the batch size, pushes a batching level, wraps the
/// mapped arguments as batch tracers (unmapped ones pass through as they are), runs the function once on them and
/// moves each result's batch axis to its out axis, broadcasting results that did not depend on a mapped argument.
/// </summary>
internal static class BatchingVmap
{
    public static NDArray[] Apply(Func<NDArray[], NDArray[]> f, NDArray[] args, int?[]? inAxes, int[] outAxes, string? function,
        IReadOnlyList<string> argNames, string? axisName = null)
    {
        var axes = NormalizeInAxes(args, inAxes, function, argNames);
        var size = BatchSize(args, axes, argNames);
        var named = axisName is null ? null : new NamedBatchAxis(axisName, size);
        NDArray[] values;
        int?[] valueAxes;
        using (var scope = TraceStack.NewMain("vmap", function, m => new BatchTrace(m, named)))
        using (named?.BindTo(scope.Main))
        {
            var trace = scope.Main.NewTrace();
            var traced = args.Select((x, i) => axes[i] is { } a ? NDArray.FromTracer(new BatchTracer(trace, x, a)) : x).ToArray();
            var outs = f(traced);
            // One out axis applies to every result (JAX's out_axes=0 for a whole pytree of results).
            if (outAxes.Length == 1 && outs.Length != 1) outAxes = Enumerable.Repeat(outAxes[0], outs.Length).ToArray();
            if (outs.Length != outAxes.Length)
                throw new ArgumentException($"vmap out_axes has {outAxes.Length} entries but {Describe(function)} returned {outs.Length} results");
            values = new NDArray[outs.Length];
            valueAxes = new int?[outs.Length];
            for (var i = 0; i < outs.Length; i++) (values[i], valueAxes[i]) = Unbox(outs[i], scope.Main);
        }
        var results = new NDArray[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var rank = values[i].Ndim - (valueAxes[i] is null ? 0 : 1) + 1;
            var to = outAxes[i] < 0 ? outAxes[i] + rank : outAxes[i];
            if (to < 0 || to >= rank)
                throw new ShapeException($"vmap out_axes {outAxes[i]} is out of bounds for result {i} of {Describe(function)}, " +
                    $"which has rank {rank} with its batch axis");
            results[i] = Batching.BatchAt(values[i], valueAxes[i], to, size);
        }
        return results;
    }

    private static (NDArray Value, int? Axis) Unbox(NDArray output, MainTrace main)
    {
        if (output.Tracer is not { } tracer) return (output, null);
        if (tracer is BatchTracer b && tracer.Trace.Main == main) return (b.Value, b.BatchAxis);
        if (!tracer.Trace.Main.IsActive) throw TraceStack.Leak(tracer, null);
        // A tracer of an enclosing transformation: the result does not depend on the mapped arguments.
        return (output, null);
    }

    private static int?[] NormalizeInAxes(NDArray[] args, int?[]? inAxes, string? function, IReadOnlyList<string> names)
    {
        inAxes ??= new int?[args.Length];
        if (inAxes.Length != args.Length)
            throw new ArgumentException($"vmap in_axes must give one axis (or null) per argument: {Describe(function)} takes " +
                $"{args.Length} arguments, in_axes has {inAxes.Length}");
        if (inAxes.All(a => a is null))
            throw new ArgumentException($"vmap must have at least one non-null value in in_axes (vmap of {Describe(function)}: " +
                "no argument is mapped, so there is no batch axis)");
        var axes = new int?[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            if (inAxes[i] is not { } a) continue;
            var rank = args[i].Ndim;
            var n = a < 0 ? a + rank : a;
            if (n < 0 || n >= rank)
                throw new ShapeException($"vmap was requested to map argument {names[i]} along axis {a}, which implies that its rank " +
                    $"should be at least {(a < 0 ? -a : a + 1)}, but it is only {rank} (its type is {args[i].Aval.Str()})");
            axes[i] = n;
        }
        return axes;
    }

    private static int BatchSize(NDArray[] args, int?[] axes, IReadOnlyList<string> names)
    {
        var mapped = Enumerable.Range(0, args.Length).Where(i => axes[i] is not null).ToArray();
        var sizes = mapped.Select(i => args[i].Aval.Shape[axes[i]!.Value]).ToArray();
        if (sizes.Distinct().Count() > 1)
            throw new ShapeException("vmap got inconsistent sizes for the array axes to be mapped:" + string.Concat(mapped.Select((i, k) =>
                $"\n  * argument {names[i]} of type {args[i].Aval.Str()} has size {sizes[k]} along axis {axes[i]}")));
        return sizes[0];
    }

    private static string Describe(string? function) => function is null ? "the function" : $"function {function}";
}
