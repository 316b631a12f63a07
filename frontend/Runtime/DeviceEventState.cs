using JaxNet.Abstractions;

namespace JaxNet.Runtime;

/// <summary>
/// What the host needs to know of an array's event before it issues work reading the array: a completed event may
/// have completed in a failed state, and the buffer behind it then holds no value.
/// </summary>
internal static class DeviceEventState
{
    /// <summary>
    /// Whether work reading data ready at <paramref name="ready"/> must be given the event to wait for: while it is
    /// pending, and also once it has failed, so that the work fails in turn and the deferred error reaches every later
    /// read (as JAX raises it at the first blocking read), rather than the work reading a buffer never written.
    /// </summary>
    public static bool MustAwait(this DeviceEvent ready) => !ready.IsCompleted || ready.HasFailed;
}
