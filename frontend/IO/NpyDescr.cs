namespace JaxNet.IO;

/// <summary>
/// The 'descr' of a .npy header as a JaxNet dtype and a byte order: NumPy's type string, an optional byte-order
/// character ('&lt;' little, '&gt;' big, '|' not applicable, '=' this machine's, which is little-endian wherever .NET
/// runs JaxNet) then a kind letter and the item size in bytes ('&lt;f4', '|b1', '&gt;c16').
/// <para>
/// bfloat16 is not a NumPy dtype: ml_dtypes' bfloat16 is saved by NumPy as the two-byte void '&lt;V2', and
/// jax.numpy.load reads any two-byte void back as bfloat16. JaxNet does the same in both directions, so a file it
/// writes loads as bfloat16 in JAX and as void2 in plain NumPy.
/// </para>
/// </summary>
internal static class NpyDescr
{
    /// <summary>The descr NumPy writes for <paramref name="dtype"/> (little-endian; '|' where a byte has no order).</summary>
    public static string Of(DType dtype) => dtype switch
    {
        DType.Bool => "|b1",
        DType.Int8 => "|i1",
        DType.UInt8 => "|u1",
        DType.Int16 => "<i2",
        DType.UInt16 => "<u2",
        DType.Int32 => "<i4",
        DType.UInt32 => "<u4",
        DType.Int64 => "<i8",
        DType.UInt64 => "<u8",
        DType.Float16 => "<f2",
        DType.BFloat16 => "<V2",
        DType.Float32 => "<f4",
        DType.Float64 => "<f8",
        DType.Complex64 => "<c8",
        DType.Complex128 => "<c16",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
    };

    /// <summary>
    /// The dtype a descr names and whether its bytes are big-endian. Object arrays, strings, dates and other
    /// NumPy-only types are refused with what they are; a descr that is not a type string at all is malformed.
    /// </summary>
    /// <exception cref="NotSupportedException">a valid NumPy dtype that JaxNet has no dtype for.</exception>
    /// <exception cref="InvalidDataException">text that is not a NumPy type string.</exception>
    public static DType Parse(string descr, out bool bigEndian)
    {
        var order = descr.Length > 0 && descr[0] is '<' or '>' or '|' or '=' ? descr[0] : '\0';
        var body = order == '\0' ? descr : descr[1..];
        bigEndian = order == '>';
        if (body.Length == 0) throw new InvalidDataException($"descr '{descr}' names no type");
        var kind = body[0];
        var sizeText = body[1..];
        if (kind == 'O') throw new NotSupportedException($"'{descr}' is an object array, which NumPy stores as a pickle; JaxNet does not support allow_pickle");
        if (kind is 'S' or 'U' or 'a') throw new NotSupportedException($"'{descr}' is a string array; JaxNet arrays hold numbers only");
        if (kind is 'M' or 'm') throw new NotSupportedException($"'{descr}' is a datetime/timedelta array, which JaxNet has no dtype for");
        if (sizeText.Length == 0 || sizeText.Length > 2 || !sizeText.All(char.IsAsciiDigit))
            throw new InvalidDataException($"descr '{descr}' is not a NumPy type string (byte order, kind letter, item size)");
        var size = int.Parse(sizeText, System.Globalization.CultureInfo.InvariantCulture);
        DType? dtype = (kind, size) switch
        {
            ('b', 1) => DType.Bool,
            ('i', 1) => DType.Int8,
            ('u', 1) => DType.UInt8,
            ('i', 2) => DType.Int16,
            ('u', 2) => DType.UInt16,
            ('i', 4) => DType.Int32,
            ('u', 4) => DType.UInt32,
            ('i', 8) => DType.Int64,
            ('u', 8) => DType.UInt64,
            ('f', 2) => DType.Float16,
            ('f', 4) => DType.Float32,
            ('f', 8) => DType.Float64,
            ('c', 8) => DType.Complex64,
            ('c', 16) => DType.Complex128,
            ('V', 2) => DType.BFloat16,
            _ => null,
        };
        if (dtype is { } known) return known;
        if (kind is 'b' or 'i' or 'u' or 'f' or 'c' or 'V')
            throw new NotSupportedException($"'{descr}' ({KindName(kind)} of {size} bytes) has no JaxNet dtype");
        throw new InvalidDataException($"descr '{descr}' has an unknown kind '{kind}'");
    }

    private static string KindName(char kind) => kind switch
    {
        'b' => "bool",
        'i' => "signed integer",
        'u' => "unsigned integer",
        'f' => "float",
        'c' => "complex",
        _ => "void (raw bytes; only the two-byte void is read, as bfloat16)",
    };
}
