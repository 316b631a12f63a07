using JaxNet.Abstractions;

namespace JaxNet.Runtime.Tests;

/// <summary>The dtype enum is part of the ABI: values never move, and each dtype's facts match its storage.</summary>
public sealed class DTypeAbiTests
{
    [Theory]
    [InlineData(DType.Bool, 0, 1, "bool", "bool")]
    [InlineData(DType.UInt8, 1, 1, "u8", "uint8")]
    [InlineData(DType.Int32, 2, 4, "i32", "int32")]
    [InlineData(DType.Int64, 3, 8, "i64", "int64")]
    [InlineData(DType.UInt32, 4, 4, "u32", "uint32")]
    [InlineData(DType.Float16, 5, 2, "f16", "float16")]
    [InlineData(DType.BFloat16, 6, 2, "bf16", "bfloat16")]
    [InlineData(DType.Float32, 7, 4, "f32", "float32")]
    [InlineData(DType.Float64, 8, 8, "f64", "float64")]
    [InlineData(DType.Complex64, 9, 8, "c64", "complex64")]
    [InlineData(DType.Complex128, 10, 16, "c128", "complex128")]
    [InlineData(DType.Int8, 11, 1, "i8", "int8")]
    [InlineData(DType.Int16, 12, 2, "i16", "int16")]
    [InlineData(DType.UInt16, 13, 2, "u16", "uint16")]
    [InlineData(DType.UInt64, 14, 8, "u64", "uint64")]
    public void Values_sizes_and_names_are_fixed(DType dtype, int value, int bytes, string shortName, string numpyName)
    {
        Assert.Equal(value, (int)dtype);
        Assert.Equal(bytes, dtype.SizeOf());
        Assert.Equal(shortName, dtype.ShortName());
        Assert.Equal(numpyName, dtype.NumpyName());
        Assert.Equal(dtype, DTypeInfo.Parse(shortName));
        Assert.Equal(dtype, DTypeInfo.Parse(numpyName));
    }

    [Theory]
    [InlineData(DType.Int8, true, 8)]
    [InlineData(DType.Int16, true, 16)]
    [InlineData(DType.Int32, true, 32)]
    [InlineData(DType.Int64, true, 64)]
    [InlineData(DType.UInt8, false, 8)]
    [InlineData(DType.UInt16, false, 16)]
    [InlineData(DType.UInt32, false, 32)]
    [InlineData(DType.UInt64, false, 64)]
    public void Integer_types_know_their_sign_and_width(DType dtype, bool signed, int bits)
    {
        Assert.True(dtype.IsInteger());
        Assert.Equal(signed, dtype.IsSignedInteger());
        Assert.Equal(!signed, dtype.IsUnsignedInteger());
        Assert.False(dtype.IsInexact());
        Assert.Equal(bits, dtype.BitWidth());
    }

    [Fact]
    public void The_new_integers_came_with_abi_1_4_and_older_versions_list_only_their_own()
    {
        DType[] added = [DType.Int8, DType.Int16, DType.UInt16, DType.UInt64];
        Assert.Equal(new AbiVersion(1, 4), AbiVersion.Current);
        Assert.All(added, d => Assert.Equal(new AbiVersion(1, 4), d.IntroducedIn()));
        Assert.Equal(DTypeInfo.All, DTypeInfo.InAbi(AbiVersion.Current));
        var old = DTypeInfo.InAbi(new AbiVersion(1, 3));
        Assert.Equal(DTypeInfo.All.Except(added), old);
        Assert.Equal(old, DTypeInfo.InAbi(new AbiVersion(1, 0)));
        Assert.DoesNotContain(DTypeInfo.All, d => d.IsComplex());
    }

    [Fact]
    public void An_unknown_name_is_refused()
    {
        Assert.Throws<FormatException>(() => DTypeInfo.Parse("int12"));
        Assert.Throws<FormatException>(() => DTypeInfo.Parse("Int8"));
    }
}
