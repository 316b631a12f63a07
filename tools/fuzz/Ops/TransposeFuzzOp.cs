
namespace JaxNet.Fuzz.Ops;

/// <summary>lax.transpose: result dimension i is operand dimension permutation[i].</summary>
public sealed class TransposeFuzzOp(int[] permutation) : FuzzOp
{
    public override TensorType ResultType(IReadOnlyList<TensorType> args) =>
        args.Count == 1 && args[0].Rank == permutation.Length
            ? args[0].With(permutation.Select(p => args[0].Shape[p]).ToArray())
            : throw Mismatch("transpose", args);

    public override NDArray Apply(IReadOnlyList<NDArray> args) => Lax.Transpose(args[0], permutation);

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics)
    {
        var x = args[0];
        var type = ResultType([x.Type]);
        var inStrides = Layout.Strides(x.Shape);
        var point = new int[permutation.Length];
        return x.Gather(type, i =>
        {
            Layout.Unravel(i, type.Shape, point);
            var at = 0;
            for (var d = 0; d < permutation.Length; d++) at += point[d] * inStrides[permutation[d]];
            return at;
        });
    }

    public override string Render(IReadOnlyList<string> args) => $"Lax.Transpose({args[0]}, {Ints(permutation)})";
}
