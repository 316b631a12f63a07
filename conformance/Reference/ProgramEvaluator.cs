using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Numerics;

namespace JaxNet.Conformance.Reference;

/// <summary>Evaluates a <see cref="ScalarProgram"/> at one point, node by node.</summary>
public static class ProgramEvaluator
{
    /// <summary>
    /// The values of the program's results. <paramref name="load"/> gives input k at the current point;
    /// <paramref name="point"/> is the point (for index nodes). Under <see cref="SubnormalMode.FlushFloat32"/> the
    /// operands of unary, binary and conversion nodes are flushed (<see cref="Subnormals.Flush"/>).
    /// </summary>
    public static Scalar[] Evaluate(ScalarProgram program, Func<int, Scalar> load, ReadOnlySpan<long> point,
        SubnormalMode subnormals = SubnormalMode.Preserve)
    {
        var values = new Scalar[program.Nodes.Count];
        var flush = subnormals == SubnormalMode.FlushFloat32;
        Scalar Operand(int node) => flush ? Subnormals.Flush(values[node]) : values[node];
        for (var i = 0; i < values.Length; i++)
        {
            var node = program.Nodes[i];
            var value = node switch
            {
                LoadNode l => load(l.Input),
                ConstNode c => c.DType.IsFloat() ? Scalar.FromDouble(c.DType, c.Value) : Scalar.FromInteger(c.DType, c.Bits),
                IndexNode ix => Scalar.FromInteger(ix.DType, point[ix.Dimension]),
                UnaryNode u => ScalarSemantics.Unary(u.Op, Operand(u.X)),
                BinaryNode b => ScalarSemantics.Binary(b.Op, Operand(b.A), Operand(b.B)),
                SelectNode s => ScalarSemantics.Select(values[s.Predicate], values[s.OnTrue], values[s.OnFalse]),
                ConvertNode cv => ScalarSemantics.Convert(Operand(cv.X), cv.DType),
                BitcastNode bc => ScalarSemantics.Bitcast(values[bc.X], bc.DType),
                _ => throw new NotSupportedException($"scalar node {node.GetType().Name}"),
            };
            if (value.DType != node.DType)
                throw new InvalidOperationException($"node %{i} computed {value.DType.ShortName()}, declared {node.DType.ShortName()}");
            values[i] = value;
        }
        var results = new Scalar[program.Results.Count];
        for (var r = 0; r < results.Length; r++) results[r] = values[program.Results[r]];
        return results;
    }
}
