using JaxNet.Abstractions.Kernels;
using JaxNet.Fuzz.Ops;

namespace JaxNet.Fuzz.Generation;

internal static partial class OpGenerators
{
    private static int[] SomeAxes(ProgramBuilder b, int rank)
    {
        if (b.Chance(0.25)) return Enumerable.Range(0, rank).ToArray();
        var axes = Enumerable.Range(0, rank).Where(_ => b.Chance(0.4)).ToArray();
        if (axes.Length == 0) axes = [b.Random.Next(rank)];
        b.Random.Shuffle(axes);
        return axes;
    }

    public static int? Reduce(ProgramBuilder b)
    {
        if (b.Pick(t => t.Rank >= 1) is not { } x) return null;
        var type = b.TypeOf(x);
        ReduceOp[] ops = type.DType switch
        {
            DType.Bool => [ReduceOp.And, ReduceOp.Or],
            _ when type.DType.IsFloat() => [ReduceOp.Sum, ReduceOp.Sum, ReduceOp.Max, ReduceOp.Min, ReduceOp.Prod],
            _ => [ReduceOp.Sum, ReduceOp.Max, ReduceOp.Min, ReduceOp.Prod, ReduceOp.And, ReduceOp.Or],
        };
        return b.Add(new ReduceFuzzOp(b.Choose(ops), SomeAxes(b, type.Rank)), x);
    }

    public static int? ArgReduce(ProgramBuilder b)
    {
        if (b.Pick(t => t.Rank >= 1 && t.DType != DType.Bool && t.Shape.Any(s => s > 0)) is not { } x) return null;
        var shape = b.TypeOf(x).Shape;
        var axes = Enumerable.Range(0, shape.Length).Where(d => shape[d] > 0).ToArray();
        return b.Add(new ArgReduceFuzzOp(b.Chance(0.5), b.Choose(axes)), x);
    }

    public static int? Cumulative(ProgramBuilder b)
    {
        if (b.Pick(t => t.Rank >= 1 && t.DType != DType.Bool) is not { } x) return null;
        var op = b.Choose([ReduceOp.Sum, ReduceOp.Sum, ReduceOp.Prod, ReduceOp.Max, ReduceOp.Min]);
        return b.Add(new CumulativeFuzzOp(op, b.Random.Next(b.TypeOf(x).Rank), b.Chance(0.4)), x);
    }

    public static int? Sort(ProgramBuilder b)
    {
        if (b.Pick(t => t.Rank >= 1) is not { } x) return null;
        var type = b.TypeOf(x);
        var dimension = b.Random.Next(type.Rank);
        var operands = new List<int> { x };
        var payloads = b.Random.Next(3);
        for (var k = 0; k < payloads; k++)
        {
            // argsort's payload is an iota; otherwise data of any dtype.
            var iota = b.Chance(0.5) ? b.Add(new IotaFuzzOp(DType.Int32, type.Shape, dimension)) : null;
            operands.Add(iota ?? b.Input(new TensorType(b.Choose(b.Options.DTypes), type.Shape)));
        }
        var numKeys = operands.Count > 1 && b.Chance(0.2) ? 2 : 1;
        var op = new SortFuzzOp(dimension, isStable: b.Chance(0.8), numKeys, descending: b.Chance(0.3), output: b.Random.Next(operands.Count));
        return b.Add(op, operands.ToArray());
    }
}
