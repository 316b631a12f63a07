using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>
/// unravel_index and ravel_multi_index: between flat positions and coordinates of a static shape, row-major ("C")
/// or column-major ("F"). As JAX documents, unravel_index clips out-of-range positions into [-size, size) and
/// counts negative ones from the end (NumPy raises); ravel_multi_index's default mode "raise" checks concrete
/// coordinates and, being value-dependent, is refused under Jit (use "wrap" or "clip" there).
/// </summary>
public static partial class Jnp
{
    /// <summary>The coordinates, one array per dimension of <paramref name="shape"/>, of flat positions.</summary>
    public static NDArray[] UnravelIndex(NDArray indices, int[] shape, string order = "C")
    {
        RequireIntegerIndices(indices, "unravel_index");
        if (shape.Any(d => d < 0)) throw new ShapeException($"unravel_index: negative dimension in shape {Shapes.Format(shape)}");
        var size = shape.Aggregate(1L, (a, d) => a * d);
        if (size == 0) throw new ShapeException($"unravel_index: cannot unravel into the empty shape {Shapes.Format(shape)}");
        // Unsigned positions are never negative, but the clip below needs a signed type to hold -size.
        if (indices.DType.IsUnsignedInteger()) indices = Lax.ConvertElementType(indices, TypePromotion.DefaultInt);
        var flat = Clip(indices, (NDArray)(-size), (NDArray)(size - 1));
        flat = Where(Less(flat, 0), flat + size, flat);
        var result = new NDArray[shape.Length];
        foreach (var d in AxisOrder(shape.Length, order, "unravel_index").Reverse())
        {
            result[d] = Remainder(flat, shape[d]);
            flat = FloorDivide(flat, shape[d]);
        }
        return result;
    }

    /// <summary>
    /// Flat positions in an array of shape <paramref name="dims"/> of coordinates (one integer array per
    /// dimension, broadcast together). <paramref name="mode"/>: "raise" (default) refuses coordinates out of
    /// range, "wrap" takes them modulo the dimension, "clip" clamps them.
    /// </summary>
    public static NDArray RavelMultiIndex(NDArray[] multiIndex, int[] dims, string mode = "raise", string order = "C")
    {
        if (multiIndex.Length != dims.Length)
            throw new ShapeException($"ravel_multi_index: {multiIndex.Length} index arrays for {dims.Length} dimensions {Shapes.Format(dims)}");
        if (dims.Any(d => d < 0)) throw new ShapeException($"ravel_multi_index: negative dimension in {Shapes.Format(dims)}");
        foreach (var i in multiIndex) RequireIntegerIndices(i, "ravel_multi_index");
        if (mode is not ("raise" or "wrap" or "clip"))
            throw new ArgumentException($"ravel_multi_index: mode must be \"raise\", \"wrap\" or \"clip\", got \"{mode}\"", nameof(mode));
        var coords = BroadcastArrays(Promote(multiIndex));
        if (mode == "raise") RequireInBounds(coords, dims);
        NDArray? result = null;
        var stride = 1L;
        foreach (var d in AxisOrder(dims.Length, order, "ravel_multi_index").Reverse())
        {
            var c = mode switch
            {
                "wrap" => Remainder(coords[d], dims[d]),
                "clip" => Clip(coords[d], (NDArray)0, (NDArray)Math.Max(dims[d] - 1, 0)),
                _ => coords[d],
            };
            var term = stride == 1 ? c : c * stride;
            result = result is null ? term : result + term;
            stride *= dims[d];
        }
        return result ?? Zeros([], DType.Int32);
    }

    // The axes from slowest to fastest varying.
    private static IEnumerable<int> AxisOrder(int ndim, string order, string op) => order switch
    {
        "C" => Enumerable.Range(0, ndim),
        "F" => Enumerable.Range(0, ndim).Reverse(),
        _ => throw new ArgumentException($"{op}: order must be \"C\" or \"F\", got \"{order}\"", nameof(order)),
    };

    private static void RequireInBounds(NDArray[] coords, int[] dims)
    {
        if (coords.Any(c => !c.IsConcrete))
            throw new ConcretizationTypeError("ravel_multi_index: mode \"raise\" checks the coordinates' values, which are traced here; use mode \"wrap\" or \"clip\" under Jit");
        for (var d = 0; d < dims.Length; d++)
        {
            var values = Lax.ConvertElementType(coords[d], DType.Int64).ToArray<long>();
            if (values.Any(v => v < 0 || v >= dims[d]))
                throw new IndexOutOfRangeException($"ravel_multi_index: invalid entry in coordinates array (dimension {d} has length {dims[d]})");
        }
    }

    private static void RequireIntegerIndices(NDArray x, string op)
    {
        if (!x.DType.IsInteger()) throw new ArgumentException($"{op}: only integer indices are allowed, got {x.DType.NumpyName()}");
    }
}
