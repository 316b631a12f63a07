using System.Buffers.Binary;
using System.Text;

namespace JaxNet.IO;

/// <summary>
/// The header of a .npy file (NumPy's numpy.lib.format, NEP 1): the magic "\x93NUMPY", a version byte pair, the
/// header's length (2 bytes little-endian in version 1.0, 4 in 2.0 and 3.0) and a Python dict literal with exactly
/// the keys 'descr', 'fortran_order' and 'shape', latin-1 text before version 3.0 and UTF-8 from it, padded with
/// spaces and a newline so the data starts on a multiple of 64 bytes.
/// </summary>
internal sealed record NpyHeader(string Descr, bool FortranOrder, int[] Shape)
{
    /// <summary>Where the data starts: the preamble's and header's bytes (0 for a header made to be written).</summary>
    public int DataOffset { get; private init; }

    public static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>NumPy's data alignment: every header is padded so the preamble and header fill whole 64-byte blocks.</summary>
    private const int Alignment = 64;

    /// <summary>
    /// NumPy leaves room after the dict for the growing axis (the first, the last in Fortran order) to reach 21
    /// digits, so appending writers can rewrite the shape in place; JaxNet pads the same way, so its headers are
    /// byte for byte NumPy's.
    /// </summary>
    private const int GrowthAxisDigits = 21;

    /// <summary>
    /// A header no real array needs is a sign of a corrupt file: lengths past this are refused before anything is
    /// allocated for them (NumPy's own default limit is 10,000 bytes).
    /// </summary>
    internal const int MaxHeaderLength = 1 << 20;

