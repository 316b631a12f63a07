using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Numerics;
using Xunit;

namespace JaxNet.Conformance.Tests.Reference;

/// <summary>The oracle's scalar ops: integer semantics from ScalarOps.cs, rounding, conversions, bitcasts.</summary>
public sealed class ScalarSemanticsTests
{
    private static Scalar I32(long v) => Scalar.FromInteger(DType.Int32, v);

    private static Scalar U32(long v) => Scalar.FromInteger(DType.UInt32, v);

    private static Scalar U8(long v) => Scalar.FromInteger(DType.UInt8, v);

    private static Scalar F32(double v) => Scalar.FromDouble(DType.Float32, v);

    private static long Bin(BinaryOp op, Scalar a, Scalar b) => ScalarSemantics.Binary(op, a, b).Bits;

    [Fact]
    public void Log1pOfTheLargestDoubleDoesNotOverflow()
    {
        var largest = ScalarSemantics.Unary(UnaryOp.Log1p, Scalar.FromDouble(DType.Float64, double.MaxValue)).Float;
        Assert.Equal(709.782712893384, largest, 12);
        Assert.Equal(1e-300, ScalarSemantics.Unary(UnaryOp.Log1p, Scalar.FromDouble(DType.Float64, 1e-300)).Float);
    }

    [Fact]
    public void IntegerDivisionTruncatesAndDefinesTheEdges()
    {
        Assert.Equal(-2, Bin(BinaryOp.Div, I32(-7), I32(3)));
        Assert.Equal(-1, Bin(BinaryOp.Rem, I32(-7), I32(3)));
        Assert.Equal(-1, Bin(BinaryOp.Div, I32(5), I32(0)));
        Assert.Equal(5, Bin(BinaryOp.Rem, I32(5), I32(0)));
        Assert.Equal(int.MinValue, Bin(BinaryOp.Div, I32(int.MinValue), I32(-1)));
        Assert.Equal(0, Bin(BinaryOp.Rem, I32(int.MinValue), I32(-1)));
        Assert.Equal(uint.MaxValue, Bin(BinaryOp.Div, U32(9), U32(0)));
        Assert.Equal(255, Bin(BinaryOp.Div, U8(9), U8(0)));
        Assert.Equal(long.MinValue, Bin(BinaryOp.Div, Scalar.FromInteger(DType.Int64, long.MinValue), Scalar.FromInteger(DType.Int64, -1)));
        Assert.Equal(2147483647, Bin(BinaryOp.Div, U32(uint.MaxValue), U32(2)));
    }

    [Fact]
    public void IntegerArithmeticWraps()
    {
        Assert.Equal(int.MinValue, Bin(BinaryOp.Add, I32(int.MaxValue), I32(1)));
        Assert.Equal(0, Bin(BinaryOp.Add, U8(255), U8(1)));
        Assert.Equal(255, Bin(BinaryOp.Sub, U8(0), U8(1)));
        Assert.Equal(1, Bin(BinaryOp.Mul, I32(int.MaxValue), I32(int.MaxValue)));
        Assert.Equal(int.MinValue, ScalarSemantics.Unary(UnaryOp.Neg, I32(int.MinValue)).Bits);
        Assert.Equal(int.MinValue, ScalarSemantics.Unary(UnaryOp.Abs, I32(int.MinValue)).Bits);
        Assert.Equal(uint.MaxValue, ScalarSemantics.Unary(UnaryOp.Neg, U32(1)).Bits);
    }

    [Fact]
    public void ShiftsPastTheWidthGiveZeroOrTheSignFill()
    {
        Assert.Equal(0, Bin(BinaryOp.ShiftLeft, I32(1), I32(32)));
        Assert.Equal(int.MinValue, Bin(BinaryOp.ShiftLeft, I32(1), I32(31)));
        Assert.Equal(0, Bin(BinaryOp.ShiftRightLogical, I32(-1), I32(40)));
        Assert.Equal(0x7FFFFFFF, Bin(BinaryOp.ShiftRightLogical, I32(-1), I32(1)));
        Assert.Equal(-1, Bin(BinaryOp.ShiftRightArithmetic, I32(-8), I32(99)));
        Assert.Equal(-4, Bin(BinaryOp.ShiftRightArithmetic, I32(-8), I32(1)));
        Assert.Equal(0, Bin(BinaryOp.ShiftLeft, I32(1), I32(-1)));
        Assert.Equal(0xF0, Bin(BinaryOp.ShiftRightArithmetic, U8(0x80), U8(3)));
    }

