using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Tests.Codegen;

/// <summary>Index maps (broadcast, transpose, slice, flip, reshape, pad), ranks 0..5, sizes, index nodes, multi-output.</summary>
public sealed class IndexMapAndShapeTests
{
    /// <summary>Runs y = 2*a + b + index(last) where a is read through <paramref name="map"/> from <paramref name="source"/>, and checks every point against the map's own definition.</summary>
    private static void CheckMapped(int[] shape, IndexMap map, double[] source, int width, DType dtype = DType.Float32)
    {
        var b = new ScalarProgramBuilder();
        var a = b.Load(0, dtype);
        var y = b.Binary(BinaryOp.Add, b.Binary(BinaryOp.Mul, a, b.Const(dtype, 2)), b.Load(1, dtype));
        if (shape.Length > 0) y = b.Binary(BinaryOp.Add, y, b.Convert(b.Index(shape.Length - 1), dtype));
        var count = shape.Aggregate(1, (p, s) => p * s);
        var kernel = new ElementwiseKernel("mapped", shape,
            [new MappedInput(0, dtype, map), new MappedInput(1, dtype, IndexMap.Identity(shape))], b.Build(y), [2]);
        using var input = NativeTensor.Of(dtype, source);
        using var second = NativeTensor.Of(dtype, Enumerable.Range(0, count).Select(i => (double)(i % 13)).ToArray());
        using var output = NativeTensor.Empty(dtype, count);
        CodegenRun.Elementwise(kernel, width, input, second, output);

        var point = new long[shape.Length];
        var v = new long[map.Rank];
        for (var linear = 0; linear < count; linear++)
        {
            var rest = linear;
            for (var d = shape.Length - 1; d >= 0; d--)
            {
                point[d] = rest % shape[d];
                rest /= shape[d];
            }
            map.Reshape(shape, point, v);
            var read = map.IsValid(v) ? input[map.OffsetOf(v)] : map.PadValue;
            var expected = 2 * read + linear % 13 + (shape.Length > 0 ? point[^1] : 0);
            Assert.True(expected == output[linear], $"point {linear} of {string.Join("x", shape)} via {map}: expected {expected}, got {output[linear]}");
        }
    }

