
namespace JaxNet.Fuzz.Ops;

/// <summary>lax.convert_element_type, or with <paramref name="bitcast"/> lax.bitcast_convert_type (same width).</summary>
public sealed class ConvertFuzzOp(DType to, bool bitcast = false) : FuzzOp
{
    public DType To { get; } = to;

    public bool IsBitcast { get; } = bitcast;

    /// <summary>The dtypes of the same width as <paramref name="dtype"/> that a bitcast may read it as.</summary>
    public static DType[] BitcastTargets(DType dtype) => dtype switch
    {
        DType.Float32 => [DType.Int32, DType.UInt32],
        DType.Int32 => [DType.Float32, DType.UInt32],
        DType.UInt32 => [DType.Float32, DType.Int32],
        DType.Float64 => [DType.Int64],
        DType.Int64 => [DType.Float64],
        DType.Float16 => [DType.BFloat16],
        DType.BFloat16 => [DType.Float16],
        _ => [],
    };

    public override TensorType ResultType(IReadOnlyList<TensorType> args) =>
        args.Count == 1 && (!IsBitcast || BitcastTargets(args[0].DType).Contains(To)) ? args[0].With(To) : throw Mismatch("convert", args);

    public override NDArray Apply(IReadOnlyList<NDArray> args) =>
        IsBitcast ? Lax.BitcastConvertType(args[0], To) : Lax.ConvertElementType(args[0], To);

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics)
    {
        var x = args[0];
        return RefArray.Build(x.Type.With(To), i => IsBitcast
            ? ElementBounds.Bitcast(x.Values[i], x.Error[i], To, numerics)
            : ElementBounds.Convert(x.Values[i], x.Error[i], To, numerics));
    }

    public override FuzzOp Retyped(Func<DType, DType> retype) => IsBitcast ? this : new ConvertFuzzOp(retype(To));

    public override string Render(IReadOnlyList<string> args) =>
        $"Lax.{(IsBitcast ? "BitcastConvertType" : "ConvertElementType")}({args[0]}, DType.{To})";
}
