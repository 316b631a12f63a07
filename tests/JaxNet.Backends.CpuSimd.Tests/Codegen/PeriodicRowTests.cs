using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Codegen;
using JaxNet.Backends.CpuSimd.Codegen.Emit;
using JaxNet.Backends.CpuSimd.Codegen.Loops;

namespace JaxNet.Backends.CpuSimd.Tests.Codegen;

/// <summary>
/// Periodic rows (LoopNest.Period): a short innermost dimension of 2 to 8, 10, 12 or 14 walked with its outer neighbour as one
/// dimension. Pair broadcasts (strides [2, 0] at offsets 0 and 1, the complex expansion's reads), per-row repeats,
/// per-column tiles, contiguous and scalar inputs, index nodes of both dimensions; periods that divide the lanes and
/// periods that do not (3, 5, 6, 7, 10, 12, 14: the vector loop steps by several vectors, one per phase); every vector width,
/// sizes around the vector widths, loops split over the cores, loads that must not read past their buffer, and the
/// kernels that keep the older loops (reductions, a period of 9, other strides).
/// </summary>
public sealed class PeriodicRowTests
{
    public static TheoryData<int, DType, int> ComplexCases()
    {
        var data = new TheoryData<int, DType, int>();
        foreach (var width in new[] { 512, 256, 0 })
            foreach (var dtype in new[] { DType.Float32, DType.Float64 })
                foreach (var n in new[] { 1, 7, 8, 9, 33, 1001, 70001 })
                    data.Add(width, dtype, n);
        return data;
    }

    public static TheoryData<int, int, DType> MixedCases()
    {
        var data = new TheoryData<int, int, DType>();
        foreach (var width in new[] { 512, 256, 0 })
            foreach (var period in new[] { 2, 3, 4, 5, 6, 7, 8, 10, 12, 14 })
                foreach (var dtype in new[] { DType.Float32, DType.Float64 })
                    data.Add(width, period, dtype);
        return data;
    }

    public static TheoryData<int, DType, int, int> GuardedCases()
    {
        var data = new TheoryData<int, DType, int, int>();
        foreach (var width in new[] { 512, 256, 0 })
            foreach (var dtype in new[] { DType.Float32, DType.Float64 })
                foreach (var period in new[] { 2, 3, 5, 8, 10, 14 })
                    foreach (var n in new[] { 1, 7, 8, 9, 33, 1001, 70001 })
                        data.Add(width, dtype, period, n);
        return data;
    }

    /// <summary>Small integers, so that every sum and product below is exact in float32.</summary>
    private static double[] Values(long count, int step, int modulus) =>
        Enumerable.Range(0, (int)count).Select(i => (double)(i * step % modulus - modulus / 2)).ToArray();

    private static CompiledElementwiseKernel Run(ElementwiseKernel kernel, int width, params nint[] buffers)
    {
        var compiled = ElementwiseCompiler.Compile(kernel, (VectorWidth)width);
        compiled.Run(new BufferTable(buffers));
        return compiled;
    }

    /// <summary>Whether [points / period, period] of streams and repeats that span at most a period is walked as one
    /// periodic row: from 16 points, or from 8 (half a vector) with a period of 2 or 4, whose rows run as one partial
    /// vector.</summary>
    internal static bool PeriodicRow(int period, long points) =>
        points >= LoopNest.ShortRow || period is 2 or 4 && points >= LoopNest.PartialRow;

    private static bool HardwareVectors(int width) => VectorWidths.Limit((VectorWidth)width) != VectorWidth.Scalar;

    /// <summary>x * y over n complex pairs, as the frontend's complex expansion writes it.</summary>
    private static ElementwiseKernel ComplexMultiply(int n, DType dtype)
    {
        var b = new ScalarProgramBuilder();
        var isReal = b.Binary(BinaryOp.Eq, b.Index(1), b.Const(DType.Int32, 0));
        var (xr, yr, xi, yi) = (b.Load(0, dtype), b.Load(1, dtype), b.Load(2, dtype), b.Load(3, dtype));
        var re = b.Binary(BinaryOp.Sub, b.Binary(BinaryOp.Mul, xr, yr), b.Binary(BinaryOp.Mul, xi, yi));
        var im = b.Binary(BinaryOp.Add, b.Binary(BinaryOp.Mul, xr, yi), b.Binary(BinaryOp.Mul, xi, yr));
        MappedInput Part(int buffer, int offset) => new(buffer, dtype, new IndexMap(offset, [2, 0]));
        return new ElementwiseKernel("complex_mul", [n, 2], [Part(0, 0), Part(1, 0), Part(0, 1), Part(1, 1)],
            b.Build(b.Select(isReal, re, im)), [2]);
    }

