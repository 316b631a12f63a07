using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Codegen;

/// <summary>
/// A padded read whose padding lies only along its short trailing dimension, where it broadcasts (stride 0) or is
/// valid at one position, as in a stack on a new last axis or a concatenate of [N, 1] columns. Read with stride 0
/// there (from its one valid position), its address is in bounds at every point, so it can be read unpadded and
/// guarded by a select on that dimension's index. Without padding the kernel becomes a periodic row (one contiguous load and a permute per member, the
/// guards built once per phase), where the padded read made it a gathered row or a block copy of rows of a few
/// elements.
/// </summary>
internal static class PaddedReadsAsSelects
{
    /// <summary>The longest trailing dimension worth it: periodic rows go up to 8 (LoopNest.Period).</summary>
    private const int MaxExtent = 8;

    /// <summary>The kernel with such reads unpadded and guarded, or null when it has none, or another padded read.</summary>
    public static ElementwiseKernel? TryRewrite(ElementwiseKernel kernel)
    {
        var shape = kernel.Shape;
        if (shape.Length < 2 || shape[^1] is < 2 or > MaxExtent) return null;
        var last = shape.Length - 1;
        var guards = new (long Lo, long Hi)?[kernel.Inputs.Count];
        for (var k = 0; k < kernel.Inputs.Count; k++)
        {
            var (map, dtype) = (kernel.Inputs[k].Map, kernel.Inputs[k].DType);
            if (!map.IsPadded) continue;
            if (map.ReshapeTo is not null || !Representable(map.PadValue, dtype)) return null;
            for (var d = 0; d < last; d++)
                if (map.ValidLo![d] > 0 || map.ValidHi![d] < shape[d]) return null;
            var (lo, hi) = (Math.Max(0, map.ValidLo![last]), Math.Min(shape[last], map.ValidHi![last]));
            // An empty range may belong to an empty buffer, which no address reads.
            if (hi <= lo || map.Strides[last] != 0 && hi - lo != 1) return null;
            guards[k] = (lo, hi);
        }
        if (guards.All(g => g is null)) return null;

        var b = new ScalarProgramBuilder();
        var renumbered = new int[kernel.Program.Nodes.Count];
        for (var i = 0; i < renumbered.Length; i++)
        {
            var node = kernel.Program.Nodes[i];
            renumbered[i] = node is LoadNode load && guards[load.Input] is { } range
                ? Guarded(b, load, range, kernel.Inputs[load.Input].Map.PadValue, last)
                : b.Add(Renumber(node, renumbered));
        }
        var inputs = kernel.Inputs.Select((input, k) => guards[k] is { } range ? input with { Map = Unpadded(input.Map, range.Lo) } : input);
        return kernel with { Inputs = [.. inputs], Program = b.Build([.. kernel.Program.Results.Select(r => renumbered[r])]) };
    }

    /// <summary>The map without padding, reading along the last dimension the element of position <paramref name="lo"/>
    /// (the only valid one where it has a stride) at every position.</summary>
    private static IndexMap Unpadded(IndexMap map, long lo)
    {
        var strides = map.Strides.ToArray();
        var offset = map.Offset + strides[^1] * lo;
        strides[^1] = 0;
        return new IndexMap(offset, strides);
    }

    /// <summary>select(lo &lt;= index &lt; hi, load, pad), the index in lanes as wide as the load's so that it does not
    /// force mixed lane widths where it needs a vector.</summary>
    private static int Guarded(ScalarProgramBuilder b, LoadNode load, (long Lo, long Hi) range, double pad, int dimension)
    {
        var value = b.Add(load);
        var indexType = load.DType.SizeOf() == 8 ? DType.Int64 : DType.Int32;
        var index = b.Index(dimension, indexType);
        var inside = b.Binary(BinaryOp.Ge, index, b.ConstBits(indexType, range.Lo));
        inside = b.Binary(BinaryOp.And, inside, b.Binary(BinaryOp.Lt, index, b.ConstBits(indexType, range.Hi)));
        return b.Select(inside, value, b.Add(ConstNode.Of(load.DType, pad)));
    }

    /// <summary>
    /// Whether the read is worth it and exact: a 4- or 8-byte element, which the generated code holds in vector lanes
    /// bit for bit (1-byte elements run scalar code, where the block copies are faster, and float16/bfloat16 are computed
    /// in float32, which would quiet a signalling NaN that a copy must keep), and a pad value of that type.
    /// </summary>
    private static bool Representable(double pad, DType dtype) => dtype switch
    {
        DType.Float32 or DType.Float64 => true,
        DType.Int32 or DType.Int64 => pad == Math.Floor(pad) && Math.Abs(pad) <= int.MaxValue,
        DType.UInt32 => pad == Math.Floor(pad) && pad is >= 0 and <= uint.MaxValue,
        _ => false,
    };

    private static ScalarNode Renumber(ScalarNode node, int[] renumbered) => node switch
    {
        UnaryNode u => u with { X = renumbered[u.X] },
        BinaryNode n => n with { A = renumbered[n.A], B = renumbered[n.B] },
        SelectNode s => s with { Predicate = renumbered[s.Predicate], OnTrue = renumbered[s.OnTrue], OnFalse = renumbered[s.OnFalse] },
        ConvertNode c => c with { X = renumbered[c.X] },
        BitcastNode c => c with { X = renumbered[c.X] },
        _ => node,
    };
}
