using JaxNet.IO;
using static JaxNet.Tests.Api.NpyFixtureValues;

namespace JaxNet.Tests.Api;

/// <summary>
/// Jnp.Save / Savez / SavezCompressed then Jnp.Load / LoadNpz, through files and streams, for every dtype: the bytes
/// come back bit for bit (NaN payloads, -0.0, subnormals, integer extremes). x64 is on so 64-bit dtypes stay.
/// </summary>
[Collection(nameof(X64Collection))]
public sealed class NpyRoundTripTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("jaxnet-npy-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    public static TheoryData<DType> EveryDType() => [.. Bytes.Keys];

    private static NDArray Sample(DType dtype) => Jnp.Frombuffer(Bytes[dtype], dtype).Reshape(2, 3);

    [Theory]
    [MemberData(nameof(EveryDType))]
    public void FileRoundTripIsBitForBit(DType dtype) => RandomDistributionX64Tests.WithX64(() =>
    {
        var path = System.IO.Path.Combine(folder, $"{dtype}.npy");
        Jnp.Save(path, Sample(dtype));
        var back = Jnp.Load(path);
        Assert.Equal(dtype, back.DType);
        Assert.Equal([2, 3], back.Shape);
        Assert.Equal(Bytes[dtype], back.ToBytes());
    });

    [Fact]
    public void NpzRoundTripOfEveryDTypeStoredAndCompressed() => RandomDistributionX64Tests.WithX64(() =>
    {
        var arrays = Bytes.Keys.Select(d => new KeyValuePair<string, NDArray>(d.NumpyName(), Sample(d))).ToArray();
        foreach (var compressed in new[] { false, true })
        {
            var path = System.IO.Path.Combine(folder, compressed ? "all_compressed" : "all");
            if (compressed) Jnp.SavezCompressed(path, arrays);
            else Jnp.Savez(path, arrays);
            using var npz = Jnp.LoadNpz(path + ".npz");
            Assert.Equal(arrays.Select(a => a.Key), npz.Files);
            foreach (var d in Bytes.Keys)
            {
                Assert.Equal(d, npz[d.NumpyName()].DType);
                Assert.Equal(Bytes[d], npz[d.NumpyName()].ToBytes());
            }
        }
    });

    [Fact]
    public void CompressionShrinksRepetitiveDataAndStoredDoesNot()
    {
        var zeros = Jnp.Zeros([4096]);
        using var stored = new MemoryStream();
        using var deflated = new MemoryStream();
        Jnp.Savez(stored, zeros);
        Jnp.SavezCompressed(deflated, zeros);
        Assert.True(stored.Length > 4096 * 4, $"stored archive of {stored.Length} bytes");
        Assert.True(deflated.Length < 1024, $"compressed archive of {deflated.Length} bytes");
        stored.Position = 0;
        using var npz = Jnp.LoadNpz(stored);
        Assert.Equal(["arr_0"], npz.Files);
        Assert.All(npz["arr_0"].ToArray<float>(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void ArraysSavedOneAfterAnotherInAStreamLoadInTurn()
    {
        using var stream = new MemoryStream();
        Jnp.Save(stream, Jnp.Array(new[] { 1, 2, 3 }));
        Jnp.Save(stream, Jnp.Array(2.5f));
        Jnp.Save(stream, Jnp.Zeros([0, 2]));
        stream.Position = 0;
        Assert.Equal([1, 2, 3], Jnp.Load(stream).ToArray<int>());
        Assert.Equal(2.5f, Jnp.Load(stream).Item<float>());
        Assert.Equal([0, 2], Jnp.Load(stream).Shape);
        Assert.Equal(stream.Length, stream.Position);
        Assert.Throws<InvalidDataException>(() => Jnp.Load(stream));
    }

    [Fact]
    public void StreamsThatCannotSeekWorkBothWays()
    {
        using var inner = new MemoryStream();
        var x = Jnp.Arange(12).Reshape(3, 4);
        Jnp.Save(new ForwardOnlyStream(inner), x);
        Jnp.SavezCompressed(new ForwardOnlyStream(inner), new Dictionary<string, NDArray> { ["x"] = x });
        inner.Position = 0;
        Assert.Equal(x.ToArray<int>(), Jnp.Load(new ForwardOnlyStream(inner)).ToArray<int>());
        using var npz = Jnp.LoadNpz(new ForwardOnlyStream(inner));
        Assert.Equal(x.ToArray<int>(), npz["x"].ToArray<int>());
    }

    [Fact]
    public void ZeroDimensionalEmptyAndTransposedArrays()
    {
        using var stream = new MemoryStream();
        var transposed = Jnp.Transpose(Jnp.Arange(6).Reshape(2, 3));
        Jnp.Savez(stream, new Dictionary<string, NDArray>
        {
            ["scalar"] = Jnp.Array(-0f),
            ["empty"] = Jnp.Zeros([3, 0, 2], DType.Int16),
            ["nothing"] = Jnp.Zeros([0]),
            ["transposed"] = transposed,
        });
        stream.Position = 0;
        using var npz = Jnp.LoadNpz(stream);
        Assert.Empty(npz["scalar"].Shape);
        Assert.Equal(0x80000000u, BitConverter.SingleToUInt32Bits(npz["scalar"].Item<float>()));
        Assert.Equal([3, 0, 2], npz["empty"].Shape);
        Assert.Equal(DType.Int16, npz["empty"].DType);
        Assert.Equal([0], npz["nothing"].Shape);
        Assert.Equal([3, 2], npz["transposed"].Shape);
        Assert.Equal([0, 3, 1, 4, 2, 5], npz["transposed"].ToArray<int>());
    }

    [Fact]
    public void LargeArraysCrossSeveralChunks()
    {
        // 2.5 M float32 values, 10 MB: ten read chunks, the last a partial one.
        const int n = 2_500_000;
        var x = Jnp.Arange(n).Astype(DType.Float32);
        var path = System.IO.Path.Combine(folder, "large.npy");
        Jnp.Save(path, x);
        Assert.Equal(128 + 4L * n, new FileInfo(path).Length);
        var back = Jnp.Load(path).ToArray<float>();
        Assert.Equal(n, back.Length);
        for (var i = 0; i < n; i += 99_991) Assert.Equal(i, back[i]);
        Assert.Equal(n - 1, back[^1]);
    }

    [Fact]
    public void NamesGetNumpysSuffixesOnce()
    {
        var x = Jnp.Array(new[] { 1f });
        Jnp.Save(System.IO.Path.Combine(folder, "a"), x);
        Jnp.Save(System.IO.Path.Combine(folder, "b.npy"), x);
        Jnp.Savez(System.IO.Path.Combine(folder, "c"), x);
        Jnp.SavezCompressed(System.IO.Path.Combine(folder, "d.npz"), x);
        Assert.Equal(["a.npy", "b.npy", "c.npz", "d.npz"], Directory.GetFiles(folder).Select(System.IO.Path.GetFileName).Order());
    }

    [Fact]
    public void HeadersAreAlignedAndTheWriterPicksVersion2OnlyForAHugeHeader()
    {
        var small = new NpyHeader("<f4", false, [2, 3]).Encode();
        Assert.Equal(0, small.Length % 64);
        Assert.Equal(1, small[6]);
        // 30,000 axes of length 1 make a header past version 1.0's 65,535 bytes.
        var huge = new NpyHeader("<f4", false, Enumerable.Repeat(1, 30_000).ToArray()).Encode();
        Assert.Equal(0, huge.Length % 64);
        Assert.Equal(2, huge[6]);
        var read = NpyHeader.Read(new MemoryStream(huge), [], "huge");
        Assert.Equal(30_000, read.Shape.Length);
        Assert.Equal(huge.Length, read.DataOffset);
    }
}
