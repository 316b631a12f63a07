
namespace JaxNet.Fuzz.Ops;

/// <summary>lax.rev: the order of elements reversed along some dimensions.</summary>
public sealed class RevFuzzOp(int[] dimensions) : FuzzOp
{
    public override TensorType ResultType(IReadOnlyList<TensorType> args) =>
        args.Count == 1 && dimensions.All(d => d < args[0].Rank) ? args[0] : throw Mismatch("rev", args);

    public override NDArray Apply(IReadOnlyList<NDArray> args) => Lax.Rev(args[0], dimensions);

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics)
    {
        var x = args[0];
        var point = new int[x.Shape.Length];
        return x.Gather(x.Type, i =>
        {
            Layout.Unravel(i, x.Shape, point);
            foreach (var d in dimensions) point[d] = x.Shape[d] - 1 - point[d];
            return Layout.Ravel(point, x.Shape);
        });
    }

    public override string Render(IReadOnlyList<string> args) => $"Lax.Rev({args[0]}, {Ints(dimensions)})";
}
