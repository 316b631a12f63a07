using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Vulkan.Collectives;
using Xunit;
using static JaxNet.Backends.Vulkan.Tests.ModuleRunner;

namespace JaxNet.Backends.Vulkan.Tests;

/// <summary>The host-side combination behind the collectives, for the ABI 1.4 integers (no driver needed).</summary>
public sealed class HostReductionTests
{
    [Fact]
    public void SumsWrapAndMaxMinUseEachTypesOrder()
    {
        Assert.Equal([sbyte.MinValue, 0], Values<sbyte>(HostReduction.Reduce(ReduceOp.Sum, DType.Int8, [Bytes<sbyte>(127, -5), Bytes<sbyte>(1, 5)])));
        Assert.Equal([(short)-3], Values<short>(HostReduction.Reduce(ReduceOp.Min, DType.Int16, [Bytes<short>(4), Bytes<short>(-3), Bytes<short>(2)])));
        Assert.Equal([(ushort)0], Values<ushort>(HostReduction.Reduce(ReduceOp.Prod, DType.UInt16, [Bytes<ushort>(256), Bytes<ushort>(256)])));
        Assert.Equal([ulong.MaxValue], Values<ulong>(HostReduction.Reduce(ReduceOp.Max, DType.UInt64, [Bytes(1ul), Bytes(ulong.MaxValue)])));
        Assert.Empty(HostReduction.Reduce(ReduceOp.Sum, DType.UInt64, [[], []]));
    }
}
