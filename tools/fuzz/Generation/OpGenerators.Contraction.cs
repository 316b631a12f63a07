using JaxNet.Fuzz.Ops;

namespace JaxNet.Fuzz.Generation;

internal static partial class OpGenerators
{
    /// <summary>lhs is a value of the program; rhs is made to fit: the same batch and contracting sizes, free
    /// dimensions of its own, all in a random order.</summary>
    public static int? DotGeneral(ProgramBuilder b)
    {
        if (b.Pick(t => t.Rank >= 1 && t.DType is not (DType.Bool or DType.UInt8)) is not { } lhs) return null;
        var type = b.TypeOf(lhs);
        var dims = Enumerable.Range(0, type.Rank).OrderBy(_ => b.Random.Next()).ToArray();
        var contracting = dims.Take(b.Random.Next(1, Math.Min(2, type.Rank) + 1)).ToArray();
        var rest = dims.Skip(contracting.Length).ToArray();
        var batch = rest.Take(b.Random.Next(0, Math.Min(2, rest.Length) + 1)).ToArray();
        var free = Enumerable.Range(0, b.Random.Next(0, 3)).Select(_ => b.Chance(0.3) ? 1 : b.Random.Next(1, 40)).ToArray();
        // rhs dimensions: batch, contracting and free ones, shuffled; remember where each went.
        var roles = batch.Select(d => (Size: type.Shape[d], Kind: 0, Of: d)).Concat(contracting.Select(d => (Size: type.Shape[d], Kind: 1, Of: d)))
            .Concat(free.Select(s => (Size: s, Kind: 2, Of: -1))).OrderBy(_ => b.Random.Next()).ToArray();
        var rhsShape = roles.Select(r => r.Size).ToArray();
        int[] Position(int kind, int of) => [Array.FindIndex(roles, r => r.Kind == kind && r.Of == of)];
        var rhsContracting = contracting.SelectMany(d => Position(1, d)).ToArray();
        var rhsBatch = batch.SelectMany(d => Position(0, d)).ToArray();
        var op = new DotGeneralFuzzOp(contracting, rhsContracting, batch, rhsBatch);
        var k = contracting.Aggregate(1L, (a, d) => a * type.Shape[d]);
        var outSize = type.Size / Math.Max(k, 1) * free.Aggregate(1L, (a, s) => a * s);
        if (outSize * Math.Max(k, 1) > b.Options.MaxContractionWork || Layout.Size(rhsShape) > b.Options.MaxElements) return null;
        var rhs = b.Input(new TensorType(type.DType, rhsShape));
        return b.Chance(0.5) ? b.Add(op, lhs, rhs) : b.Add(new DotGeneralFuzzOp(rhsContracting, contracting, rhsBatch, batch), rhs, lhs);
    }
}
