using JaxNet.Core;
using JaxNet.Primitives;

namespace JaxNet.Transforms;

/// <summary>
/// What autodiff promises for each primitive of <see cref="Prims"/>: every primitive has a JVP rule except the
/// documented non-differentiable ones; primitives with integer or bool results have zero tangents by definition
/// (JAX's float0); the linear primitives listed here have transpose rules. A test enumerates the registry against
/// these lists.
/// </summary>
public static class Differentiability
{
    /// <summary>Primitives without a derivative, and why.</summary>
    public static IReadOnlyDictionary<string, string> NonDifferentiable { get; } = ElementwiseRules.NonDifferentiable;

    /// <summary>
    /// Differentiable primitives whose rules are not written yet, and what is missing: a known gap, listed here so
    /// the registry tests name it instead of hiding it. Differentiating through them raises MissingRuleException.
    /// </summary>
    public static IReadOnlyDictionary<string, string> RulesPending { get; } = new Dictionary<string, string>();

    /// <summary>
    /// Primitives with forward mode only, and why: their JVP rules work (and Linearize evaluates forward), but
    /// transposing them, as Grad and Vjp do, raises the error given here (JAX's while_loop).
    /// </summary>
    public static IReadOnlyDictionary<string, string> ForwardModeOnly { get; } = new Dictionary<string, string>
    {
        ["while"] = WhilePrimitive.ReverseModeError,
    };

    /// <summary>Primitives whose results are integers or bools (or that have no operands), and stop_gradient: their
    /// tangents are zero by definition.</summary>
    public static IReadOnlySet<string> NoTangentSpace { get; } = new HashSet<string>
    {
        "is_finite", "not", "population_count", "clz", "and", "or", "xor", "shift_left", "shift_right_logical",
        "shift_right_arithmetic", "rotate_left", "rotate_right", "reduce_and", "reduce_or", "reduce_xor", "argmax", "argmin", "iota",
        "threefry2x32", "stop_gradient",
    };

    /// <summary>Linear primitives (in some of their operands), which reverse mode transposes.</summary>
    public static IReadOnlySet<string> Linear { get; } = new HashSet<string>
    {
        "neg", "add", "sub", "mul", "div", "select_n", "convert_element_type", "broadcast_in_dim", "reshape", "squeeze", "transpose",
        "slice", "rev", "pad", "concatenate", "reduce_sum", "cumsum", "dot_general", "conv_general_dilated", "gather", "scatter-add",
        "scatter", "scatter-mul", "dynamic_slice", "dynamic_update_slice", "cond", "scan", "real", "imag", "conj", "complex", "fft",
    };

    /// <summary>Every primitive instance of the registry (the static fields of <see cref="Prims"/>).</summary>
    public static IReadOnlyList<Primitive> Registry() =>
        typeof(Prims).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => typeof(Primitive).IsAssignableFrom(f.FieldType))
            .Select(f => (Primitive)f.GetValue(null)!)
            .ToArray();
}
