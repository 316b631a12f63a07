namespace JaxNet;

/// <summary>How jax.scipy.ndimage extends an axis past its edges: each mode maps an integer index, in or out of
/// [0, size), to the index of the element it reads.</summary>
internal static class ExtensionModes
{
    private static readonly Dictionary<string, Func<NDArray, int, NDArray>> Fixers = new()
    {
        // Out-of-range indices are read clamped and then replaced by cval.
        ["constant"] = (index, _) => index,
        ["nearest"] = (index, size) => Jnp.Clip(index, 0, size - 1),
        ["wrap"] = (index, size) => Jnp.Remainder(index, size),
        ["mirror"] = Mirror,
        ["reflect"] = (index, size) => Jnp.FloorDivide(Mirror(2 * index + 1, 2 * size + 1) - 1, 2),
    };

    /// <summary>The index map of <paramref name="mode"/>.</summary>
    /// <exception cref="NotSupportedException">a mode other than constant, nearest, wrap, mirror and reflect.</exception>
    public static Func<NDArray, int, NDArray> IndexFixer(string mode) =>
        Fixers.TryGetValue(mode, out var fixer)
            ? fixer
            : throw new NotSupportedException($"map_coordinates: mode \"{mode}\" is not supported; the modes are {string.Join(", ", Fixers.Keys)}");

    // Reflection about the first and last elements' centres is a triangular wave of period 2 (size - 1) in the index;
    // one element reflects onto itself.
    private static NDArray Mirror(NDArray index, int size)
    {
        if (size == 1) return Jnp.ZerosLike(index);
        var halfPeriod = size - 1;
        return Jnp.Abs(Jnp.Remainder(index + halfPeriod, 2 * halfPeriod) - halfPeriod);
    }
}
