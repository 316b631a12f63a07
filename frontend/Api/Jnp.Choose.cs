using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jnp
{
    /// <summary>
    /// numpy.choose: element by element, the value of the choice that <paramref name="a"/> names,
    /// <c>choices[a[i]][i]</c>, with a and the choices broadcast together and the choices promoted to one dtype. An
    /// index out of range is handled as <paramref name="mode"/> says; the default, <see cref="ChooseMode.Raise"/>,
    /// needs concrete indices, so under Jit use Wrap or Clip (JAX's rule). Differentiable in the choices.
    /// </summary>
    public static NDArray Choose(NDArray a, NDArray[] choices, ChooseMode mode = ChooseMode.Raise)
    {
        if (!a.DType.IsInteger())
            throw new ArgumentException($"choose: the index array must have an integer type, got {a.DType.NumpyName()}", nameof(a));
        if (choices.Length == 0) throw new ArgumentException("choose: need at least one choice", nameof(choices));
        var n = choices.Length;
        var index = IndexArray(a, "choose");
        switch (mode)
        {
            case ChooseMode.Raise:
                if (!a.IsConcrete)
                    throw new ConcretizationTypeError("choose: mode Raise checks the indices' values, which are traced here (under Jit); use ChooseMode.Wrap or ChooseMode.Clip");
                if (Any(LogicalOr(Less(index, 0), GreaterEqual(index, n))).Item<bool>())
                    throw new ArgumentException($"choose: an index is outside [0, {n}) (mode Raise)", nameof(a));
                break;
            case ChooseMode.Wrap: index = Remainder(index, n); break;
            case ChooseMode.Clip: index = Clip(index, (NDArray)0, (NDArray)(n - 1)); break;
            default: throw new ArgumentOutOfRangeException(nameof(mode), mode, "choose: unknown mode");
        }
        var broadcast = BroadcastArrays([index, .. Promote(choices)]);
        var stacked = Stack(broadcast[1..], 0);
        var picked = TakeAlongAxis(stacked, Lax.ExpandDims(broadcast[0], [0]), 0, TakeMode.Clip);
        return Lax.Reshape(picked, broadcast[0].Shape);
    }
}
