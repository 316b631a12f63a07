using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using JaxNet.Transforms;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Primitives;

/// <summary>
/// Derivatives of the indexing primitives. Gather and dynamic_slice are linear in the operand and transpose to
/// scatter-add and dynamic_update_slice; scatter and scatter-add are linear in (operand, updates) jointly and
/// transpose to gathers. Indices are never differentiated. Sort carries tangents along by the sorting permutation.
/// </summary>
internal static class IndexingRules
{
    public static (NDArray[], NDArray?[]) GatherJvp(GatherPrimitive prim, NDArray[] primals, NDArray?[] tangents, Params p)
    {
        var y = prim.Bind1(p, primals);
        // Out-of-bounds slices are constants (the fill value): their tangent is zero, not the fill value.
        var tangentParams = With(p, "fill_value", 0.0);
        return ([y], [tangents[0] is { } t && y.DType.IsInexact() ? prim.Bind1(tangentParams, t, primals[1]) : null]);
    }

    public static NDArray?[] GatherTranspose(NDArray ct, NDArray?[] operands, ShapedArray[] avals, Params p)
    {
        var indices = operands[1] ?? throw new MissingRuleException("gather", "transpose with respect to the indices");
        var zeros = Tangents.Zeros(avals[0].Strong());
        return [Lax.ScatterAdd(zeros, indices, ct, p.Get<int[]>("offset_dims"), p.Get<int[]>("collapsed_slice_dims"),
            p.Get<int[]>("start_index_map"), p.Get<IndexMode>("mode")), null];
    }

    /// <summary>
    /// scatter-add: the same scatter of the tangents. scatter: JAX's rule for indices that may repeat
    /// (<see cref="ReplaceJvp"/>). scatter-mul: JAX's rule, extended to repeated indices (each update's tangent scaled by the product of
    /// the others at its element). scatter-min/max: JAX's extremal rule, which averages the tangents of every source
    /// (operand or update) that attains the result.
    /// </summary>
    public static (NDArray[], NDArray?[]) ScatterJvp(ScatterPrimitive prim, NDArray[] primals, NDArray?[] tangents, Params p)
    {
        var y = prim.Bind1(p, primals);
        if ((tangents[0] is null && tangents[2] is null) || !y.DType.IsInexact()) return ([y], [null]);
        var (operand, indices, updates) = (primals[0], primals[1], primals[2]);
        var (tOperand, tUpdates) = (tangents[0], tangents[2]);
        switch (prim.Combiner)
        {
            case ScatterCombiner.Add:
                return ([y], [prim.Bind1(p, Tangents.Instantiate(tOperand, operand.Aval.Strong()), indices,
                    Tangents.Instantiate(tUpdates, updates.Aval.Strong()))]);
            case ScatterCombiner.Replace:
                return ReplaceJvp(p, operand, indices, updates, tOperand, tUpdates);
            case ScatterCombiner.Mul:
                var fromOperand = tOperand is null ? null : prim.Bind1(p, tOperand, indices, updates);
                var fromUpdates = tUpdates is null ? null : Lax.Mul(operand,
                    ScatterAddLike(p, Tangents.Zeros(operand.Aval.Strong()), indices, Lax.Mul(tUpdates, OthersProduct(p, operand, indices, updates))));
                return ([y], [Tangents.Add(fromOperand, fromUpdates)]);
            default:
                return ([y], [ExtremalTangent(p, operand, indices, updates, y, tOperand, tUpdates)]);
        }
    }

