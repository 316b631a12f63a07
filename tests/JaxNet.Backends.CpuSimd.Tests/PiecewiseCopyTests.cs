using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Codegen.Loops;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// Kernels that only choose between inputs and constants by coordinates (concatenate, pad, stack, as the frontend
/// lowers them) are written stretch by stretch with block copies: the results must equal the IR's definition bit
/// for bit (<see cref="PiecewiseReference"/>) along every axis, for every element size, with empty and one-element
/// pieces, cropping pads, NaN and -0.0 pad values, non-contiguous inputs, and sizes split over the cores. Kernels that
/// compute after the choice keep the generated code.
/// </summary>
public sealed class PiecewiseCopyTests
{
    [Theory]
    [InlineData("3x5 3x7", 1, DType.Float32, 12)]
    [InlineData("4x3 1x3 2x3", 0, DType.Float64, 21)]
    [InlineData("2x3x4 2x1x4 2x5x4", 1, DType.UInt8, 36)]
    [InlineData("2x0x3 2x4x3 2x0x3", 1, DType.Int32, 12)]
    [InlineData("1 1 1", 0, DType.Bool, 3)]
    [InlineData("5x1 5x2", 1, DType.Float16, 3)]
    [InlineData("3x1x4 3x1x4 3x1x4", 1, DType.Int64, 12)] // a stack along axis 1
    [InlineData("7x5x3 7x5x3", 2, DType.Float32, 6)]
    [InlineData("640x130 640x131", 1, DType.Float32, 261)] // split over the cores by rows
    [InlineData("2x70001 2x3", 1, DType.Float32, 70004)] // two long rows: split within the rows
    [InlineData("300x301 201x301", 0, DType.Int64, 150801)] // one row: split within it
    public void ConcatenationMatchesTheDefinition(string pieces, int axis, DType dtype, long rowLength)
    {
        var shapes = pieces.Split(' ').Select(p => p.Split('x').Select(int.Parse).ToArray()).ToArray();
        var shape = shapes[0].ToArray();
        shape[axis] = shapes.Sum(s => s[axis]);
        var b = new ScalarProgramBuilder();
        var inputs = new List<(byte[], IndexMap)>();
        var offsets = new List<long>();
        long at = 0;
        foreach (var piece in shapes)
        {
            var strides = IndexMap.RowMajorStrides(piece);
            var lo = new long[shape.Length];
            var hi = shape.Select(n => (long)n).ToArray();
            (lo[axis], hi[axis]) = (at, at + piece[axis]);
            inputs.Add((Data(dtype, piece.Aggregate(1L, (x, y) => x * y), inputs.Count), new IndexMap(-at * strides[axis], strides) { ValidLo = lo, ValidHi = hi }));
            at += piece[axis];
            offsets.Add(at);
        }
        var result = b.Load(inputs.Count - 1, dtype);
        for (var i = inputs.Count - 2; i >= 0; i--)
        {
            var inside = b.Binary(BinaryOp.Lt, b.Index(axis, DType.Int64), b.ConstBits(DType.Int64, offsets[i]));
            result = b.Select(inside, b.Load(i, dtype), result);
        }
        var text = RunAgainstReference(shape, dtype, inputs, b.Build(result));
        Assert.Contains($"piecewise block copy ({inputs.Count} input(s), rows of {rowLength})", text);
    }

    [Theory]
    [InlineData(DType.Float32, double.NaN)]
    [InlineData(DType.Float32, -0.0)]
    [InlineData(DType.Float64, 2.5)]
    [InlineData(DType.Float16, -1.5)]
    [InlineData(DType.Int32, -7)]
    [InlineData(DType.UInt8, 200)]
    [InlineData(DType.Bool, 1)]
    public void PaddingAndCroppingMatchTheDefinition(DType dtype, double padValue)
    {
        // Per dimension (low, high); negative crops. Rows of 7; of 72 (the rows' padding becomes ranges of one
        // merged row); and of 45 within 4 outer points (a middle axis padded).
        foreach (var (inShape, padding, rowLength) in new (int[], (int, int)[], long)[]
        {
            ([6, 9], [(-1, 3), (2, -4)], 7),
            ([6, 9], [(2, 0), (0, 0)], 72),
            ([4, 3, 5], [(0, 0), (4, 2), (0, 0)], 45),
        })
        {
            var shape = inShape.Select((n, d) => n + padding[d].Item1 + padding[d].Item2).ToArray();
            var low = padding.Select(p => (long)p.Item1).ToArray();
            var strides = IndexMap.RowMajorStrides(inShape);
            var map = new IndexMap(-low.Select((l, d) => l * strides[d]).Sum(), strides)
            {
                ValidLo = low,
                ValidHi = low.Select((l, d) => l + inShape[d]).ToArray(),
                PadValue = padValue,
            };
            var b = new ScalarProgramBuilder();
            var count = inShape.Aggregate(1L, (x, y) => x * y);
            var text = RunAgainstReference(shape, dtype, [(Data(dtype, count, 5), map)], b.Build(b.Load(0, dtype)));
            Assert.Contains($"piecewise block copy (1 input(s), rows of {rowLength})", text);
        }
    }

