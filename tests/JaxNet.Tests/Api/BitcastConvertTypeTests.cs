namespace JaxNet.Tests.Api;

/// <summary>lax.bitcast_convert_type and Array.view: the same bits read as another dtype.</summary>
public class BitcastConvertTypeTests
{
    [Fact]
    public void ReadsTheBits()
    {
        var x = Jnp.Array(new[] { 1f, -2f, 0f, -0f, float.PositiveInfinity });
        Assert.Equal(new[] { 0x3F800000u, 0xC0000000u, 0u, 0x80000000u, 0x7F800000u },
            Jax.Lax.BitcastConvertType(x, DType.UInt32).ToArray<uint>());
        Assert.Equal(new[] { 0x3F800000, unchecked((int)0xC0000000) }, Jax.Lax.BitcastConvertType(x[..2], DType.Int32).ToArray<int>());
        // And back, also fused inside a jitted program with arithmetic on the bits: 2^k by building the exponent.
        var powers = Jax.Jit((NDArray k) => Jax.Lax.BitcastConvertType(Jax.Lax.ShiftLeft(k + 127, Jnp.Full(k.Shape, 23, DType.Int32)), DType.Float32));
        Assert.Equal(new[] { 1f, 2f, 0.5f, 1024f }, powers(Jnp.Array(new[] { 0, 1, -1, 10 })).ToArray<float>());
    }

    [Fact]
    public void HalfFloatsAndBatching()
    {
        var h = Jnp.Array(new[] { 1f, -3f }).Astype(DType.Float16);
        Assert.Equal(new[] { 0.0078125f, -32f },
            Jax.Lax.BitcastConvertType(h, DType.BFloat16).Astype(DType.Float32).ToArray<float>());
        var rows = Jnp.Array(new[,] { { 1f, 2f }, { 4f, 8f } });
        Assert.Equal(Jax.Lax.BitcastConvertType(rows, DType.Int32).ToArray<int>(),
            Jax.Vmap((NDArray r) => Jax.Lax.BitcastConvertType(r, DType.Int32), 1, 1)(rows).ToArray<int>());
    }

    [Fact]
    public void WidthsAndDerivativesAreChecked()
    {
        // Two float32 make one float64: a last axis of 1 cannot, nor can a 0-d operand.
        Assert.Throws<ArgumentException>(() => Jax.Lax.BitcastConvertType(Jnp.Array(new[] { 1f }), DType.Float64));
        Assert.Throws<ArgumentException>(() => Jax.Lax.BitcastConvertType(Jnp.Array(1f), DType.Float64));
        Assert.Throws<ArgumentException>(() => Jax.Lax.BitcastConvertType(Jnp.Array(new[] { 1f, 2f }), DType.Complex128));
        Assert.Throws<ArgumentException>(() => Jax.Lax.BitcastConvertType(Jnp.Array(new[] { 1 }), DType.Bool));
        Assert.Throws<ShapeException>(() => Jax.Lax.BitcastConvertType(Jnp.Array(new[] { (byte)1 }), DType.Bool));
        // Bits have no tangent: an integer result carries none, a float one is refused.
        Assert.Equal(0f, Jax.Grad((NDArray v) => Jnp.Sum(Jax.Lax.BitcastConvertType(v, DType.Int32).Astype(DType.Float32) * 0f) + 0f * v)(Jnp.Array(1f)).Item<float>());
        Assert.Throws<NotSupportedException>(() => Jax.Grad((NDArray v) => Jax.Lax.BitcastConvertType(v, DType.Float32))(Jnp.Array(1f)));
    }

    [Fact]
    public void WideElementsSplitIntoLittleEndianPieces()
    {
        // NumPy: np.float32([1, -2]).view(np.uint8) is [0, 0, 128, 63, 0, 0, 0, 192].
        var bytes = Jax.Lax.BitcastConvertType(Jnp.Array(new[] { 1f, -2f }), DType.UInt8);
        Assert.Equal(new[] { 2, 4 }, bytes.Shape);
        Assert.Equal(new byte[] { 0, 0, 128, 63, 0, 0, 0, 192 }, bytes.ToArray<byte>());
        var halves = Jax.Lax.BitcastConvertType(Jnp.Array(-2f), DType.Int16);
        Assert.Equal(new[] { 2 }, halves.Shape);
        Assert.Equal(new short[] { 0, unchecked((short)0xC000) }, halves.ToArray<short>());
        var signed = Jax.Lax.BitcastConvertType(Jnp.Array(new short[] { -2 }), DType.Int8);
        Assert.Equal(new sbyte[] { -2, -1 }, signed.ToArray<sbyte>());
    }