    [Fact]
    public void RotatesTakeTheAmountModuloTheWidth()
    {
        Assert.Equal(0x00000003, Bin(BinaryOp.RotateLeft, U32(0x80000001), U32(1)));
        Assert.Equal(0x00000003, Bin(BinaryOp.RotateLeft, U32(0x80000001), U32(33)));
        Assert.Equal(0xC0000000, Bin(BinaryOp.RotateRight, U32(0x80000001), U32(1)));
        Assert.Equal(0x1B, Bin(BinaryOp.RotateLeft, U8(0xB1), U8(4)));
        Assert.Equal(-1, Bin(BinaryOp.RotateLeft, I32(-1), I32(7)));
    }

    [Fact]
    public void BitCounting()
    {
        Assert.Equal(32, ScalarSemantics.Unary(UnaryOp.Clz, I32(0)).Bits);
        Assert.Equal(0, ScalarSemantics.Unary(UnaryOp.Clz, I32(-1)).Bits);
        Assert.Equal(7, ScalarSemantics.Unary(UnaryOp.Clz, U8(1)).Bits);
        Assert.Equal(32, ScalarSemantics.Unary(UnaryOp.PopCount, I32(-1)).Bits);
        Assert.Equal(8, ScalarSemantics.Unary(UnaryOp.PopCount, U8(255)).Bits);
        Assert.Equal(64, ScalarSemantics.Unary(UnaryOp.PopCount, Scalar.FromInteger(DType.Int64, -1)).Bits);
    }

    [Fact]
    public void FloatToIntegerTruncatesSaturatesAndMapsNaNToZero()
    {
        Assert.Equal(-2, ScalarSemantics.Convert(F32(-2.9), DType.Int32).Bits);
        Assert.Equal(int.MaxValue, ScalarSemantics.Convert(F32(1e20), DType.Int32).Bits);
        Assert.Equal(int.MinValue, ScalarSemantics.Convert(F32(double.NegativeInfinity), DType.Int32).Bits);
        Assert.Equal(0, ScalarSemantics.Convert(F32(double.NaN), DType.Int64).Bits);
        Assert.Equal(0, ScalarSemantics.Convert(F32(-5), DType.UInt8).Bits);
        Assert.Equal(255, ScalarSemantics.Convert(F32(300), DType.UInt8).Bits);
        Assert.Equal(long.MaxValue, ScalarSemantics.Convert(Scalar.FromDouble(DType.Float64, 9.3e18), DType.Int64).Bits);
        Assert.Equal(1, ScalarSemantics.Convert(F32(double.NaN), DType.Bool).Bits);
        Assert.Equal(0, ScalarSemantics.Convert(F32(-0.0), DType.Bool).Bits);
    }

    [Fact]
    public void IntegerConversionsWrapAndRoundOnce()
    {
        Assert.Equal(0x34, ScalarSemantics.Convert(I32(0x1234), DType.UInt8).Bits);
        Assert.Equal(-1, ScalarSemantics.Convert(U32(uint.MaxValue), DType.Int32).Bits);
        Assert.Equal(uint.MaxValue, ScalarSemantics.Convert(I32(-1), DType.UInt32).Bits);
        // 2^24 + 1 is a tie in f32: to even, 2^24. 2^24 + 3 rounds up to 2^24 + 4.
        Assert.Equal(16777216.0, ScalarSemantics.Convert(I32(16777217), DType.Float32).Float);
        Assert.Equal(16777220.0, ScalarSemantics.Convert(I32(16777219), DType.Float32).Float);
        Assert.Equal(9.223372036854775807e18, ScalarSemantics.Convert(Scalar.FromInteger(DType.Int64, long.MaxValue), DType.BFloat16).Float);
        Assert.Equal(double.PositiveInfinity, ScalarSemantics.Convert(I32(70000), DType.Float16).Float);
        Assert.Equal(256.0, ScalarSemantics.Convert(I32(257), DType.BFloat16).Float); // a tie: to even
    }

    [Fact]
    public void NarrowFloatRoundingMatchesTheBclWhereItIsCorrectlyRounded()
    {
        var random = new Random(7);
        for (var i = 0; i < 20000; i++)
        {
            var x = (random.NextDouble() - 0.5) * Math.Pow(2, random.Next(-160, 140));
            Assert.Equal((double)(float)x, FloatFormat.Round(x, DType.Float32));
            var h = (random.NextDouble() - 0.5) * Math.Pow(2, random.Next(-30, 18));
            Assert.Equal((double)(Half)h, FloatFormat.Round(h, DType.Float16));
        }
    }

