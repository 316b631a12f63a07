
namespace JaxNet.Fuzz.Ops;

/// <summary>
/// lax.dynamic_slice (operand, then one scalar start index per dimension) or, with <paramref name="update"/>,
/// lax.dynamic_update_slice (operand, update, starts). As in JAX, a negative start counts from the end and the start
/// is then clamped so that the window lies in bounds.
/// </summary>
public sealed class DynamicSliceFuzzOp(int[] sliceSizes, bool update = false) : FuzzOp
{
    private int Starts => update ? 2 : 1;

    public override TensorType ResultType(IReadOnlyList<TensorType> args)
    {
        var operand = args[0];
        var window = update ? args[1].Shape : sliceSizes;
        if (args.Count != operand.Rank + Starts || window.Length != operand.Rank || window.Where((s, d) => s > operand.Shape[d]).Any()
            || args.Skip(Starts).Any(s => s.Rank != 0 || !s.DType.IsInteger()) || (update && args[1].DType != operand.DType))
            throw Mismatch(update ? "dynamic_update_slice" : "dynamic_slice", args);
        return update ? operand : operand.With(sliceSizes);
    }

    public override NDArray Apply(IReadOnlyList<NDArray> args) => update
        ? Lax.DynamicUpdateSlice(args[0], args[1], args.Skip(2).ToArray())
        : Lax.DynamicSlice(args[0], args.Skip(1).ToArray(), sliceSizes);

    /// <summary>JAX's start: negative counts from the end, then clamped into [0, size - window].</summary>
    public static int Start(Scalar index, int size, int window)
    {
        var i = index.Bits;
        if (index.DType.IsSignedInteger() && i < 0) i += size;
        return (int)Math.Clamp(i, 0, size - window);
    }

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics)
    {
        var operand = args[0];
        var type = ResultType(args.Select(a => a.Type).ToArray());
        var window = update ? args[1].Shape : sliceSizes;
        if (args.Skip(Starts).Any(s => s.Error[0] != 0))
            return RefArray.Build(type, _ => (ElementBounds.Placeholder(type.DType), Bounds.Unknown));
        var start = Enumerable.Range(0, operand.Shape.Length).Select(d => Start(args[Starts + d].Values[0], operand.Shape[d], window[d])).ToArray();
        var point = new int[operand.Shape.Length];
        if (!update)
        {
            return operand.Gather(type, i =>
            {
                Layout.Unravel(i, type.Shape, point);
                for (var d = 0; d < point.Length; d++) point[d] += start[d];
                return Layout.Ravel(point, operand.Shape);
            });
        }
        var patch = args[1];
        var values = (Scalar[])operand.Values.Clone();
        var error = (double[])operand.Error.Clone();
        for (var j = 0; j < patch.Size; j++)
        {
            Layout.Unravel(j, patch.Shape, point);
            for (var d = 0; d < point.Length; d++) point[d] += start[d];
            var at = Layout.Ravel(point, operand.Shape);
            (values[at], error[at]) = (patch.Values[j], patch.Error[j]);
        }
        return new RefArray(type, values, error);
    }

    public override string Render(IReadOnlyList<string> args) => update
        ? $"Lax.DynamicUpdateSlice({args[0]}, {args[1]}, [{string.Join(", ", args.Skip(2))}])"
        : $"Lax.DynamicSlice({args[0]}, [{string.Join(", ", args.Skip(1))}], {Ints(sliceSizes)})";
}
