using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Vulkan.Driver;
using Silk.NET.Vulkan;
using Xunit;

namespace JaxNet.Backends.Vulkan.Tests;

/// <summary>Which dtypes a set of devices gets, on descriptions alone (no driver needed).</summary>
public sealed class DeviceDTypesTests
{
    private static PhysicalDeviceInfo Device(string name) => new(default, name, PhysicalDeviceType.DiscreteGpu, Vk.Version13, "fake", 32, true,
        1 << 30, 0, true, true, true, true, true, true, true, true, true, 256, uint.MaxValue, 32768, 65535, 1024, FloatControls.None);

    private static ElementwiseKernel Negate(DType dtype)
    {
        var p = new ScalarProgramBuilder();
        var r = p.Unary(UnaryOp.Neg, p.Load(0, dtype));
        return new ElementwiseKernel("neg", [4], [new MappedInput(0, dtype, IndexMap.Identity([4]))], p.Build(r), [1]);
    }

    [Fact]
    public void ADeviceWithEveryFeatureGetsEveryKernelDType()
    {
        var full = Device("full");
        Assert.Equal(DTypeInfo.All.OrderBy(t => t), DeviceDTypes.Of([full]).OrderBy(t => t));
        Assert.All(DTypeInfo.All, t => Assert.Null(DeviceDTypes.Missing([full], t)));
    }

    [Fact]
    public void WithoutSixteenBitStorageTheSixteenBitTypesAreRefusedWithTheReason()
    {
        var narrow = Device("no16") with { Storage16Bit = false, Int16 = false };
        var dtypes = DeviceDTypes.Of([narrow]);
        Assert.DoesNotContain(DType.Int16, dtypes);
        Assert.DoesNotContain(DType.UInt16, dtypes);
        Assert.DoesNotContain(DType.Float16, dtypes);
        Assert.Contains(DType.Int8, dtypes);
        Assert.Contains(DType.UInt64, dtypes);
        Assert.Equal("i16 needs storageBuffer16BitAccess, which no16 lacks", DeviceDTypes.Missing([narrow], DType.Int16));
        // The host's check names the dtype, so the frontend falls back and the conformance suite skips the case.
        var caps = BackendCapabilities.Everything(dtypes, 16);
        Assert.Equal("dtype i16", caps.Unsupported(Negate(DType.Int16)));
        Assert.Equal("dtype u16", caps.Unsupported(Negate(DType.UInt16)));
        Assert.Null(caps.Unsupported(Negate(DType.Int8)));
    }

    [Fact]
    public void EachNewDTypeFollowsTheFeatureItsCodeNeeds()
    {
        Assert.DoesNotContain(DType.Int8, DeviceDTypes.Of([Device("a") with { Storage8Bit = false }]));
        Assert.DoesNotContain(DType.UInt64, DeviceDTypes.Of([Device("b") with { Int64 = false }]));
        Assert.Equal("u64 needs shaderInt64, which b lacks", DeviceDTypes.Missing([Device("b") with { Int64 = false }], DType.UInt64));
        // The narrow integers are computed in 32-bit registers: no int8/int16 arithmetic is needed.
        var storageOnly = DeviceDTypes.Of([Device("c") with { Int8 = false, Int16 = false }]);
        Assert.Contains(DType.Int8, storageOnly);
        Assert.Contains(DType.Int16, storageOnly);
    }

    [Fact]
    public void SeveralDevicesGetWhatAllOfThemHave()
    {
        var devices = new[] { Device("full"), Device("no8") with { Storage8Bit = false } };
        var dtypes = DeviceDTypes.Of(devices);
        Assert.DoesNotContain(DType.Int8, dtypes);
        Assert.DoesNotContain(DType.UInt8, dtypes);
        Assert.Contains(DType.Int16, dtypes);
        Assert.Equal("i8 needs storageBuffer8BitAccess, which no8 lacks", DeviceDTypes.Missing(devices, DType.Int8));
        Assert.Null(DeviceDTypes.Missing(devices, DType.Float32));
    }
}
