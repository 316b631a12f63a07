using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using JaxNet.Abstractions;
using JaxNet.Core;
using JaxNet.Runtime;

namespace JaxNet.IO;

/// <summary>
/// Reads one .npy array into a device array. The data goes from the stream to the device in chunks, each byte-swapped
/// (big-endian files) and cleaned (bool bytes) on its way, so a large file never has a whole second copy in host
/// memory. A Fortran-ordered array is uploaded in its stored order, as the transposed shape, and transposed on the
/// device. The result keeps the file's dtype; callers narrow it to the x64 setting.
/// </summary>
internal static class NpyReader
{
    /// <summary>Bytes read and uploaded at a time.</summary>
    private const int ChunkBytes = 1 << 20;

    /// <summary>
    /// The array at the start of <paramref name="stream"/> (whose first bytes, <paramref name="consumed"/>, were read
    /// already). With <paramref name="mustEnd"/> the stream must end with the data (a file or an archive member);
    /// without it the stream is left after the data, where NumPy leaves it, ready for another array.
    /// </summary>
    /// <param name="knownLength">the whole array's length in bytes when the stream cannot tell it (an archive
    /// member); a seekable stream's own length is used otherwise. A length lets a shape that does not match the data
    /// be refused before a buffer is allocated for it.</param>
    public static NDArray Read(Stream stream, ReadOnlySpan<byte> consumed, string source, bool mustEnd, long? knownLength = null)
    {
        var total = knownLength ?? (stream.CanSeek ? stream.Length - stream.Position + consumed.Length : null);
        var header = NpyHeader.Read(stream, consumed, source);
        DType dtype;
        bool bigEndian;
        try
        {
            dtype = NpyDescr.Parse(header.Descr, out bigEndian);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidDataException)
        {
            throw e is NotSupportedException ? new NotSupportedException($"{source}: {e.Message}", e) : new InvalidDataException($"{source}: {e.Message}", e);
        }
        var shapeText = NpyHeader.PythonTuple(header.Shape);
        var byteCount = ByteCount(header.Shape, dtype.SizeOf(), shapeText, source);
        if (total - header.DataOffset is { } left && (left < byteCount || (mustEnd && left > byteCount)))
        {
            throw new InvalidDataException(
                $"{source}: {(left < byteCount ? "truncated: " : "")}shape {shapeText} of '{header.Descr}' needs {byteCount} bytes of data, the file holds {left}: the shape does not match the data");
        }
        var stored = header.FortranOrder ? header.Shape.Reverse().ToArray() : header.Shape;
        var device = Device.Default;
        var data = Upload(stream, device, byteCount, dtype, bigEndian, () =>
            $"shape {shapeText} of '{header.Descr}' needs {byteCount} bytes of data", source);
        if (mustEnd && stream.ReadByte() != -1)
        {
            data.Dispose();
            throw new InvalidDataException($"{source}: the file holds more data than shape {shapeText} of '{header.Descr}' needs ({byteCount} bytes): the shape does not match the data");
        }
        var array = NDArray.FromDevice(data, new ShapedArray(stored, dtype));
        return header.FortranOrder && stored.Length > 1 ? Jnp.Transpose(array) : array;
    }

    private static long ByteCount(int[] shape, int itemSize, string shapeText, string source)
    {
        try
        {
            long count = itemSize;
            foreach (var d in shape) count = checked(count * d);
            return count;
        }
        catch (OverflowException)
        {
            throw new InvalidDataException($"{source}: shape {shapeText} holds more bytes than 64 bits count");
        }
    }

    private static DeviceArray Upload(Stream stream, Device device, long byteCount, DType dtype, bool bigEndian, Func<string> need, string source)
    {
        var buffer = UndisposedMemory.Allocate(device, byteCount);
        var chunk = ArrayPool<byte>.Shared.Rent((int)Math.Min(ChunkBytes, Math.Max(byteCount, 1)));
        try
        {
            DeviceEvent? last = null;
            for (long offset = 0; offset < byteCount;)
            {
                var part = chunk.AsSpan(0, (int)Math.Min(chunk.Length, byteCount - offset));
                var read = stream.ReadAtLeast(part, part.Length, throwOnEndOfStream: false);
                if (read < part.Length)
                    throw new InvalidDataException($"{source}: truncated: {need()}, the file holds {offset + read}: the shape does not match the data");
                ToNative(part, dtype, bigEndian);
                last = last is { } previous
                    ? device.Backend.CopyToDevice(part, buffer, offset, [previous])
                    : device.Backend.CopyToDevice(part, buffer, offset);
                offset += part.Length;
            }
            return new DeviceArray(device, buffer, last ?? device.Backend.CopyToDevice([], buffer, 0));
        }
        catch
        {
            device.Backend.Free(buffer);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    /// <summary>Little-endian values, and bools as 0 or 1 (NumPy reads any nonzero byte as true).</summary>
    private static void ToNative(Span<byte> bytes, DType dtype, bool bigEndian)
    {
        if (dtype == DType.Bool)
        {
            foreach (ref var b in bytes) b = b != 0 ? (byte)1 : (byte)0;
            return;
        }
        if (!bigEndian) return;
        // A complex number is two floats, each swapped on its own.
        switch (dtype.RealPart().SizeOf())
        {
            case 2:
                var halves = MemoryMarshal.Cast<byte, ushort>(bytes);
                BinaryPrimitives.ReverseEndianness(halves, halves);
                break;
            case 4:
                var words = MemoryMarshal.Cast<byte, uint>(bytes);
                BinaryPrimitives.ReverseEndianness(words, words);
                break;
            case 8:
                var longs = MemoryMarshal.Cast<byte, ulong>(bytes);
                BinaryPrimitives.ReverseEndianness(longs, longs);
                break;
        }
    }
}
