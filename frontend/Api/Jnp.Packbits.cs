using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>
/// packbits and unpackbits: booleans (nonzero values) packed eight to a uint8 along an axis (of the flattened array
/// by default), most significant bit first ("big", NumPy's default) or least ("little"), and back. Each is a
/// reshape, a weighted sum or a bitwise and, and a cast, so they work under Jit and Vmap.
/// </summary>
public static partial class Jnp
{
    /// <summary>Packs the truth of each element into bits of uint8 along <paramref name="axis"/>; a last group of fewer
    /// than eight is padded with zeros.</summary>
    public static NDArray Packbits(NDArray a, int? axis = null, string bitorder = "big")
    {
        if (!a.DType.IsInteger() && a.DType != DType.Bool)
            throw new ArgumentException($"packbits: expected an integer or boolean array, got {a.DType.NumpyName()}", nameof(a));
        var weights = BitWeights(bitorder, "packbits");
        var (bits, ax) = AlongLastAxis(Lax.ConvertElementType(ToBool(a), DType.Int32), axis, "packbits");
        var length = bits.Aval.Shape[^1];
        var groups = (length + 7) / 8;
        if (length % 8 != 0)
            bits = Pad(bits, [.. Enumerable.Repeat((0, 0), bits.Ndim - 1), (0, groups * 8 - length)]);
        var grouped = Lax.Reshape(bits, [.. bits.Aval.Shape[..^1], groups, 8]);
        var packed = Lax.ConvertElementType(Sum(grouped * weights, -1), DType.UInt8);
        return Swapaxes(packed, ax, -1);
    }

    /// <summary>
    /// Unpacks each uint8 of <paramref name="a"/> into eight 0/1 uint8 values along <paramref name="axis"/>.
    /// <paramref name="count"/> keeps that many (zero-padded when it exceeds 8 n); a negative count drops that many
    /// from the end, as NumPy's.
    /// </summary>
    public static NDArray Unpackbits(NDArray a, int? axis = null, int? count = null, string bitorder = "big")
    {
        if (a.DType != DType.UInt8)
            throw new ArgumentException($"unpackbits: expected a uint8 array, got {a.DType.NumpyName()}", nameof(a));
        var weights = BitWeights(bitorder, "unpackbits");
        var (bytes, ax) = AlongLastAxis(Lax.ConvertElementType(a, DType.Int32), axis, "unpackbits");
        var set = Greater(BitwiseAnd(Lax.ExpandDims(bytes, [bytes.Ndim]), weights), 0);
        var shape = bytes.Aval.Shape;
        var unpacked = Lax.ConvertElementType(Lax.Reshape(set, [.. shape[..^1], shape[^1] * 8]), DType.UInt8);
        if (count is { } c)
        {
            var length = shape[^1] * 8;
            unpacked = c > length
                ? Pad(unpacked, [.. Enumerable.Repeat((0, 0), unpacked.Ndim - 1), (0, c - length)])
                : Lax.SliceInDim(unpacked, 0, c >= 0 ? c : Math.Max(0, length + c), 1, unpacked.Ndim - 1);
        }
        return Swapaxes(unpacked, ax, -1);
    }

    // Each bit's value within its byte, in the order the bits are stored.
    private static NDArray BitWeights(string bitorder, string op) => bitorder switch
    {
        "big" => Array(new[] { 128, 64, 32, 16, 8, 4, 2, 1 }),
        "little" => Array(new[] { 1, 2, 4, 8, 16, 32, 64, 128 }),
        _ => throw new ArgumentException($"{op}: bitorder must be \"big\" or \"little\", got \"{bitorder}\"", nameof(bitorder)),
    };

    // The array with the packing axis moved last (the flattened array when axis is null), and that axis.
    private static (NDArray Array, int Axis) AlongLastAxis(NDArray x, int? axis, string op)
    {
        if (axis is null) return (Ravel(x), 0);
        var a = Shapes.Axis(axis.Value, x.Ndim, op);
        return (Swapaxes(x, a, -1), a);
    }
}
