using JaxNet.Core;

namespace JaxNet;

/// <summary>
/// NumPy's functional spellings of array properties and of type promotion: ndim, shape, size, isscalar and
/// result_type. They read static information only, so they are plain values under Jit too.
/// </summary>
public static partial class Jnp
{
    public static int Ndim(NDArray x) => x.Ndim;

    public static int[] Shape(NDArray x) => x.Shape;

    /// <summary>The number of elements, or the length of one axis.</summary>
    public static long Size(NDArray x, int? axis = null) =>
        axis is null ? x.Size : x.Aval.Shape[Shapes.Axis(axis.Value, x.Ndim, "size")];

    /// <summary>True for rank-0 arrays (jnp.isscalar of an array).</summary>
    public static bool Isscalar(NDArray x) => x.Ndim == 0;

    /// <summary>The dtype the operands promote to under JAX's lattice (C# literals count as weak types).</summary>
    public static DType ResultType(params NDArray[] operands)
    {
        if (operands.Length == 0) throw new ArgumentException("result_type: at least one operand is required", nameof(operands));
        return TypePromotion.ResultType(operands.Select(o => (o.DType, o.WeakType)).ToArray()).DType;
    }
}
