using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Api;

/// <summary>
/// int8, int16, uint16 and uint64 (ABI 1.4) through the frontend on the default backend: JAX's promotion table,
/// weak literals, iinfo, host arrays, converts, JAX/XLA's integer division, shift and comparison rules, and the
/// reductions, sort and cumsum. Expected values are computed here with C#'s own integer types.
/// </summary>
public class NarrowIntegerDTypeTests
{
    private static readonly DType[] Order =
        [DType.Bool, DType.UInt8, DType.UInt16, DType.UInt32, DType.UInt64, DType.Int8, DType.Int16, DType.Int32, DType.Int64, DType.Float32];

    // jnp.promote_types for these rows and columns: docs.jax.dev/en/latest/type_promotion.html's table, where uint64
    // meets any signed integer at f* (which promote_types names float64).
    private static readonly string[] PromotionTable =
    [
        "b1   u8   u16  u32  u64  i8   i16  i32  i64  f32",
        "u8   u8   u16  u32  u64  i16  i16  i32  i64  f32",
        "u16  u16  u16  u32  u64  i32  i32  i32  i64  f32",
        "u32  u32  u32  u32  u64  i64  i64  i64  i64  f32",
        "u64  u64  u64  u64  u64  f64  f64  f64  f64  f32",
        "i8   i16  i32  i64  f64  i8   i16  i32  i64  f32",
        "i16  i16  i32  i64  f64  i16  i16  i32  i64  f32",
        "i32  i32  i32  i64  f64  i32  i32  i32  i64  f32",
        "i64  i64  i64  i64  f64  i64  i64  i64  i64  f32",
        "f32  f32  f32  f32  f32  f32  f32  f32  f32  f32",
    ];

    [Fact]
    public void Promote_types_follows_jaxs_table_for_every_pair_of_integers_bool_and_float32()
    {
        for (var i = 0; i < Order.Length; i++)
        {
            var row = PromotionTable[i].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(n => n == "b1" ? DType.Bool : DTypeInfo.Parse(n)).ToArray();
            for (var j = 0; j < Order.Length; j++)
                Assert.True(row[j] == Jnp.PromoteTypes(Order[i], Order[j]),
                    $"promote_types({Order[i]}, {Order[j]}) = {Jnp.PromoteTypes(Order[i], Order[j])}, JAX's table says {row[j]}");
        }
    }

    [Fact]
    public void A_literal_keeps_the_narrow_type_and_uint64_with_a_signed_int_gives_a_weak_float()
    {
        var x = Jnp.Array(new sbyte[] { 127, -128 }, DType.Int8);
        var y = x + 1;
        Assert.Equal(DType.Int8, y.DType);
        Assert.False(y.WeakType);
        Assert.Equal(new sbyte[] { -128, -127 }, y.ToArray<sbyte>());
        var u = Jnp.Array(new ushort[] { 65535 }, DType.UInt16) * 2;
        Assert.Equal(DType.UInt16, u.DType);
        Assert.Equal(new ushort[] { 65534 }, u.ToArray<ushort>());
        var mixed = Jnp.Array(new ulong[] { 3 }, DType.UInt64) + Jnp.Array(new int[] { -1 });
        Assert.Equal(DType.Float32, mixed.DType);
        Assert.True(mixed.WeakType);
        Assert.Equal(2f, mixed.ToArray<float>()[0]);
        Assert.Equal(DType.Int16, (Jnp.Zeros([2], DType.Int8) + Jnp.Zeros([2], DType.UInt8)).DType);
        Assert.Equal(DType.Int32, (Jnp.Zeros([2], DType.Int16) + Jnp.Zeros([2], DType.UInt16)).DType);
    }

    [Theory]
    [InlineData(DType.Int8, 8, -128, 127)]
    [InlineData(DType.Int16, 16, -32768, 32767)]
    [InlineData(DType.UInt16, 16, 0, 65535)]
    [InlineData(DType.UInt8, 8, 0, 255)]
    public void Iinfo_gives_the_range(DType dtype, int bits, long min, long max) =>
        Assert.Equal(new IntTypeInfo(dtype, bits, min, max), Jnp.Iinfo(dtype));

    [Fact]
    public void Iinfo_of_uint64_reaches_two_to_the_64_minus_one()
    {
        Assert.Equal(new IntTypeInfo(DType.UInt64, 64, 0, ulong.MaxValue), Jnp.Iinfo(DType.UInt64));
        Assert.Throws<ArgumentException>(() => Jnp.Iinfo(DType.Float16));
    }

