using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.TpuSim.Numerics;

namespace JaxNet.Backends.TpuSim.Execution;

/// <summary>Sort (lexicographic over the key operands, floats in the IR's total order) and cumulative scans.</summary>
internal static class SortScanExecutor
{
    public static void Run(SortKernel kernel, LaunchMemory memory)
    {
        var shape = kernel.Operands[0].Shape;
        var columns = kernel.Operands.Select(o => ElementIO.ReadAll(memory[o.Buffer], o.DType, o.ElementCount)).ToArray();
        var results = columns.Select(c => Column.Create(c.DType, c.Length)).ToArray();
        var (outer, length, inner) = Split(shape, kernel.Dimension);
        var order = new int[length];
        var positions = new int[length];
        for (long o = 0; o < outer; o++)
            for (long i = 0; i < inner; i++)
            {
                var first = (int)(o * length * inner + i);
                for (var p = 0; p < length; p++) positions[p] = first + p * (int)inner;
                for (var p = 0; p < length; p++) order[p] = p;
                // Ties fall back to the original position, so the sort is always stable.
                Array.Sort(order, (x, y) =>
                {
                    for (var k = 0; k < kernel.NumKeys; k++)
                    {
                        var c = Compare(columns[k], positions[x], positions[y]);
                        if (c != 0) return kernel.Descending ? -c : c;
                    }
                    return x.CompareTo(y);
                });
                for (var c = 0; c < columns.Length; c++)
                    for (var p = 0; p < length; p++)
                        Copy(columns[c], positions[order[p]], results[c], positions[p]);
            }
        for (var c = 0; c < results.Length; c++)
            EpilogueApplier.Write(results[c], null, shape, kernel.Outputs[c], memory);
    }

    /// <summary>The IR's total order: -inf &lt; ... &lt; -0.0 &lt; +0.0 &lt; ... &lt; +inf &lt; NaN.</summary>
    private static int Compare(Column column, int a, int b)
    {
        if (!column.IsFloat) return DTypeValues.OrderKey(column.Ints[a], column.DType).CompareTo(DTypeValues.OrderKey(column.Ints[b], column.DType));
        var x = column.Floats[a];
        var y = column.Floats[b];
        if (double.IsNaN(x) || double.IsNaN(y)) return double.IsNaN(x).CompareTo(double.IsNaN(y));
        if (x != y) return x < y ? -1 : 1;
        return double.IsNegative(y).CompareTo(double.IsNegative(x));
    }

    private static void Copy(Column from, int i, Column to, int j)
    {
        if (from.IsFloat) to.Floats[j] = from.Floats[i];
        else to.Ints[j] = from.Ints[i];
    }

    public static void Run(ScanKernel kernel, LaunchMemory memory)
    {
        var shape = kernel.Input.Shape;
        var input = ScalarMath.Convert(
            ElementIO.ReadAll(memory[kernel.Input.Buffer], kernel.Input.DType, kernel.Input.ElementCount), kernel.AccumulatorDType);
        var result = Column.Create(kernel.AccumulatorDType, input.Length);
        var (outer, length, inner) = Split(shape, kernel.Axis);
        var running = ReductionExecutor.Identity(kernel.Op, kernel.AccumulatorDType, 1);
        for (long o = 0; o < outer; o++)
            for (long i = 0; i < inner; i++)
            {
                running = ReductionExecutor.Identity(kernel.Op, kernel.AccumulatorDType, 1);
                for (var step = 0; step < length; step++)
                {
                    var p = kernel.Reverse ? length - 1 - step : step;
                    var at = (int)((o * length + p) * inner + i);
                    ReductionExecutor.Combine(kernel.Op, running, 0, input, at);
                    Copy(running, 0, result, at);
                }
            }
        EpilogueApplier.Write(ScalarMath.Convert(result, kernel.OutputDType), null, shape, kernel.Output, memory);
    }

    /// <summary>A shape as (points before the axis, the axis's length, points after it).</summary>
    private static (long Outer, int Length, long Inner) Split(int[] shape, int axis)
    {
        long outer = 1, inner = 1;
        for (var d = 0; d < axis; d++) outer *= shape[d];
        for (var d = axis + 1; d < shape.Length; d++) inner *= shape[d];
        return (outer, shape.Length == 0 ? 1 : shape[axis], inner);
    }
}
