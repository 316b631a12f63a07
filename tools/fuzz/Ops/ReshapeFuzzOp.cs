
namespace JaxNet.Fuzz.Ops;

/// <summary>lax.reshape: the same elements, row-major, in another shape.</summary>
public sealed class ReshapeFuzzOp(int[] shape) : FuzzOp
{
    public override TensorType ResultType(IReadOnlyList<TensorType> args) =>
        args.Count == 1 && args[0].Size == Layout.Size(shape) ? args[0].With(shape) : throw Mismatch("reshape", args);

    public override NDArray Apply(IReadOnlyList<NDArray> args) => Lax.Reshape(args[0], shape);

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics) => args[0].Gather(args[0].Type.With(shape), i => i);

    public override string Render(IReadOnlyList<string> args) => $"Lax.Reshape({args[0]}, {Ints(shape)})";
}
