namespace JaxNet.Fuzz.Ops.ComplexNumbers;

/// <summary>lax.convert_element_type of a float32/float64 or complex operand to a complex type: a real value gets a
/// zero imaginary part; float64 parts are rounded for complex64.</summary>
public sealed class ToComplexFuzzOp(DType to) : FuzzOp
{
    public override TensorType ResultType(IReadOnlyList<TensorType> args) =>
        args.Count == 1 && to.IsComplex() && (args[0].DType.IsComplex() || args[0].DType is DType.Float32 or DType.Float64)
            ? args[0].With(to)
            : throw Mismatch("convert", args);

    public override NDArray Apply(IReadOnlyList<NDArray> args) => Lax.ConvertElementType(args[0], to);

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics)
    {
        var x = args[0];
        return RefArray.Build(x.Type.With(to), i => ComplexBounds.Promote(x.Values[i], x.Error[i], to, numerics));
    }

    public override string Render(IReadOnlyList<string> args) => $"Lax.ConvertElementType({args[0]}, DType.{to})";
}
