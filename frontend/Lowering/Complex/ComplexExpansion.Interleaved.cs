using JaxNet.Core;

namespace JaxNet.Lowering;

/// <summary>
/// Which pairs of parts are still the two halves of one interleaved S x 2 array, so that a kernel taking complex
/// values as they are stored (the fft kernel, IR 1.3) can be handed that array rather than the parts copied apart,
/// and so that its result is returned as it is rather than joined again by a select.
/// </summary>
internal static partial class ComplexExpansion
{
    /// <summary>
    /// Whether the expansion running on this thread is for a backend whose fft kernel reads and writes interleaved
    /// complex arrays (<see cref="LoweringTarget.InterleavedFft"/>); implies <see cref="NativeFft"/>.
    /// </summary>
    [ThreadStatic] private static bool interleavedFft;

    internal static bool InterleavedFft => interleavedFft;

    /// <summary>A pair of parts and the array they were sliced from; <c>Owned</c> when that array is a kernel's result
    /// within the expansion (so it may be returned as it is), not an operand of the jaxpr.</summary>
    private sealed record Halves(NDArray Im, NDArray Stored, bool Owned);

    // Keyed by the real part's identity; the entry holds only if the imaginary part is the same object too.
    [ThreadStatic] private static Dictionary<NDArray, Halves>? interleaved;

    /// <summary>
    /// The parts of the interleaved array <paramref name="stored"/> (shape S x 2) as two strided slices, which the
    /// lowering reads in place, remembered as its halves. <paramref name="owned"/>: <paramref name="stored"/> is
    /// written by this expansion, so a result made of these very parts is <paramref name="stored"/> itself.
    /// </summary>
    internal static Planar Parts(NDArray stored, int[] shape, bool owned)
    {
        var rank = shape.Length;
        NDArray Part(int k) => Jax.Lax.Reshape(Jax.Lax.Slice(stored, [.. new int[rank], k], [.. shape, k + 1]), shape);
        var parts = Planar.Complex(Part(0), Part(1));
        interleaved ??= new Dictionary<NDArray, Halves>(ReferenceEqualityComparer.Instance);
        interleaved[parts.Re] = new Halves(parts.Im!, stored, owned);
        return parts;
    }

    /// <summary>The interleaved array whose halves are exactly <paramref name="value"/>'s parts, or null.</summary>
    internal static NDArray? Stored(Planar value) =>
        value.Im is { } im && interleaved is { } known && known.TryGetValue(value.Re, out var h) && ReferenceEquals(h.Im, im) ? h.Stored : null;

    // Only a kernel's own result: returning an operand unchanged would make a result alias a parameter.
    private static NDArray? StoredResult(Planar value) =>
        value.Im is { } im && interleaved is { } known && known.TryGetValue(value.Re, out var h) && ReferenceEquals(h.Im, im) && h.Owned ? h.Stored : null;
}
