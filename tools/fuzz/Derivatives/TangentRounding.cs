using JaxNet.Fuzz.Ops;
using JaxNet.Fuzz.Programs;
using JaxNet.Fuzz.Running;

namespace JaxNet.Fuzz.Derivatives;

/// <summary>
/// How far a backend's rounding of the tangents may move J v, by running error analysis of the forward mode: each
/// op's tangent rule rounds the terms it sums (|d op / d operand| |t| for each operand), within a relative
/// <see cref="DerivativeTolerance.PerOp"/> of them, and the error carried in an operand's tangent reaches the result
/// through the op's absolute derivative. So a tangent that cancels at an intermediate (5569 t0 - t1 where
/// exp(8.625) - 5568 cancels twelve bits in float32) keeps the rounding of its terms however small it became, and so
/// does every output computed from it. The derivatives are those of the program's float64 twin at the point, each op's
/// taken by differences of the op alone; an op that multiplies elements has its absolute derivative taken at its
/// operands' magnitudes, where no terms of opposite signs cancel. Control flow is taken as one op whose derivative is
/// not split into terms: a body that mixes signs within an element is bounded by its net derivative only.
/// </summary>
public static class TangentRounding
{
    /// <summary>An op's step, relative to the operand elements it moves: small enough that the op is linear at its scale,
    /// large enough that float64's rounding of the moved values stays some 1e-7 of the derivative.</summary>
    private const double Step = 1.0 / (1L << 30);

    /// <summary>For each output of <paramref name="twin"/>, the bound of the rounding in its tangent, given every value
    /// of the twin at the point (<paramref name="values"/>) and its tangent along the direction (<paramref name="tangents"/>,
    /// empty for values that are not floats).</summary>
    public static double[][] Of(FuzzProgram twin, RefArray[] values, double[][] tangents, double perOp)
    {
        var carried = new double[twin.ValueCount][];
        for (var i = 0; i < twin.Inputs.Count; i++) carried[i] = new double[twin.Inputs[i].Size]; // the direction is exact
        for (var n = 0; n < twin.Nodes.Count; n++)
        {
            var node = twin.Nodes[n];
            var bound = new double[node.Type.Size];
            carried[twin.Inputs.Count + n] = bound;
            if (!node.Type.DType.IsFloat()) continue;
            var rounding = perOp * DerivativeTolerance.Applications(node.Op);
            for (var k = 0; k < node.Args.Length; k++)
            {
                var a = node.Args[k];
                if (!values[a].DType.IsFloat()) continue;
                // What reaches the result through operand k: the error its tangent carries, and this op's rounding of
                // the terms that tangent contributes.
                var reaching = carried[a].Select((e, i) => e + rounding * Math.Abs(tangents[a][i])).ToArray();
                var moved = AbsoluteDerivative(node, values, k, reaching);
                for (var i = 0; i < bound.Length; i++) bound[i] += moved[i];
            }
        }
        return twin.Outputs.Select(o => carried[o]).ToArray();
    }

    /// <summary>|d op / d operand k| applied to <paramref name="along"/> (non-negative): +inf where a non-finite entry of
    /// it reaches the element.</summary>
    private static double[] AbsoluteDerivative(FuzzNode node, RefArray[] values, int k, double[] along)
    {
        var operands = node.Args.Select(a => values[a]).ToArray();
        if (node.Op.MultipliesElements) operands = operands.Select(Magnitudes).ToArray();
        var finite = along.Select(e => double.IsFinite(e) ? e : 0).ToArray();
        var result = Derivative(node.Op, operands, k, finite).Select(Math.Abs).ToArray();
        if (finite.SequenceEqual(along)) return result;
        var unbounded = along.Select(e => double.IsFinite(e) ? 0.0 : 1.0).ToArray();
        var reached = Derivative(node.Op, operands, k, unbounded);
        return result.Select((r, i) => reached[i] != 0 ? Bounds.Unknown : r).ToArray();
    }

    /// <summary>The op's derivative along <paramref name="along"/> in operand k, by a central difference: elementwise ops
    /// step each element by its own scale (a small x of log beside a large one), the others by the operand's largest.</summary>
    private static double[] Derivative(FuzzOp op, RefArray[] operands, int k, double[] along)
    {
        var x = operands[k];
        var scale = along.DefaultIfEmpty(0).Max();
        if (scale == 0) return new double[op.ResultType(operands.Select(o => o.Type).ToArray()).Size];
        var elementwise = op is UnaryFuzzOp or BinaryFuzzOp or ConvertFuzzOp;
        var largest = x.Values.Select(v => Math.Abs(v.Float)).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        var steps = x.Values.Select((v, i) => elementwise
            ? (along[i] > 0 ? Step * Scale(Math.Abs(v.Float)) : 0)
            : along[i] / scale * Step * Scale(largest)).ToArray();
        var (plus, minus) = (Moved(op, operands, k, steps, 1), Moved(op, operands, k, steps, -1));
        return plus.Select((p, i) =>
        {
            var change = (p - minus[i]) / 2;
            if (change == 0) return 0;
            if (!double.IsFinite(change)) return Bounds.Unknown;
            // Back from the step to the direction's own scale: per element where the op is, else by the common factor.
            var from = x.Size == 1 ? 0 : i;
            return elementwise ? change / steps[from] * along[from] : change / (Step * Scale(largest)) * scale;
        }).ToArray();
    }

    private static double Scale(double magnitude) => double.IsFinite(magnitude) && magnitude > 0 ? magnitude : 1;

    private static double[] Moved(FuzzOp op, RefArray[] operands, int k, double[] steps, int sign)
    {
        var moved = operands.ToArray();
        var x = operands[k];
        moved[k] = RefArray.Exact(x.Type, x.Values.Select((v, i) => Scalar.FromDouble(DType.Float64, v.Float + sign * steps[i])).ToArray());
        return op.Evaluate(moved, NumericsModel.Ieee).Values.Select(v => v.Float).ToArray();
    }

    private static RefArray Magnitudes(RefArray x) => x.DType.IsFloat()
        ? RefArray.Exact(x.Type, x.Values.Select(v => Scalar.FromDouble(x.DType, Math.Abs(v.Float))).ToArray())
        : x;
}
