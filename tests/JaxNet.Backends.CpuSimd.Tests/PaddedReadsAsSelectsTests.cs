using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Codegen;
using JaxNet.Backends.CpuSimd.Codegen.Emit;
using JaxNet.Backends.CpuSimd.Tests.Codegen;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// Stacks on a new short last axis and concatenates of [N, 1] columns, as the frontend lowers them (padded reads and a
/// select on the coordinate), run as periodic rows of unpadded reads guarded by selects: bit for bit the IR's
/// definition (<see cref="PiecewiseReference"/>) for every element size, periods 2 to 8, sizes around the vector
/// widths and split over the cores; pad values that show; reads that stay within their buffers; and the kernels the
/// rewrite must leave alone.
/// </summary>
public sealed class PaddedReadsAsSelectsTests
{
    public static TheoryData<DType, int, int> StackCases()
    {
        var data = new TheoryData<DType, int, int>();
        foreach (var dtype in new[] { DType.Float32, DType.Float64, DType.Int32, DType.Int64, DType.UInt32 })
            foreach (var members in new[] { 2, 3, 5, 8 })
                foreach (var rows in new[] { 1, 7, 100, 70001 })
                    data.Add(dtype, members, rows);
        return data;
    }

    [Theory]
    [MemberData(nameof(StackCases))]
    public void A_stack_on_a_new_last_axis_is_a_periodic_row(DType dtype, int members, int rows)
    {
        int[] shape = [rows, members];
        var inputs = Enumerable.Range(0, members)
            .Select(m => (PiecewiseCopyTests.Data(dtype, rows, m + 1), new IndexMap(0, [1, 0]) { ValidLo = [0, m], ValidHi = [rows, m + 1] }))
            .ToArray();
        var text = PiecewiseCopyTests.RunAgainstReference(shape, dtype, inputs, SelectChain(members, dtype));
        // Below 16 points (8 for periods of 2 and 4) a row is too short to be periodic, and the block copies keep it.
        if (Codegen.PeriodicRowTests.PeriodicRow(members, rows * members)) Assert.Contains($"period {members}, padded reads as selects", text);
        else Assert.Contains("piecewise block copy", text);
    }

    [Theory]
    [InlineData(DType.Float32, 3, 1000)]
    [InlineData(DType.Float64, 4, 333)]
    [InlineData(DType.Int32, 2, 70001)]
    public void Columns_of_one_element_concatenated_read_their_own_position(DType dtype, int members, int rows)
    {
        // Each member is [rows, 1], contiguous: along the last axis it has stride 1 and one valid position.
        int[] shape = [rows, members];
        var inputs = Enumerable.Range(0, members)
            .Select(m => (PiecewiseCopyTests.Data(dtype, rows, 10 + m), new IndexMap(-m, [1, 1]) { ValidLo = [0, m], ValidHi = [rows, m + 1] }))
            .ToArray();
        var text = PiecewiseCopyTests.RunAgainstReference(shape, dtype, inputs, SelectChain(members, dtype));
        Assert.Contains($"period {members}, padded reads as selects", text);
    }

    [Theory]
    [InlineData(DType.Float32, double.NaN)]
    [InlineData(DType.Float32, -0.0)]
    [InlineData(DType.Float64, 2.5)]
    [InlineData(DType.Int32, -7)]
    public void Pad_values_fill_the_positions_a_read_is_not_valid_at(DType dtype, double pad)
    {
        // A [500, 1] column placed at position 1 of 4 (jnp.pad of a column): the other positions read the pad value.
        int[] shape = [500, 4];
        var map = new IndexMap(0, [1, 0]) { ValidLo = [0, 1], ValidHi = [500, 2], PadValue = pad };
        var b = new ScalarProgramBuilder();
        var text = PiecewiseCopyTests.RunAgainstReference(shape, dtype, [(PiecewiseCopyTests.Data(dtype, 500, 3), map)], b.Build(b.Load(0, dtype)));
        Assert.Contains("period 4, padded reads as selects", text);
    }

    [Theory]
    [InlineData(512, DType.Float32)]
    [InlineData(256, DType.Float64)]
    [InlineData(0, DType.Float32)]
    public void Guarded_reads_stay_within_their_buffers(int width, DType dtype)
    {
        // Each member ends where an inaccessible page begins; the rewritten kernel reads every member at every row.
        if (!OperatingSystem.IsLinux()) return;
        foreach (var rows in new[] { 6, 17, 1001 })
        {
            const int members = 3;
            int[] shape = [rows, members];
            var sources = Enumerable.Range(0, members).Select(m => Enumerable.Range(0, rows).Select(i => (double)(i * (m + 2) % 97)).ToArray()).ToArray();
            var buffers = sources.Select(s => new GuardedBuffer(dtype, s)).ToArray();
            using var output = NativeTensor.Empty(dtype, rows * members);
            try
            {
                var kernel = new ElementwiseKernel("stack", shape,
                    Enumerable.Range(0, members).Select(m => new MappedInput(m, dtype, new IndexMap(0, [1, 0]) { ValidLo = [0, m], ValidHi = [rows, m + 1] })).ToArray(),
                    SelectChain(members, dtype), [members]);
                var rewritten = PaddedReadsAsSelects.TryRewrite(kernel);
                Assert.NotNull(rewritten);
                Assert.All(rewritten.Inputs, input => Assert.False(input.Map.IsPadded));
                var compiled = ElementwiseCompiler.Compile(rewritten, (VectorWidth)width);
                compiled.Run(new BufferTable([.. buffers.Select(g => g.Address), output.Address]));
                for (var p = 0; p < rows * members; p++)
                    Assert.True(sources[p % members][p / members] == output[p], $"{rows} rows, point {p}: {output[p]}");
            }
            finally
            {
                foreach (var buffer in buffers) buffer.Dispose();
            }
        }
    }

