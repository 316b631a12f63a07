using JaxNet.Backends.Vulkan.Codegen;
using Xunit;

namespace JaxNet.Backends.Vulkan.Tests;

/// <summary>The computed constants of the float64 helpers against published digits of 2/pi and pi/2.</summary>
public sealed class DoubleConstantsTests
{
    [Fact]
    public void TwoOverPiWordsStartWithThePublishedHexDigits()
    {
        // 2/pi = 0.A2F9836E 4E441529 FC2757D1 F534DDC0 DB629599 3C439041 FE5163AB ...
        uint[] published = [0xA2F9836E, 0x4E441529, 0xFC2757D1, 0xF534DDC0, 0xDB629599, 0x3C439041, 0xFE5163AB];
        Assert.Equal(published, DoubleConstants.TwoOverPiWords.Take(published.Length));
    }

    [Fact]
    public void PiOverTwoSplitHasShortLeadingPartsAndSumsToPiOverTwo()
    {
        var (p1, p2, p3) = DoubleConstants.PiOver2Split;
        Assert.Equal(Math.PI / 2, p1 + p2 + p3);
        // 33 significant bits in the first two parts: their last 20 mantissa bits are zero.
        Assert.Equal(0, BitConverter.DoubleToInt64Bits(p1) & 0xFFFFF);
        Assert.Equal(0, BitConverter.DoubleToInt64Bits(p2) & 0xFFFFF);
        Assert.True(Math.Abs(p2) < 1e-9 && Math.Abs(p3) < 1e-19, $"{p2:R} {p3:R}");
    }
}
