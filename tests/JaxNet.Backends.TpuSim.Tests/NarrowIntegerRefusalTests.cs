using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using static JaxNet.Backends.TpuSim.Tests.Harness;

namespace JaxNet.Backends.TpuSim.Tests;

/// <summary>
/// tpu-sim has code for the dtypes of ABI 1.3 only: it must not claim the integers 1.4 added, so the host's
/// capability check refuses their kernels with the dtype named instead of handing the simulator a kernel it
/// cannot run.
/// </summary>
public sealed class NarrowIntegerRefusalTests
{
    [Fact]
    public void The_backend_claims_exactly_the_dtypes_of_abi_1_3()
    {
        var backend = Backend();
        Assert.Equal(DTypeInfo.InAbi(new AbiVersion(1, 3)).ToHashSet(), backend.Capabilities.DTypes);
    }

    [Theory]
    [InlineData(DType.Int8, "i8")]
    [InlineData(DType.Int16, "i16")]
    [InlineData(DType.UInt16, "u16")]
    [InlineData(DType.UInt64, "u64")]
    public void A_kernel_on_a_new_integer_is_refused_with_its_dtype(DType dtype, string name)
    {
        int[] shape = [16];
        var p = new ScalarProgramBuilder();
        var x = p.Load(0, dtype);
        var add = new ElementwiseKernel("add", shape, [Input(0, dtype, shape)], p.Build(p.Binary(BinaryOp.Add, x, x)), [1]);
        Assert.Equal($"dtype {name}", Backend().Capabilities.Unsupported(add));
    }

    [Fact]
    public void A_convert_from_int32_into_int8_is_refused_at_the_converted_value()
    {
        int[] shape = [16];
        var p = new ScalarProgramBuilder();
        var narrow = p.Convert(p.Load(0, DType.Int32), DType.Int8);
        var kernel = new ElementwiseKernel("narrow", shape, [Input(0, DType.Int32, shape)], p.Build(p.Convert(narrow, DType.Int32)), [1]);
        Assert.Equal("dtype i8", Backend().Capabilities.Unsupported(kernel));
    }
}