    [Fact]
    public void Host_arrays_round_trip_with_their_extremes()
    {
        sbyte[] i8 = [sbyte.MinValue, -1, 0, 1, sbyte.MaxValue];
        short[] i16 = [short.MinValue, -1, 0, 1, short.MaxValue];
        ushort[] u16 = [0, 1, 32768, ushort.MaxValue];
        ulong[] u64 = [0, 1, 1UL << 63, ulong.MaxValue - 1, ulong.MaxValue];
        Assert.Equal(DType.Int8, Jnp.Array(i8).DType);
        Assert.Equal(i8, Jnp.Array(i8).ToArray<sbyte>());
        Assert.Equal(DType.Int16, Jnp.Array(i16).DType);
        Assert.Equal(i16, Jnp.Array(i16).ToArray<short>());
        Assert.Equal(DType.UInt16, Jnp.Array(u16).DType);
        Assert.Equal(u16, Jnp.Array(u16).ToArray<ushort>());
        Assert.Equal(u64, Jnp.Array(u64, DType.UInt64).ToArray<ulong>());
        // Without x64 a uint64 host array narrows to uint32, as jnp.array does (the low 32 bits).
        Assert.Equal(DType.UInt32, Jnp.Array(u64).DType);
        Assert.Equal(new[] { 0.0, 1.0, 9223372036854775808.0, 18446744073709551615.0 },
            Jnp.Array(new ulong[] { 0, 1, 1UL << 63, ulong.MaxValue }, DType.UInt64).ToArray<double>());
        Assert.Empty(Jnp.Array(System.Array.Empty<sbyte>()).ToArray<sbyte>());
        Assert.Equal("Array([-128,  127], dtype=int8)", Jnp.Array(new sbyte[] { -128, 127 }).ToString());
        Assert.Equal("Array([18446744073709551615], dtype=uint64)", Jnp.Array(new[] { ulong.MaxValue }, DType.UInt64).ToString());
        Assert.Throws<ArgumentException>(() => Jnp.Array(new char[] { 'a' }));
    }

    [Fact]
    public void Integer_to_narrow_integer_converts_wrap()
    {
        int[] values = [300, -129, 128, -1, 65536 + 7, int.MinValue];
        var x = Jnp.Array(values);
        Assert.Equal(values.Select(v => (sbyte)v).ToArray(), Jnp.Astype(x, DType.Int8).ToArray<sbyte>());
        Assert.Equal(values.Select(v => (short)v).ToArray(), Jnp.Astype(x, DType.Int16).ToArray<short>());
        Assert.Equal(values.Select(v => (ushort)v).ToArray(), Jnp.Astype(x, DType.UInt16).ToArray<ushort>());
        Assert.Equal(values.Select(v => (ulong)(long)v).ToArray(), Jnp.Astype(x, DType.UInt64).ToArray<ulong>());
        var back = Jnp.Astype(Jnp.Astype(x, DType.Int8), DType.Int32).ToArray<int>();
        Assert.Equal(values.Select(v => (int)(sbyte)v).ToArray(), back);
    }

