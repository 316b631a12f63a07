using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Tests.Codegen;

/// <summary>Float binary ops (NaN, infinities, signed zeros) and conversions between every pair of dtypes.</summary>
public sealed class FloatBinaryAndConvertTests
{
    private static readonly (double A, double B)[] Pairs =
    [
        (1.5, 2), (-1.5, 2), (7, -3), (-7, 3), (0.0, -0.0), (-0.0, 0.0), (double.NaN, 1), (1, double.NaN),
        (double.PositiveInfinity, 1), (1, double.NegativeInfinity), (double.PositiveInfinity, double.PositiveInfinity),
        (5.5, 0), (-5.5, 0), (0, 0), (2, 0.5), (-8, 1.0 / 3), (3, 3), (1e30, 1e10), (0.1, 0.2),
    ];

    private static readonly Dictionary<BinaryOp, Func<double, double, double>> References = new()
    {
        [BinaryOp.Add] = (a, b) => a + b,
        [BinaryOp.Sub] = (a, b) => a - b,
        [BinaryOp.Mul] = (a, b) => a * b,
        [BinaryOp.Div] = (a, b) => a / b,
        [BinaryOp.Rem] = (a, b) => a % b,
        [BinaryOp.Pow] = Math.Pow,
        [BinaryOp.Max] = Math.Max,
        [BinaryOp.Min] = Math.Min,
        [BinaryOp.Atan2] = Math.Atan2,
        [BinaryOp.Eq] = (a, b) => a == b ? 1 : 0,
        [BinaryOp.Ne] = (a, b) => a != b ? 1 : 0,
        [BinaryOp.Lt] = (a, b) => a < b ? 1 : 0,
        [BinaryOp.Le] = (a, b) => a <= b ? 1 : 0,
        [BinaryOp.Gt] = (a, b) => a > b ? 1 : 0,
        [BinaryOp.Ge] = (a, b) => a >= b ? 1 : 0,
    };

    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void Every_float_binary_op_matches_its_reference(int width)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64, DType.Float16, DType.BFloat16 })
            foreach (var (op, reference) in References)
            {
                using var x = NativeTensor.Of(dtype, Pairs.Select(p => p.A).ToArray());
                using var y = NativeTensor.Of(dtype, Pairs.Select(p => p.B).ToArray());
                var resultType = op.ResultType(dtype);
                using var z = NativeTensor.Empty(resultType, Pairs.Length);
                CodegenRun.Elementwise(CodegenRun.Zip1D(Pairs.Length, dtype, (b, u, v) => b.Binary(op, u, v)), width, x, y, z);
                using var expected = NativeTensor.Of(resultType, Enumerable.Range(0, Pairs.Length).Select(i => reference(x[i], y[i])).ToArray());
                var relative = op is BinaryOp.Pow or BinaryOp.Atan2 ? (dtype == DType.Float64 ? 1e-15 : 1e-6) : 0;
                for (var i = 0; i < Pairs.Length; i++)
                {
                    CodegenRun.AssertClose(expected[i], z[i], relative, 0, $"{op}({x[i]}, {y[i]}) {dtype} width {width}");
                    if (expected[i] == 0 && op is BinaryOp.Max or BinaryOp.Min or BinaryOp.Mul or BinaryOp.Add)
                        Assert.True(double.IsNegative(expected[i]) == double.IsNegative(z[i]), $"sign of zero: {op}({x[i]}, {y[i]}) {dtype}");
                }
            }
    }

    [Fact]
    public void NextAfter_steps_one_ulp_towards_the_target()
    {
        double[] a = [1, 1, 0, -0.0, 2, double.NaN];
        double[] b = [2, 0, -1, 1, 2, 1];
        double[] expected = [Math.BitIncrement(1), Math.BitDecrement(1), -double.Epsilon, double.Epsilon, 2, double.NaN];
        using var x = NativeTensor.Of(DType.Float64, a);
        using var y = NativeTensor.Of(DType.Float64, b);
        using var z = NativeTensor.Empty(DType.Float64, a.Length);
        CodegenRun.Elementwise(CodegenRun.Zip1D(a.Length, DType.Float64, (p, u, v) => p.Binary(BinaryOp.NextAfter, u, v)), 512, x, y, z);
        for (var i = 0; i < a.Length; i++) CodegenRun.AssertClose(expected[i], z[i], 0, 0, $"nextafter({a[i]}, {b[i]})");
    }

    private static readonly double[] ConvertValues =
    [
        0, -0.0, 1, -1, 1.5, -1.5, 2.5, -2.7, 255, 256, 300.9, -300.9, 65504, 70000, 3e9, -3e9, 5e18, 1e20, -1e20,
        double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.1, 16777217, 1e-8,
    ];

    /// <summary>The documented conversion: floats round, float to integer truncates/saturates (NaN 0), Bool is != 0.</summary>
    private static double ConvertReference(double v, DType to) => to switch
    {
        DType.Bool => v != 0 ? 1 : 0,
        _ when to.IsFloat() => v,
        _ when double.IsNaN(v) => 0,
        DType.UInt8 => Math.Clamp(Math.Truncate(v), 0, 255),
        DType.UInt32 => Math.Clamp(Math.Truncate(v), 0, uint.MaxValue),
        DType.Int32 => Math.Clamp(Math.Truncate(v), int.MinValue, int.MaxValue),
        DType.Int8 => Math.Clamp(Math.Truncate(v), sbyte.MinValue, sbyte.MaxValue),
        DType.Int16 => Math.Clamp(Math.Truncate(v), short.MinValue, short.MaxValue),
        DType.UInt16 => Math.Clamp(Math.Truncate(v), 0, ushort.MaxValue),
        DType.UInt64 => Math.Clamp(Math.Truncate(v), 0, 18446744073709551615.0),
        _ => v >= 9.2233720368547758e18 ? long.MaxValue : v <= -9.2233720368547758e18 ? long.MinValue : Math.Truncate(v),
    };

    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void Float_to_anything_conversions(int width)
    {
        foreach (var from in new[] { DType.Float32, DType.Float64, DType.Float16, DType.BFloat16 })
            foreach (var to in DTypeInfo.All)
            {
                using var x = NativeTensor.Of(from, ConvertValues);
                using var y = NativeTensor.Empty(to, ConvertValues.Length);
                CodegenRun.Elementwise(CodegenRun.Map1D(ConvertValues.Length, from, (b, v) => b.Convert(v, to)), width, x, y);
                for (var i = 0; i < ConvertValues.Length; i++)
                {
                    using var expected = NativeTensor.Of(to, ConvertReference(x[i], to));
                    var what = $"convert {x[i]:R} {from}->{to} width {width}";
                    if (to is DType.Int64 or DType.UInt64) Assert.True(expected.Bits(0) == y.Bits(i), $"{what}: got {y.Bits(i)}");
                    else CodegenRun.AssertClose(expected[0], y[i], 0, 0, what);
                }
            }
    }

    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void Integer_and_bool_conversions_wrap_and_test_nonzero(int width)
    {
        long[] values = [0, 1, -1, 255, 256, -129, int.MaxValue, int.MinValue, uint.MaxValue, long.MinValue, 1L << 40, 16777217, 7];
        foreach (var from in new[] { DType.Int32, DType.Int64, DType.UInt32, DType.UInt8, DType.Bool, DType.Int8, DType.Int16, DType.UInt16, DType.UInt64 })
            foreach (var to in DTypeInfo.All)
            {
                using var x = NativeTensor.OfBits(from, values);
                if (from == DType.Bool) for (var i = 0; i < values.Length; i++) x.SetBits(i, values[i] & 1);
                using var y = NativeTensor.Empty(to, values.Length);
                CodegenRun.Elementwise(CodegenRun.Map1D(values.Length, from, (b, v) => b.Convert(v, to)), width, x, y);
                for (var i = 0; i < values.Length; i++)
                {
                    var source = x.Bits(i);
                    var what = $"convert {source} {from}->{to} width {width}";
                    if (to.IsFloat())
                    {
                        using var expected = NativeTensor.Of(to, from == DType.UInt64 ? (double)(ulong)source : source);
                        CodegenRun.AssertClose(expected[0], y[i], 0, 0, what);
                    }
                    else
                    {
                        using var expected = NativeTensor.OfBits(to, to == DType.Bool ? (source != 0 ? 1 : 0) : source);
                        Assert.True(expected.Bits(0) == y.Bits(i), $"{what}: expected {expected.Bits(0)}, got {y.Bits(i)}");
                    }
                }
            }
    }

    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void Bitcasts_reinterpret_bits(int width)
    {
        using var x = NativeTensor.Of(DType.Float32, 1, -2, 0.5, float.NaN, -0.0, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
        using var bits = NativeTensor.Empty(DType.Int32, x.Count);
        using var back = NativeTensor.Empty(DType.Float32, x.Count);
        var b = new ScalarProgramBuilder();
        var asInt = b.Bitcast(b.Load(0, DType.Float32), DType.Int32);
        var asUInt = b.Bitcast(asInt, DType.UInt32);
        var kernel = new ElementwiseKernel("bitcast", [(int)x.Count], [new MappedInput(0, DType.Float32, IndexMap.Identity([(int)x.Count]))],
            b.Build(asInt, b.Bitcast(asUInt, DType.Float32)), [1, 2]);
        CodegenRun.Elementwise(kernel, width, x, bits, back);
        for (var i = 0; i < x.Count; i++)
        {
            Assert.Equal((long)BitConverter.SingleToInt32Bits((float)x[i]), bits.Bits(i));
            Assert.Equal(x.Bits(i), back.Bits(i));
        }
    }

    [Fact]
    public void BFloat16_rounds_to_nearest_even_on_store()
    {
        // 1 + 2^-8 is halfway between 1 and 1 + 2^-7: ties go to the even 1.0; just above the tie rounds up.
        using var x = NativeTensor.Of(DType.Float32, 1 + 1.0 / 256, 1 + 1.0 / 256 + 1.0 / 65536, 1 + 3.0 / 256, -1 - 1.0 / 256);
        using var y = NativeTensor.Empty(DType.BFloat16, 4);
        CodegenRun.Elementwise(CodegenRun.Map1D(4, DType.Float32, (b, v) => b.Convert(v, DType.BFloat16)), 512, x, y);
        Assert.Equal([0x3F80, 0x3F81, 0x3F82, 0xBF80], Enumerable.Range(0, 4).Select(i => y.Bits(i)));
    }
}
