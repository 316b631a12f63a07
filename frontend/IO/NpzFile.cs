using System.Collections;
using System.IO.Compression;
using JaxNet.IO;

namespace JaxNet;

/// <summary>
/// An open .npz archive (numpy.lib.npyio.NpzFile), from <see cref="Jnp.LoadNpz(string)"/>: its members by name, each
/// read from the archive when it is asked for (again on every access, as NumPy does), so opening a large archive
/// reads only its directory. <see cref="Files"/> lists the member names with ".npy" taken off; the indexer accepts
/// either form. Dispose it to close the file. Not safe to read from several threads at once (one zip reader).
/// </summary>
public sealed class NpzFile : IReadOnlyDictionary<string, NDArray>, IDisposable
{
    private readonly ZipArchive zip;
    private readonly Dictionary<string, ZipArchiveEntry> members = new(StringComparer.Ordinal);
    private readonly string source;
    private bool disposed;

    internal NpzFile(ZipArchive zip, string source)
    {
        this.zip = zip;
        this.source = source;
        var files = new List<string>();
        foreach (var entry in zip.Entries)
        {
            var name = entry.FullName.EndsWith(".npy", StringComparison.Ordinal) ? entry.FullName[..^4] : entry.FullName;
            if (!members.TryAdd(name, entry))
            {
                zip.Dispose();
                throw new InvalidDataException($"{source}: the archive has two members named '{name}'");
            }
            files.Add(name);
        }
        Files = files;
    }

    /// <summary>The member names in archive order, ".npy" taken off (NumPy's NpzFile.files).</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>
    /// The member <paramref name="name"/> (with or without ".npy") read as an array, narrowed to the x64 setting as
    /// <see cref="Jnp.Load(string)"/> narrows.
    /// </summary>
    /// <exception cref="KeyNotFoundException">no such member.</exception>
    /// <exception cref="NotSupportedException">a member that is not a .npy array (NumPy would return its raw bytes), or a dtype JaxNet lacks.</exception>
    /// <exception cref="InvalidDataException">a malformed or truncated member.</exception>
    public NDArray this[string name]
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var entry = Entry(name) ?? throw new KeyNotFoundException($"{source}: '{name}' is not a member of the archive (members: {string.Join(", ", Files)})");
            var where = $"{source}[{entry.FullName}]";
            using var stream = entry.Open();
            Span<byte> magic = stackalloc byte[NpyHeader.Magic.Length];
            var read = stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
            if (read < magic.Length || !magic.SequenceEqual(NpyHeader.Magic))
                throw new NotSupportedException($"{where}: not a .npy array (NumPy would return the member's raw bytes)");
            return Jnp.LoadedArray(NpyReader.Read(stream, magic, where, mustEnd: true, entry.Length));
        }
    }

    public IEnumerable<string> Keys => Files;

    /// <summary>Every member read in turn.</summary>
    public IEnumerable<NDArray> Values => Files.Select(f => this[f]);

    public int Count => Files.Count;

    public bool ContainsKey(string key) => Entry(key) is not null;

    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out NDArray value)
    {
        value = ContainsKey(key) ? this[key] : null;
        return value is not null;
    }

    public IEnumerator<KeyValuePair<string, NDArray>> GetEnumerator() =>
        Files.Select(f => new KeyValuePair<string, NDArray>(f, this[f])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Dispose()
    {
        disposed = true;
        zip.Dispose();
    }

    private ZipArchiveEntry? Entry(string name) =>
        members.TryGetValue(name, out var entry) ? entry
        : name.EndsWith(".npy", StringComparison.Ordinal) && members.TryGetValue(name[..^4], out entry) && entry.FullName == name ? entry
        : null;
}
