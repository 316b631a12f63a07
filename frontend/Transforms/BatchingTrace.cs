using JaxNet.Core;
using JaxNet.Parallel;

namespace JaxNet.Transforms;

/// <summary>
/// The batching interpreter (JAX's BatchTrace): a value of this level is an array with one extra axis, the batch
/// axis, or an array that is the same for every batch element (no batch axis). A primitive applied to tracers
/// of this level runs the primitive's <see cref="Primitive.Batch"/> rule on the underlying arrays, which binds
/// batched primitives one level down (so the whole batch is one kernel, never a loop over the batch).
/// </summary>
/// <remarks>With a <see cref="NamedBatchAxis"/> (vmap's axis_name), collectives over that name are this level's
/// too, and run along the batch axis.</remarks>
internal sealed class BatchTrace(MainTrace main, NamedBatchAxis? axis = null) : Trace(main)
{
    public override Tracer Pure(NDArray value) => new BatchTracer(this, value, null);

    public override Tracer Lift(Tracer tracer) => new BatchTracer(this, NDArray.FromTracer(tracer), null);

    public override Tracer[] ProcessPrimitive(Primitive primitive, Tracer[] tracers, Params p)
    {
        var values = new NDArray[tracers.Length];
        var axes = new int?[tracers.Length];
        for (var i = 0; i < tracers.Length; i++)
        {
            var t = (BatchTracer)tracers[i];
            values[i] = t.Value;
            axes[i] = t.BatchAxis;
        }
        NDArray[] outputs;
        int?[] outAxes;
        if (axis is not null && primitive is CollectivePrimitive collective && collective.Axes(p).Single == axis.Name)
            (outputs, outAxes) = collective.BatchAlongAxis(values, axes, p, axis.Size);
        else if (axes.All(a => a is null))
        {
            // Nothing batched (constants, closed-over arrays): the primitive is the same for every batch element.
            outputs = primitive.Bind(p, values);
            outAxes = new int?[outputs.Length];
        }
        // The rule runs with this level's axis name, if any, for the jaxprs it batches (no closure when no name is in play).
        else if (axis is null && NamedBatchAxis.Running is null) (outputs, outAxes) = primitive.Batch(values, axes, p);
        else (outputs, outAxes) = NamedBatchAxis.Within(axis, () => primitive.Batch(values, axes, p));
        var result = new Tracer[outputs.Length];
        for (var i = 0; i < outputs.Length; i++) result[i] = new BatchTracer(this, outputs[i], outAxes[i]);
        return result;
    }
}

/// <summary>
/// A value of the batching interpreter: <see cref="Value"/> holds every batch element along
/// <see cref="BatchAxis"/> (null: not batched, the same for every element). Its aval is the per-element one.
/// </summary>
internal sealed class BatchTracer : Tracer
{
    public BatchTracer(Trace trace, NDArray value, int? batchAxis) : base(trace)
    {
        Value = value;
        BatchAxis = batchAxis;
        var v = value.Aval;
        if (batchAxis is not { } axis) Aval = v;
        else
        {
            if (axis < 0 || axis >= v.Rank)
                throw new InvalidOperationException($"batch axis {axis} is out of range for a batched value {v.Str()}");
            Aval = v.WithShape(v.Shape.Where((_, d) => d != axis).ToArray());
        }
    }

    public NDArray Value { get; }

    public int? BatchAxis { get; }

    public override ShapedArray Aval { get; }
}
