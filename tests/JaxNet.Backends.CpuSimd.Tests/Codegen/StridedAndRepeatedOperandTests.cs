using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Codegen;
using JaxNet.Backends.CpuSimd.Codegen.Emit;
using JaxNet.Backends.CpuSimd.Codegen.Loops;

namespace JaxNet.Backends.CpuSimd.Tests.Codegen;

/// <summary>
/// Operands read with a small stride (2 to 4: a pooling window's every second element), operands whose elements
/// repeat 2 to 4 times in a row (a pooled gradient spread over its window), and the partial vectors that end a row
/// (RowFunctionEmitter.Tail, Simd512/Simd256.Strided). Every point is checked against a loop over the index maps,
/// with and without offsets, at odd extents and tails, in float32, float64 and int32 (NaN and infinities among the
/// floats), on every vector width; strided inputs end where an inaccessible page begins, so a load past the elements
/// the kernel reads faults, and a sentinel after each output shows that nothing is written past it.
/// </summary>
public sealed class StridedAndRepeatedOperandTests
{
    private static readonly DType[] DTypes = [DType.Float32, DType.Float64, DType.Int32];

    public static TheoryData<int, DType, int> Cases()
    {
        var data = new TheoryData<int, DType, int>();
        foreach (var width in new[] { 512, 256, 0 })
            foreach (var dtype in DTypes)
                foreach (var k in new[] { 2, 3, 4 })
                    data.Add(width, dtype, k);
        return data;
    }

    public static TheoryData<int, DType> WidthsAndTypes()
    {
        var data = new TheoryData<int, DType>();
        foreach (var width in new[] { 512, 256, 0 })
            foreach (var dtype in DTypes)
                data.Add(width, dtype);
        return data;
    }

