using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Cases;
using static JaxNet.Conformance.Catalog.Elementwise;

namespace JaxNet.Conformance.Catalog;

/// <summary>Every collective over groups of 1, 2, 3 and 8 devices (every AllReduce op), on a few dtypes.</summary>
internal static class CollectiveCases
{
    public static readonly int[] GroupSizes = [1, 2, 3, 8];

    public static IEnumerable<ConformanceCase> All()
    {
        foreach (var g in GroupSizes)
        {
            foreach (var op in new[] { ReduceOp.Sum, ReduceOp.Prod, ReduceOp.Max, ReduceOp.Min })
                yield return Case(new CollectiveSpec(CollectiveKind.AllReduce, DType.Float32, g, 37, op));
            yield return Case(new CollectiveSpec(CollectiveKind.AllReduce, DType.Int32, g, 1000, ReduceOp.Sum));
            yield return Case(new CollectiveSpec(CollectiveKind.AllReduce, DType.Float64, g, 5, ReduceOp.Max));
            yield return Case(new CollectiveSpec(CollectiveKind.AllReduce, DType.BFloat16, g, 17, ReduceOp.Sum));
            yield return Case(new CollectiveSpec(CollectiveKind.AllGather, DType.Float32, g, 13));
            yield return Case(new CollectiveSpec(CollectiveKind.AllGather, DType.UInt8, g, 33));
            yield return Case(new CollectiveSpec(CollectiveKind.ReduceScatter, DType.Float32, g, 11, ReduceOp.Sum));
            yield return Case(new CollectiveSpec(CollectiveKind.ReduceScatter, DType.Int64, g, 4, ReduceOp.Max));
            yield return Case(new CollectiveSpec(CollectiveKind.AllToAll, DType.Float32, g, 6));
            yield return Case(new CollectiveSpec(CollectiveKind.AllToAll, DType.Float16, g, 3));
            yield return Case(new CollectiveSpec(CollectiveKind.Permute, DType.Float32, g, 21, Pairs: Ring(g)));
            yield return Case(new CollectiveSpec(CollectiveKind.Permute, DType.Int32, g, 8, Pairs: Partial(g)), "partial");
            yield return Case(new CollectiveSpec(CollectiveKind.Broadcast, DType.Float32, g, 19, Root: g - 1));
            yield return Case(new CollectiveSpec(CollectiveKind.Broadcast, DType.Float64, g, 2, Root: 0));
        }
        yield return Case(new CollectiveSpec(CollectiveKind.AllReduce, DType.Float32, 2, 0, ReduceOp.Sum), "empty");
        yield return Case(new CollectiveSpec(CollectiveKind.AllReduce, DType.Float32, 8, 100_003, ReduceOp.Sum), "large");
    }

    /// <summary>Each member sends to the next (a ring shift).</summary>
    private static SourceTargetPair[] Ring(int g) => Enumerable.Range(0, g).Select(i => new SourceTargetPair(i, (i + 1) % g)).ToArray();

    /// <summary>Only even members send, to the member before them: the others' outputs are zero-filled.</summary>
    private static SourceTargetPair[] Partial(int g) =>
        Enumerable.Range(0, g).Where(i => i % 2 == 0).Select(i => new SourceTargetPair(i, (i + g - 1) % g)).ToArray();

    private static ConformanceCase Case(CollectiveSpec spec, string? variant = null)
    {
        var op = spec.Kind is CollectiveKind.AllReduce or CollectiveKind.ReduceScatter ? "-" + Op(spec.Op) : "";
        var id = $"collective/{Op(spec.Kind)}{op}/{spec.DType.ShortName()}/group-{spec.GroupSize}" + (variant is null ? "" : "-" + variant);
        var shape = new[] { checked((int)spec.InputCount) };
        var tolerance = spec.Kind is CollectiveKind.AllReduce or CollectiveKind.ReduceScatter && spec.Op is ReduceOp.Sum or ReduceOp.Prod
            ? ToleranceTable.Accumulated(spec.DType, spec.DType, spec.GroupSize, 1)
            : Tolerance.Exact with { SignOfZero = true };
        // Sums and products get small values; max/min and data movement get the specials too.
        var small = spec.Op is ReduceOp.Sum or ReduceOp.Prod && spec.Kind is CollectiveKind.AllReduce or CollectiveKind.ReduceScatter;
        return ConformanceCase.ForCollective(id, spec,
                g => Enumerable.Range(0, spec.GroupSize).Select(_ => small ? g.SmallValues(spec.DType, shape) : g.Values(spec.DType, shape)).ToArray(),
                tolerance)
            .Describe(spec.ToString()).Accumulating(spec.GroupSize, 1);
    }
}