    [Theory]
    [MemberData(nameof(StackCases))]
    public void The_planned_nest_is_the_compiled_one(DType dtype, int members, int rows)
    {
        // The backend decides on the periodic row from the plan, before compiling: the plan must be what compiling gives.
        var inputs = Enumerable.Range(0, members)
            .Select(m => new MappedInput(m, dtype, new IndexMap(0, [1, 0]) { ValidLo = [0, m], ValidHi = [rows, m + 1] }))
            .ToArray();
        var kernel = new ElementwiseKernel("stack", [rows, members], inputs, SelectChain(members, dtype), [members]);
        var rewritten = PaddedReadsAsSelects.TryRewrite(kernel);
        Assert.NotNull(rewritten);
        var planned = ElementwiseCompiler.Nest(rewritten);
        var compiled = ElementwiseCompiler.Compile(rewritten).Nest;
        Assert.Equal(compiled.Period, planned.Period);
        Assert.Equal(compiled.Shape, planned.Shape);
        Assert.Equal(Codegen.PeriodicRowTests.PeriodicRow(members, rows * members) ? members : 1, planned.Period);
    }

    [Fact]
    public void Other_padded_reads_are_left_alone()
    {
        var b = new ScalarProgramBuilder();
        var program = b.Build(b.Load(0, DType.Float32));
        ElementwiseKernel Kernel(int[] shape, IndexMap map) => new("k", shape, [new MappedInput(0, DType.Float32, map)], program, [1]);

        // Padding along an outer dimension (a stack along axis 0): the block copies serve it better.
        Assert.Null(PaddedReadsAsSelects.TryRewrite(Kernel([4, 3], new IndexMap(0, [0, 1]) { ValidLo = [1, 0], ValidHi = [2, 3] })));
        // Valid at two positions of a dimension it strides along (a concatenate of [N, 2] pieces).
        Assert.Null(PaddedReadsAsSelects.TryRewrite(Kernel([4, 4], new IndexMap(0, [2, 1]) { ValidLo = [0, 0], ValidHi = [4, 2] })));
        // Valid nowhere along the last dimension: the member may be an empty buffer.
        Assert.Null(PaddedReadsAsSelects.TryRewrite(Kernel([4, 3], new IndexMap(0, [1, 0]) { ValidLo = [0, 1], ValidHi = [4, 1] })));
        // A last dimension past the longest period.
        Assert.Null(PaddedReadsAsSelects.TryRewrite(Kernel([4, 9], new IndexMap(0, [1, 0]) { ValidLo = [0, 1], ValidHi = [4, 2] })));
        // 1- and 2-byte elements (scalar code; float16 computed in float32 would quiet a signalling NaN).
        foreach (var narrow in new[] { DType.UInt8, DType.Bool, DType.Float16, DType.BFloat16 })
        {
            var d = new ScalarProgramBuilder();
            var column = new IndexMap(0, [1, 0]) { ValidLo = [0, 1], ValidHi = [4, 2] };
            Assert.Null(PaddedReadsAsSelects.TryRewrite(new ElementwiseKernel("n", [4, 3], [new MappedInput(0, narrow, column)], d.Build(d.Load(0, narrow)), [1])));
        }
        // A reshaped read, and a pad value an int32 cannot hold.
        Assert.Null(PaddedReadsAsSelects.TryRewrite(Kernel([4, 3], new IndexMap(0, [3, 1]) { ReshapeTo = [3, 4], ValidLo = [0, 0], ValidHi = [3, 4] })));
        var c = new ScalarProgramBuilder();
        var halfPad = new IndexMap(0, [1, 0]) { ValidLo = [0, 1], ValidHi = [4, 2], PadValue = 0.5 };
        Assert.Null(PaddedReadsAsSelects.TryRewrite(new ElementwiseKernel("i", [4, 3], [new MappedInput(0, DType.Int32, halfPad)], c.Build(c.Load(0, DType.Int32)), [1])));
        // No padded read at all.
        Assert.Null(PaddedReadsAsSelects.TryRewrite(Kernel([4, 3], IndexMap.Identity([4, 3]))));
    }

    /// <summary>select(j &lt; 1, in0, select(j &lt; 2, in1, ...)), the frontend's concatenate.</summary>
    private static ScalarProgram SelectChain(int members, DType dtype)
    {
        var b = new ScalarProgramBuilder();
        var result = b.Load(members - 1, dtype);
        for (var m = members - 2; m >= 0; m--)
        {
            var inside = b.Binary(BinaryOp.Lt, b.Index(1, DType.Int64), b.ConstBits(DType.Int64, m + 1));
            result = b.Select(inside, b.Load(m, dtype), result);
        }
        return b.Build(result);
    }
}