    /// <summary>Small integers (exact in every dtype), and in float types a NaN and infinities here and there.</summary>
    private static double[] Values(long count, int seed, DType dtype)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (i * (seed + 7) + seed) % 23 - 11;
            if (dtype != DType.Int32 && i % 37 == 5) values[i] = double.NaN;
            if (dtype != DType.Int32 && i % 41 == 9) values[i] = i % 2 == 0 ? double.PositiveInfinity : double.NegativeInfinity;
        }
        return values;
    }

    private static CompiledElementwiseKernel Run(ElementwiseKernel kernel, int width, params nint[] buffers)
    {
        var compiled = ElementwiseCompiler.Compile(kernel, (VectorWidth)width);
        compiled.Run(new BufferTable(buffers));
        return compiled;
    }

    /// <summary>a * 3 + b, rounded as the dtype computes it (int32 and the small values here are exact).</summary>
    private static double Combine(double a, double b, DType dtype) =>
        dtype == DType.Float32 ? (double)((float)a * 3f + (float)b) : a * 3 + b;

    private static ElementwiseKernel TimesThreePlus(int[] shape, DType dtype, IndexMap first, IndexMap second)
    {
        var b = new ScalarProgramBuilder();
        var result = b.Binary(BinaryOp.Add, b.Binary(BinaryOp.Mul, b.Load(0, dtype), b.Const(dtype, 3)), b.Load(1, dtype));
        return new ElementwiseKernel("strided", shape, [new MappedInput(0, dtype, first), new MappedInput(1, dtype, second)], b.Build(result), [2]);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Strided_operands_match_a_loop_reference(int width, DType dtype, int k)
    {
        foreach (var rows in new[] { 1, 3, 65 })
            foreach (var columns in new[] { 1, 7, 8, 9, 14, 15, 16, 17, 31, 33, 100 })
                foreach (var offset in new[] { 0, 1 })
                    foreach (var gap in new[] { 0, 5 })
                        CheckStrided(width, dtype, k, rows, columns, offset, gap);
    }

    /// <summary>out[i, j] = x[offset + i·(columns·k + gap) + j·k] · 3 + y[i, j]; x ends at its last element read.</summary>
    private static void CheckStrided(int width, DType dtype, int k, int rows, int columns, int offset, int gap)
    {
        int[] shape = [rows, columns];
        var rowStride = columns * k + gap;
        var map = new IndexMap(offset, [rowStride, k]);
        var x = Values(offset + (rows - 1L) * rowStride + (columns - 1L) * k + 1, k, dtype);
        var y = Values(rows * columns, 3, dtype);
        using var xs = new GuardedBuffer(dtype, x);
        using var ys = NativeTensor.Of(dtype, y);
        using var output = NativeTensor.Empty(dtype, rows * columns + 1);
        output.SetBits(rows * columns, 777);
        Run(TimesThreePlus(shape, dtype, map, IndexMap.Identity(shape)), width, xs.Address, ys.Address, output.Address);
        for (var p = 0; p < rows * columns; p++)
        {
            var expected = Combine(x[map.OffsetOf([p / columns, p % columns])], y[p], dtype);
            CodegenRun.AssertClose(expected, output[p], 0, 0, $"{dtype} k={k} [{rows}, {columns}] offset {offset} gap {gap} point {p}");
        }
        Assert.Equal(777, output.Bits(rows * columns));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Repeated_operands_match_a_loop_reference(int width, DType dtype, int repeats)
    {
        foreach (var rows in new[] { 1, 5, 70 })
            foreach (var groups in new[] { 1, 3, 4, 7, 8, 9, 16, 33 })
                foreach (var offset in new[] { 0, 2 })
                    CheckRepeated(width, dtype, repeats, rows, groups, offset);
    }

    /// <summary>out[i, j, r] = w[offset + i·(groups + 3) + j] · 3 + z[i, j, r]: each element of w read
    /// <paramref name="repeats"/> times in a row, rows that cannot merge.</summary>
    private static void CheckRepeated(int width, DType dtype, int repeats, int rows, int groups, int offset)
    {
        int[] shape = [rows, groups, repeats];
        var map = new IndexMap(offset, [groups + 3, 1, 0]);
        var w = Values(offset + (rows - 1L) * (groups + 3) + groups, repeats + 1, dtype);
        var count = rows * groups * repeats;
        var z = Values(count, 5, dtype);
        using var ws = new GuardedBuffer(dtype, w);
        using var zs = NativeTensor.Of(dtype, z);
        using var output = NativeTensor.Empty(dtype, count + 1);
        output.SetBits(count, 777);
        var compiled = Run(TimesThreePlus(shape, dtype, map, IndexMap.Identity(shape)), width, ws.Address, zs.Address, output.Address);
        if (repeats is 2 or 4 && groups * repeats >= LoopNest.PartialRow) Assert.Equal(repeats, compiled.Nest.Period);
        for (var p = 0; p < count; p++)
        {
            long[] point = [p / (groups * repeats), p / repeats % groups, p % repeats];
            var expected = Combine(w[map.OffsetOf(point)], z[p], dtype);
            CodegenRun.AssertClose(expected, output[p], 0, 0, $"{dtype} x{repeats} [{rows}, {groups}] offset {offset} point {p}");
        }
        Assert.Equal(777, output.Bits(count));
    }

    /// <summary>A 2x2 max pool's gradient as the frontend fuses it: out[i, a, j, b] = g[i, j] where (a, b) is the first
    /// maximum of x's window (i, j) in row-major order, else 0; x's four window elements are read at stride 2 and
    /// repeated twice, g repeated twice, and the window position compared with index nodes.</summary>
    private static ElementwiseKernel PoolGradient(int rows, int columns, DType dtype)
    {
        var width = 2 * columns;
        var b = new ScalarProgramBuilder();
        var indexType = dtype == DType.Float64 ? DType.Int64 : DType.Int32;
        var position = b.Binary(BinaryOp.Add,
            b.Binary(BinaryOp.Mul, b.Index(1, indexType), b.ConstBits(indexType, 2)), b.Index(3, indexType));
        var window = Enumerable.Range(0, 4).Select(w => b.Load(w, dtype)).ToArray();
        var max = b.Binary(BinaryOp.Max, b.Binary(BinaryOp.Max, b.Binary(BinaryOp.Max, window[0], window[1]), window[2]), window[3]);
        var first = b.ConstBits(indexType, 4);
        for (var w = 3; w >= 0; w--) first = b.Select(b.Binary(BinaryOp.Eq, window[w], max), b.ConstBits(indexType, w), first);
        var result = b.Select(b.Binary(BinaryOp.Eq, position, first), b.Load(4, dtype), b.Const(dtype, 0));
        var windowMap = (int at) => new MappedInput(0, dtype, new IndexMap(at, [2L * width, 0, 2, 0]));
        MappedInput[] inputs =
        [
            windowMap(0), windowMap(1), windowMap(width), windowMap(width + 1),
            new(1, dtype, new IndexMap(0, [columns, 0, 1, 0])),
        ];
        return new ElementwiseKernel("pool_gradient", [rows, 2, columns, 2], inputs, b.Build(result), [2]);
    }

    [Theory]
    [MemberData(nameof(WidthsAndTypes))]
    public void A_pooled_gradient_goes_to_each_windows_first_maximum(int width, DType dtype)
    {
        foreach (var (rows, columns) in new[] { (1, 1), (3, 4), (2, 7), (5, 14), (3, 9), (4, 33) })
        {
            var x = Values(4L * rows * columns, 2, dtype).Select(v => dtype == DType.Int32 ? v % 3 : v).ToArray();
            var g = Values(rows * columns, 9, dtype);
            using var xs = new GuardedBuffer(dtype, x);
            using var gs = NativeTensor.Of(dtype, g);
            using var output = NativeTensor.Empty(dtype, 4L * rows * columns + 1);
            output.SetBits(4L * rows * columns, 777);
            var compiled = Run(PoolGradient(rows, columns, dtype), width, xs.Address, gs.Address, output.Address);
            if (2 * columns >= LoopNest.PartialRow) Assert.Equal(2, compiled.Nest.Period);
            for (var i = 0; i < rows; i++)
                for (var j = 0; j < columns; j++)
                {
                    double[] window = [x[4 * i * columns + 2 * j], x[4 * i * columns + 2 * j + 1],
                        x[(4 * i + 2) * columns + 2 * j], x[(4 * i + 2) * columns + 2 * j + 1]];
                    var max = window.Any(double.IsNaN) ? double.NaN : window.Max();
                    var first = Array.FindIndex(window, v => v == max);
                    for (var at = 0; at < 4; at++)
                    {
                        var flat = (2 * i + at / 2) * 2 * columns + 2 * j + at % 2;
                        CodegenRun.AssertClose(at == first ? g[i * columns + j] : 0, output[flat], 0, 0,
                            $"{dtype} [{rows}, {columns}] window ({i}, {j}) element {at}");
                    }
                }
            Assert.Equal(777, output.Bits(4L * rows * columns));
        }
    }

    [Theory]
    [MemberData(nameof(WidthsAndTypes))]
    public void Empty_strided_and_repeated_kernels_write_nothing(int width, DType dtype)
    {
        foreach (var shape in new[] { new[] { 0, 14 }, [14, 0], [0, 0] })
        {
            using var x = NativeTensor.Of(dtype, 1);
            using var output = NativeTensor.Of(dtype, 5);
            Run(TimesThreePlus(shape, dtype, new IndexMap(0, [0, 2]), new IndexMap(0, [0, 0])), width, x.Address, x.Address, output.Address);
            Assert.Equal(5, output[0]);
            int[] repeated = [shape[0], shape[1], 2];
            Run(TimesThreePlus(repeated, dtype, new IndexMap(0, [0, 1, 0]), new IndexMap(0, [0, 0, 0])), width, x.Address, x.Address, output.Address);
            Assert.Equal(5, output[0]);
        }
    }

    [Fact]
    public void Rows_of_half_a_vector_stay_rows_where_their_operands_permute()
    {
        // A max pool's window over [64, 32, 14, 14]: rows of 14 read at stride 2 stay innermost.
        var pool = TimesThreePlus([64, 32, 14, 14], DType.Float32, new IndexMap(0, [25088, 784, 56, 2]), IndexMap.Identity([64, 32, 14, 14]));
        var nest = ElementwiseCompiler.Nest(pool);
        Assert.False(nest.Interchanged);
        Assert.Equal(14, nest.Shape[^1]);
        // A stride of 5 has no permuted load: the long dimension still goes innermost.
        var sparse = TimesThreePlus([64, 32, 14, 14], DType.Float32, new IndexMap(0, [25088, 1120, 80, 5]), IndexMap.Identity([64, 32, 14, 14]));
        Assert.True(ElementwiseCompiler.Nest(sparse).Interchanged);
        // Rows of 7 are under half a vector.
        var short7 = TimesThreePlus([64, 32, 7, 7], DType.Float32, new IndexMap(0, [6272, 196, 28, 2]), IndexMap.Identity([64, 32, 7, 7]));
        Assert.True(ElementwiseCompiler.Nest(short7).Interchanged);
        // The second pool's gradient: 7 pairs per row, walked as one periodic row of 14.
        var gradient = ElementwiseCompiler.Nest(PoolGradient(64 * 64 * 7, 7, DType.Float32));
        Assert.Equal(2, gradient.Period);
        Assert.Equal(14, gradient.Shape[^1]);
    }
}
