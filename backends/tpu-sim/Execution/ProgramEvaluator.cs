using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.TpuSim.Numerics;

namespace JaxNet.Backends.TpuSim.Execution;

/// <summary>
/// Evaluates a <see cref="ScalarProgram"/> node by node over a run of points, each node over all of them at once
/// (a vector-unit instruction over many lanes, not an interpreter per element).
/// </summary>
internal static class ProgramEvaluator
{
    /// <summary>Points processed together: large enough to amortise per-node work, small enough for the cache.</summary>
    public const int ChunkSize = 4096;

    /// <param name="program">The program.</param>
    /// <param name="shape">The index space (for <c>index</c> nodes).</param>
    /// <param name="start">Row-major linear index of the first point.</param>
    /// <param name="count">Number of consecutive points.</param>
    /// <param name="load">Reads input k at the points, in the input's dtype.</param>
    public static Column[] Evaluate(ScalarProgram program, int[] shape, long start, int count, Func<int, Column> load)
    {
        var values = new Column[program.Nodes.Count];
        var loaded = new Dictionary<int, Column>();
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = program.Nodes[i] switch
            {
                LoadNode l => loaded.TryGetValue(l.Input, out var c) ? c : loaded[l.Input] = Convert(load(l.Input), l.DType),
                ConstNode k => ElementIO.Constant(k.DType, count, k.Value, k.Bits),
                IndexNode x => IndexColumn(x, shape, start, count),
                UnaryNode u => ScalarMath.Unary(u.Op, values[u.X], u.DType),
                BinaryNode b => ScalarMath.Binary(b.Op, values[b.A], values[b.B], b.DType),
                SelectNode s => ScalarMath.Select(values[s.Predicate], values[s.OnTrue], values[s.OnFalse]),
                ConvertNode v => ScalarMath.Convert(values[v.X], v.DType),
                BitcastNode v => ScalarMath.Bitcast(values[v.X], v.DType),
                var other => throw new NotSupportedException($"scalar node {other.GetType().Name}"),
            };
        }
        return program.Results.Select(r => values[r]).ToArray();
    }

    // A load declares its dtype; the validator guarantees it matches, this only guards epilogue input 0.
    private static Column Convert(Column column, DType dtype) =>
        column.DType == dtype ? column : ScalarMath.Convert(column, dtype);

    private static Column IndexColumn(IndexNode node, int[] shape, long start, int count)
    {
        var values = new long[count];
        var coords = Coordinates.Unravel(start, shape);
        for (var i = 0; i < count; i++)
        {
            values[i] = DTypeValues.Normalize(coords[node.Dimension], node.DType);
            Coordinates.Increment(coords, shape);
        }
        return Column.OfInts(node.DType, values);
    }
}
