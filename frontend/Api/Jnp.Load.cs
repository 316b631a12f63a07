using System.IO.Compression;
using JaxNet.IO;

namespace JaxNet;

/// <summary>
/// jax.numpy.load: arrays from NumPy's .npy files and .npz archives (numpy.lib.format). NumPy's np.load returns an
/// array or an archive depending on the file; C# needs one type per method, so <see cref="Load(string)"/> reads a
/// .npy array and <see cref="LoadNpz(string)"/> opens a .npz archive, and each names the other when handed the
/// wrong kind of file. As jnp.load (which passes NumPy's result through jnp.asarray), 64-bit dtypes narrow to their
/// 32-bit forms unless x64 is on, and a two-byte void ('&lt;V2', how NumPy saves ml_dtypes' bfloat16) reads as
/// bfloat16. Pickles are never read: allow_pickle is not supported, so object arrays and pickled files are refused.
/// </summary>
public static partial class Jnp
{
    private static ReadOnlySpan<byte> ZipMagic => "PK\u0003\u0004"u8;

    private static ReadOnlySpan<byte> EmptyZipMagic => "PK\u0005\u0006"u8;

    /// <summary>
    /// numpy.load of a .npy file: its array, on the default device. Versions 1.0, 2.0 and 3.0; either byte order;
    /// C or Fortran order (a Fortran-ordered file is transposed on reading). The file must hold exactly the data its
    /// header's shape needs.
    /// </summary>
    /// <exception cref="InvalidDataException">not a .npy file, a malformed header, or data shorter or longer than the shape.</exception>
    /// <exception cref="NotSupportedException">object (pickled) arrays, strings, structured and other dtypes JaxNet lacks, pickle files.</exception>
    /// <exception cref="ArgumentException">the file is a .npz archive (open it with <see cref="LoadNpz(string)"/>).</exception>
    public static NDArray Load(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read);
        return LoadArray(stream, file, mustEnd: true);
    }

    /// <summary>
    /// numpy.load of a .npy array from <paramref name="stream"/>, which is left after the array's data (as NumPy leaves
    /// a file), so arrays saved one after another into one stream load one after another. Otherwise as
    /// <see cref="Load(string)"/>.
    /// </summary>
    public static NDArray Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return LoadArray(stream, "stream", mustEnd: false);
    }

    /// <summary>
    /// numpy.load of a .npz archive (np.savez's or np.savez_compressed's): an <see cref="NpzFile"/> that reads each
    /// member when it is asked for. Dispose it to close the file.
    /// </summary>
    /// <exception cref="ArgumentException">the file is a .npy array (read it with <see cref="Load(string)"/>).</exception>
    /// <exception cref="InvalidDataException">a file that is neither, or a damaged archive.</exception>
    public static NpzFile LoadNpz(string file)
    {
        var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            return OpenNpz(stream, file, leaveOpen: false);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// <see cref="LoadNpz(string)"/> on a stream, which stays open when the archive is disposed. A stream that cannot
    /// seek is copied into memory first (a zip's directory is at its end).
    /// </summary>
    public static NpzFile LoadNpz(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return OpenNpz(stream, "stream", leaveOpen: true);
    }

    /// <summary>A freshly read array narrowed as jnp.asarray narrows NumPy's (float64 to float32 without x64).</summary>
    internal static NDArray LoadedArray(NDArray read) => Canonical(read);

    private static NDArray LoadArray(Stream stream, string source, bool mustEnd)
    {
        Span<byte> start = stackalloc byte[NpyHeader.Magic.Length];
        var read = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        var kind = Sniff(start[..read], source);
        if (kind == FileKind.Npz)
            throw new ArgumentException($"load: {source} is a .npz archive; open it with Jnp.LoadNpz, which returns its members by name");
        return LoadedArray(NpyReader.Read(stream, start[..read], source, mustEnd));
    }

    private static NpzFile OpenNpz(Stream stream, string source, bool leaveOpen)
    {
        var start = new byte[NpyHeader.Magic.Length];
        var read = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        if (Sniff(start.AsSpan(0, read), source) == FileKind.Npy)
            throw new ArgumentException($"load: {source} is a .npy array; read it with Jnp.Load");
        Stream archive;
        if (stream.CanSeek)
        {
            stream.Seek(-read, SeekOrigin.Current);
            archive = stream;
        }
        else
        {
            // The consumed bytes and the rest, in memory: ZipArchive must seek to the directory at the end.
            var copy = new MemoryStream();
            copy.Write(start, 0, read);
            stream.CopyTo(copy);
            copy.Position = 0;
            archive = copy;
            leaveOpen = false;
        }
        try
        {
            return new NpzFile(new ZipArchive(archive, ZipArchiveMode.Read, leaveOpen), source);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{source}: a damaged .npz archive: {e.Message}", e);
        }
    }

    private enum FileKind
    {
        Npy,
        Npz,
    }

    /// <summary>What np.load would take the file for, from its first bytes; anything else NumPy would unpickle.</summary>
    private static FileKind Sniff(ReadOnlySpan<byte> start, string source)
    {
        if (start.Length == 0) throw new InvalidDataException($"load: {source} is empty (no data left in file)");
        if (start.StartsWith(ZipMagic) || start.StartsWith(EmptyZipMagic)) return FileKind.Npz;
        if (start.SequenceEqual(NpyHeader.Magic)) return FileKind.Npy;
        if (start[0] == 0x80)
            throw new NotSupportedException($"load: {source} is a pickle; JaxNet does not support allow_pickle (save arrays with np.save or np.savez)");
        if (NpyHeader.Magic.StartsWith(start))
            throw new InvalidDataException($"load: {source} is truncated: it ends inside the .npy magic ({start.Length} bytes)");
        throw new InvalidDataException($"load: {source} is neither a .npy file nor a .npz archive (NumPy would try it as a pickle; JaxNet does not support allow_pickle)");
    }
}