    /// <summary>The preamble and header NumPy writes for this dict: version 1.0 unless the header needs 2.0's 4-byte length.</summary>
    public byte[] Encode()
    {
        var dict = new StringBuilder("{'descr': '").Append(Descr).Append("', 'fortran_order': ")
            .Append(FortranOrder ? "True" : "False").Append(", 'shape': ").Append(PythonTuple(Shape)).Append(", }");
        if (Shape.Length > 0)
        {
            var growing = Shape[FortranOrder ? ^1 : 0].ToString(System.Globalization.CultureInfo.InvariantCulture);
            dict.Append(' ', Math.Max(0, GrowthAxisDigits - growing.Length));
        }
        var text = Encoding.Latin1.GetBytes(dict.ToString());
        var (major, lengthBytes) = (1, 2);
        if (PaddedLength(text.Length, lengthBytes) > ushort.MaxValue) (major, lengthBytes) = (2, 4);
        var preamble = Magic.Length + 2 + lengthBytes;
        var headerLength = PaddedLength(text.Length, lengthBytes);
        var padding = headerLength - text.Length - 1;
        var bytes = new byte[preamble + headerLength];
        Magic.CopyTo(bytes);
        bytes[6] = (byte)major;
        bytes[7] = 0;
        if (lengthBytes == 2) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)headerLength);
        else BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)headerLength);
        text.CopyTo(bytes, preamble);
        bytes.AsSpan(preamble + text.Length, padding).Fill((byte)' ');
        bytes[^1] = (byte)'\n';
        return bytes;
    }

    /// <summary>The header's length field: the dict, spaces up to the alignment (a whole block of them when already aligned, as NumPy) and '\n'.</summary>
    private static int PaddedLength(int dictLength, int lengthBytes)
    {
        var preamble = Magic.Length + 2 + lengthBytes;
        return dictLength + 1 + Alignment - (preamble + dictLength + 1) % Alignment;
    }

    /// <summary>
    /// Reads a header from <paramref name="stream"/>, of which the first bytes, <paramref name="consumed"/>, were
    /// already read to tell the file's kind. Leaves the stream at the first data byte.
    /// </summary>
    /// <exception cref="InvalidDataException">no magic, an unknown version, a truncated or malformed header.</exception>
    /// <exception cref="NotSupportedException">a structured dtype.</exception>
    public static NpyHeader Read(Stream stream, ReadOnlySpan<byte> consumed, string source)
    {
        Span<byte> preamble = stackalloc byte[8];
        consumed.CopyTo(preamble);
        ReadFully(stream, preamble[consumed.Length..], source, "its magic and version");
        if (!preamble[..6].SequenceEqual(Magic)) throw new InvalidDataException($"{source}: not a .npy file (no \\x93NUMPY magic)");
        var (major, minor) = (preamble[6], preamble[7]);
        if (major is < 1 or > 3 || minor != 0)
            throw new InvalidDataException($"{source}: .npy format version {major}.{minor} is not 1.0, 2.0 or 3.0");
        Span<byte> lengthBytes = stackalloc byte[major == 1 ? 2 : 4];
        ReadFully(stream, lengthBytes, source, "its header length");
        long length = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(lengthBytes) : BinaryPrimitives.ReadUInt32LittleEndian(lengthBytes);
        if (length > MaxHeaderLength) throw new InvalidDataException($"{source}: a header of {length} bytes is past the {MaxHeaderLength}-byte limit (a corrupt file?)");
        var text = new byte[length];
        ReadFully(stream, text, source, "its header");
        var encoding = major == 3 ? new UTF8Encoding(false, throwOnInvalidBytes: true) : Encoding.Latin1;
        string header;
        try
        {
            header = encoding.GetString(text);
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException($"{source}: a version 3.0 header that is not UTF-8", e);
        }
        return FromDict(NpyHeaderLiteral.ParseDict(header), source) with { DataOffset = 8 + lengthBytes.Length + (int)length };
    }

    private static NpyHeader FromDict(IReadOnlyDictionary<string, object> dict, string source)
    {
        string[] expected = ["descr", "fortran_order", "shape"];
        if (dict.Count != 3 || !expected.All(dict.ContainsKey))
            throw new InvalidDataException($"{source}: the header must have exactly the keys 'descr', 'fortran_order' and 'shape', got {string.Join(", ", dict.Keys.Select(k => $"'{k}'"))}");
        var descr = dict["descr"] switch
        {
            string s => s,
            PyList => throw new NotSupportedException($"{source}: a structured (record) dtype; JaxNet arrays have one numeric dtype"),
            var other => throw new InvalidDataException($"{source}: 'descr' must be a string, got {Describe(other)}"),
        };
        if (dict["fortran_order"] is not bool fortran)
            throw new InvalidDataException($"{source}: 'fortran_order' must be True or False, got {Describe(dict["fortran_order"])}");
        if (dict["shape"] is not PyTuple tuple || tuple.Items.Any(d => d is not long))
            throw new InvalidDataException($"{source}: 'shape' must be a tuple of integers, got {Describe(dict["shape"])}");
        var shape = new int[tuple.Items.Count];
        for (var i = 0; i < shape.Length; i++)
        {
            var d = (long)tuple.Items[i];
            if (d < 0) throw new InvalidDataException($"{source}: shape {PythonTuple(tuple.Items)} has a negative dimension");
            if (d > int.MaxValue) throw new NotSupportedException($"{source}: dimension {d} of shape {PythonTuple(tuple.Items)} is past JaxNet's 32-bit dimensions");
            shape[i] = (int)d;
        }
        return new NpyHeader(descr, fortran, shape);
    }

    /// <summary>Python's repr of a tuple of integers: "()", "(3,)", "(2, 3)".</summary>
    internal static string PythonTuple<T>(IReadOnlyList<T> items) =>
        items.Count == 1 ? $"({items[0]},)" : $"({string.Join(", ", items)})";

    private static string Describe(object value) => value switch
    {
        string s => $"'{s}'",
        bool b => b ? "True" : "False",
        PyTuple t => PythonTuple(t.Items.Select(Describe).ToArray()),
        PyList l => $"[{string.Join(", ", l.Items.Select(Describe))}]",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    internal static void ReadFully(Stream stream, Span<byte> buffer, string source, string what)
    {
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (read < buffer.Length)
            throw new InvalidDataException($"{source}: truncated: the file ends inside {what} ({read} of {buffer.Length} bytes)");
    }
}
