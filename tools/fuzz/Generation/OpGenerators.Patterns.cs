using JaxNet.Abstractions.Kernels;
using JaxNet.Fuzz.Ops;

namespace JaxNet.Fuzz.Generation;

internal static partial class OpGenerators
{
    /// <summary>The dimensions a reduction over <paramref name="axes"/> keeps: where broadcast_in_dim puts its result back.</summary>
    private static int[] KeptDims(int rank, int[] axes) => Enumerable.Range(0, rank).Where(d => !axes.Contains(d)).ToArray();

    /// <summary>
    /// softmax along an axis, op by op: max, subtract it broadcast back, exp, sum, divide. The frontend fuses these
    /// into reduction prologues and epilogues, the patterns of real models.
    /// </summary>
    public static int? Softmax(ProgramBuilder b)
    {
        // (A concatenated input may exceed the size cap, which the broadcasts back would then refuse.)
        if (b.Pick(t => t.Rank >= 1 && t.DType.IsFloat() && t.Size <= b.Options.MaxElements) is not { } x) return null;
        var type = b.TypeOf(x);
        int[] axes = [b.Random.Next(type.Rank)];
        var kept = KeptDims(type.Rank, axes);
        if (b.Add(new ReduceFuzzOp(ReduceOp.Max, axes), x) is not { } max) return null;
        var shifted = b.Add(new BinaryFuzzOp(BinaryOp.Sub), x, b.Add(new BroadcastFuzzOp(type.Shape, kept), max)!.Value);
        var e = b.Add(new UnaryFuzzOp(UnaryOp.Exp), shifted!.Value)!.Value;
        var sum = b.Add(new ReduceFuzzOp(ReduceOp.Sum, axes), e)!.Value;
        return b.Add(new BinaryFuzzOp(BinaryOp.Div), e, b.Add(new BroadcastFuzzOp(type.Shape, kept), sum)!.Value);
    }

    /// <summary>A dense layer: a contraction, a bias broadcast along its last dimension, and relu (max with 0).</summary>
    public static int? DenseLayer(ProgramBuilder b)
    {
        if (DotGeneral(b) is not { } y) return null;
        var type = b.TypeOf(y);
        if (type.Rank == 0 || !type.DType.IsFloat()) return y;
        var bias = b.Input(type.With([type.Shape[^1]]));
        var biased = b.Add(new BinaryFuzzOp(BinaryOp.Add), y, b.Add(new BroadcastFuzzOp(type.Shape, [type.Rank - 1]), bias)!.Value)!.Value;
        return b.Add(new BinaryFuzzOp(BinaryOp.Max), biased, Constant(b, type.DType, 0));
    }

    /// <summary>
    /// The same op on one value with two constants that compare equal but differ in their bits (-0.0 and 0.0), each
    /// made visible by a division of 1 (1 / -0.0 is -inf): what CSE, constant folding and constant caches must keep
    /// apart. Both results are concatenated, so either one merged into the other shows.
    /// </summary>
    public static int? SignedZeroTwins(ProgramBuilder b)
    {
        if (b.Pick(t => t.Rank >= 1 && t.DType.IsFloat()) is not { } x) return null;
        var dtype = b.TypeOf(x).DType;
        var op = b.Choose([BinaryOp.Add, BinaryOp.Mul, BinaryOp.Sub, BinaryOp.Max, BinaryOp.Min]);
        var one = Constant(b, dtype, 1);
        int Reciprocal(double zero)
        {
            var twin = b.Add(new BinaryFuzzOp(op), x, Constant(b, dtype, zero))!.Value;
            return b.Add(new BinaryFuzzOp(BinaryOp.Div), one, twin)!.Value;
        }
        var (first, second) = b.Chance(0.5) ? (Reciprocal(-0.0), Reciprocal(0.0)) : (Reciprocal(0.0), Reciprocal(-0.0));
        return b.Add(new ConcatenateFuzzOp(0), first, second);
    }
}
