using static JaxNet.Tests.Api.NpyFixtureValues;

namespace JaxNet.Tests.Api;

/// <summary>
/// Jnp.Load on files NumPy wrote (NpyFixtures, made by make_npy_fixtures.py): every dtype in both byte orders, bit
/// for bit; Fortran order, 0-d, empty, versions 2.0 and 3.0, bfloat16 as ml_dtypes saves it; .npz stored, compressed
/// and positional. And Jnp.Save of what was loaded gives NumPy's own bytes back. x64 is on so no dtype narrows.
/// </summary>
[Collection(nameof(X64Collection))]
public class NpyInteropTests
{
    public static TheoryData<DType> AllDTypes() => [.. Bytes.Keys.Where(d => d != DType.BFloat16)];

    public static TheoryData<DType> MultiByteDTypes() => [.. Bytes.Keys.Where(d => d != DType.BFloat16 && d.SizeOf() > 1)];

    [Theory]
    [MemberData(nameof(AllDTypes))]
    public void LittleEndianFilesLoadBitForBit(DType dtype) => RandomDistributionX64Tests.WithX64(() =>
    {
        var x = Jnp.Load(Path($"{Stem(dtype)}_le.npy"));
        Assert.Equal(dtype, x.DType);
        Assert.Equal([2, 3], x.Shape);
        Assert.Equal(Bytes[dtype], x.ToBytes());
    });

    [Theory]
    [MemberData(nameof(MultiByteDTypes))]
    public void BigEndianFilesAreSwappedOnReading(DType dtype) => RandomDistributionX64Tests.WithX64(() =>
    {
        Assert.StartsWith(">", HeaderText(File.ReadAllBytes(Path($"{Stem(dtype)}_be.npy")))[11..], StringComparison.Ordinal);
        var x = Jnp.Load(Path($"{Stem(dtype)}_be.npy"));
        Assert.Equal(dtype, x.DType);
        Assert.Equal(Bytes[dtype], x.ToBytes());
    });

    [Theory]
    [MemberData(nameof(AllDTypes))]
    public void SavingALoadedArrayWritesNumpysExactBytes(DType dtype) => RandomDistributionX64Tests.WithX64(() =>
    {
        var file = Path($"{Stem(dtype)}_le.npy");
        using var written = new MemoryStream();
        Jnp.Save(written, Jnp.Load(file));
        Assert.Equal(File.ReadAllBytes(file), written.ToArray());
    });

    [Fact]
    public void BFloat16ReadsFromEitherTwoByteVoidAndIsWrittenAsMlDtypesDoes()
    {
        foreach (var name in new[] { "bfloat16_mldtypes.npy", "bfloat16_void2.npy" })
        {
            var x = Jnp.Load(Path(name));
            Assert.Equal(DType.BFloat16, x.DType);
            Assert.Equal(Bytes[DType.BFloat16], x.ToBytes());
        }
        using var written = new MemoryStream();
        Jnp.Save(written, Jnp.Load(Path("bfloat16_void2.npy")));
        Assert.Equal(File.ReadAllBytes(Path("bfloat16_mldtypes.npy")), written.ToArray());
    }

    [Fact]
    public void FortranOrderIsTransposedIntoRowMajor() => RandomDistributionX64Tests.WithX64(() =>
    {
        var f = Jnp.Load(Path("float64_fortran.npy"));
        Assert.Equal([2, 3], f.Shape);
        Assert.Equal(Bytes[DType.Float64], f.ToBytes());
        var g = Jnp.Load(Path("int16_fortran_be.npy"));
        Assert.Equal([2, 3, 4], g.Shape);
        Assert.Equal(DType.Int16, g.DType);
        Assert.Equal(Enumerable.Range(0, 24).Select(i => (short)i).ToArray(), g.ToArray<short>());
    });

    [Fact]
    public void ZeroDimensionalAndEmptyArrays()
    {
        var s = Jnp.Load(Path("scalar_float32.npy"));
        Assert.Empty(s.Shape);
        Assert.Equal(2.5f, s.Item<float>());
        var b = Jnp.Load(Path("scalar_bool.npy"));
        Assert.Equal(DType.Bool, b.DType);
        Assert.True(b.Item<bool>());
        var e = Jnp.Load(Path("empty_float32.npy"));
        Assert.Equal([0, 3], e.Shape);
        Assert.Equal(DType.Float32, e.DType);
        Assert.Empty(e.ToArray<float>());
        var f = Jnp.Load(Path("empty_int8_fortran.npy"));
        Assert.Equal([2, 0], f.Shape);
        Assert.Equal(DType.Int8, f.DType);
    }