    /// <summary>
    /// JAX's JVP of a replacing scatter whose indices may repeat, where which update wins is unspecified: the winner is
    /// made explicit. Each index vector gets an id (from 1) shared by its window; the ids are scattered and gathered
    /// back, and only the updates whose id survived, and the operand elements no update reached, are scatter-added,
    /// for the value and the tangent alike. The tangent is then a masked scatter-add, whose transpose (a gather, then
    /// the same masks) agrees with it; replacing the tangents too could pick another winner than the VJP's gather.
    /// </summary>
    private static (NDArray[], NDArray?[]) ReplaceJvp(Params p, NDArray operand, NDArray indices, NDArray updates, NDArray? tOperand,
        NDArray? tUpdates)
    {
        var windowDims = p.Get<int[]>("update_window_dims");
        var idShape = updates.Shape.Select((size, d) => windowDims.Contains(d) ? 1 : size).ToArray();
        var count = idShape.Aggregate(1L, (a, size) => a * size);
        var idType = count < int.MaxValue ? DType.Int32 : DType.Int64;
        var one = Lax.ConvertElementType(NDArray.FromScalar(Scalar.Of(idType, 1), false), idType);
        var ids = Lax.BroadcastInDim(Lax.Add(Lax.Reshape(Lax.Iota(idType, checked((int)count)), idShape), one), updates.Shape,
            Enumerable.Range(0, updates.Ndim).ToArray());
        var scatteredIds = Prims.Scatter.Bind1(p, Jnp.Zeros(operand.Shape, idType), indices, ids);
        var unreached = Lax.Eq(scatteredIds, Jnp.ZerosLike(scatteredIds));
        var won = Lax.Eq(ids, GatherLike(p, scatteredIds, indices, ids.Aval));
        NDArray Masked(NDArray x, NDArray keep) => Lax.Select(keep, x, Jnp.ZerosLike(x));
        NDArray Combine(NDArray o, NDArray u) => ScatterAddLike(p, Masked(o, unreached), indices, Masked(u, won));
        var y = Combine(operand, updates);
        return ([y], [Combine(Tangents.Instantiate(tOperand, operand.Aval.Strong()), Tangents.Instantiate(tUpdates, updates.Aval.Strong()))]);
    }

    // For each update, the product of the other updates that land on its element (what scales its tangent where
    // indices repeat): the element's product over non-zero updates, divided by this update unless it is the zero,
    // and 0 where another update is zero.
    private static NDArray OthersProduct(Params p, NDArray operand, NDArray indices, NDArray updates)
    {
        var ones = Jnp.OnesLike(updates);
        var isZero = Lax.Eq(updates, Jnp.ZerosLike(updates));
        var nonZero = Lax.Select(isZero, ones, updates);
        var product = GatherLike(p, Prims.ScatterMul.Bind1(p, Jnp.OnesLike(operand), indices, nonZero), indices, updates.Aval);
        var zeroCount = Lax.ConvertElementType(isZero, updates.DType);
        var otherZeros = Lax.Sub(GatherLike(p, ScatterAddLike(p, Jnp.ZerosLike(operand), indices, zeroCount), indices, updates.Aval), zeroCount);
        return Lax.Select(Lax.Eq(otherZeros, Jnp.ZerosLike(otherZeros)), Lax.Div(product, nonZero), Jnp.ZerosLike(updates));
    }

    // The tangent of scatter-min/max: the mean of the tangents of the sources equal to the result.
    private static NDArray ExtremalTangent(Params p, NDArray operand, NDArray indices, NDArray updates, NDArray y, NDArray? tOperand,
        NDArray? tUpdates)
    {
        var dtype = y.DType;
        var retained = Lax.ConvertElementType(Lax.Eq(operand, y), dtype);
        var successful = Lax.ConvertElementType(Lax.Eq(updates, GatherLike(p, y, indices, updates.Aval)), dtype);
        var sources = Lax.Add(retained, ScatterAddLike(p, Tangents.Zeros(y.Aval.Strong()), indices, successful));
        var normalizer = Lax.Div(Jnp.OnesLike(sources), Lax.Max(sources, Jnp.OnesLike(sources)));
        var sum = Tangents.Add(tOperand is null ? null : Lax.Mul(tOperand, retained),
            tUpdates is null ? null : ScatterAddLike(p, Tangents.Zeros(y.Aval.Strong()), indices, Lax.Mul(tUpdates, successful)))!;
        return Lax.Mul(sum, normalizer);
    }

    public static NDArray?[] ScatterTranspose(ScatterPrimitive prim, NDArray ct, NDArray?[] operands, ShapedArray[] avals, Params p)
    {
        var indices = operands[1] ?? throw new MissingRuleException(prim.Name, "transpose with respect to the indices");
        if (prim.Combiner == ScatterCombiner.Mul)
        {
            // Linear in the operand for known updates: a diagonal scaling, its own transpose (unique indices).
            if (operands[0] is not null || operands[2] is null) throw new MissingRuleException(prim.Name, "transpose with respect to its updates");
            return [prim.Bind1(p, ct, indices, operands[2]!), null, null];
        }
        if (prim.Combiner is not (ScatterCombiner.Add or ScatterCombiner.Replace))
            throw new MissingRuleException(prim.Name, "transpose (it is not linear)");
        NDArray? operandCt = null, updatesCt = null;
        if (operands[0] is null)
            operandCt = prim.Combiner == ScatterCombiner.Add ? ct : prim.Bind1(p, ct, indices, Tangents.Zeros(avals[2].Strong()));
        if (operands[2] is null) updatesCt = GatherLike(p, ct, indices, avals[2]);
        return [operandCt, null, updatesCt];
    }

