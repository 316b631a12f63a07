using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Codegen;
using JaxNet.Backends.CpuSimd.Codegen.Emit;
using static JaxNet.Backends.CpuSimd.Tests.Codegen.FoldReference;

namespace JaxNet.Backends.CpuSimd.Tests.Codegen;

/// <summary>
/// Many short rows: a reduction along rows shorter than 16 points beside a long kept dimension accumulates across its
/// outputs (the kept dimension innermost, a lane per output, the rows read with a stride) instead of calling the row
/// function once per row; an elementwise kernel over rows of 10, 12 or 14 with operands broadcast along them walks its
/// output contiguously as a periodic row. Row lengths 0..33 around that limit, float32 and float64, every reduce op,
/// NaN and infinities in every position, operands broadcast along either axis, unit axes, several reduced axes, empty
/// arrays and loops split over the cores, at every vector width; each result against a plain float64 fold or the
/// float64 value of the point.
/// </summary>
public sealed class ShortRowsAcrossOutputsTests
{
    private const int MaxLength = 33;

    /// <summary>Enough rows for the kept dimension to be long (LoopNest.LongRow is 64).</summary>
    private const int Rows = 150;

    private static double Exact(int i) => ExactValues[(i * 7 + i / 5) % ExactValues.Length];

    [Theory]
    [MemberData(nameof(FoldReference.WidthsAndTypes), MemberType = typeof(FoldReference))]
    public void Every_row_length_of_many_rows_reduces_like_a_plain_fold(int width, DType dtype)
    {
        for (var length = 1; length <= MaxLength; length++)
        {
            var values = Enumerable.Range(0, Rows * length).Select(Exact).ToArray();
            foreach (var op in FloatOps)
            {
                var compiled = CheckRows(values, Rows, length, dtype, op, width, "exact values");
                // Rows shorter than 16 run across the outputs, longer ones fold in the row function as before.
                Assert.Equal(length >= 16, compiled.FoldsRows);
                if (length > 1) Assert.Equal(length < 16, compiled.AccumulateNest.Interchanged);
                if (length > 1) Assert.Equal(length < 16, compiled.LoopNote.Contains("long kept dimension moved innermost"));
                Assert.Equal(length >= 16, compiled.LoopNote.Length == 0);
            }
        }
    }

    /// <summary>Row r of each block holds the special value at position r: NaN, +inf, -inf, then two NaNs (at r and at
    /// the last position, where the first must win an arg reduction).</summary>
    [Theory]
    [MemberData(nameof(FoldReference.WidthsAndTypes), MemberType = typeof(FoldReference))]
    public void Nan_and_infinities_in_every_position_of_many_rows(int width, DType dtype)
    {
        for (var length = 1; length <= MaxLength; length++)
        {
            var blocks = (Rows + 4 * length - 1) / (4 * length);
            var rows = blocks * 4 * length;
            var values = Enumerable.Range(0, rows * length).Select(i => Exact(3 * i)).ToArray();
            for (var block = 0; block < blocks; block++)
            {
                var first = block * 4 * length;
                for (var r = 0; r < length; r++)
                {
                    values[(first + r) * length + r] = double.NaN;
                    values[(first + length + r) * length + r] = double.PositiveInfinity;
                    values[(first + 2 * length + r) * length + r] = double.NegativeInfinity;
                    values[(first + 3 * length + r) * length + r] = double.NaN;
                    values[(first + 3 * length + r) * length + length - 1] = double.NaN;
                }
            }
            foreach (var op in FloatOps) CheckRows(values, rows, length, dtype, op, width, "specials");
        }
    }

    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void Equal_values_give_the_first_position_to_arg_reductions(int width)
    {
        for (var length = 1; length <= 16; length++)
        {
            // Row r: zeros, with the extreme value at r % length and at every later position that is a multiple of 3.
            var values = new double[Rows * length];
            for (var r = 0; r < Rows; r++)
                for (var c = r % length; c < length; c++)
                    if (c == r % length || c % 3 == 0) values[r * length + c] = 5;
            foreach (var dtype in new[] { DType.Float32, DType.Float64 })
            {
                CheckRows(values, Rows, length, dtype, ReduceOp.ArgMax, width, "ties");
                CheckRows(values.Select(v => -v).ToArray(), Rows, length, dtype, ReduceOp.ArgMin, width, "ties");
            }
        }
    }