    private static double[] Iota(int n) => Enumerable.Range(0, n).Select(i => (double)(i * 3 % 101)).ToArray();

    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void Broadcast_transpose_slice_flip(int width)
    {
        CheckMapped([5, 17], IndexMap.Broadcast([1, 17], [5, 17]), Iota(17), width);
        CheckMapped([5, 17], IndexMap.Broadcast([5, 1], [5, 17]), Iota(5), width);
        CheckMapped([5, 17], IndexMap.Broadcast([], [5, 17]), Iota(1), width);
        CheckMapped([17, 5], new IndexMap(0, [1, 17]), Iota(85), width);
        CheckMapped([40], new IndexMap(3, [2]), Iota(100), width);
        CheckMapped([33], new IndexMap(32, [-1]), Iota(33), width);
        CheckMapped([4, 19], new IndexMap(4 * 19 - 1, [-19, -1]), Iota(76), width, DType.Float64);
        CheckMapped([3, 2, 17], new IndexMap(0, [34, 17, 1]), Iota(102), width, DType.Int32);
    }

    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void Reshape_and_pad_maps(int width)
    {
        CheckMapped([6, 7], new IndexMap(0, [1]) { ReshapeTo = [42] }, Iota(42), width);
        CheckMapped([6, 7], new IndexMap(0, [1, 3]) { ReshapeTo = [3, 14] }, Iota(42), width);
        CheckMapped([20], new IndexMap(-2, [1]) { ValidLo = [2], ValidHi = [18], PadValue = 7.5 }, Iota(16), width);
        CheckMapped([3, 2000], new IndexMap(-1, [0, 1]) { ValidLo = [0, 1], ValidHi = [3, 1999], PadValue = -1 }, Iota(1998), width, DType.Float64);
        CheckMapped([], new IndexMap(0, [1, 1]) { ReshapeTo = [1, 1] }, Iota(1), width);
    }

    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void Every_rank_from_zero_to_five(int width)
    {
        int[][] shapes = [[], [17], [3, 17], [2, 3, 5], [2, 1, 3, 9], [2, 2, 1, 3, 5]];
        foreach (var shape in shapes)
        {
            var count = shape.Aggregate(1, (p, s) => p * s);
            CheckMapped(shape, IndexMap.Identity(shape), Iota(count), width);
            if (shape.Length > 1)
            {
                // Reversed strides: a full transpose.
                var reversed = IndexMap.RowMajorStrides(shape.Reverse().ToArray()).Reverse().ToArray();
                CheckMapped(shape, new IndexMap(0, reversed), Iota(count), width);
            }
        }
    }

    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void Index_nodes_give_coordinates_in_any_dimension(int width)
    {
        int[] shape = [3, 4, 19];
        var b = new ScalarProgramBuilder();
        var i0 = b.Index(0, DType.Int64);
        var i1 = b.Index(1, DType.Int64);
        var i2 = b.Index(2, DType.Int64);
        var code = b.Binary(BinaryOp.Add, b.Binary(BinaryOp.Mul, i0, b.ConstBits(DType.Int64, 10000)),
            b.Binary(BinaryOp.Add, b.Binary(BinaryOp.Mul, i1, b.ConstBits(DType.Int64, 100)), i2));
        var kernel = new ElementwiseKernel("iota", shape, [], b.Build(code, b.Index(2, DType.Int32)), [0, 1]);
        using var y = NativeTensor.Empty(DType.Int64, 3 * 4 * 19);
        using var z = NativeTensor.Empty(DType.Int32, 3 * 4 * 19);
        CodegenRun.Elementwise(kernel, width, y, z);
        for (var p = 0; p < 3 * 4 * 19; p++)
        {
            Assert.Equal((long)(p / 76 * 10000 + p / 19 % 4 * 100 + p % 19), y.Bits(p));
            Assert.Equal((long)(p % 19), z.Bits(p));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(1000003)]
    public void Sizes_across_vector_boundaries(int n)
    {
        foreach (var width in new[] { 512, 256, 0 })
        {
            var b = new ScalarProgramBuilder();
            var x = b.Load(0, DType.Float32);
            var sum = b.Binary(BinaryOp.Add, x, b.Load(1, DType.Float32));
            var product = b.Binary(BinaryOp.Mul, x, x);
            var map = IndexMap.Identity([n]);
            var kernel = new ElementwiseKernel("two", [n],
                [new MappedInput(0, DType.Float32, map), new MappedInput(1, DType.Float32, map)], b.Build(sum, product), [2, 3]);
            using var a = NativeTensor.Of(DType.Float32, Enumerable.Range(0, n).Select(i => (double)(i % 1000)).ToArray());
            using var c = NativeTensor.Of(DType.Float32, Enumerable.Range(0, n).Select(i => 0.5 * (i % 7)).ToArray());
            using var s = NativeTensor.Empty(DType.Float32, n + 1);
            using var p = NativeTensor.Empty(DType.Float32, n + 1);
            s.SetBits(n, 12345);
            CodegenRun.Elementwise(kernel, width, a, c, s, p);
            for (var i = 0; i < n; i++)
            {
                Assert.Equal(i % 1000 + 0.5 * (i % 7), s[i]);
                Assert.Equal((double)(i % 1000) * (i % 1000), p[i]);
            }
            Assert.Equal(12345, s.Bits(n)); // nothing written past the end
        }
    }

    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void Short_rows_run_along_a_long_outer_dimension(int width)
    {
        // [N, 3] kernels that broadcast a per-row value and read the column index: the long dimension goes innermost,
        // read and written with strides.
        CheckMapped([200, 3], IndexMap.Broadcast([200, 1], [200, 3]), Iota(200), width);
        CheckMapped([1500, 3], IndexMap.Broadcast([1500, 1], [1500, 3]), Iota(1500), width); // several blocks of rows
        CheckMapped([3, 97, 5], IndexMap.Broadcast([3, 97, 1], [3, 97, 5]), Iota(291), width, DType.Float64);
        CheckMapped([130, 2], IndexMap.Broadcast([130, 1], [130, 2]), Iota(130), width, DType.Int32);

        // Every output dtype stores strided: bool, float16 and bfloat16 results next to a float32 one.
        int[] shape = [150, 3];
        var b = new ScalarProgramBuilder();
        var x = b.Load(0, DType.Float32);
        var y = b.Binary(BinaryOp.Add, x, b.Convert(b.Index(1), DType.Float32));
        var kernel = new ElementwiseKernel("short_rows", shape, [new MappedInput(0, DType.Float32, IndexMap.Broadcast([150, 1], shape))],
            b.Build(y, b.Binary(BinaryOp.Gt, y, b.Const(DType.Float32, 100)), b.Convert(y, DType.Float16), b.Convert(y, DType.BFloat16)), [1, 2, 3, 4]);
        using var input = NativeTensor.Of(DType.Float32, Enumerable.Range(0, 150).Select(i => (double)i).ToArray());
        using var sums = NativeTensor.Empty(DType.Float32, 450);
        using var flags = NativeTensor.Empty(DType.Bool, 450);
        using var halves = NativeTensor.Empty(DType.Float16, 450);
        using var brains = NativeTensor.Empty(DType.BFloat16, 450);
        CodegenRun.Elementwise(kernel, width, input, sums, flags, halves, brains);
        for (var p = 0; p < 450; p++)
        {
            var expected = p / 3 + p % 3;
            Assert.Equal(expected, sums[p]);
            Assert.Equal(expected > 100 ? 1 : 0, flags[p]);
            Assert.Equal(expected, halves[p]);
            Assert.Equal(expected, brains[p]);
        }
    }
}
