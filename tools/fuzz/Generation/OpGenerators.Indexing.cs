using JaxNet.Abstractions.Kernels;
using JaxNet.Fuzz.Ops;

namespace JaxNet.Fuzz.Generation;

internal static partial class OpGenerators
{
    /// <summary>A window of random sizes (some full, some 1) within <paramref name="shape"/>.</summary>
    private static int[] Window(ProgramBuilder b, int[] shape) =>
        shape.Select(s => b.Random.Next(4) switch { 0 => s, 1 => Math.Min(1, s), _ => b.Random.Next(s + 1) }).ToArray();

    public static int? Gather(ProgramBuilder b)
    {
        if (b.Pick(t => t.Rank >= 1) is not { } x) return null;
        var shape = b.TypeOf(x).Shape;
        var rank = shape.Length;
        var mapped = Enumerable.Range(0, rank).OrderBy(_ => b.Random.Next()).Take(b.Random.Next(1, Math.Min(2, rank) + 1)).ToArray();
        var sizes = Window(b, shape);
        var collapsed = mapped.Where(d => shape[d] >= 1 && b.Chance(0.6)).Order().ToArray();
        foreach (var d in collapsed) sizes[d] = 1;
        var batchShape = Enumerable.Range(0, b.Random.Next(0, 3)).Select(_ => b.Random.Next(0, 12)).ToArray();
        var outRank = batchShape.Length + rank - collapsed.Length;
        var offsetDims = Enumerable.Range(0, outRank).OrderBy(_ => b.Random.Next()).Take(rank - collapsed.Length).Order().ToArray();
        var indexType = new TensorType(b.Chance(0.8) ? DType.Int32 : DType.Int64, [.. batchShape, mapped.Length]);
        var indices = b.Input(b.Data.Indices(indexType, -3, shape.Max() + 3));
        var mode = b.Chance(0.5) ? IndexMode.Clip : IndexMode.FillOrDrop;
        var dtype = b.TypeOf(x).DType;
        var fill = double.NaN;
        if (!dtype.IsFloat() || b.Options.Smooth || b.Chance(0.5))
        {
            var value = b.Data.Make(new TensorType(dtype, [])).Values[0];
            fill = dtype.IsFloat() ? value.Float : value.ToDouble();
        }
        return b.Add(new GatherFuzzOp(offsetDims, collapsed, mapped, sizes, mode, fill), x, indices);
    }

    /// <summary>A scalar start index for a dimension of <paramref name="size"/>: a literal or an input, of any integer
    /// dtype, in range, negative, past the end, or an extreme.</summary>
    private static int StartIndex(ProgramBuilder b, int size)
    {
        var dtype = b.Choose([DType.Int32, DType.Int32, DType.Int64, DType.UInt32, DType.UInt8]);
        var data = b.Data.Indices(new TensorType(dtype, []), -size - 3, size + 3);
        return b.Chance(0.5) ? b.Input(data) : b.Add(new ConstantFuzzOp(data.Values[0], []))!.Value;
    }

    public static int? DynamicSlice(ProgramBuilder b)
    {
        var x = b.Pick();
        var shape = b.TypeOf(x).Shape;
        var starts = shape.Select(s => StartIndex(b, s)).ToArray();
        return b.Add(new DynamicSliceFuzzOp(Window(b, shape)), [x, .. starts]);
    }

    public static int? DynamicUpdateSlice(ProgramBuilder b)
    {
        var x = b.Pick();
        var type = b.TypeOf(x);
        var update = b.Input(type.With(Window(b, type.Shape)));
        var starts = type.Shape.Select(s => StartIndex(b, s)).ToArray();
        return b.Add(new DynamicSliceFuzzOp([], update: true), [x, update, .. starts]);
    }

    /// <summary>
    /// A scatter into a value of the program: index vectors over one or two of its dimensions (some inserted, the others
    /// windows of random sizes), few and in a narrow range so that they repeat and some fall out of bounds, with a
    /// random combiner and mode (float16 and bfloat16 add and multiply too, rounding at every update).
    /// </summary>
    public static int? Scatter(ProgramBuilder b)
    {
        if (b.Pick(t => t.Rank >= 1) is not { } x) return null;
        var type = b.TypeOf(x);
        var (shape, rank) = (type.Shape, type.Rank);
        var mapped = Enumerable.Range(0, rank).OrderBy(_ => b.Random.Next()).Take(b.Random.Next(1, Math.Min(2, rank) + 1)).ToArray();
        var inserted = mapped.Where(d => shape[d] >= 1 && b.Chance(0.6)).Order().ToArray();
        var sizes = Window(b, shape);
        var window = Enumerable.Range(0, rank).Where(d => !inserted.Contains(d)).ToArray();
        var batchShape = Enumerable.Range(0, b.Random.Next(0, 3)).Select(_ => b.Random.Next(0, 7)).ToArray();
        var updatesRank = batchShape.Length + window.Length;
        var updateWindowDims = Enumerable.Range(0, updatesRank).OrderBy(_ => b.Random.Next()).Take(window.Length).Order().ToArray();
        var updatesShape = new int[updatesRank];
        for (int d = 0, k = 0, w = 0; d < updatesRank; d++)
            updatesShape[d] = updateWindowDims.Contains(d) ? sizes[window[w++]] : batchShape[k++];
        var indexType = new TensorType(b.Chance(0.8) ? DType.Int32 : DType.Int64, [.. batchShape, mapped.Length]);
        var indices = b.Input(b.Data.Indices(indexType, -2, shape.Max() + 1));
        var updates = b.Input(type.With(updatesShape));
        ScatterCombiner[] combiners = type.DType == DType.Bool ? [ScatterCombiner.Replace] : Enum.GetValues<ScatterCombiner>();
        var op = new ScatterFuzzOp(updateWindowDims, inserted, mapped, b.Choose(combiners), b.Chance(0.5) ? IndexMode.Clip : IndexMode.FillOrDrop);
        return b.Add(op, x, indices, updates);
    }
}
