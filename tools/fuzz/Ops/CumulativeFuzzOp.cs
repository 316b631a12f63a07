using JaxNet.Abstractions.Kernels;

namespace JaxNet.Fuzz.Ops;

/// <summary>lax.cumsum/cumprod/cummax/cummin along an axis, optionally reversed.</summary>
public sealed class CumulativeFuzzOp(ReduceOp op, int axis, bool reverse) : FuzzOp
{
    public override bool MultipliesElements => op == ReduceOp.Prod;

    public override TensorType ResultType(IReadOnlyList<TensorType> args) =>
        args.Count == 1 && axis < args[0].Rank && args[0].DType != DType.Bool ? args[0] : throw Mismatch($"cum{op}", args);

    public override NDArray Apply(IReadOnlyList<NDArray> args) => op switch
    {
        ReduceOp.Sum => Lax.Cumsum(args[0], axis, reverse),
        ReduceOp.Prod => Lax.Cumprod(args[0], axis, reverse),
        ReduceOp.Max => Lax.Cummax(args[0], axis, reverse),
        _ => Lax.Cummin(args[0], axis, reverse),
    };

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics)
    {
        var x = args[0];
        var values = new Scalar[x.Size];
        var error = new double[x.Size];
        foreach (var line in Layout.Lines(x.Shape, [axis]))
        {
            var fold = LineAccumulator.Create(op, x.DType, numerics);
            for (var k = 0; k < line.Length; k++)
            {
                var i = line[reverse ? line.Length - 1 - k : k];
                fold.Add(x.Values[i], x.Error[i]);
                (values[i], error[i]) = fold.Result();
            }
        }
        return new RefArray(x.Type, values, error);
    }

    public override string Render(IReadOnlyList<string> args) =>
        $"Lax.Cum{op.ToString().ToLowerInvariant()}({args[0]}, {axis}, reverse: {(reverse ? "true" : "false")})";
}
