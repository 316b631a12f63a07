using System.Globalization;
using JaxNet.Core;
using JaxNet.Runtime;

namespace JaxNet;

/// <summary>
/// numpy's readers of raw data, as jax.numpy forwards to them: <see cref="Frombuffer"/> (bytes in a dtype's own
/// little-endian layout), <see cref="Fromstring"/> (text with a separator) and <see cref="Fromiter"/> (a sequence).
/// Each gives a 1-D array; a dtype that x64 is off for (float64, int64, complex128) is narrowed afterwards, as
/// jnp.asarray narrows numpy's result.
/// </summary>
public static partial class Jnp
{
    /// <summary>
    /// numpy.frombuffer: the elements of <paramref name="buffer"/> from byte <paramref name="offset"/> on, read as
    /// <paramref name="dtype"/> in its stored form (little-endian; complex as real then imaginary part); all that fit
    /// when <paramref name="count"/> is -1. A bool byte other than 0 reads as true.
    /// </summary>
    /// <exception cref="ArgumentException">the offset is negative or past the buffer, the bytes left are not a whole
    /// number of elements (count -1), or fewer than <paramref name="count"/> elements are left (numpy's messages).</exception>
    public static NDArray Frombuffer(ReadOnlySpan<byte> buffer, DType dtype = DType.Float32, int count = -1, int offset = 0)
    {
        var itemSize = dtype.SizeOf();
        if (offset < 0 || offset > buffer.Length)
            throw new ArgumentException($"frombuffer: offset must be non-negative and no greater than buffer length ({buffer.Length}), got {offset}", nameof(offset));
        var rest = buffer.Length - offset;
        if (count < -1) throw new ArgumentException($"frombuffer: count must be -1 or non-negative, got {count}", nameof(count));
        if (count == -1)
        {
            if (rest % itemSize != 0)
                throw new ArgumentException($"frombuffer: buffer size must be a multiple of element size ({rest} bytes left for {dtype.NumpyName()} of {itemSize})", nameof(buffer));
            count = rest / itemSize;
        }
        else if ((long)count * itemSize > rest)
            throw new ArgumentException($"frombuffer: buffer is smaller than requested size ({count} x {itemSize} bytes of {dtype.NumpyName()}, {rest} bytes left)", nameof(count));
        var bytes = buffer.Slice(offset, count * itemSize).ToArray();
        if (dtype == DType.Bool)
            for (var i = 0; i < bytes.Length; i++) bytes[i] = bytes[i] != 0 ? (byte)1 : (byte)0;
        return Canonical(NDArray.FromDevice(Device.Default.Upload(bytes), new ShapedArray([count], dtype)));
    }

    /// <summary>
    /// numpy.fromstring in its text mode: the numbers in <paramref name="text"/> between the separator
    /// <paramref name="sep"/> (blanks around it are ignored; a separator of blanks matches any run of whitespace),
    /// read as <paramref name="dtype"/>, the first <paramref name="count"/> of them when it is not -1. Integers read
    /// as integers (numpy's "1.5" with an int dtype is an error here rather than a silent stop); bools read as
    /// integers, nonzero being true. numpy's binary mode (an empty separator) was removed: use <see cref="Frombuffer"/>.
    /// </summary>
    /// <exception cref="ArgumentException">an empty separator, a piece that is not a number of the dtype, or fewer
    /// than <paramref name="count"/> numbers.</exception>
    /// <exception cref="NotSupportedException">a complex dtype.</exception>
    public static NDArray Fromstring(string text, string sep, DType dtype = DType.Float32, int count = -1)
    {
        if (string.IsNullOrEmpty(sep))
            throw new ArgumentException("fromstring: the binary mode of fromstring is removed, use frombuffer instead", nameof(sep));
        if (dtype.IsComplex()) throw new NotSupportedException($"fromstring: {dtype.NumpyName()} text is not supported");
        var pieces = string.IsNullOrWhiteSpace(sep)
            ? text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            : text.Split(sep.Trim(), StringSplitOptions.TrimEntries);
        if (pieces is [""]) pieces = [];
        if (count < -1) throw new ArgumentException($"fromstring: count must be -1 or non-negative, got {count}", nameof(count));
        if (count > pieces.Length)
            throw new ArgumentException($"fromstring: string is smaller than requested size ({pieces.Length} of {count} numbers)", nameof(count));
        var used = count == -1 ? pieces.Length : count;
        var values = new Core.Scalar[used];
        for (var i = 0; i < used; i++) values[i] = ParseNumber(pieces[i], dtype, i);
        return FromScalars(values, dtype);
    }

    /// <summary>numpy.fromiter: the values of <paramref name="iterable"/> converted to <paramref name="dtype"/>; with
    /// <paramref name="count"/> not -1, only that many are taken.</summary>
    /// <exception cref="ArgumentException">the sequence has fewer than <paramref name="count"/> values.</exception>
    public static NDArray Fromiter<T>(IEnumerable<T> iterable, DType dtype, int count = -1) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(iterable);
        if (count < -1) throw new ArgumentException($"fromiter: count must be -1 or non-negative, got {count}", nameof(count));
        var values = (count == -1 ? iterable : iterable.Take(count)).ToArray();
        if (count != -1 && values.Length < count)
            throw new ArgumentException($"fromiter: iterator too short: expected {count} but iterator had only {values.Length} items", nameof(iterable));
        return Canonical(FromHost<T>(values, [values.Length], dtype));
    }

    private static NDArray Canonical(NDArray x)
    {
        var canonical = TypePromotion.Canonicalize(x.DType);
        return canonical == x.DType ? x : Jax.Lax.ConvertElementType(x, canonical);
    }

    private static NDArray FromScalars(Core.Scalar[] values, DType dtype)
    {
        var bytes = new byte[values.Length * dtype.SizeOf()];
        for (var i = 0; i < values.Length; i++) HostData.Write(bytes, i, values[i].Convert(dtype));
        return Canonical(NDArray.FromDevice(Device.Default.Upload(bytes), new ShapedArray([values.Length], dtype)));
    }

    private static Core.Scalar ParseNumber(string piece, DType dtype, int position)
    {
        var invariant = CultureInfo.InvariantCulture;
        if (dtype.IsFloat())
        {
            var text = piece.Trim().ToLowerInvariant() switch { "inf" or "+inf" => "Infinity", "-inf" => "-Infinity", "nan" => "NaN", var t => t };
            if (double.TryParse(text, NumberStyles.Float, invariant, out var d)) return new Core.Scalar(DType.Float64, d, 0);
        }
        else if (long.TryParse(piece, NumberStyles.Integer, invariant, out var l)) return Core.Scalar.FromBits(DType.Int64, l);
        throw new ArgumentException($"fromstring: '{piece}' (number {position}) is not a {dtype.NumpyName()} value");
    }
}
