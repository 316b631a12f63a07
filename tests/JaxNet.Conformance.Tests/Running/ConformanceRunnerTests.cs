using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Cases;
using JaxNet.Conformance.Catalog;
using JaxNet.Conformance.Running;
using Xunit;

namespace JaxNet.Conformance.Tests.Running;

/// <summary>The runner against a backend built on the reference: passes, detected corruption, skips, leaks, reports.</summary>
public sealed class ConformanceRunnerTests
{
    private static readonly string[] Sample =
    [
        "elementwise/add/f32/broadcast-size1", "elementwise/div/i32/extremes-cross", "reduction/sum/f32/inner",
        "contraction/matmul/f32/7x13x5", "convolution/conv/f32/2d-feature-groups-2", "gather/gather/f32/take-rows-i32-clip",
        "scatter/scatter/i32/rows-add-clip", "sort/argsort/f32/ties-and-nans-ascending", "scan/cumsum/f32/4x37-axis1",
        "copy/copy/f32/flipped", "collective/allgather/f32/group-3", "collective/allreduce-sum/f32/group-2",
    ];

    private static BackendCapabilities Everything => BackendCapabilities.Everything(DTypeInfo.All, 8);

    [Fact]
    public void ACorrectBackendPassesAndFreesEverything()
    {
        var backend = new HostReferenceBackend(3, Everything);
        foreach (var id in Sample)
        {
            var result = ConformanceRunner.Run(backend, ConformanceCatalog.Get(id));
            Assert.True(result.Passed, result.ToString());
        }
        Assert.Equal(0, backend.LiveBuffers);
    }

    [Fact]
    public void AWrongElementFailsWithItsIndexAndValues()
    {
        // Flip the top mantissa bit of element 1 of every result.
        var backend = new HostReferenceBackend(3, Everything) { Corrupt = bytes => FlipBit(bytes, 32 + 22) };
        var result = ConformanceRunner.Run(backend, ConformanceCatalog.Get("contraction/matmul/f32/64x64x64"));
        Assert.Equal(CaseOutcome.Failed, result.Outcome);
        Assert.Contains("[0,1]", result.Message);
        Assert.Contains("got", result.Message);
        Assert.Equal(0, backend.LiveBuffers);
    }

    [Fact]
    public void IntegersMustMatchExactly()
    {
        var backend = new HostReferenceBackend(1, Everything) { Corrupt = bytes => FlipBit(bytes, 0) };
        var result = ConformanceRunner.Run(backend, ConformanceCatalog.Get("elementwise/add/i32/random"));
        Assert.Equal(CaseOutcome.Failed, result.Outcome);
        Assert.Contains("1 of 123 elements differ", result.Message);
    }

    [Fact]
    public void ASignOfZeroCaseNoticesAFlippedZero()
    {
        var c = ConformanceCatalog.Get("elementwise/neg/f32/sign-of-zero");
        // Element 0 is -(+0) = -0: clearing its sign bit makes +0, equal in value but wrong in sign.
        var backend = new HostReferenceBackend(1, Everything) { Corrupt = bytes => FlipBit(bytes, 31) };
        Assert.Equal(CaseOutcome.Failed, ConformanceRunner.Run(backend, c).Outcome);
    }

    [Fact]
    public void MissingCapabilitiesAndDevicesSkipWithTheReason()
    {
        var noF16 = Everything with { DTypes = DTypeInfo.All.Where(d => d != DType.Float16).ToHashSet() };
        var backend = new HostReferenceBackend(2, noF16 with { UnaryOps = new HashSet<UnaryOp> { UnaryOp.Neg } });
        var f16 = ConformanceRunner.Run(backend, ConformanceCatalog.Get("elementwise/add/f16/random"));
        Assert.Equal(CaseOutcome.Skipped, f16.Outcome);
        Assert.Contains("dtype f16", f16.Message);
        var erf = ConformanceRunner.Run(backend, ConformanceCatalog.Get("elementwise/erf/f32/random"));
        Assert.Contains("unary op Erf", erf.Message);
        var eight = ConformanceRunner.Run(backend, ConformanceCatalog.Get("collective/broadcast/f32/group-8"));
        Assert.Equal(CaseOutcome.Skipped, eight.Outcome);
        Assert.Contains("backend has 2 devices", eight.Message);
    }

    [Fact]
    public void ToleranceProfilesLoosenAKind()
    {
        // A relative error of about 2^-11 (mantissa bit 12) in every f32 element: fails the default tolerance...
        var backend = new HostReferenceBackend(1, Everything) { Corrupt = bytes => FlipMantissaBit12(bytes) };
        var c = ConformanceCatalog.Get("contraction/matmul/f32/1x1x1");
        Assert.Equal(CaseOutcome.Failed, ConformanceRunner.Run(backend, c).Outcome);
        // ...and passes a profile that holds contractions to bf16 accuracy.
        var loose = ToleranceProfile.Default.Override(KernelKind.Contraction,
            (k, t) => t.Max(Tolerance.Accumulated(Tolerance.UnitRoundoff(DType.BFloat16), k.AccumulationLength, k.TermMagnitude)));
        Assert.Equal(CaseOutcome.Passed, ConformanceRunner.Run(backend, c, loose).Outcome);
    }

    [Fact]
    public void ReportsAggregateAndRoundTripThroughJson()
    {
        var backend = new HostReferenceBackend(2, Everything);
        var report = ConformanceRunner.RunAll(backend, Sample.Select(ConformanceCatalog.Get));
        Assert.Equal(Sample.Length - 1, report.Passed);
        Assert.Equal(1, report.Skipped);
        var summary = report.RenderSummary();
        Assert.Contains("contraction", summary);
        Assert.Contains("collective", summary);
        var back = ConformanceReport.FromJson(report.ToJson());
        Assert.Equal(report.Results.Count, back.Results.Count);
        Assert.Equal(report.Summary, back.Summary);
        Assert.Contains("\"Skipped\"", report.ToJson());
    }

    private static byte[] FlipBit(byte[] bytes, int bit)
    {
        if (bytes.Length * 8 > bit) bytes[bit / 8] ^= (byte)(1 << (bit % 8));
        return bytes;
    }

    private static byte[] FlipMantissaBit12(byte[] bytes)
    {
        for (var i = 0; i + 1 < bytes.Length; i += 4) bytes[i + 1] ^= 0x10;
        return bytes;
    }
}
