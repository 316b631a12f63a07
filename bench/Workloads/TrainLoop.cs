namespace JaxNet.Bench.Workloads;

/// <summary>
/// A jitted SGD step as JAX users loop it: <c>step([..parameters, ..data])</c> returns the loss then the new
/// parameters, which replace the old ones. The timed call is one step; the check runs five and wants the loss to fall.
/// </summary>
/// <param name="step">The jitted step: parameters and data in, [loss, ..new parameters] out.</param>
/// <param name="parameters">The parameters, replaced in place by each step.</param>
/// <param name="data">The batch, the same every step.</param>
/// <param name="leftToCollector">True to drop the old parameters and the loss without disposing them.</param>
internal sealed class TrainLoop(Func<NDArray[], NDArray[]> step, NDArray[] parameters, NDArray[] data, bool leftToCollector = false)
{
    public void Step()
    {
        var results = step([.. parameters, .. data]);
        if (!leftToCollector) results[0].Dispose();
        for (var i = 0; i < parameters.Length; i++)
        {
            if (!leftToCollector) parameters[i].Dispose();
            parameters[i] = results[i + 1];
        }
        parameters[^1].BlockUntilReady();
    }

    /// <summary>The loss before and after five steps, and the compiled step's kernels (through <paramref name="describe"/>).</summary>
    public string CheckLossFalls(Func<Lowered, string> describe)
    {
        var first = step([.. parameters, .. data])[0].Item<float>();
        for (var i = 0; i < 5; i++) Step();
        var later = step([.. parameters, .. data])[0].Item<float>();
        if (!(later < first) || !float.IsFinite(later))
            throw new ResultMismatchException($"the loss did not fall: {first} then {later} after 5 steps");
        return $"loss falls from {first:F3} to {later:F3} in 5 steps; {describe(step.JitInfo().Lower([.. parameters, .. data]))}";
    }
}
