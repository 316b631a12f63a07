using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Codegen.Emit;

namespace JaxNet.Backends.CpuSimd.Tests.Codegen;

/// <summary>Every reduce op over inner, outer and several axes, fused prologues and epilogues, arg ops, NaN, empties.</summary>
public sealed class ReductionTests
{
    private static ReductionKernel Reduce(int[] shape, int[] axes, DType data, ReduceOp op, DType acc, FusedEpilogue? epilogue = null) =>
        new("reduce", shape, axes, [new MappedInput(0, data, IndexMap.Identity(shape))], ScalarProgram.Identity(data), op, acc, epilogue, 1);

    /// <summary>The reference: folds every output's points in order, in double (or long for And/Or).</summary>
    private static double[] Reference(int[] shape, int[] axes, double[] x, ReduceOp op)
    {
        var outShape = shape.Where((_, d) => !axes.Contains(d)).ToArray();
        var outCount = outShape.Aggregate(1, (p, s) => p * s);
        var groups = Enumerable.Range(0, outCount).Select(_ => new List<(double Value, long Position)>()).ToArray();
        var point = new int[shape.Length];
        for (var linear = 0; linear < x.Length; linear++)
        {
            var rest = linear;
            for (var d = shape.Length - 1; d >= 0; d--)
            {
                point[d] = rest % shape[d];
                rest /= shape[d];
            }
            var output = 0;
            for (var d = 0; d < shape.Length; d++)
                if (!axes.Contains(d)) output = output * shape[d] + point[d];
            groups[output].Add((x[linear], axes.Length == 1 ? point[axes[0]] : 0));
        }
        return groups.Select(g => op switch
        {
            ReduceOp.Sum => g.Sum(e => e.Value),
            ReduceOp.Prod => g.Aggregate(1.0, (p, e) => p * e.Value),
            ReduceOp.Max => g.Aggregate(double.NegativeInfinity, (m, e) => double.IsNaN(m) || double.IsNaN(e.Value) ? double.NaN : Math.Max(m, e.Value)),
            ReduceOp.Min => g.Aggregate(double.PositiveInfinity, (m, e) => double.IsNaN(m) || double.IsNaN(e.Value) ? double.NaN : Math.Min(m, e.Value)),
            ReduceOp.And => g.Aggregate(-1L, (m, e) => m & (long)e.Value),
            ReduceOp.Or => g.Aggregate(0L, (m, e) => m | (long)e.Value),
            ReduceOp.ArgMax => ArgBest(g, (a, b) => a > b),
            _ => ArgBest(g, (a, b) => a < b),
        }).ToArray();
    }

    private static double ArgBest(List<(double Value, long Position)> group, Func<double, double, bool> better)
    {
        var best = group[0];
        foreach (var e in group.Skip(1))
        {
            if (double.IsNaN(best.Value)) break;
            if (double.IsNaN(e.Value) || better(e.Value, best.Value)) best = e;
        }
        return best.Position;
    }

