using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Codegen;
using JaxNet.Backends.CpuSimd.Codegen.Emit;
using static JaxNet.Backends.CpuSimd.Tests.Codegen.FoldReference;

namespace JaxNet.Backends.CpuSimd.Tests.Codegen;

/// <summary>
/// Reductions along rows of every length from 0 to 33: shorter than a vector, a vector and a partial one, several
/// vectors and a partial one, at 16/8/4-lane widths and in scalar code. A row's last stretch shorter than a vector
/// folds as one partial vector whose other lanes hold the reduction's identity, so these check that no lane outside
/// the row counts (the values are exact in float32, so every result must match the reference bit for bit), that
/// nothing past the row's last element is read (it ends at an inaccessible page), and that NaN, infinities and
/// argmax/argmin ties in every lane position give what a plain left-to-right fold gives.
/// </summary>
public sealed class ShortRowReductionTests
{
    private const int MaxLength = 33;

    [Theory]
    [MemberData(nameof(FoldReference.WidthsAndTypes), MemberType = typeof(FoldReference))]
    public void Every_row_length_reduces_like_a_plain_fold(int width, DType dtype)
    {
        for (var length = 0; length <= MaxLength; length++)
        {
            const int rows = 3;
            var values = Enumerable.Range(0, rows * length).Select(i => ExactValues[(i * 7 + i / 5) % ExactValues.Length]).ToArray();
            foreach (var op in FloatOps)
            {
                if (op.IsArg() && length == 0) continue;
                CheckRows(values, rows, length, dtype, op, width, "exact values");
            }
        }
    }

    /// <summary>Row r of each block holds the special value at position r: NaN, +inf, -inf, then two NaNs (at r and at
    /// the last position, where the first must win an arg reduction).</summary>
    [Theory]
    [MemberData(nameof(FoldReference.WidthsAndTypes), MemberType = typeof(FoldReference))]
    public void Nan_and_infinities_in_every_lane_position(int width, DType dtype)
    {
        for (var length = 1; length <= MaxLength; length++)
        {
            var rows = 4 * length;
            var values = new double[rows * length];
            for (var i = 0; i < values.Length; i++) values[i] = ExactValues[(i * 3 + i / 7) % ExactValues.Length];
            for (var r = 0; r < length; r++)
            {
                values[r * length + r] = double.NaN;
                values[(length + r) * length + r] = double.PositiveInfinity;
                values[(2 * length + r) * length + r] = double.NegativeInfinity;
                values[(3 * length + r) * length + r] = double.NaN;
                values[(3 * length + r) * length + length - 1] = double.NaN;
            }
            foreach (var op in FloatOps) CheckRows(values, rows, length, dtype, op, width, "specials");
        }
    }

    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void Equal_values_give_the_first_position_to_arg_reductions(int width)
    {
        for (var length = 1; length <= MaxLength; length++)
        {
            // Row r: zeros, with the extreme value at r and at every position after r that is a multiple of 3.
            var rows = length;
            var values = new double[rows * length];
            for (var r = 0; r < rows; r++)
                for (var c = r; c < length; c++)
                    if (c == r || c % 3 == 0) values[r * length + c] = 5;
            foreach (var dtype in new[] { DType.Float32, DType.Float64 })
            {
                CheckRows(values, rows, length, dtype, ReduceOp.ArgMax, width, "ties");
                CheckRows(values.Select(v => -v).ToArray(), rows, length, dtype, ReduceOp.ArgMin, width, "ties");
            }
        }
    }

