using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Kernels;

namespace JaxNet.Backends.Cuda.Tests;

/// <summary>
/// Index division is 32-bit: it must agree with 64-bit division over the whole index space a kernel may have
/// (below 2^32), kernels beyond it are refused when compiled, and the PTX of mapped loads and of a reduction has
/// no 64-bit division left (a run-time choice would have compiled both and selected).
/// </summary>
public sealed class IndexMathTests(Emulated emulated) : IClassFixture<Emulated>
{
    [Theory]
    [InlineData(0L, 7L)]
    [InlineData(13L, 7L)]
    [InlineData(2147483648L, 3L)]
    [InlineData(4294967295L, 3L)]
    [InlineData(4294967295L, 2147483647L)]
    [InlineData(4294967294L, 65536L)]
    public void Agrees_with_64_bit_division_below_2_to_the_32(long value, long divisor)
    {
        Assert.Equal(value / divisor, IndexMath.Divide(value, divisor));
        Assert.Equal(value % divisor, IndexMath.Remainder(value, divisor));
    }

    [Fact]
    public void A_reduction_over_more_than_2_to_the_32_elements_is_refused_when_compiled()
    {
        int[] shape = [1 << 17, 1 << 16];
        var kernel = new ReductionKernel("huge", shape, [1], [new MappedInput(0, DType.Float32, IndexMap.Identity(shape))],
            ScalarProgram.Identity(DType.Float32), ReduceOp.Sum, DType.Float32, null, 1);
        var e = Assert.Throws<NotSupportedException>(() => new FusedReduction(emulated.Accelerator, kernel));
        Assert.Contains("reduction 'huge' of 8589934592 elements", e.Message);
    }
}
