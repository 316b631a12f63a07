using JaxNet.Core;

namespace JaxNet.Transforms;

/// <summary>
/// Custom derivatives under vmap (JAX's batching of custom_jvp_call and custom_vjp_call): when a batching level is
/// the top of the stack among the arguments, the function and its rules are vmapped and called one level down, so
/// a JVP below the vmap (Grad(Vmap(f))) still applies the user's rule instead of differentiating the function.
/// Results come back with their batch axis at 0.
/// </summary>
internal static partial class CustomDerivatives
{
    /// <summary>The batching level on top of the arguments, if the top is a batching level: its trace, and each
    /// argument's value one level down with its batch axis (null: the same for every batch element).</summary>
    internal static (BatchTrace Trace, NDArray[] Values, int?[] Axes)? TopBatch(NDArray[] args)
    {
        if (TopMain(args) is not { } top || top.NewTrace() is not BatchTrace trace) return null;
        var values = new NDArray[args.Length];
        var axes = new int?[args.Length];
        for (var i = 0; i < args.Length; i++)
            (values[i], axes[i]) = args[i].Tracer is BatchTracer b && b.Trace.Main == top ? (b.Value, b.BatchAxis) : (args[i], null);
        return (trace, values, axes);
    }

    internal static NDArray[] Rebatch(BatchTrace trace, NDArray[] outputs, bool batched) =>
        outputs.Select(o => NDArray.FromTracer(new BatchTracer(trace, o, batched ? 0 : null))).ToArray();

    private static NDArray[] BatchedCustomJvp(Func<NDArray[], NDArray[]> f,
        Func<NDArray[], NDArray[], (NDArray[] Primals, NDArray[] Tangents)> rule, BatchTrace trace, NDArray[] values, int?[] axes)
    {
        if (axes.All(a => a is null)) return Rebatch(trace, CallCustomJvp(f, rule, values), batched: false);
        // A tangent has its primal's shape, so it is batched along its primal's axis.
        int?[] pairAxes = [.. axes, .. axes];
        return Rebatch(trace, CallCustomJvp(Vmapped(f, axes), (p, t) =>
        {
            var both = Vmapped(a => Concat(rule(a[..p.Length], a[p.Length..])), pairAxes)([.. p, .. t]);
            return (both[..(both.Length / 2)], both[(both.Length / 2)..]);
        }, values), batched: true);
    }

    private static NDArray[] BatchedCustomVjp(Func<NDArray[], NDArray[]> f, Func<NDArray[], (NDArray[] Outputs, NDArray[] Residuals)> forward,
        Func<NDArray[], NDArray[], NDArray[]> backward, Func<NDArray[], NDArray[], NDArray[]>? forwardTangents, string name,
        BatchTrace trace, NDArray[] values, int?[] axes)
    {
        if (axes.All(a => a is null)) return Rebatch(trace, CallCustomVjp(f, forward, backward, forwardTangents, name, values), batched: false);
        var outputCount = -1;
        var batchedForward = Vmapped(a =>
        {
            var (outputs, residuals) = forward(a);
            outputCount = outputs.Length;
            return [.. outputs, .. residuals];
        }, axes);
        int?[] pairAxes = [.. axes, .. axes];
        Func<NDArray[], NDArray[], NDArray[]>? batchedTangents = forwardTangents is null ? null : (p, t) =>
            Vmapped(a => forwardTangents(a[..p.Length], a[p.Length..]), pairAxes)([.. p, .. t]);
        return Rebatch(trace, CallCustomVjp(Vmapped(f, axes), a =>
        {
            var both = batchedForward(a);
            return (both[..outputCount], both[outputCount..]);
        }, (residuals, cotangents) => BatchedBackward(backward, residuals, cotangents, values, axes), batchedTangents, name, values),
            batched: true);
    }

    /// <summary>The backward function vmapped over residuals and cotangents (all batched at 0); each input's
    /// cotangent goes back to its input's batch axis, and an unbatched input, which every batch element read, gets
    /// the sum over the batch.</summary>
    private static NDArray[] BatchedBackward(Func<NDArray[], NDArray[], NDArray[]> backward, NDArray[] residuals, NDArray[] cotangents,
        NDArray[] values, int?[] axes)
    {
        int?[] all = [.. Enumerable.Repeat<int?>(0, residuals.Length + cotangents.Length)];
        var cts = Vmapped(a => backward(a[..residuals.Length], a[residuals.Length..]), all)([.. residuals, .. cotangents]);
        if (cts.Length != values.Length)
            throw new ArgumentException($"custom VJP backward: {cts.Length} cotangents for {values.Length} inputs");
        return cts.Select((ct, i) => axes[i] is { } a ? Batching.MoveAxis(ct, 0, a) : Jax.Lax.ReduceSum(ct, [0])).ToArray();
    }

    internal static Func<NDArray[], NDArray[]> Vmapped(Func<NDArray[], NDArray[]> f, int?[] axes) =>
        a => BatchingVmap.Apply(f, a, axes, [0], "custom derivative", [.. Enumerable.Range(0, a.Length).Select(i => $"#{i}")]);

    private static NDArray[] Concat((NDArray[] First, NDArray[] Second) pair) => [.. pair.First, .. pair.Second];
}
