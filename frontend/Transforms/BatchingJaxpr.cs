using JaxNet.Core;

namespace JaxNet.Transforms;

/// <summary>
/// vmap of a closed jaxpr, for the batching rules of control-flow primitives (JAX's batch_jaxpr): the result takes
/// the inputs flagged in <c>batched</c> with a leading batch axis, runs every equation batched, and returns every
/// output with a leading batch axis (outputs that do not depend on a batched input are broadcast). Forcing every
/// output batched keeps loop carries' types fixed across iterations without JAX's fixpoint over carries.
/// </summary>
internal static class BatchingJaxpr
{
    public static ClosedJaxpr Batch(ClosedJaxpr closed, bool[] batched, int size)
    {
        var inAvals = closed.InAvals;
        var avals = inAvals.Select((a, i) => batched[i] ? a.WithShape([size, .. a.Shape]) : a).ToArray();
        return Tracing.ToJaxpr(args => BatchedEval(closed, args, batched, size), avals, "vmap", null);
    }

    /// <summary>Evaluates <paramref name="closed"/> under a batching level on arguments batched along axis 0 where flagged.</summary>
    private static NDArray[] BatchedEval(ClosedJaxpr closed, NDArray[] args, bool[] batched, int size)
    {
        NDArray[] values;
        int?[] axes;
        var named = NamedBatchAxis.Running;
        using (var scope = TraceStack.NewMain("vmap", null, m => new BatchTrace(m, named)))
        using (named?.BindTo(scope.Main))
        {
            var trace = scope.Main.NewTrace();
            var wrapped = args.Select((x, i) => batched[i] ? NDArray.FromTracer(new BatchTracer(trace, x, 0)) : x).ToArray();
            var outs = JaxprEval.Eval(closed, wrapped);
            values = new NDArray[outs.Length];
            axes = new int?[outs.Length];
            for (var i = 0; i < outs.Length; i++)
            {
                if (outs[i].Tracer is BatchTracer b && b.Trace.Main == scope.Main) (values[i], axes[i]) = (b.Value, b.BatchAxis);
                else (values[i], axes[i]) = (outs[i], null);
            }
        }
        return values.Select((v, i) => Batching.AtFront(v, axes[i], size)).ToArray();
    }
}