    [Fact]
    public void TransposedBroadcastAndFlippedPiecesAreGathered()
    {
        // out[i, j] for j < 4: xT[j, i] (stored [4, 5]); 4 <= j < 6: y[j - 4] broadcast down the rows;
        // j >= 6: z[i, 8 - j] (a flipped row of 3).
        int[] shape = [5, 9];
        var x = new IndexMap(0, [1, 5]) { ValidLo = [0, 0], ValidHi = [5, 4] };
        var y = new IndexMap(-4, [0, 1]) { ValidLo = [0, 4], ValidHi = [5, 6] };
        var z = new IndexMap(8, [3, -1]) { ValidLo = [0, 6], ValidHi = [5, 9] };
        var b = new ScalarProgramBuilder();
        var j = b.Index(1);
        var tail = b.Select(b.Binary(BinaryOp.Lt, j, b.ConstBits(DType.Int32, 6)), b.Load(1, DType.Float32), b.Load(2, DType.Float32));
        var all = b.Select(b.Binary(BinaryOp.Lt, j, b.ConstBits(DType.Int32, 4)), b.Load(0, DType.Float32), tail);
        var text = RunAgainstReference(shape, DType.Float32,
            [(Data(DType.Float32, 20, 1), x), (Data(DType.Float32, 2, 2), y), (Data(DType.Float32, 15, 3), z)], b.Build(all));
        Assert.Contains("piecewise block copy (3 input(s), rows of 9)", text);
    }

    [Theory]
    [InlineData(BinaryOp.Eq, false)]
    [InlineData(BinaryOp.Ne, false)]
    [InlineData(BinaryOp.Le, false)]
    [InlineData(BinaryOp.Gt, false)]
    [InlineData(BinaryOp.Ge, true)]
    [InlineData(BinaryOp.Lt, true)]
    public void EveryComparisonOfACoordinateChoosesAsDefined(BinaryOp op, bool constantFirst)
    {
        // where(index OP 3, x, 9.5) along the rows and the columns of a [6, 7] kernel.
        int[] shape = [6, 7];
        for (var axis = 0; axis < 2; axis++)
        {
            var b = new ScalarProgramBuilder();
            var (index, three) = (b.Index(axis), b.ConstBits(DType.Int32, 3));
            var predicate = constantFirst ? b.Binary(op, three, index) : b.Binary(op, index, three);
            var program = b.Build(b.Select(predicate, b.Load(0, DType.Float32), b.Const(DType.Float32, 9.5)));
            var text = RunAgainstReference(shape, DType.Float32, [(Data(DType.Float32, 42, 4), IndexMap.Identity(shape))], program);
            Assert.Contains("piecewise block copy", text);
        }
    }

    [Fact]
    public void ChoicesAlongUnitDimensionsAreMadeOnce()
    {
        // [1, 6, 1]: the choice along dimension 0 always takes x, whose valid region excludes dimension 2's only
        // coordinate, so the whole result is x's pad value; the other branch would read y.
        int[] shape = [1, 6, 1];
        var x = new IndexMap(0, [6, 1, 1]) { ValidLo = [0, 0, 1], ValidHi = [1, 6, 2], PadValue = 3 };
        var b = new ScalarProgramBuilder();
        var program = b.Build(b.Select(b.Binary(BinaryOp.Lt, b.Index(0), b.ConstBits(DType.Int32, 1)), b.Load(0, DType.Int32), b.Load(1, DType.Int32)));
        RunAgainstReference(shape, DType.Int32, [(Data(DType.Int32, 6, 1), x), (Data(DType.Int32, 6, 2), IndexMap.Identity(shape))], program);
    }

    [Fact]
    public void AScalarPadReadsItsOneElement()
    {
        var map = new IndexMap(2, []) { ValidLo = [], ValidHi = [], PadValue = 1 };
        var b = new ScalarProgramBuilder();
        RunAgainstReference([], DType.Float64, [(Data(DType.Float64, 3, 1), map)], b.Build(b.Load(0, DType.Float64)));
    }

    [Fact]
    public void AnEmptyKernelWritesNothing()
    {
        int[] shape = [3, 0];
        var map = new IndexMap(0, [0, 1]) { ValidLo = [0, 0], ValidHi = [3, 0] };
        var b = new ScalarProgramBuilder();
        RunAgainstReference(shape, DType.Float32, [(Data(DType.Float32, 1, 1), map)], b.Build(b.Load(0, DType.Float32)));
    }

