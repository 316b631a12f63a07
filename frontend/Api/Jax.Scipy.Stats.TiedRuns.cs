using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>Runs of equal values along the last axis of a sorted array, which rankdata and mode read their ties
/// from; and the nan_policy both accept.</summary>
internal static class TiedRuns
{
    /// <summary>True where a run starts: at the first element and wherever an element differs from the one before
    /// it. NaNs (sorted last) form one run when <paramref name="nanEqual"/> (jnp.unique's equal_nan), else one each.</summary>
    public static NDArray Starts(NDArray sorted, bool nanEqual)
    {
        var (n, last) = (sorted.Aval.Shape[^1], sorted.Ndim - 1);
        var (previous, current) = (Lax.SliceInDim(sorted, 0, n - 1, 1, last), Lax.SliceInDim(sorted, 1, n, 1, last));
        var differs = Jnp.NotEqual(previous, current);
        if (nanEqual && sorted.DType.IsInexact()) differs = differs & Jnp.LogicalNot(Jnp.IsNan(previous) & Jnp.IsNan(current));
        return Jnp.Concatenate([Jnp.Ones([.. sorted.Shape[..^1], 1], DType.Bool), differs], last);
    }

    /// <summary>For each position, the index of the first element of its run.</summary>
    public static NDArray FirstIndex(NDArray starts)
    {
        var last = starts.Ndim - 1;
        return Lax.Cummax(Jnp.Where(starts, Lax.BroadcastedIota(DType.Int32, starts.Shape, last), 0), last);
    }

    /// <summary>For each position, the index of the last element of its run (where the next run starts, less one).</summary>
    public static NDArray LastIndex(NDArray starts)
    {
        var (n, last) = (starts.Aval.Shape[^1], starts.Ndim - 1);
        var nextStarts = Jnp.Concatenate([Lax.SliceInDim(starts, 1, n, 1, last), Jnp.OnesLike(Lax.SliceInDim(starts, 0, 1, 1, last))], last);
        var index = Lax.BroadcastedIota(DType.Int32, starts.Shape, last);
        return Lax.Cummin(Jnp.Where(nextStarts, index, n - 1), last, reverse: true);
    }

    /// <summary>JAX's nan_policy: "propagate" only; "omit" and "raise" are not implemented (as in JAX).</summary>
    public static void CheckNanPolicy(string op, string nanPolicy)
    {
        if (nanPolicy is "omit" or "raise") throw new NotImplementedException($"{op}: nan_policy '{nanPolicy}' is not implemented (JAX supports 'propagate' only)");
        if (nanPolicy != "propagate") throw new ArgumentException($"{op}: nan_policy must be 'propagate', 'omit' or 'raise', got '{nanPolicy}'", nameof(nanPolicy));
    }
}
