namespace JaxNet;

/// <summary>How a vmapped pure_callback calls its function (JAX's vmap_method).</summary>
public enum VmapMethod
{
    /// <summary>Once per batch element, in order; the results are stacked.</summary>
    Sequential,

    /// <summary>Once, batched arguments with the batch axis first and the others with a leading axis of size 1; the
    /// function returns results with a leading batch axis.</summary>
    ExpandDims,

    /// <summary>Once, every argument with a leading batch axis (unbatched ones broadcast).</summary>
    BroadcastAll,
}
