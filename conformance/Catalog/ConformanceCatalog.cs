using JaxNet.Conformance.Cases;

namespace JaxNet.Conformance.Catalog;

/// <summary>
/// Every case of the suite, in a stable order. Cases are cheap until their inputs or expectations are asked for.
/// Ids are unique and path-like: family/op/dtype/variant.
/// </summary>
public static class ConformanceCatalog
{
    private static readonly Lazy<IReadOnlyList<ConformanceCase>> all = new(Build);
    private static readonly Lazy<IReadOnlyDictionary<string, ConformanceCase>> byId =
        new(() => all.Value.ToDictionary(c => c.Id, StringComparer.Ordinal));

    public static IReadOnlyList<ConformanceCase> All => all.Value;

    /// <summary>The case with this id; throws <see cref="KeyNotFoundException"/> naming it if there is none.</summary>
    public static ConformanceCase Get(string id) =>
        byId.Value.TryGetValue(id, out var c) ? c : throw new KeyNotFoundException($"no conformance case '{id}'");

    /// <summary>Cases whose id starts with <paramref name="prefix"/> (e.g. "contraction/" or "elementwise/add/").</summary>
    public static IEnumerable<ConformanceCase> WithPrefix(string prefix) => All.Where(c => c.Id.StartsWith(prefix, StringComparison.Ordinal));

    private static IReadOnlyList<ConformanceCase> Build()
    {
        var cases = ElementwiseOpCases.All()
            .Concat(ElementwiseStructureCases.All())
            .Concat(ElementwisePairCases.All())
            .Concat(EdgeValueCases.All())
            .Concat(ReductionCases.All())
            .Concat(ContractionCases.All())
            .Concat(ConvolutionCases.All())
            .Concat(GatherScatterCases.All())
            .Concat(SortScanCopyCases.All())
            .Concat(FftCases.All())
            .Concat(CollectiveCases.All())
            .ToArray();
        var duplicate = cases.GroupBy(c => c.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"two conformance cases share the id '{duplicate.Key}'");
        return cases;
    }
}
