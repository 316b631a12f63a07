namespace JaxNet;

public sealed partial class NDArray
{
    /// <summary>
    /// True once the array's device buffer is gone: disposed, or donated to a computation (jax.Array.is_deleted).
    /// Tracers and host scalars are never deleted.
    /// </summary>
    public bool IsDeleted =>
        Tracer is null && LiteralValue is null
        && (data is { IsDisposed: true } || (data is null && shards is not null && shards.Any(s => s.IsDeleted)));

    /// <summary>True when the computation that writes the array has finished, without waiting
    /// (jax.Array.is_ready); a host scalar is always ready, and a tracer has nothing to wait for.</summary>
    public bool IsReady() =>
        Tracer is not null || LiteralValue is not null
        || (data is { } d ? d.Ready.IsCompleted : shards is null || shards.All(s => s.IsReady()));
}
