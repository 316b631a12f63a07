namespace JaxNet.Runtime;

/// <summary>
/// Where a computation runs, by JAX's rule for committed arrays: on the device its committed arguments share, the
/// results committed there too and uncommitted arguments moved to it; with none committed, on the device the
/// arguments live on (the default device for arrays made without one), the results uncommitted.
/// </summary>
internal readonly record struct Placement(Device Device, bool Committed)
{
    /// <summary>The placement of a computation on <paramref name="inputs"/>; an error names two committed arguments on
    /// different devices, or two uncommitted ones on different devices when none is committed.</summary>
    /// <param name="what">the computation, for the error ("add", "jit(f)")</param>
    /// <param name="uncommittedMustAgree">false where the caller moves uncommitted arguments anywhere (jit does, to
    /// its backend's device)</param>
    public static Placement Of(ReadOnlySpan<NDArray> inputs, string what, bool uncommittedMustAgree = true)
    {
        var committed = -1;
        var resident = -1;
        for (var i = 0; i < inputs.Length; i++)
        {
            var x = inputs[i];
            // A host scalar follows the others (the copy it keeps of its last upload does not place it).
            if (x.LiteralValue is not null || x.ResidentDevice is not { } device) continue;
            if (x.Committed)
            {
                if (committed < 0) committed = i;
                else if (!device.Equals(inputs[committed].ResidentDevice)) throw Incompatible(inputs, committed, i, what, "committed to");
            }
            else if (resident < 0) resident = i;
            else if (uncommittedMustAgree && committed < 0 && !device.Equals(inputs[resident].ResidentDevice)) throw Incompatible(inputs, resident, i, what, "on");
        }
        if (committed >= 0) return new(inputs[committed].ResidentDevice!, true);
        return new(resident >= 0 ? inputs[resident].ResidentDevice! : Device.Default, false);
    }

    private static InvalidOperationException Incompatible(ReadOnlySpan<NDArray> inputs, int first, int second, string what, string relation) =>
        new($"incompatible devices for {what}: argument {first} ({inputs[first].Aval}) is {relation} {inputs[first].ResidentDevice} " +
            $"and argument {second} ({inputs[second].Aval}) is {relation} {inputs[second].ResidentDevice}; move one with Jax.DevicePut");

    /// <summary>True when some argument lives elsewhere than <see cref="Device"/> (an uncommitted one to be moved).</summary>
    public bool Moves(ReadOnlySpan<NDArray> inputs)
    {
        foreach (var x in inputs)
            if (x.LiteralValue is null && x.ResidentDevice is { } d && !d.Equals(Device)) return true;
        return false;
    }

    /// <summary>The arguments with those living elsewhere copied to <see cref="Device"/> (the same array when none is).</summary>
    public NDArray[] MoveHere(NDArray[] inputs)
    {
        if (!Moves(inputs)) return inputs;
        var device = Device;
        return inputs.Select(x => x.ResidentDevice is { } d && !d.Equals(device) ? Jax.DevicePut(x, device) : x).ToArray();
    }

    /// <summary>Commits the new results of a committed computation (an argument returned as it is keeps its state).</summary>
    public NDArray[] Mark(NDArray[] results, ReadOnlySpan<NDArray> inputs)
    {
        if (!Committed) return results;
        foreach (var r in results)
            if (r.Tracer is null && r.LiteralValue is null && r.Shards is null && !IsOneOf(r, inputs)) r.Commit();
        return results;
    }

    private static bool IsOneOf(NDArray x, ReadOnlySpan<NDArray> arrays)
    {
        foreach (var a in arrays)
            if (ReferenceEquals(a, x)) return true;
        return false;
    }

    public NDArray Mark(NDArray result)
    {
        if (Committed && result.Tracer is null && result.LiteralValue is null && result.Shards is null) result.Commit();
        return result;
    }
}
