using JaxNet.Fuzz.Programs;

namespace JaxNet.Fuzz.Ops;

/// <summary>
/// lax.cond on a scalar predicate (bool, or an integer compared with zero) and one operand: both branches take the
/// operand and return one value of one type. Operands: the predicate, the operand, then the values each branch
/// captures. Under Vmap with a batched predicate both branches run and a select picks each element's.
/// </summary>
public sealed class CondFuzzOp(FuzzBody onTrue, FuzzBody onFalse) : FuzzOp
{
    public override IReadOnlyList<FuzzBody> Bodies => [onTrue, onFalse];

    public override FuzzOp Retyped(Func<DType, DType> retype) => new CondFuzzOp(onTrue.Retyped(retype), onFalse.Retyped(retype));

    public override TensorType ResultType(IReadOnlyList<TensorType> args)
    {
        if (args.Count != 2 + onTrue.CapturedCount + onFalse.CapturedCount || args[0].Rank != 0 || args[0].DType.IsFloat()
            || !args[1].Equals(onTrue.Program.Inputs[0].Type) || !args[1].Equals(onFalse.Program.Inputs[0].Type))
            throw Mismatch("cond", args);
        return onTrue.ResultTypes[0];
    }

    public override NDArray Apply(IReadOnlyList<NDArray> args)
    {
        var (capturedTrue, capturedFalse) = Captured(args);
        return Lax.Cond(args[0], x => onTrue.Apply([x], capturedTrue)[0], x => onFalse.Apply([x], capturedFalse)[0], args[1]);
    }

    private (T[] True, T[] False) Captured<T>(IReadOnlyList<T> args) =>
        (args.Skip(2).Take(onTrue.CapturedCount).ToArray(), args.Skip(2 + onTrue.CapturedCount).ToArray());

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics)
    {
        var (capturedTrue, capturedFalse) = Captured(args);
        var predicate = args[0];
        var type = ResultType(args.Select(a => a.Type).ToArray());
        // A predicate computed from floats that a correct backend may decide either way leaves the result open.
        if (predicate.IsUnknown(0)) return RefArray.Build(type, _ => (ElementBounds.Placeholder(type.DType), Bounds.Unknown));
        var taken = predicate.Values[0].Bits != 0 ? onTrue.Evaluate([args[1]], capturedTrue, numerics) : onFalse.Evaluate([args[1]], capturedFalse, numerics);
        return taken[0];
    }

    public override string Render(IReadOnlyList<string> args)
    {
        var (capturedTrue, capturedFalse) = Captured(args);
        return $"Lax.Cond({args[0]}, {onTrue.Lambda($"{args[1]}_t", capturedTrue, r => r[0])}, " +
            $"{onFalse.Lambda($"{args[1]}_f", capturedFalse, r => r[0])}, {args[1]})";
    }
}
