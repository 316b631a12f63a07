using System.Globalization;

namespace JaxNet.Fuzz.Ops;

/// <summary>
/// A constant: a host scalar converted to its dtype (a literal of the jaxpr, which the frontend may fold), broadcast
/// to a shape when the shape is not rank 0.
/// </summary>
public sealed class ConstantFuzzOp(Scalar value, int[] shape) : FuzzOp
{
    public Scalar Value { get; } = value;

    public int[] Shape { get; } = shape;

    public override TensorType ResultType(IReadOnlyList<TensorType> args) =>
        args.Count == 0 ? new TensorType(Value.DType, Shape) : throw Mismatch("constant", args);

    public override NDArray Apply(IReadOnlyList<NDArray> args)
    {
        var literal = Lax.ConvertElementType(HostScalar(Value), Value.DType);
        return Shape.Length == 0 ? literal : Lax.BroadcastInDim(literal, Shape, []);
    }

    /// <summary>A weakly typed host scalar holding <paramref name="value"/> exactly (float64 or int64).</summary>
    internal static NDArray HostScalar(Scalar value) => value.DType switch
    {
        _ when value.DType.IsFloat() => Jnp.Scalar(value.Float),
        DType.Bool => Jnp.Scalar(value.Bits != 0),
        DType.UInt32 => Jnp.Scalar((uint)value.Bits),
        _ => Jnp.Scalar(value.Bits),
    };

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics)
    {
        var type = new TensorType(Value.DType, Shape);
        var error = Bounds.OfInput(Value, numerics);
        return RefArray.Build(type, _ => (Value, error));
    }

    public override FuzzOp Retyped(Func<DType, DType> retype) => new ConstantFuzzOp(Retype(Value, retype(Value.DType)), Shape);

    /// <summary>The value in <paramref name="dtype"/> (a float widened exactly).</summary>
    internal static Scalar Retype(Scalar value, DType dtype) =>
        dtype == value.DType ? value : value.DType.IsFloat() ? Scalar.FromDouble(dtype, value.Float) : Scalar.FromInteger(dtype, value.Bits);

    public override string Render(IReadOnlyList<string> args)
    {
        var literal = $"Lax.ConvertElementType(Jnp.Scalar({Literal(Value)}), DType.{Value.DType})";
        return Shape.Length == 0 ? literal : $"Lax.BroadcastInDim({literal}, {Ints(Shape)}, [])";
    }

    /// <summary>A C# literal of the value.</summary>
    internal static string Literal(Scalar value)
    {
        if (!value.DType.IsFloat())
            return value.DType switch
            {
                DType.Bool => value.Bits != 0 ? "true" : "false",
                DType.UInt32 => $"{(uint)value.Bits}u",
                _ => $"{value.Bits}L",
            };
        var v = value.Float;
        if (double.IsNaN(v)) return "double.NaN";
        if (double.IsInfinity(v)) return v > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity";
        if (v == 0) return double.IsNegative(v) ? "-0.0" : "0.0";
        return v.ToString("R", CultureInfo.InvariantCulture) is var s && s.Contains('.') || s.Contains('E') ? s : s + ".0";
    }
}
