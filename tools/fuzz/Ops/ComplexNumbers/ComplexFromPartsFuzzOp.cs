namespace JaxNet.Fuzz.Ops.ComplexNumbers;

/// <summary>lax.complex(re, im): two real operands of one float type (either may be rank 0) as one complex value.</summary>
public sealed class ComplexFromPartsFuzzOp : FuzzOp
{
    public override TensorType ResultType(IReadOnlyList<TensorType> args)
    {
        if (args.Count != 2 || args[0].DType != args[1].DType || args[0].DType is not (DType.Float32 or DType.Float64)
            || (args[0].Rank != 0 && args[1].Rank != 0 && !args[0].Shape.SequenceEqual(args[1].Shape)))
            throw Mismatch("complex", args);
        return new TensorType(args[0].DType.ToComplex(), args[0].Rank == 0 ? args[1].Shape : args[0].Shape);
    }

    public override NDArray Apply(IReadOnlyList<NDArray> args) => Lax.Complex(args[0], args[1]);

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics)
    {
        var (re, im) = (args[0], args[1]);
        var type = ResultType([re.Type, im.Type]);
        var (sr, si) = (re.Shape.Length == 0 ? 0 : 1, im.Shape.Length == 0 ? 0 : 1);
        return RefArray.Build(type, i => ComplexBounds.Join(type.DType, (re.Values[i * sr], re.Error[i * sr]), (im.Values[i * si], im.Error[i * si])));
    }

    public override string Render(IReadOnlyList<string> args) => $"Lax.Complex({args[0]}, {args[1]})";
}
