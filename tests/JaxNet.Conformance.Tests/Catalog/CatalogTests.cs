using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Catalog;
using Xunit;

namespace JaxNet.Conformance.Tests.Catalog;

/// <summary>The catalogue covers what the suite promises, and every case is well formed and evaluable.</summary>
public sealed class CatalogTests
{
    [Fact]
    public void HasSeveralHundredUniqueCases()
    {
        var all = ConformanceCatalog.All;
        Assert.True(all.Count >= 500, $"only {all.Count} cases");
        Assert.Equal(all.Count, all.Select(c => c.Id).Distinct().Count());
    }

    [Fact]
    public void CoversEveryKernelKindDTypeAndOp()
    {
        var all = ConformanceCatalog.All;
        foreach (var kind in Enum.GetValues<KernelKind>()) Assert.Contains(all, c => c.KernelKind == kind);
        foreach (var dtype in DTypeInfo.All) Assert.Contains(all, c => c.KernelKind == KernelKind.Elementwise && c.DType == dtype);
        var programs = all.Where(c => c.Module is not null).SelectMany(c => c.Module!.Kernels).SelectMany(k => k.Programs()).ToArray();
        var nodes = programs.SelectMany(p => p.Nodes).ToArray();
        foreach (var op in Enum.GetValues<UnaryOp>()) Assert.Contains(nodes, n => n is UnaryNode u && u.Op == op);
        foreach (var op in Enum.GetValues<BinaryOp>()) Assert.Contains(nodes, n => n is BinaryNode b && b.Op == op);
        foreach (var kind in Enum.GetValues<CollectiveKind>())
            foreach (var g in new[] { 1, 2, 3, 8 })
                Assert.Contains(all, c => c.Collective?.Kind == kind && c.Collective.GroupSize == g);
        foreach (var from in DTypeInfo.All)
            foreach (var to in DTypeInfo.All.Where(t => t != from))
                Assert.Contains(all, c => c.Id == $"elementwise/convert/{from.ShortName()}-to-{to.ShortName()}");
    }

    [Fact]
    public void EveryCaseHasInputsMatchingItsModuleAndAnExpectation()
    {
        foreach (var c in ConformanceCatalog.All.Where(c => c.Module is not null && !IsLarge(c.Id)))
        {
            var module = c.Module!;
            Assert.Equal(module.Parameters.Count, c.Inputs.Count);
            for (var i = 0; i < c.Inputs.Count; i++) Assert.Equal(module.Buffers[module.Parameters[i]].ByteSize, c.Inputs[i].Data.LongLength);
            Assert.Equal(module.Results.Count, c.Expected.Count);
        }
    }

    [Fact]
    public void CaseDataIsDeterministic()
    {
        var c = ConformanceCatalog.Get("elementwise/add/f32/random");
        var again = new Conformance.Cases.DataGenerator(Conformance.Cases.DataGenerator.SeedOf(c.Id)).Floats(DType.Float32, [3]);
        var twice = new Conformance.Cases.DataGenerator(Conformance.Cases.DataGenerator.SeedOf(c.Id)).Floats(DType.Float32, [3]);
        Assert.Equal(again.Data, twice.Data);
        Assert.Contains(c.Inputs[0].ToDoubles(), double.IsNaN);
    }

    [Fact]
    public void GetNamesAMissingCase() =>
        Assert.Contains("no/such/case", Assert.Throws<KeyNotFoundException>(() => ConformanceCatalog.Get("no/such/case")).Message);

    private static bool IsLarge(string id) => id.Contains("1048576") || id.Contains("1024x1024") || id.Contains("1023x1025");
}