    [Fact]
    public void BFloat16RoundsToNearestEven()
    {
        // bf16 has 8 significand bits: 1 + 2^-8 is a tie (to 1), 1 + 3*2^-8 a tie (to 1 + 2^-6).
        Assert.Equal(1.0, FloatFormat.Round(1 + Math.Pow(2, -8), DType.BFloat16));
        Assert.Equal(1 + Math.Pow(2, -6), FloatFormat.Round(1 + 3 * Math.Pow(2, -8), DType.BFloat16));
        Assert.Equal(0x3F80, Scalar.FromDouble(DType.BFloat16, 1.0).Bits);
        Assert.Equal(0xC049, Scalar.FromDouble(DType.BFloat16, -3.140625).Bits);
        Assert.Equal(double.PositiveInfinity, FloatFormat.Round(3.4e38, DType.BFloat16));
        Assert.Equal(9.183549615799121e-41, FloatFormat.Round(9.2e-41, DType.BFloat16));
    }

    [Fact]
    public void FloatOpsRoundOnceToTheDType()
    {
        // 0.1f + 0.2f in f32 is 0.3000000119..., not f64's 0.30000000000000004.
        Assert.Equal(0.30000001192092896, ScalarSemantics.Binary(BinaryOp.Add, F32(0.1), F32(0.2)).Float);
        Assert.True(ScalarSemantics.Binary(BinaryOp.Max, F32(double.NaN), F32(1)).IsNaN);
        Assert.True(ScalarSemantics.Binary(BinaryOp.Min, F32(1), F32(double.NaN)).IsNaN);
        Assert.Equal(-1.0, ScalarSemantics.Binary(BinaryOp.Rem, F32(-7), F32(3)).Float);
        Assert.Equal(-3.0, ScalarSemantics.Unary(UnaryOp.Round, F32(-2.5)).Float);
        Assert.Equal(-2.0, ScalarSemantics.Unary(UnaryOp.RoundEven, F32(-2.5)).Float);
        Assert.True(double.IsNegative(ScalarSemantics.Unary(UnaryOp.Sign, F32(-0.0)).Float));
        Assert.Equal(1, ScalarSemantics.Unary(UnaryOp.IsFinite, F32(3)).Bits);
        Assert.Equal(0, ScalarSemantics.Unary(UnaryOp.IsFinite, F32(double.NegativeInfinity)).Bits);
    }

    [Fact]
    public void NextAfterStepsInTheDTypesOwnPrecision()
    {
        Assert.Equal((double)MathF.BitIncrement(1f), ScalarSemantics.Binary(BinaryOp.NextAfter, F32(1), F32(2)).Float);
        Assert.Equal((double)MathF.BitDecrement(1f), ScalarSemantics.Binary(BinaryOp.NextAfter, F32(1), F32(0)).Float);
        Assert.Equal(-(double)float.Epsilon, ScalarSemantics.Binary(BinaryOp.NextAfter, F32(0), F32(-1)).Float);
        Assert.Equal(-(double)MathF.BitIncrement(1f), ScalarSemantics.Binary(BinaryOp.NextAfter, F32(-1), F32(-2)).Float);
        var h = Scalar.FromDouble(DType.Float16, 1);
        Assert.Equal(1 + Math.Pow(2, -10), ScalarSemantics.Binary(BinaryOp.NextAfter, h, Scalar.FromDouble(DType.Float16, 5)).Float);
        var z = ScalarSemantics.Binary(BinaryOp.NextAfter, F32(0), F32(-0.0));
        Assert.True(double.IsNegative(z.Float) && z.Float == 0);
    }

    [Fact]
    public void BitcastsKeepTheBits()
    {
        Assert.Equal(0x3F800000, ScalarSemantics.Bitcast(F32(1), DType.Int32).Bits);
        Assert.Equal(-0.0, ScalarSemantics.Bitcast(I32(int.MinValue), DType.Float32).Float);
        var nan = ScalarSemantics.Bitcast(I32(0x7F800001), DType.Float32);
        Assert.True(nan.IsNaN);
        Assert.Equal(0x7F800001, ScalarSemantics.Bitcast(nan, DType.Int32).Bits);
        Assert.Equal(1.0, ScalarSemantics.Bitcast(Scalar.FromBits(DType.Float16, 0x3F80), DType.BFloat16).Float);
    }
}
