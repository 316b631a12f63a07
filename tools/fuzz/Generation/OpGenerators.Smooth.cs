using JaxNet.Abstractions.Kernels;
using JaxNet.Fuzz.Ops;

namespace JaxNet.Fuzz.Generation;

internal static partial class OpGenerators
{
    /// <summary>Unary ops differentiable on the whole line (a kink of abs at 0 is left to the finite differences to see).</summary>
    private static readonly UnaryOp[] SmoothEverywhere =
    [
        UnaryOp.Neg, UnaryOp.Sin, UnaryOp.Cos, UnaryOp.Tanh, UnaryOp.Logistic, UnaryOp.Atan, UnaryOp.Asinh, UnaryOp.Erf,
        UnaryOp.Exp, UnaryOp.Expm1, UnaryOp.Sinh, UnaryOp.Cosh, UnaryOp.Abs,
    ];

    /// <summary>Unary ops smooth for positive operands, given one: x*x + c with c in [1/4, 1]. cbrt is here for its
    /// infinite slope at 0: there JAX's JVP is NaN (0 * inf) while the differences of cbrt(0 * x) see a constant.</summary>
    private static readonly UnaryOp[] SmoothOnPositives =
        [UnaryOp.Log, UnaryOp.Log1p, UnaryOp.Sqrt, UnaryOp.Rsqrt, UnaryOp.Lgamma, UnaryOp.Digamma, UnaryOp.Acosh, UnaryOp.Cbrt];

    /// <summary>Unary ops smooth inside (-1, 1), given 0.9 tanh(x).</summary>
    private static readonly UnaryOp[] SmoothInsideUnit = [UnaryOp.Asin, UnaryOp.Acos, UnaryOp.Atanh, UnaryOp.ErfInv];

    /// <summary>A float value of the program (the derivative programs' only kind worth differentiating), if any.</summary>
    private static int? PickFloat(ProgramBuilder b) => b.Pick(t => t.DType.IsFloat());

    /// <summary><paramref name="x"/> mapped into [c, c + x^2] with c in [1/4, 1]: away from log's and sqrt's singularity.</summary>
    private static int? Positive(ProgramBuilder b, int x)
    {
        if (b.Add(new BinaryFuzzOp(BinaryOp.Mul), x, x) is not { } square) return null; // x larger than the options allow
        var shift = b.Chance(0.5) ? 1.0 : 0.25;
        return b.Add(new BinaryFuzzOp(BinaryOp.Add), square, Constant(b, b.TypeOf(x).DType, shift));
    }

    /// <summary>A unary op smooth where it is applied: its operand is mapped into the op's domain first.</summary>
    public static int? SmoothUnary(ProgramBuilder b)
    {
        if (PickFloat(b) is not { } x) return null;
        var dtype = b.TypeOf(x).DType;
        var roll = b.Random.Next(10);
        if (roll < 6) return b.Add(new UnaryFuzzOp(b.Choose(SmoothEverywhere)), x);
        if (roll < 8)
        {
            var op = b.Choose(SmoothOnPositives);
            if (Positive(b, x) is not { } positive) return null;
            if (op == UnaryOp.Acosh) positive = b.Add(new BinaryFuzzOp(BinaryOp.Add), positive, Constant(b, dtype, 1))!.Value;
            return b.Add(new UnaryFuzzOp(op), positive);
        }
        if (b.Add(new UnaryFuzzOp(UnaryOp.Tanh), x) is not { } tanh) return null;
        var squashed = b.Add(new BinaryFuzzOp(BinaryOp.Mul), tanh, Constant(b, dtype, 0.875))!.Value;
        return b.Add(new UnaryFuzzOp(b.Choose(SmoothInsideUnit)), squashed);
    }

    /// <summary>
    /// A binary float op with a second operand as in <see cref="Binary"/>: add, sub, mul, max and min (kinks only
    /// where the operands tie), atan2, div by a positive value and pow of a positive base.
    /// </summary>
    public static int? SmoothBinary(ProgramBuilder b)
    {
        if (PickFloat(b) is not { } x) return null;
        var op = b.Choose([BinaryOp.Add, BinaryOp.Sub, BinaryOp.Mul, BinaryOp.Mul, BinaryOp.Div, BinaryOp.Max, BinaryOp.Min, BinaryOp.Pow, BinaryOp.Atan2]);
        var y = SecondOperand(b, x);
        if (op is BinaryOp.Div && Positive(b, y) is { } denominator) y = denominator;
        else if (op is BinaryOp.Pow && Positive(b, x) is { } positive) x = positive;
        else if (op is BinaryOp.Div or BinaryOp.Pow) return null;
        return b.Chance(0.3) && op is not (BinaryOp.Div or BinaryOp.Pow) ? b.Add(new BinaryFuzzOp(op), y, x) : b.Add(new BinaryFuzzOp(op), x, y);
    }
}
