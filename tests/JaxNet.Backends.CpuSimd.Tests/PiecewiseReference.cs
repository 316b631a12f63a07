using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// The kernel IR's definition of a program made of loads, constants, coordinates, comparisons and selects, evaluated
/// point by point on the host over raw bytes: what a piecewise copy (concatenate, pad, stack) must produce, bit
/// for bit. Pad values are converted here independently of the backend.
/// </summary>
internal static class PiecewiseReference
{
    public static byte[] Evaluate(ElementwiseKernel kernel, IReadOnlyList<byte[]> inputs)
    {
        var shape = kernel.Shape;
        var result = kernel.Program.Results[0];
        var size = kernel.Program.ResultType(0).SizeOf();
        var count = shape.Aggregate(1L, (a, b) => a * b);
        var output = new byte[count * size];
        var point = new long[shape.Length];
        for (long flat = 0; flat < count; flat++)
        {
            var rest = flat;
            for (var d = shape.Length - 1; d >= 0; d--)
            {
                point[d] = rest % shape[d];
                rest /= shape[d];
            }
            var bits = Node(kernel, inputs, point, result);
            for (var b = 0; b < size; b++) output[flat * size + b] = (byte)(bits >> (8 * b));
        }
        return output;
    }

    private static ulong Node(ElementwiseKernel kernel, IReadOnlyList<byte[]> inputs, long[] point, int node)
    {
        var program = kernel.Program;
        switch (program.Nodes[node])
        {
            case LoadNode load:
                var input = kernel.Inputs[load.Input];
                var size = input.DType.SizeOf();
                if (!input.Map.IsValid(point)) return PadBits(input.DType, input.Map.PadValue);
                var at = input.Map.OffsetOf(point) * size;
                ulong bits = 0;
                for (var b = 0; b < size; b++) bits |= (ulong)inputs[load.Input][at + b] << (8 * b);
                return bits;
            case ConstNode constant:
                return constant.DType.IsFloat() ? PadBits(constant.DType, constant.Value) : (ulong)constant.Bits & Mask(constant.DType);
            case IndexNode index:
                return (ulong)point[index.Dimension];
            case BinaryNode compare:
                var (a, c) = ((long)Node(kernel, inputs, point, compare.A), (long)Node(kernel, inputs, point, compare.B));
                var holds = compare.Op switch
                {
                    BinaryOp.Lt => a < c,
                    BinaryOp.Le => a <= c,
                    BinaryOp.Gt => a > c,
                    BinaryOp.Ge => a >= c,
                    BinaryOp.Eq => a == c,
                    BinaryOp.Ne => a != c,
                    _ => throw new NotSupportedException($"the reference compares integers only, not {compare.Op}"),
                };
                return holds ? 1ul : 0ul;
            case SelectNode select:
                return Node(kernel, inputs, point, select.Predicate) != 0
                    ? Node(kernel, inputs, point, select.OnTrue)
                    : Node(kernel, inputs, point, select.OnFalse);
            default:
                throw new NotSupportedException($"the reference does not evaluate {program.Nodes[node].Describe()}");
        }
    }

    /// <summary>The stored bits of <paramref name="value"/> in <paramref name="dtype"/>.</summary>
    public static ulong PadBits(DType dtype, double value) => dtype switch
    {
        DType.Float32 => BitConverter.SingleToUInt32Bits((float)value),
        DType.Float64 => BitConverter.DoubleToUInt64Bits(value),
        DType.Float16 => BitConverter.HalfToUInt16Bits((Half)value),
        DType.Bool => value != 0 ? 1ul : 0ul,
        _ => (ulong)(long)value & Mask(dtype),
    };

    private static ulong Mask(DType dtype) => dtype.SizeOf() == 8 ? ulong.MaxValue : (1ul << (8 * dtype.SizeOf())) - 1;
}
