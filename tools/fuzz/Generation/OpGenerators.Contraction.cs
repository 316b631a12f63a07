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

    /// <summary>A random layout spec of a rank-<paramref name="rank"/> operand: which dimension plays each role.</summary>
    private static int[] Spec(ProgramBuilder b, int rank) => b.Chance(0.5) ? Enumerable.Range(0, rank).ToArray()
        : Enumerable.Range(0, rank).OrderBy(_ => b.Random.Next()).ToArray();

    /// <summary>
    /// A convolution with one or two spatial dimensions: lhs a float value of the program of rank 3 or 4 read in a
    /// random layout (or a fresh input), rhs made to fit, with strides, padding (negative crops), both dilations and
    /// feature or batch groups drawn small.
    /// </summary>
    public static int? Convolution(ProgramBuilder b)
    {
        var lhs = b.Chance(0.6) ? b.Pick(t => t.Rank is 3 or 4 && t.DType.IsFloat() && t.Size > 0) : null;
        if (lhs is null)
        {
            var dtype = b.Choose(b.Options.DTypes.Where(t => t.IsFloat()).ToArray());
            if (!dtype.IsFloat()) return null;
            var rank = b.Random.Next(3, 5);
            lhs = b.Input(new TensorType(dtype, [b.Random.Next(1, 4), b.Random.Next(1, 7), .. Enumerable.Range(0, rank - 2).Select(_ => b.Random.Next(1, 13))]));
        }
        var type = b.TypeOf(lhs.Value);
        var spatial = type.Rank - 2;
        int[][] specs = [Spec(b, type.Rank), Spec(b, type.Rank), Spec(b, type.Rank)];
        var (batch, features) = (type.Shape[specs[0][0]], type.Shape[specs[0][1]]);
        var divisors = Enumerable.Range(1, Math.Max(features, 1)).Where(g => features % g == 0).ToArray();
        var featureGroups = b.Chance(0.4) ? b.Choose(divisors) : 1;
        var batchDivisors = Enumerable.Range(1, Math.Max(batch, 1)).Where(g => batch % g == 0).ToArray();
        var batchGroups = featureGroups == 1 && b.Chance(0.2) ? b.Choose(batchDivisors) : 1;
        var outFeatures = featureGroups * batchGroups * b.Random.Next(1, 4);
        var kernel = Enumerable.Range(0, spatial).Select(_ => b.Random.Next(1, 5)).ToArray();
        var rhsShape = new int[type.Rank];
        rhsShape[specs[1][0]] = outFeatures;
        rhsShape[specs[1][1]] = features / Math.Max(featureGroups, 1);
        for (var s = 0; s < spatial; s++) rhsShape[specs[1][2 + s]] = kernel[s];
        int[] Small(int max) => Enumerable.Range(0, spatial).Select(_ => b.Chance(0.6) ? 1 : b.Random.Next(2, max + 1)).ToArray();
        var padding = Enumerable.Range(0, spatial).Select(_ => (b.Random.Next(-1, 3), b.Random.Next(-1, 3))).ToArray();
        var op = new ConvolutionFuzzOp(Small(3), padding, Small(2), Small(2), specs, featureGroups, batchGroups);
        var work = type.Size / Math.Max(batchGroups, 1) * outFeatures / Math.Max(featureGroups, 1) * kernel.Aggregate(1L, (a, k) => a * k);
        if (work > b.Options.MaxContractionWork || Layout.Size(rhsShape) > b.Options.MaxElements) return null;
        return b.Add(op, lhs.Value, b.Input(type.With(rhsShape)));
    }
}
