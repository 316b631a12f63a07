using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using static JaxNet.Backends.TpuSim.Tests.Harness;

namespace JaxNet.Backends.TpuSim.Tests;

/// <summary>
/// uint64 on the simulator, whose integers are longs: the values at and above 2^63 are negative as longs, so every
/// place where the signed reading differs (order, division, float conversion) is checked with them.
/// </summary>
public sealed class UInt64Tests
{
    private const ulong Top = 1UL << 63;

    private static ulong[] Elementwise(Func<ScalarProgramBuilder, int, int, int> body, ulong[] x, ulong[] y, DType result)
    {
        int[] shape = [x.Length];
        var p = new ScalarProgramBuilder();
        var kernel = new ElementwiseKernel("op", shape, [Input(0, DType.UInt64, shape), Input(1, DType.UInt64, shape)],
            p.Build(body(p, p.Load(0, DType.UInt64), p.Load(1, DType.UInt64))), [2]);
        Assert.Null(Backend().Capabilities.Unsupported(kernel));
        var bytes = Run(kernel, [Bytes(x), Bytes(y)], [x.Length * result.SizeOf()])[0];
        return result == DType.Bool ? bytes.Select(b => (ulong)b).ToArray() : Values<ulong>(bytes);
    }

    [Fact]
    public void Order_division_and_wraparound_are_unsigned()
    {
        ulong[] x = [Top, ulong.MaxValue, 7, Top + 5, 0];
        ulong[] y = [1, Top, 2, 0, ulong.MaxValue];
        Assert.Equal([1, 1, 1, 1, 0], Elementwise((p, a, b) => p.Binary(BinaryOp.Gt, a, b), x, y, DType.Bool));
        Assert.Equal([Top, ulong.MaxValue, 7, Top + 5, ulong.MaxValue], Elementwise((p, a, b) => p.Binary(BinaryOp.Max, a, b), x, y, DType.UInt64));
        Assert.Equal([1, Top, 2, 0, 0], Elementwise((p, a, b) => p.Binary(BinaryOp.Min, a, b), x, y, DType.UInt64));
        // Division by zero gives all ones and the remainder the dividend, as for the other unsigned types.
        Assert.Equal([Top, 1, 3, ulong.MaxValue, 0], Elementwise((p, a, b) => p.Binary(BinaryOp.Div, a, b), x, y, DType.UInt64));
        Assert.Equal([0, Top - 1, 1, Top + 5, 0], Elementwise((p, a, b) => p.Binary(BinaryOp.Rem, a, b), x, y, DType.UInt64));
        Assert.Equal([Top + 1, Top - 1, 9, Top + 5, ulong.MaxValue], Elementwise((p, a, b) => p.Binary(BinaryOp.Add, a, b), x, y, DType.UInt64));
        Assert.Equal([Top, ulong.MaxValue, 7, Top + 5, 0], Elementwise((p, a, b) => p.Unary(UnaryOp.Abs, a), x, y, DType.UInt64));
        Assert.Equal([1, 1, 1, 1, 0], Elementwise((p, a, b) => p.Unary(UnaryOp.Sign, a), x, y, DType.UInt64));
    }

    [Fact]
    public void Float_conversions_saturate_and_round_once()
    {
        int[] shape = [6];
        double[] input = [2e19, -1, double.NaN, 1.8446744073709550e19, double.PositiveInfinity, 3.99];
        var p = new ScalarProgramBuilder();
        var toInt = new ElementwiseKernel("to", shape, [Input(0, DType.Float64, shape)], p.Build(p.Convert(p.Load(0, DType.Float64), DType.UInt64)), [1]);
        Assert.Equal([ulong.MaxValue, 0, 0, 18446744073709549568UL, ulong.MaxValue, 3], Values<ulong>(Run(toInt, [Bytes(input)], [48])[0]));

        // 2^63 + 2^39 + 1 is just above the float32 midpoint 2^63 + 2^39: one rounding gives 2^63 + 2^40. Through a
        // double it would first become the midpoint exactly, then tie to even, 2^63.
        ulong[] big = [Top + (1UL << 39) + 1, ulong.MaxValue, Top];
        var q = new ScalarProgramBuilder();
        var toFloat = new ElementwiseKernel("f", [3], [Input(0, DType.UInt64, [3])], q.Build(q.Convert(q.Load(0, DType.UInt64), DType.Float32)), [1]);
        Assert.Equal([(float)(Top + (1UL << 40)), 18446744073709551616f, 9223372036854775808f], Values<float>(Run(toFloat, [Bytes(big)], [12])[0]));
    }

    [Fact]
    public void Reductions_and_sorts_order_values_above_two_to_the_63_last()
    {
        int[] shape = [2, 3];
        ulong[] x = [5, Top, 9, ulong.MaxValue, 0, Top + 1];
        ulong[] Reduce(ReduceOp op, DType result)
        {
            var kernel = new ReductionKernel("r", shape, [1], [Input(0, DType.UInt64, shape)], ScalarProgram.Identity(DType.UInt64),
                op, DType.UInt64, null, 1);
            var bytes = Run(kernel, [Bytes(x)], [2 * result.SizeOf()])[0];
            return result == DType.Int32 ? Values<int>(bytes).Select(v => (ulong)v).ToArray() : Values<ulong>(bytes);
        }
        Assert.Equal([Top, ulong.MaxValue], Reduce(ReduceOp.Max, DType.UInt64));
        Assert.Equal([5, 0], Reduce(ReduceOp.Min, DType.UInt64));
        Assert.Equal([1, 0], Reduce(ReduceOp.ArgMax, DType.Int32));
        Assert.Equal([0, 1], Reduce(ReduceOp.ArgMin, DType.Int32));

        var sort = new SortKernel("s", [new TensorRef(0, DType.UInt64, shape)], 1, 1, false, true, [1]);
        Assert.Equal([5, 9, Top, 0, Top + 1, ulong.MaxValue], Values<ulong>(Run(sort, [Bytes(x)], [48])[0]));
    }
}
