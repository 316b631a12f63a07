using JaxNet.Abstractions;
using JaxNet.Conformance.Cases;
using JaxNet.Conformance.Catalog;
using JaxNet.Conformance.Running;
using JaxNet.Testing;
using Xunit;
using Xunit.Abstractions;

namespace JaxNet.Conformance.Tests.Backends;

/// <summary>
/// The conformance suite as xunit tests, written once: one test per catalogue case. A backend's test project
/// subclasses it and supplies the backend (and, if its numerics are documented to differ, a tolerance profile).
/// A case the backend's capabilities rule out is reported as skipped with the reason.
/// </summary>
public abstract class BackendConformanceTests(ITestOutputHelper output)
{
    /// <summary>The backend under test.</summary>
    protected abstract IBackend Backend { get; }

    /// <summary>The tolerances this backend is held to.</summary>
    protected virtual ToleranceProfile Tolerances => BackendTolerances.For(Backend);

    public static IEnumerable<object[]> CaseIds() => ConformanceCatalog.All.Select(c => new object[] { c.Id });

    [SkippableTheory]
    [MemberData(nameof(CaseIds), MemberType = typeof(BackendConformanceTests))]
    public void Case(string id)
    {
        var c = ConformanceCatalog.Get(id);
        var result = ConformanceRunner.Run(Backend, c, Tolerances);
        output.WriteLine($"{result.Outcome} in {result.Milliseconds:F1} ms");
        if (result.Outcome == CaseOutcome.Skipped) throw new SkipException(result.Message);
        Assert.True(result.Outcome != CaseOutcome.Failed, $"{id} ({c.Description}) on {Backend.Platform}: {result.Message}");
    }
}

/// <summary>The suite on the cpu-simd plugin.</summary>
public sealed class CpuConformanceTests(CpuBackendFixture fixture, ITestOutputHelper output)
    : BackendConformanceTests(output), IClassFixture<CpuBackendFixture>
{
    protected override IBackend Backend => fixture.Backend;
}

/// <summary>The suite on the Vulkan plugin (Mesa's lavapipe in CI).</summary>
public sealed class VulkanConformanceTests(VulkanBackendFixture fixture, ITestOutputHelper output)
    : BackendConformanceTests(output), IClassFixture<VulkanBackendFixture>
{
    protected override IBackend Backend => fixture.Backend;
}

/// <summary>The suite on the TPU simulator, with matmuls held to bf16 error bounds (its capabilities say so).</summary>
public sealed class TpuSimConformanceTests(TpuSimBackendFixture fixture, ITestOutputHelper output)
    : BackendConformanceTests(output), IClassFixture<TpuSimBackendFixture>
{
    protected override IBackend Backend => fixture.Backend;
}

/// <summary>The suite on the CUDA plugin's kernels, emulated on the CPU (small and slow, but the same kernel code).</summary>
public sealed class CudaEmulatedConformanceTests(CudaEmulatedBackendFixture fixture, ITestOutputHelper output)
    : BackendConformanceTests(output), IClassFixture<CudaEmulatedBackendFixture>
{
    protected override IBackend Backend => fixture.Backend;
}
