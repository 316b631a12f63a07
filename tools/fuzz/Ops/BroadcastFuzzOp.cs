
namespace JaxNet.Fuzz.Ops;

/// <summary>lax.broadcast_in_dim: operand dimension i becomes result dimension dims[i] (of the same size, or 1 broadcast).</summary>
public sealed class BroadcastFuzzOp(int[] shape, int[] broadcastDimensions) : FuzzOp
{
    public override TensorType ResultType(IReadOnlyList<TensorType> args)
    {
        if (args.Count != 1 || args[0].Rank != broadcastDimensions.Length) throw Mismatch("broadcast_in_dim", args);
        for (var i = 0; i < broadcastDimensions.Length; i++)
        {
            var size = args[0].Shape[i];
            if (size != 1 && size != shape[broadcastDimensions[i]]) throw Mismatch("broadcast_in_dim", args);
        }
        return args[0].With(shape);
    }

    public override NDArray Apply(IReadOnlyList<NDArray> args) => Lax.BroadcastInDim(args[0], shape, broadcastDimensions);

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics)
    {
        var x = args[0];
        var inStrides = Layout.Strides(x.Shape);
        var point = new int[shape.Length];
        return x.Gather(x.Type.With(shape), i =>
        {
            Layout.Unravel(i, shape, point);
            var at = 0;
            for (var d = 0; d < broadcastDimensions.Length; d++)
                if (x.Shape[d] != 1) at += point[broadcastDimensions[d]] * inStrides[d];
            return at;
        });
    }

    public override string Render(IReadOnlyList<string> args) => $"Lax.BroadcastInDim({args[0]}, {Ints(shape)}, {Ints(broadcastDimensions)})";
}
