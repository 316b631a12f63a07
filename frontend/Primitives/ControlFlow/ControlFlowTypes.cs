using JaxNet.Core;

namespace JaxNet.Primitives;

/// <summary>Type checks shared by the control-flow primitives: values agree when their shapes and dtypes do (weak types may differ, as in JAX).</summary>
internal static class ControlFlowTypes
{
    public static bool Agree(ShapedArray a, ShapedArray b) => a.DType == b.DType && Shapes.Equal(a.Shape, b.Shape);

    /// <summary>The common type of values that agree: strong unless every one is weak.</summary>
    public static ShapedArray Join(ShapedArray a, ShapedArray b) => a.Weak && !b.Weak ? b : a;

    public static string List(IEnumerable<ShapedArray> avals) => "(" + string.Join(", ", avals.Select(a => a.Str())) + ")";

    /// <summary>Checks that a body's inputs take the operands it is given.</summary>
    public static void CheckInputs(string primitive, string body, ShapedArray[] expected, ShapedArray[] given)
    {
        if (expected.Length != given.Length || expected.Zip(given).Any(p => !Agree(p.First, p.Second)))
            throw new ShapeException($"{primitive}: {body} takes {List(expected)} but is given {List(given)}");
    }
}
