using JaxNet.Backends.Cuda.Kernels;

namespace JaxNet.Backends.Cuda.Tests;

/// <summary>Index division takes 32 bits when it can and must agree with 64-bit division everywhere.</summary>
public sealed class IndexMathTests
{
    [Theory]
    [InlineData(0L, 7L)]
    [InlineData(13L, 7L)]
    [InlineData(4294967295L, 3L)]
    [InlineData(4294967296L, 3L)]
    [InlineData(4294967295L, 4294967295L)]
    [InlineData(9_000_000_000L, 4294967296L)]
    [InlineData(long.MaxValue, 10L)]
    [InlineData(-13L, 7L)]
    [InlineData(13L, -7L)]
    public void Agrees_with_64_bit_division(long value, long divisor)
    {
        Assert.Equal(value / divisor, IndexMath.Divide(value, divisor));
        Assert.Equal(value % divisor, IndexMath.Remainder(value, divisor));
    }
}
