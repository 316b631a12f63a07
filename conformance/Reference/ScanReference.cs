using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Numerics;

namespace JaxNet.Conformance.Reference;

/// <summary>
/// Inclusive scan along an axis (from the end when reversed). Each output is the reduction of the prefix, with
/// float sums and products carried in float64 and rounded to the accumulator dtype, then converted to the
/// output dtype.
/// </summary>
internal static class ScanReference
{
    public static void Run(ScanKernel k, ReferenceMemory memory)
    {
        var shape = k.Input.Shape;
        var length = shape[k.Axis];
        var lineShape = shape.Select((s, a) => a == k.Axis ? 1 : s).ToArray();
        var point = new long[shape.Length];
        foreach (var line in Shapes.Points(lineShape))
        {
            line.CopyTo(point, 0);
            var acc = new Accumulator(k.Op, k.AccumulatorDType);
            for (var step = 0; step < length; step++)
            {
                point[k.Axis] = k.Reverse ? length - 1 - step : step;
                var at = Shapes.Ravel(point, shape);
                acc.Add(memory.Read(k.Input, at));
                memory.Write(k.Output, k.OutputDType, at, ScalarSemantics.Convert(acc.Result, k.OutputDType));
            }
        }
    }
}
