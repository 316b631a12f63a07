using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jnp
{
    /// <summary>Row-major reshape; one dimension may be -1 (inferred).</summary>
    public static NDArray Reshape(NDArray x, params int[] shape)
    {
        var unknown = System.Array.IndexOf(shape, -1);
        if (unknown >= 0)
        {
            var known = shape.Where((_, i) => i != unknown).Aggregate(1L, (a, d) => a * d);
            if (known == 0 || x.Size % known != 0)
                throw new ShapeException($"reshape: cannot reshape array of shape {Shapes.Format(x.Aval.Shape)} into {Shapes.Format(shape)}");
            shape = (int[])shape.Clone();
            shape[unknown] = (int)(x.Size / known);
        }
        return Lax.Reshape(x, shape);
    }

    public static NDArray Ravel(NDArray x) => Lax.Reshape(x, [(int)x.Size]);

    /// <summary>Permutes axes (reverses them when <paramref name="axes"/> is null).</summary>
    public static NDArray Transpose(NDArray x, int[]? axes = null)
    {
        var perm = axes is null ? Enumerable.Range(0, x.Ndim).Reverse().ToArray() : axes.Select(a => Shapes.Axis(a, x.Ndim, "transpose")).ToArray();
        return Lax.Transpose(x, perm);
    }

    public static NDArray Swapaxes(NDArray x, int axis1, int axis2)
    {
        var perm = Enumerable.Range(0, x.Ndim).ToArray();
        var (a, b) = (Shapes.Axis(axis1, x.Ndim, "swapaxes"), Shapes.Axis(axis2, x.Ndim, "swapaxes"));
        (perm[a], perm[b]) = (perm[b], perm[a]);
        return Lax.Transpose(x, perm);
    }

    public static NDArray Moveaxis(NDArray x, int source, int destination)
    {
        var s = Shapes.Axis(source, x.Ndim, "moveaxis");
        var d = Shapes.Axis(destination, x.Ndim, "moveaxis");
        var perm = Enumerable.Range(0, x.Ndim).Where(a => a != s).ToList();
        perm.Insert(d, s);
        return Lax.Transpose(x, perm.ToArray());
    }

    public static NDArray ExpandDims(NDArray x, int axis) => Lax.ExpandDims(x, [Shapes.Axis(axis, x.Ndim + 1, "expand_dims")]);

    /// <summary>Removes size-1 axes (all of them when <paramref name="axis"/> is null).</summary>
    public static NDArray Squeeze(NDArray x, int? axis = null)
    {
        var dims = axis is null
            ? Enumerable.Range(0, x.Ndim).Where(d => x.Aval.Shape[d] == 1).ToArray()
            : [Shapes.Axis(axis.Value, x.Ndim, "squeeze")];
        return Lax.Squeeze(x, dims);
    }

    public static NDArray BroadcastTo(NDArray x, int[] shape)
    {
        var result = Shapes.Broadcast("broadcast_to", x.Aval.Shape, shape);
        if (!Shapes.Equal(result, shape))
            throw new ShapeException($"broadcast_to: cannot broadcast {Shapes.Format(x.Aval.Shape)} to {Shapes.Format(shape)}");
        return Lax.BroadcastInDim(x, shape, Enumerable.Range(shape.Length - x.Ndim, x.Ndim).ToArray());
    }

    public static NDArray Atleast1d(NDArray x) => x.Ndim == 0 ? Lax.Reshape(x, [1]) : x;

    public static NDArray Atleast2d(NDArray x) => x.Ndim >= 2 ? x : Lax.Reshape(x, x.Ndim == 0 ? [1, 1] : [1, x.Aval.Shape[0]]);

    public static NDArray Concatenate(NDArray[] arrays, int axis = 0)
    {
        if (arrays.Length == 0) throw new ArgumentException("concatenate: need at least one array");
        var p = Promote(arrays);
        return Lax.Concatenate(p, Shapes.Axis(axis, p[0].Ndim, "concatenate"));
    }

    public static NDArray Stack(NDArray[] arrays, int axis = 0)
    {
        if (arrays.Length == 0) throw new ArgumentException("stack: need at least one array");
        var a = Shapes.Axis(axis, arrays[0].Ndim + 1, "stack");
        foreach (var x in arrays)
            if (!Shapes.Equal(x.Aval.Shape, arrays[0].Aval.Shape))
                throw new ShapeException($"stack: all input arrays must have the same shape, got {string.Join(", ", arrays.Select(x => Shapes.Format(x.Aval.Shape)))}");
        return Concatenate(arrays.Select(x => Lax.ExpandDims(x, [a])).ToArray(), a);
    }

    public static NDArray Hstack(NDArray[] arrays) => arrays.Length == 0 || arrays[0].Ndim <= 1 ? Concatenate(arrays.Select(Atleast1d).ToArray(), 0) : Concatenate(arrays, 1);

    public static NDArray Vstack(NDArray[] arrays) => Concatenate(arrays.Select(Atleast2d).ToArray(), 0);

    /// <summary>Splits into <paramref name="sections"/> equal parts along an axis.</summary>
    public static NDArray[] Split(NDArray x, int sections, int axis = 0)
    {
        var a = Shapes.Axis(axis, x.Ndim, "split");
        var n = x.Aval.Shape[a];
        if (sections <= 0 || n % sections != 0)
            throw new ShapeException($"split: array split does not result in an equal division ({n} into {sections})");
        var size = n / sections;
        return Enumerable.Range(0, sections).Select(i => Lax.SliceInDim(x, i * size, (i + 1) * size, 1, a)).ToArray();
    }

    /// <summary>Splits at the given indices along an axis.</summary>
    public static NDArray[] Split(NDArray x, int[] indices, int axis = 0)
    {
        var a = Shapes.Axis(axis, x.Ndim, "split");
        var bounds = indices.Prepend(0).Append(x.Aval.Shape[a]).ToArray();
        return Enumerable.Range(0, bounds.Length - 1)
            .Select(i => Lax.SliceInDim(x, Math.Min(bounds[i], bounds[i + 1]), bounds[i + 1], 1, a)).ToArray();
    }

    /// <summary>Repeats the whole array <paramref name="reps"/> times along each axis.</summary>
    public static NDArray Tile(NDArray x, params int[] reps)
    {
        var rank = Math.Max(x.Ndim, reps.Length);
        var shape = Enumerable.Repeat(1, rank - x.Ndim).Concat(x.Aval.Shape).ToArray();
        var r = Enumerable.Repeat(1, rank - reps.Length).Concat(reps).ToArray();
        // [r0, s0, r1, s1, ...] broadcast, then merged pairwise.
        var interleaved = shape.SelectMany((s, i) => new[] { r[i], s }).ToArray();
        var dims = Enumerable.Range(0, rank).Select(i => 2 * i + 1).ToArray();
        var b = Lax.BroadcastInDim(Lax.Reshape(x, shape), interleaved, dims);
        return Lax.Reshape(b, shape.Select((s, i) => s * r[i]).ToArray());
    }

    /// <summary>Repeats each element <paramref name="repeats"/> times along an axis (flattened when null).</summary>
    public static NDArray Repeat(NDArray x, int repeats, int? axis = null)
    {
        if (axis is null) return Repeat(Ravel(x), repeats, 0);
        var a = Shapes.Axis(axis.Value, x.Ndim, "repeat");
        var shape = x.Aval.Shape;
        var expanded = shape.Take(a + 1).Append(repeats).Concat(shape.Skip(a + 1)).ToArray();
        var dims = Enumerable.Range(0, x.Ndim).Select(d => d <= a ? d : d + 1).ToArray();
        var result = shape.ToArray();
        result[a] *= repeats;
        return Lax.Reshape(Lax.BroadcastInDim(x, expanded, dims), result);
    }

    /// <summary>Constant padding with (before, after) widths per axis.</summary>
    public static NDArray Pad(NDArray x, (int Before, int After)[] padWidth, double constantValue = 0)
    {
        if (padWidth.Length == 1 && x.Ndim > 1) padWidth = Enumerable.Repeat(padWidth[0], x.Ndim).ToArray();
        if (padWidth.Length != x.Ndim)
            throw new ShapeException($"pad: {padWidth.Length} pad widths for an array of rank {x.Ndim}");
        return Lax.Pad(x, constantValue, padWidth.Select(p => (p.Before, p.After, 0)).ToArray());
    }

    public static NDArray Pad(NDArray x, int width, double constantValue = 0) =>
        Pad(x, Enumerable.Repeat((width, width), x.Ndim).ToArray(), constantValue);

    /// <summary>Reverses the order of elements along an axis (all axes when null).</summary>
    public static NDArray Flip(NDArray x, int? axis = null) =>
        Lax.Rev(x, axis is null ? Enumerable.Range(0, x.Ndim).ToArray() : [Shapes.Axis(axis.Value, x.Ndim, "flip")]);

    public static NDArray Fliplr(NDArray x) => Flip(x, 1);

    public static NDArray Flipud(NDArray x) => Flip(x, 0);

    /// <summary>Rolls elements along an axis (of the flattened array when null); elements shifted off one end come back at the other.</summary>
    public static NDArray Roll(NDArray x, int shift, int? axis = null)
    {
        if (axis is null) return Lax.Reshape(Roll(Ravel(x), shift, 0), x.Aval.Shape);
        var a = Shapes.Axis(axis.Value, x.Ndim, "roll");
        var n = x.Aval.Shape[a];
        if (n == 0) return x;
        var s = ((shift % n) + n) % n;
        if (s == 0) return x;
        return Lax.Concatenate([Lax.SliceInDim(x, n - s, n, 1, a), Lax.SliceInDim(x, 0, n - s, 1, a)], a);
    }

    /// <summary>Elements at integer indices along an axis (of the flattened array when null). An index outside
    /// [-n, n) is handled as <paramref name="mode"/> says: by default, as in JAX, it gives the fill value.</summary>
    public static NDArray Take(NDArray x, NDArray indices, int? axis = null, TakeMode mode = TakeMode.Fill)
    {
        if (axis is null) return Take(Ravel(x), indices, 0, mode);
        var a = Shapes.Axis(axis.Value, x.Ndim, "take");
        var n = x.Aval.Shape[a];
        var idx = IndexArray(indices, "take");
        idx = mode == TakeMode.Wrap ? Remainder(idx, n) : Wrap(idx, n);
        var sliceSizes = x.Shape;
        sliceSizes[a] = 1;
        var batch = idx.Ndim;
        var offsetDims = Enumerable.Range(0, x.Ndim).Where(d => d != a).Select(d => d < a ? d : d + batch - 1).ToArray();
        return Lax.Gather(x, Lax.ExpandDims(idx, [idx.Ndim]), offsetDims, [a], [a], sliceSizes, GatherMode(mode), FillValue(x.DType));
    }

    /// <summary>Picks values along an axis by an index array of the same rank (NumPy's take_along_axis); an index
    /// outside [-n, n) gives the fill value by default, as in JAX, or the nearest element with
    /// <see cref="TakeMode.Clip"/>.</summary>
    public static NDArray TakeAlongAxis(NDArray x, NDArray indices, int axis, TakeMode mode = TakeMode.Fill)
    {
        var a = Shapes.Axis(axis, x.Ndim, "take_along_axis");
        if (indices.Ndim != x.Ndim) throw new ShapeException($"take_along_axis: indices {Shapes.Format(indices.Aval.Shape)} must have the rank of {Shapes.Format(x.Aval.Shape)}");
        if (mode == TakeMode.Wrap) throw new ArgumentException("take_along_axis: mode Wrap is not supported (JAX's take_along_axis has fill and clip)", nameof(mode));
        var idx = Wrap(IndexArray(indices, "take_along_axis"), x.Aval.Shape[a]);
        var shape = indices.Aval.Shape;
        // Nothing to take: a gather of 1-sized slices would not fit an operand with an empty dimension (sort's JVP of
        // an empty array came here).
        if (shape.Contains(0)) return Zeros(shape, x.DType);
        // Full index vectors: the iota of every other axis, and the given index along the axis.
        var parts = Enumerable.Range(0, x.Ndim).Select(d => d == a ? idx : Lax.BroadcastedIota(DType.Int32, shape, d))
            .Select(p => Lax.ExpandDims(p, [shape.Length])).ToArray();
        var vectors = Lax.Concatenate(parts, shape.Length);
        var dims = Enumerable.Range(0, x.Ndim).ToArray();
        return Lax.Gather(x, vectors, [], dims, dims, Enumerable.Repeat(1, x.Ndim).ToArray(), GatherMode(mode), FillValue(x.DType));
    }

    private static NDArray IndexArray(NDArray indices, string op) => indices.DType switch
    {
        DType.Int32 => indices,
        _ when indices.DType.IsInteger() => Lax.ConvertElementType(indices, DType.Int32),
        _ => throw new ArgumentException($"{op}: indices must be integers, got {indices.DType.NumpyName()}", nameof(indices)),
    };

    // Wrapped indices are in range, so gather's clamping never acts on them.
    private static IndexMode GatherMode(TakeMode mode) => mode == TakeMode.Fill ? IndexMode.FillOrDrop : IndexMode.Clip;

    // jnp.take's default fill: NaN (NaN + NaN i for complex: gather fills both parts), or the value furthest from
    // zero that the dtype holds (each exact as a double).
    private static double FillValue(DType dtype) => dtype switch
    {
        _ when dtype.IsInexact() => double.NaN,
        DType.Bool => 1,
        _ when dtype.IsSignedInteger() => IntegerBounds.Lowest(dtype).AsDouble,
        _ when dtype.IsUnsignedInteger() => IntegerBounds.Highest(dtype).AsDouble,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "no fill value"),
    };

    // Negative indices count from the end, as in NumPy.
    private static NDArray Wrap(NDArray idx, int n) => Where(Less(idx, 0), idx + n, idx);
}