    /// <summary>A softmax's denominator sum(exp(x - m[r]) * w[c]) with m broadcast along the short rows and w along the
    /// long kept axis, against float64 exp of the same float inputs.</summary>
    [Theory]
    [MemberData(nameof(FoldReference.WidthsAndTypes), MemberType = typeof(FoldReference))]
    public void Operands_broadcast_along_either_axis(int width, DType dtype)
    {
        for (var length = 1; length <= MaxLength; length += length < 17 ? 1 : 8)
        {
            var x = Enumerable.Range(0, Rows * length).Select(i => Round(dtype, (i * 37 % 23) / 4.0 - 3)).ToArray();
            var m = Enumerable.Range(0, Rows).Select(r => Round(dtype, (r * 11 % 7) / 2.0)).ToArray();
            var w = Enumerable.Range(0, length).Select(c => Round(dtype, 1 + c / 8.0)).ToArray();
            var b = new ScalarProgramBuilder();
            var shifted = b.Binary(BinaryOp.Sub, b.Load(0, dtype), b.Load(1, dtype));
            var prologue = b.Build(b.Binary(BinaryOp.Mul, b.Unary(UnaryOp.Exp, shifted), b.Load(2, dtype)));
            int[] shape = [Rows, length];
            MappedInput[] inputs =
            [
                new(0, dtype, IndexMap.Identity(shape)),
                new(1, dtype, IndexMap.Broadcast([Rows, 1], shape)),
                new(2, dtype, IndexMap.Broadcast([length], shape)),
            ];
            var kernel = new ReductionKernel("softmax_denominator", shape, [1], inputs, prologue, ReduceOp.Sum, dtype, null, 3);
            using var xs = new GuardedBuffer(dtype, x);
            using var ms = new GuardedBuffer(dtype, m);
            using var ws = new GuardedBuffer(dtype, w);
            using var y = NativeTensor.Empty(dtype, Rows);
            var compiled = ReductionCompiler.Compile(kernel, (VectorWidth)width);
            compiled.Run(new BufferTable([xs.Address, ms.Address, ws.Address, y.Address]));
            Assert.Equal(length < 16, !compiled.FoldsRows);
            for (var r = 0; r < Rows; r++)
            {
                var expected = 0.0;
                for (var c = 0; c < length; c++) expected += Math.Exp(Round(dtype, x[r * length + c] - m[r])) * w[c];
                CodegenRun.AssertClose(expected, y[r], dtype == DType.Float32 ? 2e-6 : 1e-14, 0, $"{dtype} length {length} row {r} width {width}");
            }
        }
    }

