
namespace JaxNet.Fuzz.Ops;

/// <summary>lax.slice with strides: elements start, start+stride, ... below limit, per dimension.</summary>
public sealed class SliceFuzzOp(int[] start, int[] limit, int[] strides) : FuzzOp
{
    public override TensorType ResultType(IReadOnlyList<TensorType> args)
    {
        if (args.Count != 1 || args[0].Rank != start.Length) throw Mismatch("slice", args);
        var shape = new int[start.Length];
        for (var d = 0; d < shape.Length; d++)
        {
            if (start[d] < 0 || limit[d] > args[0].Shape[d] || start[d] > limit[d] || strides[d] < 1) throw Mismatch("slice", args);
            shape[d] = (limit[d] - start[d] + strides[d] - 1) / strides[d];
        }
        return args[0].With(shape);
    }

    public override NDArray Apply(IReadOnlyList<NDArray> args) => Lax.Slice(args[0], start, limit, strides);

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics)
    {
        var x = args[0];
        var type = ResultType([x.Type]);
        var point = new int[start.Length];
        return x.Gather(type, i =>
        {
            Layout.Unravel(i, type.Shape, point);
            for (var d = 0; d < point.Length; d++) point[d] = start[d] + point[d] * strides[d];
            return Layout.Ravel(point, x.Shape);
        });
    }

    public override string Render(IReadOnlyList<string> args) => $"Lax.Slice({args[0]}, {Ints(start)}, {Ints(limit)}, {Ints(strides)})";
}
