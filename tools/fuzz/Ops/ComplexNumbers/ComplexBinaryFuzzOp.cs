using JaxNet.Abstractions.Kernels;

namespace JaxNet.Fuzz.Ops.ComplexNumbers;

/// <summary>
/// jnp.add, subtract, multiply or divide with at least one complex operand: the other may be real (float32 or
/// float64) and is promoted as JAX does (float64 with complex64 is complex128); either may be rank 0.
/// </summary>
public sealed class ComplexBinaryFuzzOp(BinaryOp op) : FuzzOp
{
    public BinaryOp Op { get; } = op;

    public override bool MultipliesElements => Op is BinaryOp.Mul or BinaryOp.Div;

    /// <summary>JAX's promotion of two inexact dtypes, one of them complex.</summary>
    public static DType Promoted(DType x, DType y) =>
        x.RealPart() == DType.Float64 || y.RealPart() == DType.Float64 ? DType.Complex128 : DType.Complex64;

    public override TensorType ResultType(IReadOnlyList<TensorType> args)
    {
        if (args.Count != 2 || !(args[0].DType.IsComplex() || args[1].DType.IsComplex()) || !args.All(a => a.DType.IsInexact() && a.DType.RealPart() is DType.Float32 or DType.Float64)
            || (args[0].Rank != 0 && args[1].Rank != 0 && !args[0].Shape.SequenceEqual(args[1].Shape)))
            throw Mismatch(Op.ToString(), args);
        return new TensorType(Promoted(args[0].DType, args[1].DType), args[0].Rank == 0 ? args[1].Shape : args[0].Shape);
    }

    public override NDArray Apply(IReadOnlyList<NDArray> args) => Op switch
    {
        BinaryOp.Add => Jnp.Add(args[0], args[1]),
        BinaryOp.Sub => Jnp.Subtract(args[0], args[1]),
        BinaryOp.Mul => Jnp.Multiply(args[0], args[1]),
        _ => Jnp.Divide(args[0], args[1]),
    };

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics)
    {
        var (a, b) = (args[0], args[1]);
        var type = ResultType([a.Type, b.Type]);
        var (sa, sb) = (a.Shape.Length == 0 ? 0 : 1, b.Shape.Length == 0 ? 0 : 1);
        return RefArray.Build(type, i =>
        {
            var (x, ex) = ComplexBounds.Promote(a.Values[i * sa], a.Error[i * sa], type.DType, numerics);
            var (y, ey) = ComplexBounds.Promote(b.Values[i * sb], b.Error[i * sb], type.DType, numerics);
            return Op switch
            {
                BinaryOp.Add => ComplexArithmetic.Add(x, ex, y, ey, numerics),
                BinaryOp.Sub => ComplexArithmetic.Sub(x, ex, y, ey, numerics),
                BinaryOp.Mul => ComplexArithmetic.Mul(x, ex, y, ey, numerics),
                _ => ComplexArithmetic.Div(x, ex, y, ey, numerics),
            };
        });
    }

    public override string Render(IReadOnlyList<string> args) => Op switch
    {
        BinaryOp.Add => $"Jnp.Add({args[0]}, {args[1]})",
        BinaryOp.Sub => $"Jnp.Subtract({args[0]}, {args[1]})",
        BinaryOp.Mul => $"Jnp.Multiply({args[0]}, {args[1]})",
        _ => $"Jnp.Divide({args[0]}, {args[1]})",
    };
}