    [Fact]
    public void Float_to_integer_truncates_and_saturates_and_nan_gives_zero()
    {
        float[] values = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1e10f, -1e10f, -3.7f, 3.7f, 127.9f, -128.9f];
        var x = Jnp.Array(values);
        Assert.Equal(new sbyte[] { 0, 127, -128, 127, -128, -3, 3, 127, -128 }, Jnp.Astype(x, DType.Int8).ToArray<sbyte>());
        Assert.Equal(new short[] { 0, 32767, -32768, 32767, -32768, -3, 3, 127, -128 }, Jnp.Astype(x, DType.Int16).ToArray<short>());
        Assert.Equal(new ushort[] { 0, 65535, 0, 65535, 0, 0, 3, 127, 0 }, Jnp.Astype(x, DType.UInt16).ToArray<ushort>());
        Assert.Equal(new ulong[] { 0, ulong.MaxValue, 0, 10000000000, 0, 0, 3, 127, 0 }, Jnp.Astype(x, DType.UInt64).ToArray<ulong>());
        var big = Jnp.Array(new[] { 1e19, 2e19 }, DType.Float64);
        Assert.Equal(new ulong[] { 10000000000000000000, ulong.MaxValue }, Jnp.Astype(big, DType.UInt64).ToArray<ulong>());
    }

    [Fact]
    public void Lax_div_truncates_and_floor_divide_rounds_down_and_the_edges_are_xlas()
    {
        var a = Jnp.Array(new sbyte[] { -7, 7, -128, 5, -5 });
        var b = Jnp.Array(new sbyte[] { 2, -2, -1, 0, 0 });
        // XLA: x / 0 is -1 (all bits set), INT_MIN / -1 is INT_MIN; x % 0 is x, INT_MIN % -1 is 0.
        Assert.Equal(new sbyte[] { -3, -3, -128, -1, -1 }, Lax.Div(a, b).ToArray<sbyte>());
        Assert.Equal(new sbyte[] { -1, 1, 0, 5, -5 }, Lax.Rem(a, b).ToArray<sbyte>());
        var c = Jnp.Array(new short[] { -7, 7, -7, 7 });
        var d = Jnp.Array(new short[] { 2, 2, -2, -2 });
        Assert.Equal(new short[] { -4, 3, 3, -4 }, Jnp.FloorDivide(c, d).ToArray<short>());
        Assert.Equal(new short[] { 1, 1, -1, -1 }, Jnp.Remainder(c, d).ToArray<short>());
        var u = Jnp.Array(new ushort[] { 7, 65535 });
        Assert.Equal(new ushort[] { 65535, 65535 }, Lax.Div(u, Jnp.Zeros([2], DType.UInt16)).ToArray<ushort>());
        var big = Jnp.Array(new ulong[] { ulong.MaxValue, 1UL << 63 }, DType.UInt64);
        Assert.Equal(new ulong[] { ulong.MaxValue / 3, (1UL << 63) / 3 }, Lax.Div(big, Jnp.Full([2], 3, DType.UInt64)).ToArray<ulong>());
        Assert.Equal(new ulong[] { ulong.MaxValue % 7, (1UL << 63) % 7 }, Lax.Rem(big, Jnp.Full([2], 7, DType.UInt64)).ToArray<ulong>());
    }

    [Fact]
    public void Shifts_past_the_width_give_zero_or_the_sign_fill()
    {
        var x = Jnp.Array(new sbyte[] { 1, -128, -128, 64 });
        var s = Jnp.Array(new sbyte[] { 8, 9, 7, 1 });
        Assert.Equal(new sbyte[] { 0, 0, 0, -128 }, Lax.ShiftLeft(x, s).ToArray<sbyte>());
        Assert.Equal(new sbyte[] { 0, -1, -1, 32 }, Lax.ShiftRightArithmetic(x, s).ToArray<sbyte>());
        Assert.Equal(new sbyte[] { 0, 0, 1, 32 }, Lax.ShiftRightLogical(x, s).ToArray<sbyte>());
        var u = Jnp.Array(new ulong[] { 1, ulong.MaxValue, 1UL << 63 }, DType.UInt64);
        var t = Jnp.Array(new ulong[] { 63, 64, 63 }, DType.UInt64);
        Assert.Equal(new ulong[] { 1UL << 63, 0, 0 }, Lax.ShiftLeft(u, t).ToArray<ulong>());
        Assert.Equal(new ulong[] { 0, 0, 1 }, Lax.ShiftRightLogical(u, t).ToArray<ulong>());
        Assert.Equal(new ulong[] { 0, ulong.MaxValue, ulong.MaxValue }, Lax.ShiftRightArithmetic(u, t).ToArray<ulong>());
        var h = Jnp.Array(new ushort[] { 0x8001 });
        Assert.Equal(new ushort[] { 0xC000 }, Lax.ShiftRightArithmetic(h, Jnp.Array(new ushort[] { 1 })).ToArray<ushort>());
        Assert.Equal(new ushort[] { 0x7FFE }, Jnp.BitwiseAnd(Jnp.Invert(h), Jnp.Array(new ushort[] { 0xFFFF })).ToArray<ushort>());
    }

    [Fact]
    public void Comparisons_of_uint64_are_unsigned_and_of_int8_signed()
    {
        var u = Jnp.Array(new ulong[] { 1UL << 63, 1, ulong.MaxValue }, DType.UInt64);
        var v = Jnp.Array(new ulong[] { 1, 1UL << 63, 0 }, DType.UInt64);
        Assert.Equal(new[] { true, false, true }, Jnp.Greater(u, v).ToArray<bool>());
        Assert.Equal(new ulong[] { 1UL << 63, 1UL << 63, ulong.MaxValue }, Jnp.Maximum(u, v).ToArray<ulong>());
        var i = Jnp.Array(new sbyte[] { -1, 0, 127 });
        Assert.Equal(new[] { true, false, false }, Jnp.Less(i, 0).ToArray<bool>());
        Assert.Equal(new sbyte[] { -1, 0, 0 }, Jnp.Minimum(i, 0).ToArray<sbyte>());
    }

    [Fact]
    public void Sum_of_narrow_integers_accumulates_in_the_default_int_or_uint()
    {
        var i8 = Jnp.Full([200], 100, DType.Int8);
        var sum = Jnp.Sum(i8);
        Assert.Equal(DType.Int32, sum.DType);
        Assert.Equal(20000, sum.Item<int>());
        var u16 = Jnp.Full([100], 65535, DType.UInt16);
        Assert.Equal(DType.UInt32, Jnp.Sum(u16).DType);
        Assert.Equal(6553500u, Jnp.Sum(u16).Item<uint>());
        var u64 = Jnp.Array(new ulong[] { ulong.MaxValue, 2 }, DType.UInt64);
        Assert.Equal(DType.UInt64, Jnp.Sum(u64).DType);
        Assert.Equal(1ul, Jnp.Sum(u64).Item<ulong>());
        Assert.Equal(0, Jnp.Sum(Jnp.Zeros([0], DType.Int16)).Item<int>());
        var cumsum = Jnp.Cumsum(Jnp.Array(new short[] { 30000, 30000, -5 }));
        Assert.Equal(DType.Int32, cumsum.DType);
        Assert.Equal(new[] { 30000, 60000, 59995 }, cumsum.ToArray<int>());
    }

    [Fact]
    public void Max_min_argmax_and_sort_order_values_by_their_type()
    {
        sbyte[] i8 = [5, -128, 127, -1, 127, 0];
        var x = Jnp.Array(i8);
        Assert.Equal((sbyte)127, Jnp.Max(x).Item<sbyte>());
        Assert.Equal((sbyte)-128, Jnp.Min(x).Item<sbyte>());
        Assert.Equal(2, Jnp.Argmax(x).Item<int>());
        Assert.Equal(1, Jnp.Argmin(x).Item<int>());
        Assert.Equal(i8.Order().ToArray(), Jnp.Sort(x).ToArray<sbyte>());
        ulong[] u64 = [3, 1UL << 63, ulong.MaxValue, 0, 1UL << 62];
        var u = Jnp.Array(u64, DType.UInt64);
        Assert.Equal(ulong.MaxValue, Jnp.Max(u).Item<ulong>());
        Assert.Equal(0ul, Jnp.Min(u).Item<ulong>());
        Assert.Equal(2, Jnp.Argmax(u).Item<int>());
        Assert.Equal(u64.Order().ToArray(), Jnp.Sort(u).ToArray<ulong>());
        ushort[] u16 = [40000, 1, 65535, 2];
        Assert.Equal(u16.Order().ToArray(), Jnp.Sort(Jnp.Array(u16)).ToArray<ushort>());
        short[] i16 = [-3, 300, short.MinValue, 7];
        var s = Jnp.Array(i16);
        Assert.Equal((short)300, Jnp.Max(s).Item<short>());
        Assert.Equal(i16.Order().ToArray(), Jnp.Sort(s).ToArray<short>());
        // lax ops take operands of one dtype; a float-only op refuses the narrow integers.
        var mismatch = Assert.Throws<ShapeException>(() => Lax.ShiftLeft(x, Jnp.Array(new short[] { 1, 1, 1, 1, 1, 1 })));
        Assert.Contains("i8", mismatch.Message);
        Assert.Throws<ShapeException>(() => Lax.Exp(x));
    }

    [Fact]
    public void Jitted_int8_arithmetic_wraps_like_eager()
    {
        var f = Jax.Jit((NDArray a, NDArray b) => a * b + a);
        sbyte[] a = [100, -100, 7, -128], b = [3, 3, -2, -1];
        var expected = a.Zip(b, (p, q) => unchecked((sbyte)(p * q + p))).ToArray();
        Assert.Equal(expected, f(Jnp.Array(a), Jnp.Array(b)).ToArray<sbyte>());
        Assert.Equal(expected, (Jnp.Array(a) * Jnp.Array(b) + Jnp.Array(a)).ToArray<sbyte>());
    }

    [Fact]
    public void Dtype_names_parse_and_print()
    {
        Assert.Equal(DType.Int8, DTypeInfo.Parse("int8"));
        Assert.Equal(DType.UInt16, DTypeInfo.Parse("u16"));
        Assert.Equal("uint64", DType.UInt64.NumpyName());
        Assert.True(Jnp.Issubdtype(DType.Int16, DTypeClass.SignedInteger));
        Assert.True(Jnp.Issubdtype(DType.UInt64, DTypeClass.UnsignedInteger));
        Assert.True(Jnp.Isdtype(DType.Int8, "integral"));
    }
}