    [Theory]
    [MemberData(nameof(ComplexCases))]
    public void Complex_products_walk_the_pairs_as_one_dimension(int width, DType dtype, int n)
    {
        var x = Values(2 * n, 7, 23);
        var y = Values(2 * n, 5, 19);
        using var xs = NativeTensor.Of(dtype, x);
        using var ys = NativeTensor.Of(dtype, y);
        using var product = NativeTensor.Empty(dtype, 2 * n + 1);
        product.SetBits(2 * n, 12345);
        var compiled = Run(ComplexMultiply(n, dtype), width, xs.Address, ys.Address, product.Address);

        // Below 8 points the row is too short for a vector either way, and keeps its two dimensions; from 8 it is one
        // partial vector (LoopNest.PartialRow).
        Assert.Equal(PeriodicRow(2, 2 * n) ? 2 : 1, compiled.Nest.Period);
        // float64 pairs vectorize too: the int32 index and its comparison with 0 are computed once, as a lane mask.
        if (compiled.Nest.Period == 2) Assert.Equal(HardwareVectors(width), compiled.Vectorized);
        for (var k = 0; k < n; k++)
        {
            var (xr, xi, yr, yi) = (x[2 * k], x[2 * k + 1], y[2 * k], y[2 * k + 1]);
            Assert.True(product[2 * k] == xr * yr - xi * yi, $"re[{k}] = {product[2 * k]}, expected {xr * yr - xi * yi}");
            Assert.True(product[2 * k + 1] == xr * yi + xi * yr, $"im[{k}] = {product[2 * k + 1]}, expected {xr * yi + xi * yr}");
        }
        Assert.Equal(12345, product.Bits(2 * n)); // nothing written past the end
    }

    [Theory]
    [MemberData(nameof(MixedCases))]
    public void Repeats_tiles_streams_scalars_and_indices_mix(int width, int period, DType dtype)
    {
        foreach (var rows in new[] { 5, 9, 37, 70001 })
            CheckMixed(width, period, dtype, rows);
    }

