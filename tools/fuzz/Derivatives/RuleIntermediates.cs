using JaxNet.Abstractions.Kernels;
using JaxNet.Fuzz.Ops;
using JaxNet.Fuzz.Programs;

namespace JaxNet.Fuzz.Derivatives;

/// <summary>
/// The values that the derivative rules of the elementwise ops compute on the way to a derivative (JAX's rules, which
/// JaxNet's <c>ElementwiseRules</c> follow), as functions of the operands x (a, b) and the result y. A rule evaluates
/// them in the op's dtype, so where one passes a narrow type's largest finite value the backend's derivative is 0 or
/// NaN even though the derivative itself is representable: atan2's x^2 + y^2 overflows float16 for |y| past 256
/// while the derivative x / (x^2 + y^2) is about 1/|y| (derivatives-f16 seed 281). Only the intermediates that are
/// not the derivative itself are listed: a derivative past the dtype's range is already unknown.
/// </summary>
public static class RuleIntermediates
{
    /// <summary>The intermediates of a unary op's JVP rule at x with result y.</summary>
    public static IEnumerable<double> Unary(UnaryOp op, double x, double y) => op switch
    {
        UnaryOp.Atan or UnaryOp.Asinh => [x * x, x * x + 1],
        UnaryOp.Acosh => [(x - 1) * (x + 1)],
        UnaryOp.Asin or UnaryOp.Acos or UnaryOp.Atanh or UnaryOp.Erf => [x * x],
        UnaryOp.Tan or UnaryOp.ErfInv or UnaryOp.Cbrt => [y * y],
        UnaryOp.Digamma => TrigammaSquares(x),
        _ => [],
    };

    /// <summary>The intermediates of a binary op's JVP rule at (a, b) with result y.</summary>
    public static IEnumerable<double> Binary(BinaryOp op, double a, double b, double y) => op switch
    {
        BinaryOp.Atan2 => [a * a, b * b, a * a + b * b],
        BinaryOp.Rem => [a / b],
        BinaryOp.Pow => [Math.Pow(a, b - 1)],
        _ => [],
    };

    /// <summary>The squares the trigamma of digamma's rule divides by: (x + k)^2 for k below 6 (of 1 - x where the
    /// rule reflects x below 1/2), the largest being the last.</summary>
    private static IEnumerable<double> TrigammaSquares(double x)
    {
        var shifted = (x < 0.5 ? 1 - x : x) + 5;
        return [shifted * shifted];
    }

    /// <summary>
    /// Whether an elementwise op of <paramref name="program"/> (its own nodes; a body's are evaluated per trip and not
    /// seen here), at the operands in <paramref name="values"/> (the program's values in its own dtypes), has a rule
    /// intermediate past the largest finite value of the op's narrow float dtype (computed exactly, from the operands).
    /// </summary>
    public static bool OverflowNarrowDtype(FuzzProgram program, RefArray[] values)
    {
        for (var n = 0; n < program.Nodes.Count; n++)
        {
            var (node, result) = (program.Nodes[n], values[program.Inputs.Count + n].Values);
            var dtype = node.Type.DType;
            if (!dtype.IsFloat() || dtype == DType.Float64) continue;
            var args = node.Args.Select(a => values[a].Values).ToArray();
            var intermediates = node.Op switch
            {
                UnaryFuzzOp unary => Enumerable.Range(0, args[0].Length)
                    .SelectMany(i => Unary(unary.Op, args[0][i].Float, result[i].Float)),
                BinaryFuzzOp binary => Enumerable.Range(0, (int)node.Type.Size).SelectMany(i => Binary(binary.Op,
                    args[0][args[0].Length == 1 ? 0 : i].Float, args[1][args[1].Length == 1 ? 0 : i].Float, result[i].Float)),
                _ => [],
            };
            if (intermediates.Any(v => Math.Abs(v) > Bounds.MaxFinite(dtype))) return true;
        }
        return false;
    }
}