    [Fact]
    public void ArithmeticAfterTheChoiceKeepsTheGeneratedCode()
    {
        // concatenate([x, y], 1) * 2: the scale needs the row function.
        int[] shape = [2, 4];
        var x = new IndexMap(0, [2, 1]) { ValidLo = [0, 0], ValidHi = [2, 2] };
        var y = new IndexMap(-2, [2, 1]) { ValidLo = [0, 2], ValidHi = [2, 4] };
        var b = new ScalarProgramBuilder();
        var joined = b.Select(b.Binary(BinaryOp.Lt, b.Index(1), b.ConstBits(DType.Int32, 2)), b.Load(0, DType.Float32), b.Load(1, DType.Float32));
        using var h = new ModuleHarness();
        var (bx, by) = (h.Input(new float[] { 1, 2, 3, 4 }), h.Input(new float[] { 5, 6, 7, 8 }));
        var o = h.Output(8 * sizeof(float));
        h.Run(new ElementwiseKernel("scaled", shape, [new(bx, DType.Float32, x), new(by, DType.Float32, y)],
            b.Build(b.Binary(BinaryOp.Mul, joined, b.Const(DType.Float32, 2))), [o]));
        Assert.Equal(new float[] { 2, 4, 10, 12, 6, 8, 14, 16 }, h.Result<float>(o));
        Assert.Contains("generated elementwise code", h.Executable!.Describe());
    }

    [Fact]
    public void AChoiceOnALoadedPredicateOrAReshapedInputKeepsTheGeneratedCode()
    {
        int[] shape = [4];
        var b = new ScalarProgramBuilder();
        var program = b.Build(b.Select(b.Load(0, DType.Bool), b.Load(1, DType.Float32), b.Const(DType.Float32, -1)));
        using var h = new ModuleHarness();
        var (mask, values) = (h.Input(new byte[] { 1, 0, 0, 1 }), h.Input(new float[] { 1, 2, 3, 4 }));
        var o = h.Output(4 * sizeof(float));
        h.Run(new ElementwiseKernel("masked", shape, [new(mask, DType.Bool, IndexMap.Identity(shape)), new(values, DType.Float32, IndexMap.Identity(shape))],
            program, [o]));
        Assert.Equal(new float[] { 1, -1, -1, 4 }, h.Result<float>(o));
        Assert.Contains("generated elementwise code", h.Executable!.Describe());

        // A [2, 3] input read as [3, 2] and padded: the reshape is the element-by-element reader's.
        var reshaped = new IndexMap(0, [3, 1]) { ReshapeTo = [2, 3], ValidLo = [0, 0], ValidHi = [2, 2] };
        var c = new ScalarProgramBuilder();
        using var g = new ModuleHarness();
        var input = g.Input(new float[] { 1, 2, 3, 4, 5, 6 });
        var p = g.Output(6 * sizeof(float));
        g.Run(new ElementwiseKernel("reshaped", [3, 2], [new(input, DType.Float32, reshaped)], c.Build(c.Load(0, DType.Float32)), [p]));
        Assert.Equal(new float[] { 1, 2, 0, 4, 5, 0 }, g.Result<float>(p));
        Assert.DoesNotContain("piecewise", g.Executable!.Describe());
    }

    [Fact]
    public void TheLargestCasesAreSplitOverTheCores()
    {
        // The parallel cases above must be past the threshold, or they test the serial path twice.
        Assert.True(640L * 261 >= LoopRunner.ParallelElements);
        Assert.True(2L * 70004 >= LoopRunner.ParallelElements);
        Assert.True(501L * 301 >= LoopRunner.ParallelElements);
    }

    /// <summary>Runs the kernel on the backend and checks every output byte against the reference; returns the plan.</summary>
    internal static string RunAgainstReference(int[] shape, DType dtype, IReadOnlyList<(byte[] Data, IndexMap Map)> inputs, ScalarProgram program)
    {
        using var h = new ModuleHarness();
        var ids = inputs.Select(i => h.Input(i.Data)).ToArray();
        var o = h.Output(shape.Aggregate(1L, (a, b) => a * b) * dtype.SizeOf());
        var kernel = new ElementwiseKernel("pieces", shape, inputs.Select((input, i) => new MappedInput(ids[i], dtype, input.Map)).ToArray(), program, [o]);
        h.Run(kernel);
        var expected = PiecewiseReference.Evaluate(kernel, inputs.Select(i => i.Data).ToArray());
        var got = h.Result<byte>(o);
        Assert.Equal(expected.Length, got.Length);
        for (var k = 0; k < expected.Length; k++)
            Assert.True(expected[k] == got[k], $"byte {k} (element {k / dtype.SizeOf()}): {got[k]}, expected {expected[k]}");
        return h.Executable!.Describe();
    }

    /// <summary>Elements whose bytes vary (NaN payloads included for floats); Bool holds 0 or 1.</summary>
    internal static byte[] Data(DType dtype, long count, int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[Math.Max(count, 1) * dtype.SizeOf()];
        random.NextBytes(bytes);
        if (dtype == DType.Bool)
            for (var i = 0; i < bytes.Length; i++) bytes[i] &= 1;
        return bytes;
    }
}