    /// <summary>
    /// y = 17 i + 19 j + sum_k w_k in_k[i, j] and code = 100 i + j over [rows, period], every input read its own way;
    /// every point checked against the index maps' definition.
    /// </summary>
    private static void CheckMixed(int width, int period, DType dtype, int rows)
    {
        int[] shape = [rows, period];
        var indexType = dtype == DType.Float64 ? DType.Int64 : DType.Int32;
        (IndexMap Map, long Length)[] reads =
        [
            (new IndexMap(0, [period, 0]), rows * period),              // every period-th element, repeated (real parts)
            (new IndexMap(period - 1, [period, 0]), rows * period),     // the same at an offset (imaginary parts)
            (IndexMap.Broadcast([rows, 1], shape), rows),               // a value per row, repeated (w[:, None])
            (IndexMap.Broadcast([period], shape), period),              // a value per column, tiled
            (IndexMap.Identity(shape), rows * period),                  // contiguous
            (IndexMap.Broadcast([], shape), 1),                         // a scalar
            (new IndexMap(1, [3 * period, 0]), 3L * period * rows),     // a repeat too sparse for one load per vector
        ];
        double[] weights = [1, 2, 3, 5, 7, 11, 13];
        var b = new ScalarProgramBuilder();
        int Times(int node, double w) => b.Binary(BinaryOp.Mul, node, b.Const(dtype, w));
        var sum = b.Binary(BinaryOp.Add, Times(b.Convert(b.Index(0, indexType), dtype), 17), Times(b.Convert(b.Index(1, indexType), dtype), 19));
        for (var k = 0; k < reads.Length; k++) sum = b.Binary(BinaryOp.Add, sum, Times(b.Load(k, dtype), weights[k]));
        var code = b.Binary(BinaryOp.Add, b.Binary(BinaryOp.Mul, b.Index(0, indexType), b.ConstBits(indexType, 100)), b.Index(1, indexType));
        var kernel = new ElementwiseKernel("mixed", shape, reads.Select((r, k) => new MappedInput(k, dtype, r.Map)).ToArray(),
            b.Build(sum, code), [reads.Length, reads.Length + 1]);

        var sources = reads.Select((r, k) => Values(r.Length, 7 + k, 23 + 2 * k)).ToArray();
        var inputs = sources.Select(s => NativeTensor.Of(dtype, s)).ToArray();
        using var sums = NativeTensor.Empty(dtype, rows * period);
        using var codes = NativeTensor.Empty(indexType, rows * period);
        try
        {
            var compiled = Run(kernel, width, [.. inputs.Select(t => t.Address), sums.Address, codes.Address]);
            Assert.Equal(rows * period >= 16 ? period : 1, compiled.Nest.Period);
            if (compiled.Nest.Period > 1) Assert.Equal(HardwareVectors(width), compiled.Vectorized);
            for (var p = 0; p < rows * period; p++)
            {
                long[] point = [p / period, p % period];
                var expected = 17.0 * point[0] + 19 * point[1];
                for (var k = 0; k < reads.Length; k++) expected += weights[k] * sources[k][reads[k].Map.OffsetOf(point)];
                Assert.True(expected == sums[p], $"{rows}x{period} {dtype} point {p}: expected {expected}, got {sums[p]}");
                Assert.Equal(100 * point[0] + point[1], codes.Bits(p));
            }
        }
        finally
        {
            foreach (var input in inputs) input.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void Outer_dimensions_stay_loops_around_the_periodic_one(int width)
    {
        // [3, 50, 2]: one input reads the same pairs for every outer index, so dimension 0 cannot merge.
        int[] shape = [3, 50, 2];
        var b = new ScalarProgramBuilder();
        var sum = b.Binary(BinaryOp.Add, b.Binary(BinaryOp.Mul, b.Load(0, DType.Float32), b.Const(DType.Float32, 2)),
            b.Binary(BinaryOp.Mul, b.Load(1, DType.Float32), b.Const(DType.Float32, 3)));
        sum = b.Binary(BinaryOp.Add, sum, b.Load(2, DType.Float32));
        var coordinates = b.Binary(BinaryOp.Add, b.Binary(BinaryOp.Mul, b.Index(0), b.Const(DType.Int32, 1000)),
            b.Binary(BinaryOp.Add, b.Binary(BinaryOp.Mul, b.Index(1), b.Const(DType.Int32, 10)), b.Index(2)));
        sum = b.Binary(BinaryOp.Add, sum, b.Convert(coordinates, DType.Float32));
        MappedInput[] inputs =
        [
            new(0, DType.Float32, new IndexMap(1, [0, 2, 0])),
            new(1, DType.Float32, new IndexMap(0, [100, 2, 0])),
            new(2, DType.Float32, IndexMap.Identity(shape)),
        ];
        var sources = new[] { Values(100, 3, 17), Values(300, 5, 29), Values(300, 11, 31) };
        using var shared = NativeTensor.Of(DType.Float32, sources[0]);
        using var own = NativeTensor.Of(DType.Float32, sources[1]);
        using var plain = NativeTensor.Of(DType.Float32, sources[2]);
        using var output = NativeTensor.Empty(DType.Float32, 300);
        var compiled = Run(new ElementwiseKernel("outer", shape, inputs, b.Build(sum), [3]), width,
            shared.Address, own.Address, plain.Address, output.Address);

        Assert.Equal([3L, 100L], compiled.Nest.Shape);
        Assert.Equal(2, compiled.Nest.Period);
        for (var p = 0; p < 300; p++)
        {
            var (i, j, k) = (p / 100, p / 2 % 50, p % 2);
            var expected = 2 * sources[0][1 + 2 * j] + 3 * sources[1][100 * i + 2 * j] + sources[2][p] + 1000 * i + 10 * j + k;
            Assert.True(expected == output[p], $"point ({i}, {j}, {k}): expected {expected}, got {output[p]}");
        }
    }

    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void Bool_and_half_repeats_are_read_lane_by_lane(int width)
    {
        const int rows = 37;
        int[] shape = [rows, 2];
        var b = new ScalarProgramBuilder();
        var program = b.Build(b.Select(b.Load(0, DType.Bool), b.Convert(b.Load(1, DType.Float16), DType.Float32), b.Load(2, DType.Float32)));
        MappedInput[] inputs =
        [
            new(0, DType.Bool, IndexMap.Broadcast([rows, 1], shape)),
            new(1, DType.Float16, new IndexMap(1, [2, 0])),
            new(2, DType.Float32, IndexMap.Identity(shape)),
        ];
        var flags = Enumerable.Range(0, rows).Select(i => (double)(i % 3 == 0 ? 1 : 0)).ToArray();
        var halves = Values(2 * rows, 7, 23);
        var others = Values(2 * rows, 5, 19);
        using var f = NativeTensor.Of(DType.Bool, flags);
        using var h = NativeTensor.Of(DType.Float16, halves);
        using var o = NativeTensor.Of(DType.Float32, others);
        using var output = NativeTensor.Empty(DType.Float32, 2 * rows);
        var compiled = Run(new ElementwiseKernel("flags", shape, inputs, program, [3]), width, f.Address, h.Address, o.Address, output.Address);

        Assert.Equal(2, compiled.Nest.Period);
        for (var p = 0; p < 2 * rows; p++)
        {
            var expected = flags[p / 2] != 0 ? halves[p / 2 * 2 + 1] : others[p];
            Assert.True(expected == output[p], $"point {p}: expected {expected}, got {output[p]}");
        }
    }

    [Theory]
    [MemberData(nameof(GuardedCases))]
    public void Permuted_loads_read_nothing_past_their_inputs(int width, DType dtype, int period, int n)
    {
        // Each input ends where an inaccessible page begins. A permuted load spans a whole vector of its stream, of
        // which the last group uses a part: past the row's last point it would fault.
        if (!OperatingSystem.IsLinux()) return;
        int[] shape = [n, period];
        var b = new ScalarProgramBuilder();
        int Times(int input, double w) => b.Binary(BinaryOp.Mul, b.Load(input, dtype), b.Const(dtype, w));
        var program = b.Build(b.Binary(BinaryOp.Add, Times(0, 1), b.Binary(BinaryOp.Add, Times(1, 10), Times(2, 100))));
        MappedInput[] inputs =
        [
            new(0, dtype, new IndexMap(0, [period, 0])),            // x[::e] of e (n - 1) + 1 elements
            new(1, dtype, new IndexMap(period - 1, [period, 0])),   // the last member of n groups
            new(2, dtype, IndexMap.Broadcast([n, 1], shape)),
        ];
        var sources = new[] { Values(period * (n - 1) + 1, 3, 17), Values(period * n, 5, 19), Values(n, 7, 23) };
        using var firsts = new GuardedBuffer(dtype, sources[0]);
        using var lasts = new GuardedBuffer(dtype, sources[1]);
        using var rows = new GuardedBuffer(dtype, sources[2]);
        using var output = NativeTensor.Empty(dtype, period * n);
        var compiled = Run(new ElementwiseKernel("guarded", shape, inputs, program, [3]), width,
            firsts.Address, lasts.Address, rows.Address, output.Address);

        Assert.Equal(PeriodicRow(period, period * n) ? period : 1, compiled.Nest.Period);
        for (var p = 0; p < period * n; p++)
        {
            var group = p / period;
            var expected = sources[0][group * period] + 10 * sources[1][group * period + period - 1] + 100 * sources[2][group];
            Assert.True(expected == output[p], $"point {p}: expected {expected}, got {output[p]}");
        }
    }

    [Fact]
    public void Other_kernels_keep_their_loops()
    {
        LoopOperand Read(long offset, params long[] strides) => new(0, DType.Float32, offset, strides);
        var output = new LoopOperand(1, DType.Float32, 0, [2, 1]);
        var indexed = new HashSet<int> { 1 };

        var pairs = LoopNest.Create([1000, 2], [Read(1, 2, 0), output], indexed, reorderable: true);
        Assert.Equal(2, pairs.Period);
        Assert.Equal([2000L], pairs.Shape);

        // An accumulator several points update keeps the order of its loops.
        Assert.Equal(1, LoopNest.Create([1000, 2], [Read(1, 2, 0), output], indexed, reorderable: false).Period);
        // A period of 3 (w[:, None] * p over 3-vectors) is one too, its vector loop stepping by three vectors.
        var threes = LoopNest.Create([1000, 3], [Read(0, 1, 0), new LoopOperand(1, DType.Float32, 0, [3, 1])], indexed, reorderable: true);
        Assert.Equal(3, threes.Period);
        Assert.Equal([3000L], threes.Shape);
        // Past 8, the periods whose steps would be more than 7 vectors (odd ones) put the long dimension innermost
        // instead; 10, 12 and 14 are periods.
        foreach (var extent in new[] { 9, 11, 13, 15 })
        {
            var odd = LoopNest.Create([1000, extent], [Read(0, 1, 0), new LoopOperand(1, DType.Float32, 0, [extent, 1])], indexed, reorderable: true);
            Assert.Equal(1, odd.Period);
            Assert.True(odd.Interchanged);
        }
        foreach (var extent in new[] { 10, 12, 14 })
        {
            var even = LoopNest.Create([1000, extent], [Read(0, 1, 0), new LoopOperand(1, DType.Float32, 0, [extent, 1])], indexed, reorderable: true);
            Assert.Equal(extent, even.Period);
            Assert.False(even.Interchanged);
        }
        // From 16 a row has a vector: neither periodic nor interchanged.
        var sixteens = LoopNest.Create([1000, 16], [Read(0, 1, 0), new LoopOperand(1, DType.Float32, 0, [16, 1])], indexed, reorderable: true);
        Assert.Equal(1, sixteens.Period);
        Assert.False(sixteens.Interchanged);
        // A transposed read is neither a stream, a repeat nor a tile.
        Assert.Equal(1, LoopNest.Create([1000, 2], [Read(0, 1, 1000), output], indexed, reorderable: true).Period);
        // Too short for a vector: 6 points.
        Assert.Equal(1, LoopNest.Create([3, 2], [Read(0, 2, 0), output], indexed, reorderable: true).Period);
    }

    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void Reductions_of_pairs_are_unchanged(int width)
    {
        // |z|^2 summed over all pairs (axis 0 and 1), and re + im per pair (axis 1), from pair broadcasts.
        const int n = 1001;
        var x = Values(2 * n, 7, 23);
        foreach (var axes in new[] { new[] { 0, 1 }, [1], [0] })
        {
            var b = new ScalarProgramBuilder();
            var (re, im) = (b.Load(0, DType.Float64), b.Load(1, DType.Float64));
            var prologue = b.Build(b.Binary(BinaryOp.Add, b.Binary(BinaryOp.Mul, re, re), b.Binary(BinaryOp.Mul, im, im)));
            var kernel = new ReductionKernel("norms", [n, 2], axes,
                [new MappedInput(0, DType.Float64, new IndexMap(0, [2, 0])), new MappedInput(0, DType.Float64, new IndexMap(1, [2, 0]))],
                prologue, ReduceOp.Sum, DType.Float64, null, 1);
            var outputs = axes.Length == 2 ? 1 : axes[0] == 1 ? n : 2;
            using var xs = NativeTensor.Of(DType.Float64, x);
            using var result = NativeTensor.Empty(DType.Float64, outputs);
            CodegenRun.Reduction(kernel, width, xs, result);
            var norms = Enumerable.Range(0, n).Select(k => x[2 * k] * x[2 * k] + x[2 * k + 1] * x[2 * k + 1]).ToArray();
            double[] expected = axes.Length == 2 ? [2 * norms.Sum()] : axes[0] == 1 ? norms.Select(v => 2 * v).ToArray() : [norms.Sum(), norms.Sum()];
            Assert.Equal(expected, result.ToArray());
        }
    }
}
