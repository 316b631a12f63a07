using System.Buffers.Binary;
using System.Reflection;
using System.Text;
using static JaxNet.Tests.Api.NpyFixtureValues;

namespace JaxNet.Tests.Api;

/// <summary>
/// What Jnp.Load and Jnp.Save refuse, each with a message that says why: NumPy files JaxNet has no array for
/// (object, structured, strings, datetime, longdouble, pickles), damaged files (truncated, overlong, malformed
/// headers), the wrong loader for the kind of file, traced arrays and key arrays, and bad archive names.
/// </summary>
public class NpyRefusalTests
{
    [Theory]
    [InlineData("object.npy", "allow_pickle")]
    [InlineData("structured.npy", "structured")]
    [InlineData("unicode.npy", "string array")]
    [InlineData("bytes.npy", "string array")]
    [InlineData("datetime.npy", "datetime")]
    [InlineData("longdouble.npy", "float of 16 bytes")]
    [InlineData("pickled.pkl", "allow_pickle")]
    public void NumpyContentWithoutAJaxNetArrayIsNotSupported(string file, string reason)
    {
        var e = Assert.Throws<NotSupportedException>(() => Jnp.Load(Path(file)));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedAndOverlongDataDoNotMatchTheShape()
    {
        var truncated = Assert.Throws<InvalidDataException>(() => Jnp.Load(Path("truncated_float32.npy")));
        Assert.Contains("truncated", truncated.Message, StringComparison.Ordinal);
        Assert.Contains("needs 24 bytes", truncated.Message, StringComparison.Ordinal);
        var overlong = Assert.Throws<InvalidDataException>(() => Jnp.Load(Path("overlong_float32.npy")));
        Assert.Contains("does not match", overlong.Message, StringComparison.Ordinal);
        // A stream that cannot tell its length finds the end while reading.
        var stream = new ForwardOnlyStream(new MemoryStream(File.ReadAllBytes(Path("truncated_float32.npy"))));
        Assert.Contains("holds 20", Assert.Throws<InvalidDataException>(() => Jnp.Load(stream)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AShapeFarPastTheFileIsRefusedBeforeAllocating()
    {
        var file = Npy("{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }", data: new byte[8]);
        var e = Assert.Throws<InvalidDataException>(() => Jnp.Load(new MemoryStream(file)));
        Assert.Contains("needs 80000000000 bytes", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': False}", "exactly the keys")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'extra': 1}", "exactly the keys")]
    [InlineData("{'descr': '<f4', 'descr': '<f4', 'shape': (1,)}", "appears twice")]
    [InlineData("{'descr': 4, 'fortran_order': False, 'shape': (1,)}", "'descr' must be a string")]
    [InlineData("{'descr': '<f4', 'fortran_order': 'no', 'shape': (1,)}", "'fortran_order' must be True or False")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': [1]}", "'shape' must be a tuple")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (1)}", "'shape' must be a tuple")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,)}", "negative dimension")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2.5,)}", "not an integer literal")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,)}", "fits 64 bits")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2147483647, 2147483647, 2147483647)}", "more bytes than 64 bits")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (1,)} x", "after the header dict")]
    [InlineData("{'descr': '<f4', 'fortran_order': None, 'shape': (1,)}", "unexpected 'N'")]
    [InlineData("{'descr': '<f4, 'fortran_order': False, 'shape': (1,)}", "expected ',' or '}'")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (1,)", "ends inside the dict")]
    [InlineData("{'descr': '<f4', 'fortran_order': False 'shape': (1,)}", "expected ',' or '}'")]
    [InlineData("{True: '<f4'}", "keys must be strings")]
    [InlineData("{'descr': {'a': 1}, 'fortran_order': False, 'shape': (1,)}", "unexpected '{'")]
    [InlineData("['descr']", "expected '{'")]
    [InlineData("{'descr': 'f4\\q', 'fortran_order': False, 'shape': (1,)}", "unsupported escape")]
    [InlineData("{'descr': '<x4', 'fortran_order': False, 'shape': (1,)}", "unknown kind")]
    [InlineData("{'descr': '<f', 'fortran_order': False, 'shape': (1,)}", "not a NumPy type string")]
    [InlineData("{'descr': '', 'fortran_order': False, 'shape': (1,)}", "names no type")]
    [InlineData("{'descr': '<i3', 'fortran_order': False, 'shape': (1,)}", "has no JaxNet dtype")]
    [InlineData("{'descr': '|V4', 'fortran_order': False, 'shape': (1,)}", "only the two-byte void")]
    public void MalformedOrUnsupportedHeadersSayWhatIsWrong(string dict, string reason)
    {
        var e = Assert.ThrowsAny<Exception>(() => Jnp.Load(new MemoryStream(Npy(dict, data: new byte[64]))));
        Assert.True(e is InvalidDataException or NotSupportedException, $"{e.GetType().Name}: {e.Message}");
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LiteralsNumpysReaderAcceptsAreAccepted()
    {
        // Python 2's long suffix, double quotes, no trailing comma, newlines and '=' (native, little-endian) order.
        var x = Jnp.Load(new MemoryStream(Npy("{\"descr\": \"=i2\",\n 'shape': (2L,), 'fortran_order': True}", data: [1, 0, 0xFF, 0xFF])));
        Assert.Equal([1, -1], x.ToArray<short>());
        Assert.Equal(DType.Int16, x.DType);
        var noOrder = Jnp.Load(new MemoryStream(Npy("{'descr': 'u1', 'fortran_order': False, 'shape': ()}", data: [7])));
        Assert.Equal((byte)7, noOrder.Item<byte>());
        var boolBytes = Jnp.Load(new MemoryStream(Npy("{'descr': '|b1', 'fortran_order': False, 'shape': (3,)}", data: [0, 2, 255])));
        Assert.Equal([false, true, true], boolBytes.ToArray<bool>());
        Assert.Equal(new byte[] { 0, 1, 1 }, boolBytes.ToBytes());
    }

    [Fact]
    public void BrokenPreamblesAndWrongKindsOfFile()
    {
        Assert.Contains("empty", Load([]).Message, StringComparison.Ordinal);
        Assert.Contains("ends inside the .npy magic", Load([0x93, (byte)'N', (byte)'U']).Message, StringComparison.Ordinal);
        Assert.Contains("neither a .npy file nor a .npz", Load(Encoding.ASCII.GetBytes("hello, world")).Message, StringComparison.Ordinal);
        Assert.Contains("version 4.0", Load(Npy("{}", major: 4)).Message, StringComparison.Ordinal);
        var minor = Npy("{}");
        minor[7] = 1;
        Assert.Contains("version 1.1", Load(minor).Message, StringComparison.Ordinal);
        Assert.Contains("ends inside its header length", Load([.. Npy("{}")[..9]]).Message, StringComparison.Ordinal);
        Assert.Contains("ends inside its header (", Load([.. Npy("{'descr': '<f4'}")[..20]]).Message, StringComparison.Ordinal);
        var huge = Npy("{}", major: 2);
        BinaryPrimitives.WriteUInt32LittleEndian(huge.AsSpan(8), 0x7FFFFFFF);
        Assert.Contains("limit", Load(huge).Message, StringComparison.Ordinal);
        var badUtf8 = Npy("{'descr': 'X', 'fortran_order': False, 'shape': ()}", major: 3);
        badUtf8[Array.IndexOf(badUtf8, (byte)'X')] = 0xFF;
        Assert.Contains("not UTF-8", Load(badUtf8).Message, StringComparison.Ordinal);
        Assert.Contains("LoadNpz", Assert.Throws<ArgumentException>(() => Jnp.Load(Path("stored.npz"))).Message, StringComparison.Ordinal);
        Assert.Contains("Jnp.Load", Assert.Throws<ArgumentException>(() => Jnp.LoadNpz(Path("float32_le.npy"))).Message, StringComparison.Ordinal);
        var damaged = Assert.Throws<InvalidDataException>(() => Jnp.LoadNpz(new MemoryStream([.. "PK\u0003\u0004"u8, .. new byte[40]])));
        Assert.Contains("damaged .npz", damaged.Message, StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => Jnp.LoadNpz(Path("pickled.pkl")));
        Assert.Throws<FileNotFoundException>(() => Jnp.Load(Path("no_such_file.npy")));
    }

    [Fact]
    public void TracedArraysCannotBeSaved()
    {
        using var stream = new MemoryStream();
        var f = Jax.Jit((NDArray x) =>
        {
            Jnp.Save(stream, x);
            return x;
        });
        Assert.Throws<ConcretizationTypeError>(() => f(Jnp.Array(new[] { 1f })));
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void KeyArraysAreRefusedUnlessUnwrappedWithKeyData()
    {
        foreach (var target in new[] { typeof(string), typeof(Stream) })
        {
            var save = typeof(Jnp).GetMethod(nameof(Jnp.Save), [target, typeof(PRNGKeyArray)])!;
            var obsolete = save.GetCustomAttribute<ObsoleteAttribute>()!;
            Assert.True(obsolete.IsError);
            Assert.Contains("KeyData", obsolete.Message, StringComparison.Ordinal);
            object argument = target == typeof(string) ? "never-written.npy" : new MemoryStream();
            var e = Assert.Throws<TargetInvocationException>(() => save.Invoke(null, [argument, Jax.Random.Key(0)]));
            Assert.IsType<ArgumentException>(e.InnerException);
        }
        Assert.False(File.Exists("never-written.npy"));
        // The unwrapped words save and load back into the same keys.
        using var stream = new MemoryStream();
        var keys = Jax.Random.Split(Jax.Random.Key(7), 3);
        Jnp.Save(stream, Jax.Random.KeyData(keys));
        stream.Position = 0;
        var words = Jnp.Load(stream);
        Assert.Equal(DType.UInt32, words.DType);
        Assert.Equal(Jax.Random.KeyData(keys).ToArray<uint>(), Jax.Random.KeyData(Jax.Random.WrapKeyData(words)).ToArray<uint>());
    }

    [Fact]
    public void ArchiveNamesMustBeUniqueAndPresent()
    {
        var x = Jnp.Array(new[] { 1f });
        using var stream = new MemoryStream();
        KeyValuePair<string, NDArray>[] twice = [new("a", x), new("a", x)];
        Assert.Contains("given twice", Assert.Throws<ArgumentException>(() => Jnp.Savez(stream, twice)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Jnp.SavezCompressed(stream, [new KeyValuePair<string, NDArray>("", x)]));
        Assert.Throws<ArgumentNullException>(() => Jnp.Savez(stream, [new KeyValuePair<string, NDArray>("a", null!)]));
        Assert.Equal(0, stream.Length);
    }

    private static InvalidDataException Load(byte[] file) => Assert.Throws<InvalidDataException>(() => Jnp.Load(new MemoryStream(file)));

    /// <summary>A .npy file with <paramref name="dict"/> as its header text, unpadded, then <paramref name="data"/>.</summary>
    private static byte[] Npy(string dict, byte major = 1, byte[]? data = null)
    {
        var text = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetBytes(dict + "\n");
        var lengthBytes = major == 1 ? 2 : 4;
        var file = new byte[8 + lengthBytes + text.Length + (data?.Length ?? 0)];
        JaxNet.IO.NpyHeader.Magic.CopyTo(file);
        file[6] = major;
        if (lengthBytes == 2) BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(8), (ushort)text.Length);
        else BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(8), (uint)text.Length);
        text.CopyTo(file, 8 + lengthBytes);
        data?.CopyTo(file, 8 + lengthBytes + text.Length);
        return file;
    }
}