    /// <summary>A fused prologue over a strided (transposed) input: sum(exp(x - 1)) along rows of 1..33, a softmax's
    /// denominator, checked against float64 exp to float32 accuracy.</summary>
    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void Strided_rows_with_a_fused_prologue(int width)
    {
        const int rows = 5;
        for (var length = 1; length <= MaxLength; length++)
        {
            // Stored column-major: element (r, c) at c * rows + r.
            var stored = Enumerable.Range(0, rows * length).Select(i => (i * 37 % 23) / 4.0 - 3).ToArray();
            var b = new ScalarProgramBuilder();
            var shifted = b.Binary(BinaryOp.Sub, b.Load(0, DType.Float32), b.Const(DType.Float32, 1));
            var prologue = b.Build(b.Unary(UnaryOp.Exp, shifted));
            var map = new IndexMap(0, [1, rows]);
            var kernel = new ReductionKernel("softmax_denominator", [rows, length], [1], [new MappedInput(0, DType.Float32, map)],
                prologue, ReduceOp.Sum, DType.Float32, null, 1);
            using var x = new GuardedBuffer(DType.Float32, stored);
            using var y = NativeTensor.Empty(DType.Float32, rows);
            Run(kernel, width, x.Address, y.Address);
            for (var r = 0; r < rows; r++)
            {
                var expected = 0.0;
                for (var c = 0; c < length; c++) expected += Math.Exp((float)stored[c * rows + r] - 1.0);
                CodegenRun.AssertClose(expected, y[r], 2e-6, 0, $"length {length} row {r} width {width}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void Integer_and_bool_folds_of_every_row_length(int width)
    {
        const int rows = 3;
        for (var length = 0; length <= MaxLength; length++)
        {
            var values = Enumerable.Range(0, rows * length).Select(i => (double)((i * 7919 % 61) - 30)).ToArray();
            foreach (var dtype in new[] { DType.Int32, DType.Int64 })
                foreach (var op in new[] { ReduceOp.Sum, ReduceOp.Max, ReduceOp.Min, ReduceOp.Prod })
                {
                    using var x = NativeTensor.Of(dtype, values);
                    using var y = NativeTensor.Empty(dtype, rows);
                    var kernel = new ReductionKernel("reduce", [rows, length], [1], [new MappedInput(0, dtype, IndexMap.Identity([rows, length]))],
                        ScalarProgram.Identity(dtype), op, dtype, null, 1);
                    CodegenRun.Reduction(kernel, width, x, y);
                    for (var r = 0; r < rows; r++)
                    {
                        var row = values.Skip(r * length).Take(length).Select(v => (long)v).ToArray();
                        var expected = op switch
                        {
                            ReduceOp.Sum => row.Sum(),
                            ReduceOp.Max => row.Aggregate(dtype == DType.Int32 ? int.MinValue : long.MinValue, Math.Max),
                            ReduceOp.Min => row.Aggregate(dtype == DType.Int32 ? int.MaxValue : long.MaxValue, Math.Min),
                            _ => dtype == DType.Int32 ? row.Aggregate(1, (p, v) => unchecked(p * (int)v)) : row.Aggregate(1L, (p, v) => unchecked(p * v)),
                        };
                        Assert.True(expected == y.Bits(r), $"{op} {dtype} length {length} row {r} width {width}: expected {expected}, got {y.Bits(r)}");
                    }
                }

            // any(x > 20): a Bool fold of a comparison, its partial vector's outside lanes filled with false.
            var b = new ScalarProgramBuilder();
            var above = b.Binary(BinaryOp.Gt, b.Load(0, DType.Float32), b.Const(DType.Float32, 20));
            using var input = NativeTensor.Of(DType.Float32, values);
            using var any = NativeTensor.Empty(DType.Bool, rows);
            var anyKernel = new ReductionKernel("any", [rows, length], [1], [new MappedInput(0, DType.Float32, IndexMap.Identity([rows, length]))],
                b.Build(above), ReduceOp.Or, DType.Bool, null, 1);
            CodegenRun.Reduction(anyKernel, width, input, any);
            for (var r = 0; r < rows; r++)
            {
                var expected = values.Skip(r * length).Take(length).Any(v => v > 20);
                Assert.True(expected == (any[r] != 0), $"any length {length} row {r} width {width}");
            }
        }
    }

    /// <summary>Reducing the outer axis of [n, k] with a kept inner extent k below a vector (the elementwise form).</summary>
    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void Short_kept_inner_extents_reduce_the_outer_axis(int width)
    {
        const int outer = 6;
        for (var kept = 1; kept <= 17; kept++)
        {
            var values = Enumerable.Range(0, outer * kept).Select(i => ExactValues[(i * 5 + i / 3) % ExactValues.Length]).ToArray();
            values[kept % outer * kept + kept - 1] = double.NaN;
            foreach (var op in FloatOps)
                foreach (var dtype in new[] { DType.Float32, DType.Float64 })
                {
                    using var x = NativeTensor.Of(dtype, values);
                    using var y = NativeTensor.Empty(op.IsArg() ? DType.Int32 : dtype, kept);
                    var kernel = new ReductionKernel("reduce", [outer, kept], [0], [new MappedInput(0, dtype, IndexMap.Identity([outer, kept]))],
                        ScalarProgram.Identity(dtype), op, dtype, null, 1);
                    CodegenRun.Reduction(kernel, width, x, y);
                    for (var c = 0; c < kept; c++)
                    {
                        var column = Enumerable.Range(0, outer).Select(r => values[r * kept + c]).ToArray();
                        CodegenRun.AssertClose(Fold(column, op), y[c], 0, 0, $"{op} {dtype} kept {kept} column {c} width {width}");
                    }
                }
        }
    }

    private static void CheckRows(double[] values, int rows, int length, DType dtype, ReduceOp op, int width, string what)
    {
        using var x = new GuardedBuffer(dtype, values);
        using var y = NativeTensor.Empty(op.IsArg() ? DType.Int32 : dtype, rows);
        var kernel = new ReductionKernel("reduce", [rows, length], [1], [new MappedInput(0, dtype, IndexMap.Identity([rows, length]))],
            ScalarProgram.Identity(dtype), op, dtype, null, 1);
        var vectorized = Run(kernel, width, x.Address, y.Address);
        if (!op.IsArg() && width != 0 && Vector256IsAccelerated) Assert.True(vectorized, $"{op} {dtype} width {width} runs scalar code");
        for (var r = 0; r < rows; r++)
        {
            var row = values.Skip(r * length).Take(length).Select(v => dtype == DType.Float32 ? (float)v : v).ToArray();
            CodegenRun.AssertClose(Fold(row, op), y[r], 0, 0, $"{op} {dtype} {what} length {length} row {r} width {width}");
        }
    }

    /// <summary>Runs a reduction whose input is a guarded buffer (not a <see cref="NativeTensor"/>); returns whether it ran
    /// vector code.</summary>
    private static bool Run(ReductionKernel kernel, int width, nint input, nint output)
    {
        var compiled = ReductionCompiler.Compile(kernel, (VectorWidth)width);
        compiled.Run(new BufferTable([input, output]));
        return compiled.Vectorized;
    }

    private static bool Vector256IsAccelerated => System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated;
}