    /// <summary>[rows, 1, length] along axis 2 (the frontend's keepdims max), and [3, rows, length] along axes 0 and 2,
    /// whose accumulators each take 3 * length points in the order of a plain fold.</summary>
    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void Unit_axes_and_several_reduced_axes(int width)
    {
        foreach (var length in new[] { 1, 3, 10, 15 })
            foreach (var op in FloatOps)
            {
                var values = Enumerable.Range(0, 3 * Rows * length).Select(Exact).ToArray();
                values[7 * length % values.Length] = double.NaN;
                Check([Rows, 1, length], [2], r => Enumerable.Range(0, length).Select(c => values[r * length + c]));
                if (op.IsArg()) continue;
                Check([3, Rows, length], [0, 2], r => Enumerable.Range(0, 3 * length).Select(k => values[(k / length * Rows + r) * length + k % length]));

                void Check(int[] shape, int[] axes, Func<int, IEnumerable<double>> points)
                {
                    var count = shape.Aggregate(1, (p, s) => p * s);
                    using var x = NativeTensor.Of(DType.Float32, values.Take(count).ToArray());
                    using var y = NativeTensor.Empty(op.IsArg() ? DType.Int32 : DType.Float32, Rows);
                    var kernel = new ReductionKernel("reduce", shape, axes, [new MappedInput(0, DType.Float32, IndexMap.Identity(shape))],
                        ScalarProgram.Identity(DType.Float32), op, DType.Float32, null, 1);
                    var compiled = ReductionCompiler.Compile(kernel, (VectorWidth)width);
                    compiled.Run(new BufferTable([x.Address, y.Address]));
                    Assert.False(compiled.FoldsRows);
                    for (var r = 0; r < Rows; r++)
                        CodegenRun.AssertClose(Fold(points(r).Select(v => (double)(float)v).ToArray(), op), y[r], 0, 0,
                            $"{op} [{string.Join(", ", shape)}] axes [{string.Join(", ", axes)}] row {r} width {width}");
                }
            }
    }

    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void Empty_rows_give_the_identity_and_no_rows_write_nothing(int width)
    {
        foreach (var op in new[] { ReduceOp.Sum, ReduceOp.Prod, ReduceOp.Max, ReduceOp.Min })
        {
            using var x = NativeTensor.Empty(DType.Float32, 1);
            using var y = NativeTensor.Empty(DType.Float32, Rows);
            var kernel = new ReductionKernel("reduce", [Rows, 0], [1], [new MappedInput(0, DType.Float32, IndexMap.Identity([Rows, 0]))],
                ScalarProgram.Identity(DType.Float32), op, DType.Float32, null, 1);
            CodegenRun.Reduction(kernel, width, x, y);
            for (var r = 0; r < Rows; r++) CodegenRun.AssertClose(Fold([], op), y[r], 0, 0, $"{op} of an empty row, width {width}");

            using var untouched = NativeTensor.Of(DType.Float32, 42);
            var noRows = kernel with { InputShape = [0, 10], Inputs = [new MappedInput(0, DType.Float32, IndexMap.Identity([0, 10]))] };
            CodegenRun.Reduction(noRows, width, x, untouched);
            Assert.Equal(42, untouched[0]);
        }
    }

    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void Integer_and_bool_folds_of_many_short_rows(int width)
    {
        foreach (var length in new[] { 1, 2, 7, 10, 15 })
        {
            var values = Enumerable.Range(0, Rows * length).Select(i => (double)((i * 7919 % 61) - 30)).ToArray();
            foreach (var dtype in new[] { DType.Int32, DType.Int64 })
                foreach (var op in new[] { ReduceOp.Sum, ReduceOp.Max, ReduceOp.Min, ReduceOp.ArgMax })
                {
                    using var x = NativeTensor.Of(dtype, values);
                    using var y = NativeTensor.Empty(op.IsArg() ? DType.Int32 : dtype, Rows);
                    var kernel = new ReductionKernel("reduce", [Rows, length], [1], [new MappedInput(0, dtype, IndexMap.Identity([Rows, length]))],
                        ScalarProgram.Identity(dtype), op, dtype, null, 1);
                    CodegenRun.Reduction(kernel, width, x, y);
                    for (var r = 0; r < Rows; r++)
                    {
                        var row = values.Skip(r * length).Take(length).ToArray();
                        Assert.True(Fold(row, op) == y.Bits(r), $"{op} {dtype} length {length} row {r} width {width}: got {y.Bits(r)}");
                    }
                }

            // any(x > 20): a Bool accumulator per row.
            var b = new ScalarProgramBuilder();
            var above = b.Binary(BinaryOp.Gt, b.Load(0, DType.Float32), b.Const(DType.Float32, 20));
            using var input = NativeTensor.Of(DType.Float32, values);
            using var any = NativeTensor.Empty(DType.Bool, Rows);
            var anyKernel = new ReductionKernel("any", [Rows, length], [1], [new MappedInput(0, DType.Float32, IndexMap.Identity([Rows, length]))],
                b.Build(above), ReduceOp.Or, DType.Bool, null, 1);
            CodegenRun.Reduction(anyKernel, width, input, any);
            for (var r = 0; r < Rows; r++)
                Assert.True(values.Skip(r * length).Take(length).Any(v => v > 20) == (any[r] != 0), $"any length {length} row {r} width {width}");
        }
    }

    /// <summary>Past the runner's threshold for several cores (2^17 points) the kept dimension is split between them, each
    /// owning whole accumulators.</summary>
    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void Loops_split_over_the_cores_keep_each_rows_order(int width)
    {
        const int rows = 30011;
        const int length = 10;
        var values = Enumerable.Range(0, rows * length).Select(Exact).ToArray();
        values[12345] = double.NaN;
        foreach (var op in FloatOps)
        {
            var compiled = CheckRows(values, rows, length, DType.Float32, op, width, "split");
            Assert.True(compiled.AccumulateNest.Interchanged);
        }
    }

