using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jnp
{
    /// <summary>
    /// numpy.trim_zeros: <paramref name="filt"/> without its leading ("f" in <paramref name="trim"/>) and trailing
    /// ("b") zeros, along each axis of <paramref name="axes"/> (all by default): a slice along an axis is trimmed when
    /// it is zero everywhere. All zero gives an empty result. The length depends on the values, so the input must be
    /// concrete (JAX's rule; a <see cref="ConcretizationTypeError"/> under Jit).
    /// </summary>
    public static NDArray TrimZeros(NDArray filt, string trim = "fb", int[]? axes = null)
    {
        if (!filt.IsConcrete)
            throw new ConcretizationTypeError("trim_zeros: the result's length depends on the values of filt, which are traced here");
        var chosen = (axes ?? Enumerable.Range(0, filt.Ndim).ToArray()).Select(a => Shapes.Axis(a, filt.Ndim, "trim_zeros")).ToHashSet();
        var (front, back) = (trim.Contains('f', StringComparison.OrdinalIgnoreCase), trim.Contains('b', StringComparison.OrdinalIgnoreCase));
        if (chosen.Count == 0 || !(front || back)) return filt;
        var nonzero = ToBool(filt);
        var result = filt;
        foreach (var axis in chosen.Order())
        {
            var others = Enumerable.Range(0, filt.Ndim).Where(d => d != axis).ToArray();
            var keep = (others.Length == 0 ? nonzero : Reduce(Lax.ReduceOr, nonzero, others, false, "trim_zeros")).ToArray<bool>();
            var first = System.Array.IndexOf(keep, true);
            if (first < 0) return Lax.SliceInDim(filt, 0, 0, 1, axis);
            var start = front ? first : 0;
            var stop = back ? System.Array.LastIndexOf(keep, true) + 1 : keep.Length;
            result = Lax.SliceInDim(result, start, stop, 1, axis);
        }
        return result;
    }
}
