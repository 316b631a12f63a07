namespace JaxNet.IO;

/// <summary>
/// Writes one array as NumPy's np.save does: a version 1.0 header with the little-endian descr of its dtype, C order,
/// then the row-major data. The data is the one host copy read from the device, written as it is.
/// </summary>
internal static class NpyWriter
{
    public static void Write(Stream stream, NDArray array)
    {
        var data = array.ToBytes();
        stream.Write(new NpyHeader(NpyDescr.Of(array.DType), false, array.Shape).Encode());
        stream.Write(data);
    }
}