    /// <summary>A log-softmax's last kernel in exact arithmetic: y = x * w[c] - m[r] + x over [rows, length], m broadcast
    /// along the short rows (a repeat), w along the long axis (a tile), with NaN and infinities in x. Periods of 2..8, 10,
    /// 12 and 14 keep the output's contiguous order; the others move the rows innermost; every point against float64.</summary>
    [Theory]
    [MemberData(nameof(FoldReference.WidthsAndTypes), MemberType = typeof(FoldReference))]
    public void Elementwise_rows_with_operands_broadcast_along_either_axis(int width, DType dtype)
    {
        for (var length = 1; length <= MaxLength; length++)
        {
            int[] shape = [Rows, length];
            var x = Enumerable.Range(0, Rows * length).Select(i => Exact(5 * i)).ToArray();
            for (var r = 0; r < length; r++)
            {
                x[r * length + r] = double.NaN;
                x[(length + r) * length + r] = double.PositiveInfinity;
                x[(2 * length + r) * length + r] = double.NegativeInfinity;
            }
            var m = Enumerable.Range(0, Rows).Select(r => Exact(3 * r)).ToArray();
            var w = Enumerable.Range(0, length).Select(c => Exact(c + 1)).ToArray();
            var b = new ScalarProgramBuilder();
            var scaled = b.Binary(BinaryOp.Mul, b.Load(0, dtype), b.Load(2, dtype));
            var program = b.Build(b.Binary(BinaryOp.Add, b.Binary(BinaryOp.Sub, scaled, b.Load(1, dtype)), b.Load(0, dtype)));
            MappedInput[] inputs =
            [
                new(0, dtype, IndexMap.Identity(shape)),
                new(1, dtype, IndexMap.Broadcast([Rows, 1], shape)),
                new(2, dtype, IndexMap.Broadcast([length], shape)),
            ];
            using var xs = new GuardedBuffer(dtype, x);
            using var ms = new GuardedBuffer(dtype, m);
            using var ws = new GuardedBuffer(dtype, w);
            using var y = NativeTensor.Empty(dtype, Rows * length);
            var compiled = ElementwiseCompiler.Compile(new ElementwiseKernel("log_softmax_tail", shape, inputs, program, [3]), (VectorWidth)width);
            compiled.Run(new BufferTable([xs.Address, ms.Address, ws.Address, y.Address]));
            var periodic = length is >= 2 and <= 8 or 10 or 12 or 14;
            Assert.Equal(periodic ? length : 1, compiled.Nest.Period);
            Assert.Equal(!periodic && length is > 1 and < 16, compiled.Nest.Interchanged);
            for (var p = 0; p < Rows * length; p++)
            {
                var (r, c) = (p / length, p % length);
                var expected = x[p] * w[c] - m[r] + x[p];
                CodegenRun.AssertClose(expected, y[p], 0, 0, $"{dtype} length {length} point ({r}, {c}) width {width}");
            }
        }
    }

    private static double Round(DType dtype, double value) => dtype == DType.Float32 ? (float)value : value;

    private static CompiledReductionKernel CheckRows(double[] values, int rows, int length, DType dtype, ReduceOp op, int width, string what)
    {
        using var x = new GuardedBuffer(dtype, values);
        using var y = NativeTensor.Empty(op.IsArg() ? DType.Int32 : dtype, rows);
        var kernel = new ReductionKernel("reduce", [rows, length], [1], [new MappedInput(0, dtype, IndexMap.Identity([rows, length]))],
            ScalarProgram.Identity(dtype), op, dtype, null, 1);
        var compiled = ReductionCompiler.Compile(kernel, (VectorWidth)width);
        compiled.Run(new BufferTable([x.Address, y.Address]));
        for (var r = 0; r < rows; r++)
        {
            var row = values.Skip(r * length).Take(length).Select(v => Round(dtype, v)).ToArray();
            CodegenRun.AssertClose(Fold(row, op), y[r], 0, 0, $"{op} {dtype} {what} length {length} row {r} width {width}");
        }
        return compiled;
    }
}