    [Fact]
    public void EmptyAndBatchedAcrossWidths()
    {
        var empty = Jax.Lax.BitcastConvertType(Jnp.Zeros([0, 3], DType.Float32), DType.UInt16);
        Assert.Equal(new[] { 0, 3, 2 }, empty.Shape);
        Assert.Equal(new[] { 0, 3 }, Jax.Lax.BitcastConvertType(empty, DType.Float32).Shape);
        var rows = Jnp.Array(new[,] { { 1f, 2f }, { 4f, 8f } });
        var perRow = Jax.Vmap((NDArray r) => Jax.Lax.BitcastConvertType(r, DType.UInt8))(rows);
        Assert.Equal(Jax.Lax.BitcastConvertType(rows, DType.UInt8).ToArray<byte>(), perRow.ToArray<byte>());
        Assert.Equal(new[] { 2, 2, 4 }, perRow.Shape);
    }

    [Fact]
    public void ViewRescalesTheLastAxisAsNumPy()
    {
        var x = Jnp.Array(new[,] { { 1f, -2f }, { 0.5f, 3f } });
        var bytes = x.View(DType.UInt8);
        Assert.Equal(new[] { 2, 8 }, bytes.Shape);
        Assert.Equal(new byte[] { 0, 0, 128, 63, 0, 0, 0, 192 }, bytes.ToArray<byte>()[..8]);
        Assert.Equal(x.ToArray<float>(), bytes.View(DType.Float32).ToArray<float>());
        Assert.Equal(new[] { 2, 1 }, x.View(DType.Float64).Shape);
        Assert.Equal(new[] { 1.0, 0.0, 1.0 }, Jnp.Array(new[] { true, false, true }).View(DType.UInt8).Astype(DType.Float64).ToArray<double>());
        Assert.Equal(new[] { true, false }, Jnp.Array(new byte[] { 7, 0 }).View(DType.Bool).ToArray<bool>());
        Assert.Throws<ArgumentException>(() => Jnp.Array(new[] { 1f, 2f, 3f }).View(DType.Float64));
        Assert.Throws<ArgumentException>(() => Jnp.Array(1f).View(DType.UInt8));
        Assert.Equal(new[] { 0x3F800000 }, Jnp.Array(1f).View(DType.Int32).Reshape(1).ToArray<int>());
    }
}

/// <summary>Width-changing bitcasts of 64-bit types, which need x64 to exist as arrays.</summary>
[Collection(nameof(X64Collection))]
public class BitcastConvertTypeX64Tests
{
    [Fact]
    public void SixtyFourBitElementsSplitAndJoinBitForBit() => RandomDistributionX64Tests.WithX64(() =>
    {
        var halves = Jax.Lax.BitcastConvertType(Jnp.Array(new[] { 1.0 }), DType.Int16);
        Assert.Equal(new[] { 1, 4 }, halves.Shape);
        Assert.Equal(new short[] { 0, 0, 0, 0x3FF0 }, halves.ToArray<short>());
        var words = Jax.Lax.BitcastConvertType(Jnp.Array(new[] { 0x0123456789ABCDEFUL }), DType.Int32);
        Assert.Equal(new[] { unchecked((int)0x89ABCDEF), 0x01234567 }, words.ToArray<int>());
        var values = new[] { 1.5, -0.0, double.NaN, BitConverter.Int64BitsToDouble(0x7FF0_0000_0000_1234), double.Epsilon, -1e308 };
        var x = Jnp.Array(values);
        foreach (var piece in new[] { DType.UInt8, DType.Int16, DType.Float16, DType.BFloat16, DType.UInt32, DType.Float32 })
        {
            var pieces = Jax.Lax.BitcastConvertType(x, piece);
            Assert.Equal(new[] { values.Length, 8 / piece.SizeOf() }, pieces.Shape);
            var back = Jax.Jit((NDArray p) => Jax.Lax.BitcastConvertType(p, DType.Float64))(pieces);
            Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), back.ToArray<double>().Select(BitConverter.DoubleToInt64Bits));
        }
        // Joining must use each piece's bits unsigned: 0xFF bytes are not sign-extended over their neighbours.
        var ones = Jax.Lax.BitcastConvertType(Jnp.Array(new sbyte[] { -1, 0, 0, 0 }), DType.Int32);
        Assert.Equal(new[] { 255 }, ones.ToArray<int>());
        Assert.Throws<ArgumentException>(() => Jax.Lax.BitcastConvertType(Jnp.Array(new sbyte[] { 1, 2, 3 }), DType.Int32));
    });
}