    [Fact]
    public void Versions2And3ReadLikeVersion1()
    {
        var v2 = File.ReadAllBytes(Path("version2_int32.npy"));
        var v3 = File.ReadAllBytes(Path("version3_float32.npy"));
        Assert.Equal((2, 0), (v2[6], v2[7]));
        Assert.Equal((3, 0), (v3[6], v3[7]));
        Assert.Equal(Bytes[DType.Int32], Jnp.Load(Path("version2_int32.npy")).ToBytes());
        Assert.Equal(Bytes[DType.Float32], Jnp.Load(Path("version3_float32.npy")).ToBytes());
    }

    [Theory]
    [InlineData("stored.npz")]
    [InlineData("compressed.npz")]
    public void NpzMembersReadByName(string name)
    {
        using var npz = Jnp.LoadNpz(Path(name));
        Assert.Equal(["weights", "counts", "flags"], npz.Files);
        Assert.Equal(3, npz.Count);
        Assert.Equal(Bytes[DType.Float32], npz["weights"].ToBytes());
        Assert.Equal(Bytes[DType.Int32], npz["counts.npy"].ToBytes());
        Assert.Equal(Bytes[DType.Bool], npz["flags"].ToBytes());
        Assert.True(npz.ContainsKey("flags.npy"));
        Assert.False(npz.ContainsKey("missing"));
        Assert.False(npz.TryGetValue("missing", out _));
        Assert.Equal(["weights", "counts", "flags"], npz.Select(kv => kv.Key));
        Assert.Equal([DType.Float32, DType.Int32, DType.Bool], npz.Values.Select(v => v.DType));
        var missing = Assert.Throws<KeyNotFoundException>(() => npz["missing"]);
        Assert.Contains("weights, counts, flags", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PositionalNpzMembersAreArr0Arr1()
    {
        using var npz = Jnp.LoadNpz(Path("positional.npz"));
        Assert.Equal(["arr_0", "arr_1"], npz.Files);
        Assert.Equal(Bytes[DType.UInt8], npz["arr_0"].ToBytes());
        Assert.Equal(Bytes[DType.Float16], npz["arr_1"].ToBytes());
    }

    [Fact]
    public void NpzFromAStreamThatCannotSeek()
    {
        using var inner = new MemoryStream(File.ReadAllBytes(Path("compressed.npz")));
        using var npz = Jnp.LoadNpz(new ForwardOnlyStream(inner));
        Assert.Equal(Bytes[DType.Int32], npz["counts"].ToBytes());
    }

    [Fact]
    public void AMemberThatIsNotAnArrayIsListedButRefused()
    {
        using var npz = Jnp.LoadNpz(Path("not_only_arrays.npz"));
        Assert.Equal(["x", "notes.txt"], npz.Files);
        Assert.Equal(Bytes[DType.Int8], npz["x"].ToBytes());
        var e = Assert.Throws<NotSupportedException>(() => npz["notes.txt"]);
        Assert.Contains("not a .npy array", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutX64SixtyFourBitFilesNarrowAsJnpLoadDoes()
    {
        var x = Jnp.Load(Path("float64_le.npy"));
        Assert.Equal(DType.Float32, x.DType);
        Assert.Equal(1f / 3, x.ToArray<float>()[2]);
        Assert.Equal(DType.Int32, Jnp.Load(Path("int64_le.npy")).DType);
        Assert.Equal(DType.Complex64, Jnp.Load(Path("complex128_le.npy")).DType);
        Assert.Equal(DType.UInt32, Jnp.Load(Path("uint64_be.npy")).DType);
    }

    [Fact]
    public void DisposedArchiveRefusesReads()
    {
        var npz = Jnp.LoadNpz(Path("stored.npz"));
        npz.Dispose();
        Assert.Throws<ObjectDisposedException>(() => npz["weights"]);
    }

    /// <summary>The header dict's text after the 10-byte version 1.0 preamble.</summary>
    private static string HeaderText(byte[] file) => System.Text.Encoding.Latin1.GetString(file, 10, file[8] | file[9] << 8);
}
