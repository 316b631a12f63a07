
namespace JaxNet.Fuzz.Ops;

/// <summary>lax.select(pred, on_true, on_false); the predicate may be rank 0.</summary>
public sealed class SelectFuzzOp : FuzzOp
{
    public override TensorType ResultType(IReadOnlyList<TensorType> args)
    {
        if (args.Count != 3 || args[0].DType != DType.Bool || !args[1].Equals(args[2]) || (args[0].Rank != 0 && !args[0].Shape.SequenceEqual(args[1].Shape)))
            throw Mismatch("select", args);
        return args[1];
    }

    public override NDArray Apply(IReadOnlyList<NDArray> args) => Lax.Select(args[0], args[1], args[2]);

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics)
    {
        var (p, t, f) = (args[0], args[1], args[2]);
        var sp = p.Shape.Length == 0 ? 0 : 1;
        return RefArray.Build(t.Type, i => ElementBounds.Select(p.Values[i * sp], p.Error[i * sp], t.Values[i], t.Error[i], f.Values[i], f.Error[i]));
    }

    public override string Render(IReadOnlyList<string> args) => $"Lax.Select({args[0]}, {args[1]}, {args[2]})";
}
