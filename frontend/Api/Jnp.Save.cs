using System.IO.Compression;
using JaxNet.IO;

namespace JaxNet;

/// <summary>
/// NumPy's writers, which JAX users call on jax arrays: numpy.save (.npy), numpy.savez and numpy.savez_compressed
/// (.npz, a zip of .npy members, stored or deflated). Files are byte for byte what NumPy writes for the same array:
/// a version 1.0 header (2.0 only for a header past 64 KiB), little-endian, C order. bfloat16 is saved as NumPy
/// saves ml_dtypes' bfloat16, the two-byte void '&lt;V2', which jax.numpy.load reads back as bfloat16 and plain NumPy
/// as raw void2. Typed PRNG key arrays are refused, as NumPy refuses JAX's: save their words from
/// <see cref="Jax.Random.KeyData(PRNGKeyArray)"/>.
/// </summary>
public static partial class Jnp
{
    private const string KeySaveRefusal =
        "save: a key array (dtype key<fry>) cannot be converted to a NumPy array; save Jax.Random.KeyData(keys), its uint32 words, and rebuild the keys with Jax.Random.WrapKeyData";

    /// <summary>numpy.save: writes <paramref name="array"/> to <paramref name="file"/>, adding ".npy" to a name without it (as NumPy does).</summary>
    /// <exception cref="ConcretizationTypeError">a traced array (inside Jit or a transformation).</exception>
    public static void Save(string file, NDArray array)
    {
        RequireConcrete(array, "save");
        if (!file.EndsWith(".npy", StringComparison.Ordinal)) file += ".npy";
        using var stream = new FileStream(file, FileMode.Create, FileAccess.Write);
        NpyWriter.Write(stream, array);
    }

    /// <summary>numpy.save into <paramref name="stream"/> at its position; several arrays may follow one another.</summary>
    public static void Save(Stream stream, NDArray array)
    {
        ArgumentNullException.ThrowIfNull(stream);
        RequireConcrete(array, "save");
        NpyWriter.Write(stream, array);
    }

    /// <summary>Key arrays are not saved (NumPy cannot hold a key dtype): save <c>Jax.Random.KeyData(keys)</c>.</summary>
    [Obsolete(KeySaveRefusal, error: true)]
    public static void Save(string file, PRNGKeyArray keys) => throw new ArgumentException(KeySaveRefusal, nameof(keys));

    /// <summary>Key arrays are not saved (NumPy cannot hold a key dtype): save <c>Jax.Random.KeyData(keys)</c>.</summary>
    [Obsolete(KeySaveRefusal, error: true)]
    public static void Save(Stream stream, PRNGKeyArray keys) => throw new ArgumentException(KeySaveRefusal, nameof(keys));

    /// <summary>numpy.savez with positional arrays: an uncompressed .npz whose members are named arr_0, arr_1, ...; ".npz" is added to a name without it.</summary>
    public static void Savez(string file, params NDArray[] arrays) => WriteNpz(file, Positional(arrays), CompressionLevel.NoCompression);

    /// <summary>numpy.savez with positional arrays into <paramref name="stream"/> (left open).</summary>
    public static void Savez(Stream stream, params NDArray[] arrays) => WriteNpz(stream, Positional(arrays), CompressionLevel.NoCompression);

    /// <summary>numpy.savez with keyword arrays: each member named by its key (plus ".npy"), in the order given.</summary>
    /// <exception cref="ArgumentException">a name given twice.</exception>
    public static void Savez(string file, IEnumerable<KeyValuePair<string, NDArray>> arrays) => WriteNpz(file, arrays, CompressionLevel.NoCompression);

    /// <summary>numpy.savez with keyword arrays into <paramref name="stream"/> (left open).</summary>
    public static void Savez(Stream stream, IEnumerable<KeyValuePair<string, NDArray>> arrays) => WriteNpz(stream, arrays, CompressionLevel.NoCompression);

    /// <summary>numpy.savez_compressed with positional arrays: as <see cref="Savez(string, NDArray[])"/>, members deflated.</summary>
    public static void SavezCompressed(string file, params NDArray[] arrays) => WriteNpz(file, Positional(arrays), CompressionLevel.Optimal);

    /// <summary>numpy.savez_compressed with positional arrays into <paramref name="stream"/> (left open).</summary>
    public static void SavezCompressed(Stream stream, params NDArray[] arrays) => WriteNpz(stream, Positional(arrays), CompressionLevel.Optimal);

    /// <summary>numpy.savez_compressed with keyword arrays: as <see cref="Savez(string, IEnumerable{KeyValuePair{string, NDArray}})"/>, members deflated.</summary>
    public static void SavezCompressed(string file, IEnumerable<KeyValuePair<string, NDArray>> arrays) => WriteNpz(file, arrays, CompressionLevel.Optimal);

    /// <summary>numpy.savez_compressed with keyword arrays into <paramref name="stream"/> (left open).</summary>
    public static void SavezCompressed(Stream stream, IEnumerable<KeyValuePair<string, NDArray>> arrays) => WriteNpz(stream, arrays, CompressionLevel.Optimal);

    private static KeyValuePair<string, NDArray>[] Positional(NDArray[] arrays)
    {
        ArgumentNullException.ThrowIfNull(arrays);
        return [.. arrays.Select((a, i) => new KeyValuePair<string, NDArray>($"arr_{i}", a))];
    }

    private static void WriteNpz(string file, IEnumerable<KeyValuePair<string, NDArray>> arrays, CompressionLevel level)
    {
        var members = CheckedMembers(arrays);
        if (!file.EndsWith(".npz", StringComparison.Ordinal)) file += ".npz";
        using var stream = new FileStream(file, FileMode.Create, FileAccess.Write);
        WriteMembers(stream, members, level);
    }

    private static void WriteNpz(Stream stream, IEnumerable<KeyValuePair<string, NDArray>> arrays, CompressionLevel level)
    {
        ArgumentNullException.ThrowIfNull(stream);
        WriteMembers(stream, CheckedMembers(arrays), level);
    }

    private static void WriteMembers(Stream stream, KeyValuePair<string, NDArray>[] members, CompressionLevel level)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (name, array) in members)
        {
            using var member = zip.CreateEntry(name + ".npy", level).Open();
            NpyWriter.Write(member, array);
        }
    }

    /// <summary>The members, checked before a file is created: names given once, arrays present and concrete.</summary>
    private static KeyValuePair<string, NDArray>[] CheckedMembers(IEnumerable<KeyValuePair<string, NDArray>> arrays)
    {
        ArgumentNullException.ThrowIfNull(arrays);
        var members = arrays.ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, array) in members)
        {
            if (string.IsNullOrEmpty(name)) throw new ArgumentException("savez: a member name must not be empty", nameof(arrays));
            if (!seen.Add(name)) throw new ArgumentException($"savez: the name '{name}' is given twice", nameof(arrays));
            ArgumentNullException.ThrowIfNull(array, $"{nameof(arrays)}['{name}']");
            RequireConcrete(array, "savez");
        }
        return members;
    }

    private static void RequireConcrete(NDArray array, string what)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (!array.IsConcrete) throw array.Concretization(what);
    }
}
