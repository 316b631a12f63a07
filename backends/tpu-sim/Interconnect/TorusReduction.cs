using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.TpuSim.Execution;

namespace JaxNet.Backends.TpuSim.Interconnect;

/// <summary>
/// The values an all-reduce over a <see cref="SubTorus"/> computes, in the order it combines them. The buffer is
/// cut into one shard per dimension, and shard k reduce-scatters along dimension k, then k + 1, ... (wrapping), so
/// that in every phase each shard keeps another dimension's links busy. A phase is a bidirectional ring
/// reduce-scatter (<see cref="RingReduction"/>) along every line of its dimension, over the block each chip holds
/// after the earlier phases; after the last phase each chip holds one finished block of each shard, and the
/// all-gather that follows moves values without combining them.
/// </summary>
internal static class TorusReduction
{
    public static Column AllReduce(ReduceOp op, IReadOnlyList<Column> members, SubTorus torus, int elementCount)
    {
        var result = Column.Create(members[0].DType, elementCount);
        var shard = (elementCount + torus.Dimensions - 1) / torus.Dimensions;
        for (var k = 0; k < torus.Dimensions; k++)
        {
            var start = Math.Min(k * shard, elementCount);
            var length = Math.Min(start + shard, elementCount) - start;
            if (length > 0) ReduceShard(op, members, torus, firstDimension: k, start, length, result);
        }
        return result;
    }

    private static void ReduceShard(ReduceOp op, IReadOnlyList<Column> members, SubTorus torus, int firstDimension, int start,
        int length, Column result)
    {
        var partials = members.Select(m =>
        {
            var partial = Column.Create(m.DType, length);
            m.CopyTo(start, partial, 0, length);
            return partial;
        }).ToArray();
        var held = Enumerable.Repeat((Start: 0, Length: length), members.Count).ToArray();
        for (var phase = 0; phase < torus.Dimensions; phase++)
        {
            foreach (var line in torus.Lines((firstDimension + phase) % torus.Dimensions))
            {
                var (lineStart, lineLength) = held[line[0]];
                var chunk = (lineLength + line.Length - 1) / line.Length;
                // Every block is computed from the phase's inputs before any chip's values are overwritten.
                var blocks = Enumerable.Range(0, line.Length).Select(position =>
                {
                    var blockStart = lineStart + Math.Min(position * chunk, lineLength);
                    var blockLength = Math.Min(chunk, lineStart + lineLength - blockStart);
                    return (Start: blockStart, Values: RingReduction.ReduceBlock(op, partials, line, position, blockStart, blockLength));
                }).ToArray();
                for (var position = 0; position < line.Length; position++)
                {
                    var (blockStart, values) = blocks[position];
                    values.CopyTo(0, partials[line[position]], blockStart, values.Length);
                    held[line[position]] = (blockStart, values.Length);
                }
            }
        }
        for (var m = 0; m < members.Count; m++) partials[m].CopyTo(held[m].Start, result, start + held[m].Start, held[m].Length);
    }
}