    private static readonly (int[] Shape, int[] Axes)[] Layouts =
    [
        ([7, 37], [1]), ([7, 37], [0]), ([7, 37], [0, 1]), ([3, 4, 19], [0, 2]), ([3, 4, 19], [1]), ([3, 4, 19], [2]),
        ([3, 4, 19], [0]), ([2, 3, 1, 17], [0, 1, 3]), ([1000], [0]), ([5], []), ([], []),
    ];

    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void Float_reductions_over_every_layout(int width)
    {
        foreach (var (shape, axes) in Layouts)
            foreach (var op in new[] { ReduceOp.Sum, ReduceOp.Prod, ReduceOp.Max, ReduceOp.Min, ReduceOp.ArgMax, ReduceOp.ArgMin })
                foreach (var dtype in new[] { DType.Float32, DType.Float64 })
                {
                    if (op.IsArg() && axes.Length != 1) continue;
                    var count = shape.Aggregate(1, (p, s) => p * s);
                    var values = Enumerable.Range(0, count).Select(i => op == ReduceOp.Prod ? 1 + (i % 5 - 2) * 0.01 : (i * 7919 % 61) - 30.0).ToArray();
                    using var x = NativeTensor.Of(dtype, values);
                    var expected = Reference(shape, axes, x.ToArray(), op);
                    var outType = op.IsArg() ? DType.Int32 : dtype;
                    using var y = NativeTensor.Empty(outType, expected.Length);
                    CodegenRun.Reduction(Reduce(shape, axes, dtype, op, dtype), width, x, y);
                    for (var i = 0; i < expected.Length; i++)
                        CodegenRun.AssertClose(expected[i], y[i], dtype == DType.Float32 ? 1e-5 : 1e-12, 1e-4,
                            $"{op} {dtype} shape [{string.Join(",", shape)}] axes [{string.Join(",", axes)}] out {i} width {width}");
                }
    }

    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void Integer_and_bool_reductions(int width)
    {
        foreach (var (shape, axes) in Layouts)
            foreach (var op in new[] { ReduceOp.Sum, ReduceOp.Max, ReduceOp.Min, ReduceOp.And, ReduceOp.Or, ReduceOp.ArgMax })
                foreach (var dtype in new[] { DType.Int32, DType.Int64, DType.Bool })
                {
                    if (op.IsArg() && axes.Length != 1) continue;
                    if (dtype == DType.Bool && op == ReduceOp.Sum) continue;
                    var count = shape.Aggregate(1, (p, s) => p * s);
                    var values = Enumerable.Range(0, count).Select(i => dtype == DType.Bool ? (i * 7 % 5 == 0 ? 1.0 : 0.0) : (i * 7919 % 61) - 30.0).ToArray();
                    using var x = NativeTensor.Of(dtype, values);
                    var expected = Reference(shape, axes, values, op);
                    if (dtype == DType.Bool && op is ReduceOp.And) expected = expected.Select(e => (double)((long)e & 1)).ToArray();
                    using var y = NativeTensor.Empty(op.IsArg() ? DType.Int32 : dtype, expected.Length);
                    CodegenRun.Reduction(Reduce(shape, axes, dtype, op, dtype), width, x, y);
                    for (var i = 0; i < expected.Length; i++)
                        Assert.True(expected[i] == y[i], $"{op} {dtype} shape [{string.Join(",", shape)}] axes [{string.Join(",", axes)}] out {i}: expected {expected[i]}, got {y[i]}");
                }
    }

    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void Nan_propagates_and_the_first_nan_wins_arg_reductions(int width)
    {
        foreach (var axis in new[] { 0, 1 })
        {
            int[] shape = [20, 20];
            var values = Enumerable.Range(0, 400).Select(i => (double)(i % 17)).ToArray();
            values[3 * 20 + 5] = double.NaN;  // row 3, column 5
            values[8 * 20 + 5] = double.NaN;  // row 8, column 5
            values[3 * 20 + 9] = double.NaN;  // row 3, column 9
            foreach (var op in new[] { ReduceOp.Max, ReduceOp.Min, ReduceOp.ArgMax, ReduceOp.ArgMin })
            {
                using var x = NativeTensor.Of(DType.Float32, values);
                var expected = Reference(shape, [axis], values, op);
                using var y = NativeTensor.Empty(op.IsArg() ? DType.Int32 : DType.Float32, 20);
                CodegenRun.Reduction(Reduce(shape, [axis], DType.Float32, op, DType.Float32), width, x, y);
                for (var i = 0; i < 20; i++) CodegenRun.AssertClose(expected[i], y[i], 0, 0, $"{op} axis {axis} out {i}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void Empty_reductions_give_the_identity(int width)
    {
        var identities = new Dictionary<ReduceOp, double>
        {
            [ReduceOp.Sum] = 0,
            [ReduceOp.Prod] = 1,
            [ReduceOp.Max] = double.NegativeInfinity,
            [ReduceOp.Min] = double.PositiveInfinity,
        };
        foreach (var (op, identity) in identities)
        {
            using var x = NativeTensor.Empty(DType.Float32, 0);
            using var y = NativeTensor.Empty(DType.Float32, 4);
            CodegenRun.Reduction(Reduce([4, 0], [1], DType.Float32, op, DType.Float32), width, x, y);
            Assert.All(y.ToArray(), v => Assert.Equal(identity, v));
        }
        using var ints = NativeTensor.Empty(DType.Int32, 0);
        using var intOut = NativeTensor.Empty(DType.Int32, 3);
        CodegenRun.Reduction(Reduce([0, 3], [0], DType.Int32, ReduceOp.Max, DType.Int32), width, ints, intOut);
        Assert.All(intOut.ToArray(), v => Assert.Equal(int.MinValue, v));
    }

    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void Prologue_and_epilogue_are_fused(int width)
    {
        foreach (var axis in new[] { 0, 1 })
        {
            // out[k] = 2 * sum_j (x * y) + bias[k], with y broadcast along rows, in f32 data summed in f64.
            int[] shape = [9, 21];
            var b = new ScalarProgramBuilder();
            var product = b.Binary(BinaryOp.Mul, b.Load(0, DType.Float32), b.Load(1, DType.Float32));
            var prologue = b.Build(product);
            var e = new ScalarProgramBuilder();
            var scaled = e.Binary(BinaryOp.Mul, e.Load(0, DType.Float64), e.Const(DType.Float64, 2));
            var result = e.Convert(e.Binary(BinaryOp.Add, scaled, e.Convert(e.Load(1, DType.Float32), DType.Float64)), DType.Float32);
            var outCount = shape[1 - axis];
            var epilogue = new FusedEpilogue(e.Build(result), [new MappedInput(3, DType.Float32, IndexMap.Identity([outCount]))]);
            var kernel = new ReductionKernel("fused", shape, [axis],
                [new MappedInput(0, DType.Float32, IndexMap.Identity(shape)), new MappedInput(1, DType.Float32, IndexMap.Broadcast([21], shape))],
                prologue, ReduceOp.Sum, DType.Float64, epilogue, 2);
            var xs = Enumerable.Range(0, 9 * 21).Select(i => (double)(i % 11) - 5).ToArray();
            var ys = Enumerable.Range(0, 21).Select(i => 0.25 * i).ToArray();
            var bias = Enumerable.Range(0, outCount).Select(i => 100.0 * i).ToArray();
            using var x = NativeTensor.Of(DType.Float32, xs);
            using var y = NativeTensor.Of(DType.Float32, ys);
            using var output = NativeTensor.Empty(DType.Float32, outCount);
            using var biasBuffer = NativeTensor.Of(DType.Float32, bias);
            CodegenRun.Reduction(kernel, width, x, y, output, biasBuffer);
            for (var k = 0; k < outCount; k++)
            {
                var sum = 0.0;
                for (var j = 0; j < shape[axis]; j++)
                {
                    var (row, column) = axis == 1 ? (k, j) : (j, k);
                    sum += xs[row * 21 + column] * ys[column];
                }
                CodegenRun.AssertClose((float)(2 * sum + bias[k]), output[k], 0, 0, $"axis {axis} out {k}");
            }
        }
    }

    [Fact]
    public void Arg_reduction_feeds_its_index_to_the_epilogue()
    {
        var e = new ScalarProgramBuilder();
        var plusOne = e.Binary(BinaryOp.Add, e.Load(0, DType.Int32), e.ConstBits(DType.Int32, 1));
        var kernel = Reduce([4, 33], [1], DType.Float32, ReduceOp.ArgMax, DType.Float32, new FusedEpilogue(e.Build(plusOne), []));
        var values = Enumerable.Range(0, 4 * 33).Select(i => (double)((i * 13) % 33)).ToArray();
        using var x = NativeTensor.Of(DType.Float32, values);
        using var y = NativeTensor.Empty(DType.Int32, 4);
        CodegenRun.Reduction(kernel, 512, x, y);
        var expected = Reference([4, 33], [1], values, ReduceOp.ArgMax);
        for (var i = 0; i < 4; i++) Assert.Equal(expected[i] + 1, y[i]);
    }

    [Fact]
    public void Ten_million_float32_values_sum_accurately_and_vectorized()
    {
        const int n = 10_000_000;
        using var x = NativeTensor.Empty(DType.Float32, n);
        var exact = 0.0;
        for (var i = 0; i < n; i++)
        {
            var v = (float)(0.1 + (i % 1000) * 1e-3);
            x.Set(i, v);
            exact += v;
        }
        using var y = NativeTensor.Empty(DType.Float32, 1);
        var vectorized = CodegenRun.Reduction(Reduce([n], [0], DType.Float32, ReduceOp.Sum, DType.Float32), 512, x, y);
        Assert.Equal(VectorWidths.Hardware != VectorWidth.Scalar, vectorized);
        CodegenRun.AssertClose(exact, y[0], 1e-6, 0, "sum of 10M float32");
    }

    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void Padded_and_reshaped_inputs_reduce(int width)
    {
        // sum over rows of a [4, 10] view padded from [4, 6] (columns 2..8 valid), pad value 1.
        var map = new IndexMap(-2, [6, 1]) { ValidLo = [0, 2], ValidHi = [4, 8], PadValue = 1 };
        var kernel = new ReductionKernel("padsum", [4, 10], [1], [new MappedInput(0, DType.Float32, map)],
            ScalarProgram.Identity(DType.Float32), ReduceOp.Sum, DType.Float32, null, 1);
        var values = Enumerable.Range(0, 24).Select(i => (double)i).ToArray();
        using var x = NativeTensor.Of(DType.Float32, values);
        using var y = NativeTensor.Empty(DType.Float32, 4);
        CodegenRun.Reduction(kernel, width, x, y);
        for (var r = 0; r < 4; r++) Assert.Equal(4 + values.Skip(r * 6).Take(6).Sum(), y[r]);
    }
}
