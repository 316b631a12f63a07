using JaxNet.Abstractions.Kernels;
using JaxNet.Fuzz.Ops;
using JaxNet.Fuzz.Ops.ComplexNumbers;

namespace JaxNet.Fuzz.Generation;

internal static partial class OpGenerators
{
    private static readonly DType[] ComplexTypes = [DType.Complex64, DType.Complex128];

    private static readonly DType[] MixedTypes = [DType.Complex64, DType.Complex128, DType.Float32, DType.Float64];

    /// <summary>A complex value, most often a recent one, or a fresh input when there is none.</summary>
    private static int ComplexValue(ProgramBuilder b) =>
        b.Pick(t => t.DType.IsComplex()) ?? b.Input(new TensorType(b.Choose(ComplexTypes), RandomShapes.Of(b.Random, b.Options.MaxElements)));

    /// <summary>A second operand for <paramref name="x"/>: a value of its shape (complex or real, float32 or float64),
    /// or a fresh input of that shape or of rank 0.</summary>
    private static int PartnerOf(ProgramBuilder b, int x, IReadOnlyList<DType> dtypes)
    {
        var shape = b.TypeOf(x).Shape;
        if (b.Chance(0.4) && b.Pick(t => dtypes.Contains(t.DType) && t.Shape.SequenceEqual(shape)) is { } existing) return existing;
        return b.Input(new TensorType(b.Choose(dtypes), b.Chance(0.2) ? [] : shape));
    }

    public static int? ComplexUnary(ProgramBuilder b)
    {
        var function = b.Choose(Enum.GetValues<ComplexFunction>());
        var exponent = function == ComplexFunction.Power ? b.Choose(new[] { -3, -2, -1, 0, 2, 3, 5 }) : 0;
        return b.Add(new ComplexUnaryFuzzOp(function, exponent), ComplexValue(b));
    }

    public static int? ComplexBinary(ProgramBuilder b)
    {
        var x = ComplexValue(b);
        var y = PartnerOf(b, x, MixedTypes);
        var op = new ComplexBinaryFuzzOp(b.Choose(new[] { BinaryOp.Add, BinaryOp.Sub, BinaryOp.Mul, BinaryOp.Mul, BinaryOp.Div, BinaryOp.Div }));
        return b.Chance(0.5) ? b.Add(op, x, y) : b.Add(op, y, x);
    }

    public static int? ComplexFromParts(ProgramBuilder b)
    {
        var re = b.Pick(t => t.DType is DType.Float32 or DType.Float64)
            ?? b.Input(new TensorType(b.Choose(new[] { DType.Float32, DType.Float64 }), RandomShapes.Of(b.Random, b.Options.MaxElements)));
        var im = PartnerOf(b, re, [b.TypeOf(re).DType]);
        return b.Chance(0.5) ? b.Add(new ComplexFromPartsFuzzOp(), re, im) : b.Add(new ComplexFromPartsFuzzOp(), im, re);
    }

    public static int? ToComplex(ProgramBuilder b) =>
        b.Pick(t => MixedTypes.Contains(t.DType)) is { } x ? b.Add(new ToComplexFuzzOp(b.Choose(ComplexTypes)), x) : null;

    /// <summary>lax.select between a complex value and another of its type, on a bool input (or one of rank 0).</summary>
    public static int? ComplexSelect(ProgramBuilder b)
    {
        var x = ComplexValue(b);
        var type = b.TypeOf(x);
        var predicate = b.Input(new TensorType(DType.Bool, b.Chance(0.2) ? [] : type.Shape));
        var other = b.Chance(0.5) ? b.Pick(t => t.Equals(type)) ?? b.Input(type) : b.Input(type);
        return b.Chance(0.5) ? b.Add(new SelectFuzzOp(), predicate, x, other) : b.Add(new SelectFuzzOp(), predicate, other, x);
    }

    public static int? ComplexReduce(ProgramBuilder b)
    {
        var x = ComplexValue(b);
        var op = b.Chance(0.6) ? ReduceOp.Sum : ReduceOp.Prod;
        return b.Add(new ComplexReduceFuzzOp(op, SomeAxes(b, b.TypeOf(x).Rank)), x);
    }

    /// <summary>jnp.fft.fft or ifft along one axis, at its own length or cropped or zero-padded to another (within
    /// what the interpreter's direct DFT can afford).</summary>
    public static int? Fft(ProgramBuilder b)
    {
        if (b.Pick(t => t.DType.IsComplex() && t.Rank >= 1) is not { } x) return null;
        var type = b.TypeOf(x);
        var axis = b.Random.Next(type.Rank);
        int? length = b.Chance(0.6) ? null : b.Random.Next(1, 2 * type.Shape[axis] + 3);
        var n = (long)(length ?? type.Shape[axis]);
        if (n * n * (type.Size / Math.Max(type.Shape[axis], 1)) > b.Options.MaxContractionWork) return null;
        return b.Add(new FftFuzzOp(b.Chance(0.5), axis, length), x);
    }
}
