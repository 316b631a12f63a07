
namespace JaxNet.Fuzz.Ops;

/// <summary>lax.broadcasted_iota: the coordinate along one dimension, in any numeric dtype.</summary>
public sealed class IotaFuzzOp(DType dtype, int[] shape, int dimension) : FuzzOp
{
    public override TensorType ResultType(IReadOnlyList<TensorType> args) =>
        args.Count == 0 ? new TensorType(dtype, shape) : throw Mismatch("iota", args);

    public override NDArray Apply(IReadOnlyList<NDArray> args) => Lax.BroadcastedIota(dtype, shape, dimension);

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics)
    {
        var strides = Layout.Strides(shape);
        var type = new TensorType(dtype, shape);
        return RefArray.Build(type, i =>
        {
            var coordinate = i / strides[dimension] % shape[dimension];
            var value = ScalarSemantics.Convert(Scalar.FromInteger(DType.Int64, coordinate), dtype);
            // An iota past a narrow float's integers rounds; a backend may count in float32 and round again.
            var error = dtype.IsFloat() && !Bounds.IsRepresentable(coordinate, dtype)
                ? Bounds.Allowance(dtype, Conformance.Cases.OpFamily.Basic, coordinate)
                : 0;
            return (value, error);
        });
    }

    public override FuzzOp Retyped(Func<DType, DType> retype) => new IotaFuzzOp(retype(dtype), shape, dimension);

    public override string Render(IReadOnlyList<string> args) => $"Lax.BroadcastedIota(DType.{dtype}, {Ints(shape)}, {dimension})";
}
