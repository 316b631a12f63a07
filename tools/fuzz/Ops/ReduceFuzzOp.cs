using JaxNet.Abstractions.Kernels;

namespace JaxNet.Fuzz.Ops;

/// <summary>lax.reduce_sum/max/min/prod/and/or over a set of axes.</summary>
public sealed class ReduceFuzzOp(ReduceOp op, int[] axes) : FuzzOp
{
    public ReduceOp Op { get; } = op;

    public override bool MultipliesElements => Op == ReduceOp.Prod;

    public override TensorType ResultType(IReadOnlyList<TensorType> args)
    {
        if (args.Count != 1 || axes.Any(a => a >= args[0].Rank) || axes.Distinct().Count() != axes.Length) throw Mismatch($"reduce_{Op}", args);
        return args[0].With(args[0].Shape.Where((_, d) => !axes.Contains(d)).ToArray());
    }

    public override NDArray Apply(IReadOnlyList<NDArray> args) => Op switch
    {
        ReduceOp.Sum => Lax.ReduceSum(args[0], axes),
        ReduceOp.Prod => Lax.ReduceProd(args[0], axes),
        ReduceOp.Max => Lax.ReduceMax(args[0], axes),
        ReduceOp.Min => Lax.ReduceMin(args[0], axes),
        ReduceOp.And => Lax.ReduceAnd(args[0], axes),
        _ => Lax.ReduceOr(args[0], axes),
    };

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics)
    {
        var x = args[0];
        var lines = Layout.Lines(x.Shape, axes.Order().ToArray());
        return RefArray.Build(ResultType([x.Type]), l =>
        {
            var fold = LineAccumulator.Create(Op, x.DType, numerics);
            foreach (var i in lines[l]) fold.Add(x.Values[i], x.Error[i]);
            return fold.Result();
        });
    }

    public override string Render(IReadOnlyList<string> args) => $"Lax.Reduce{Op}({args[0]}, {Ints(axes)})";
}
