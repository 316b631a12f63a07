using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Tests.Codegen;

/// <summary>What reduction tests compare against: a plain left-to-right fold in float64, and values whose sums and
/// products over 33 elements are exact in float32 (powers of two and small integers, with repeats so that arg
/// reductions meet ties), so that a result must match the fold bit for bit.</summary>
internal static class FoldReference
{
    public static readonly double[] ExactValues = [-2, -1, 1, 2, 0.5, 3, -0.5, 2, -2, 1];

    public static readonly ReduceOp[] FloatOps = [ReduceOp.Sum, ReduceOp.Prod, ReduceOp.Max, ReduceOp.Min, ReduceOp.ArgMax, ReduceOp.ArgMin];

    /// <summary>Every code path (512-bit, 256-bit, scalar) for float32 and float64.</summary>
    public static TheoryData<int, DType> WidthsAndTypes()
    {
        var data = new TheoryData<int, DType>();
        foreach (var width in new[] { 512, 256, 0 })
            foreach (var dtype in new[] { DType.Float32, DType.Float64 })
                data.Add(width, dtype);
        return data;
    }

    /// <summary>The fold of <paramref name="row"/>: NaN wins max/min, and an arg reduction keeps the first NaN, else the
    /// first extreme value.</summary>
    public static double Fold(double[] row, ReduceOp op)
    {
        switch (op)
        {
            case ReduceOp.Sum: return row.Sum();
            case ReduceOp.Prod: return row.Aggregate(1.0, (p, v) => p * v);
            case ReduceOp.Max: return row.Aggregate(double.NegativeInfinity, (m, v) => double.IsNaN(m) || double.IsNaN(v) ? double.NaN : Math.Max(m, v));
            case ReduceOp.Min: return row.Aggregate(double.PositiveInfinity, (m, v) => double.IsNaN(m) || double.IsNaN(v) ? double.NaN : Math.Min(m, v));
        }
        var best = 0;
        for (var i = 1; i < row.Length && !double.IsNaN(row[best]); i++)
        {
            var better = op == ReduceOp.ArgMax ? row[i] > row[best] : row[i] < row[best];
            if (double.IsNaN(row[i]) || better) best = i;
        }
        return best;
    }
}