    // The gather that reads, at a scatter's indices, slices shaped like its updates.
    private static NDArray GatherLike(Params p, NDArray x, NDArray indices, ShapedArray updates)
    {
        var (windowDims, inserted, toOperand) =
            (p.Get<int[]>("update_window_dims"), p.Get<int[]>("inserted_window_dims"), p.Get<int[]>("scatter_dims_to_operand_dims"));
        var sliceSizes = new int[x.Ndim];
        var position = 0;
        for (var d = 0; d < sliceSizes.Length; d++)
            sliceSizes[d] = inserted.Contains(d) ? 1 : updates.Shape[windowDims[position++]];
        return Lax.Gather(x, indices, windowDims, inserted, toOperand, sliceSizes, p.Get<IndexMode>("mode"), 0);
    }

    private static NDArray ScatterAddLike(Params p, NDArray operand, NDArray indices, NDArray updates) =>
        Prims.ScatterAdd.Bind1(p, operand, indices, updates);

    public static (NDArray[], NDArray?[]) DynamicSliceJvp(DynamicSlicePrimitive prim, NDArray[] primals, NDArray?[] tangents, Params p)
    {
        var y = prim.Bind1(p, primals);
        return ([y], [tangents[0] is { } t && y.DType.IsInexact() ? prim.Bind1(p, [t, .. primals[1..]]) : null]);
    }

    public static NDArray?[] DynamicSliceTranspose(NDArray ct, NDArray?[] operands, ShapedArray[] avals)
    {
        var starts = operands[1..].Select(s => s ?? throw new MissingRuleException("dynamic_slice", "transpose with respect to the start indices"))
            .ToArray();
        // The starts were bound already counted from the end: counting again would move a start that is still negative.
        return [Lax.DynamicUpdateSlice(Tangents.Zeros(avals[0].Strong()), ct, starts, allowNegativeIndices: false), .. new NDArray?[starts.Length]];
    }

    public static (NDArray[], NDArray?[]) DynamicUpdateSliceJvp(DynamicUpdateSlicePrimitive prim, NDArray[] primals, NDArray?[] tangents,
        Params p)
    {
        var y = prim.Bind1(p, primals);
        if ((tangents[0] is null && tangents[1] is null) || !y.DType.IsInexact()) return ([y], [null]);
        var t = prim.Bind1(p, [Tangents.Instantiate(tangents[0], primals[0].Aval.Strong()), Tangents.Instantiate(tangents[1], primals[1].Aval.Strong()),
            .. primals[2..]]);
        return ([y], [t]);
    }

    public static NDArray?[] DynamicUpdateSliceTranspose(NDArray ct, NDArray?[] operands, ShapedArray[] avals)
    {
        var starts = operands[2..].Select(s => s ?? throw new MissingRuleException("dynamic_update_slice", "transpose with respect to the start indices"))
            .ToArray();
        var update = avals[1].Strong();
        // The starts were bound already counted from the end: counting again would move a start that is still negative.
        var operandCt = operands[0] is null ? Lax.DynamicUpdateSlice(ct, Tangents.Zeros(update), starts, allowNegativeIndices: false) : null;
        var updateCt = operands[1] is null ? Lax.DynamicSlice(ct, starts, update.Shape, allowNegativeIndices: false) : null;
        return [operandCt, updateCt, .. new NDArray?[starts.Length]];
    }

    /// <summary>Sorts with an extra iota operand to find the permutation, then gathers each tangent by it (JAX's rule).</summary>
    public static (NDArray[], NDArray?[]) SortJvp(SortPrimitive prim, NDArray[] primals, NDArray?[] tangents, Params p)
    {
        var dim = p.Get<int>("dimension");
        var iota = Lax.BroadcastedIota(DType.Int32, primals[0].Aval.Shape, dim);
        var sorted = prim.Bind(p, [.. primals, iota]);
        var permutation = sorted[^1];
        var result = new NDArray?[primals.Length];
        for (var i = 0; i < primals.Length; i++)
            if (tangents[i] is { } t && primals[i].DType.IsInexact()) result[i] = Jnp.TakeAlongAxis(t, permutation, dim, TakeMode.Clip);
        return (sorted[..^1], result);
    }

    private static Params With(Params p, string name, object value) =>
        Params.Of(p.Entries.Select(e => e.Key == name ? (e.Key, value) : (e.Key, e.Value)).ToArray());
}
