using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Cases;
using JaxNet.Conformance.Reference;
using Xunit;

namespace JaxNet.Conformance.Tests.Reference;

/// <summary>The oracle's kernels on small inputs whose results were computed by hand.</summary>
public sealed class ReferenceEvaluatorTests
{
    private static double[] Run(ModuleBuilder m, params HostTensor[] inputs)
    {
        var module = m.Build();
        var results = ReferenceEvaluator.Evaluate(module, inputs.Select(i => i.Data).ToArray());
        var spec = m.ResultSpecs[0];
        return new HostTensor(spec.DType, spec.Shape, results[0]).ToDoubles();
    }

    [Fact]
    public void MatMul2x3By3x2()
    {
        var m = new ModuleBuilder("mm");
        var a = m.Parameter(DType.Float32, 2, 3);
        var b = m.Parameter(DType.Float32, 3, 2);
        var c = m.Result(DType.Float32, 2, 2);
        m.Add(new ContractionKernel("d", new TensorRef(a, DType.Float32, [2, 3]), new TensorRef(b, DType.Float32, [3, 2]),
            DotDimensions.MatMul, Precision.Highest, DType.Float32, null, c));
        var result = Run(m, HostTensor.FromDoubles(DType.Float32, [2, 3], 1, 2, 3, 4, 5, 6),
            HostTensor.FromDoubles(DType.Float32, [3, 2], 7, 8, 9, 10, 11, 12));
        Assert.Equal([58, 64, 139, 154], result);
    }

    [Fact]
    public void BatchedTransposedDotGeneral()
    {
        // out[b, i, j] = sum_k a[b, k, i] * w[j, k], with batch 2, k 2, i 1, j 2.
        var m = new ModuleBuilder("bmm");
        var a = m.Parameter(DType.Int32, 2, 2, 1);
        var w = m.Parameter(DType.Int32, 2, 2);
        var c = m.Result(DType.Int32, 2, 1, 2);
        m.Add(new ContractionKernel("d", new TensorRef(a, DType.Int32, [2, 2, 1]), new TensorRef(w, DType.Int32, [2, 2]),
            new DotDimensions([], [], [1], [1]), Precision.Highest, DType.Int32, null, c));
        // Without batch dims this is out[b, i, j] over lhs free (b, i) and rhs free (j): shape [2, 1, 2].
        var result = Run(m, HostTensor.FromIntegers(DType.Int32, [2, 2, 1], 1, 2, 3, 4), HostTensor.FromIntegers(DType.Int32, [2, 2], 1, 10, 100, 1000));
        Assert.Equal([21, 2100, 43, 4300], result);
    }

    [Fact]
    public void Conv1DWithStridePaddingAndDilation()
    {
        // x = [1 2 3 4 5], w = [1 0 -1] dilated by 2 (taps at 0, 2, 4), pad 2 both sides, stride 2.
        // Padded: [0 0 1 2 3 4 5 0 0]; outputs at 0, 2, 4: p[0]-p[4] = -3, p[2]-p[6] = -4, p[4]-p[8] = 3.
        var m = new ModuleBuilder("conv");
        var x = m.Parameter(DType.Float32, 1, 1, 5);
        var w = m.Parameter(DType.Float32, 1, 1, 3);
        var y = m.Result(DType.Float32, 1, 1, 3);
        var dims = ConvDimensions.ChannelsFirst(1);
        var shape = ConvolutionKernel.InferOutputShape([1, 1, 5], [1, 1, 3], dims, [2], [2], [2], [1], [2], 1);
        Assert.Equal([1, 1, 3], shape);
        m.Add(new ConvolutionKernel("c", new TensorRef(x, DType.Float32, [1, 1, 5]), new TensorRef(w, DType.Float32, [1, 1, 3]), dims,
            [2], [2], [2], [1], [2], 1, 1, Precision.Highest, DType.Float32, null, shape, y));
        Assert.Equal([-3, -4, 3], Run(m, HostTensor.FromDoubles(DType.Float32, [1, 1, 5], 1, 2, 3, 4, 5),
            HostTensor.FromDoubles(DType.Float32, [1, 1, 3], 1, 0, -1)));
    }

    [Fact]
    public void ConvTransposedByLhsDilationAndFeatureGroups()
    {
        // lhs dilation 2 puts zeros between inputs: [1 0 2]; window [1 1] gives [1, 2]. Two groups of one feature.
        var m = new ModuleBuilder("conv");
        var x = m.Parameter(DType.Float32, 1, 2, 2);
        var w = m.Parameter(DType.Float32, 2, 1, 2);
        var dims = ConvDimensions.ChannelsFirst(1);
        var shape = ConvolutionKernel.InferOutputShape([1, 2, 2], [2, 1, 2], dims, [1], [0], [0], [2], [1], 1);
        var y = m.Result(DType.Float32, shape);
        m.Add(new ConvolutionKernel("c", new TensorRef(x, DType.Float32, [1, 2, 2]), new TensorRef(w, DType.Float32, [2, 1, 2]), dims,
            [1], [0], [0], [2], [1], 2, 1, Precision.Highest, DType.Float32, null, shape, y));
        // Feature 0: [1 0 2] * [1 1] = [1, 2]; feature 1: [3 0 4] * [10 100] = [30, 400].
        Assert.Equal([1, 2, 30, 400], Run(m, HostTensor.FromDoubles(DType.Float32, [1, 2, 2], 1, 2, 3, 4),
            HostTensor.FromDoubles(DType.Float32, [2, 1, 2], 1, 1, 10, 100)));
    }

    [Fact]
    public void GatherFromXlaDocs()
    {
        // XLA's operation semantics, "gather": operand [3,3], indices [[0],[2]] (index_vector_dim 1), slice [1,3],
        // offset_dims [1], collapsed [0]: rows 0 and 2.
        var m = new ModuleBuilder("gather");
        var op = m.Parameter(DType.Int32, 3, 3);
        var ix = m.Parameter(DType.Int32, 2, 1);
        var dims = new GatherDimensions([1], [0], [0], 1);
        var shape = GatherKernel.InferOutputShape([2, 1], dims, [1, 3]);
        Assert.Equal([2, 3], shape);
        var y = m.Result(DType.Int32, shape);
        m.Add(new GatherKernel("g", new TensorRef(op, DType.Int32, [3, 3]), new TensorRef(ix, DType.Int32, [2, 1]), dims, [1, 3],
            IndexMode.Clip, 0, shape, y));
        Assert.Equal([1, 2, 3, 7, 8, 9], Run(m, HostTensor.FromIntegers(DType.Int32, [3, 3], 1, 2, 3, 4, 5, 6, 7, 8, 9),
            HostTensor.FromIntegers(DType.Int32, [2, 1], 0, 2)));
    }

    [Theory]
    [InlineData(IndexMode.Clip, new double[] { 5, 6, 5, 6, 1, 2 })]
    [InlineData(IndexMode.FillOrDrop, new double[] { -1, -1, 5, 6, -1, -1 })]
    public void GatherOutOfBoundsWindows(IndexMode mode, double[] expected)
    {
        // Windows of 2 from [1..6] at starts 7 (past the end), 4 and -3.
        var m = new ModuleBuilder("gather");
        var op = m.Parameter(DType.Float32, 6);
        var ix = m.Parameter(DType.Int64, 3, 1);
        var dims = new GatherDimensions([1], [], [0], 1);
        var y = m.Result(DType.Float32, 3, 2);
        m.Add(new GatherKernel("g", new TensorRef(op, DType.Float32, [6]), new TensorRef(ix, DType.Int64, [3, 1]), dims, [2], mode, -1, [3, 2], y));
        var result = Run(m, HostTensor.FromDoubles(DType.Float32, [6], 1, 2, 3, 4, 5, 6), HostTensor.FromIntegers(DType.Int64, [3, 1], 7, 4, -3));
        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData(IndexMode.Clip, new double[] { 11, 0, 104, 0 })]
    [InlineData(IndexMode.FillOrDrop, new double[] { 1, 0, 104, 0 })]
    public void ScatterAddWithRepeatsAndOutOfBounds(IndexMode mode, double[] expected)
    {
        // operand [1 0 4 0]; update 10 at -5 (clipped to 0, or dropped) and 100 at 2.
        var m = new ModuleBuilder("scatter");
        var op = m.Parameter(DType.Int32, 4);
        var ix = m.Parameter(DType.Int32, 2);
        var up = m.Parameter(DType.Int32, 2);
        var y = m.Result(DType.Int32, 4);
        m.Add(new ScatterKernel("s", new TensorRef(op, DType.Int32, [4]), new TensorRef(ix, DType.Int32, [2]), new TensorRef(up, DType.Int32, [2]),
            new ScatterDimensions([], [0], [0], 1), ScatterCombiner.Add, mode, y));
        var result = Run(m, HostTensor.FromIntegers(DType.Int32, [4], 1, 0, 4, 0), HostTensor.FromIntegers(DType.Int32, [2], -5, 2),
            HostTensor.FromIntegers(DType.Int32, [2], 10, 100));
        Assert.Equal(expected, result);
    }

    [Fact]
    public void SortIsStableTotalOrderWithNaNLast()
    {
        var m = new ModuleBuilder("sort");
        var keys = m.Parameter(DType.Float32, 7);
        var payload = m.Parameter(DType.Int32, 7);
        var k = m.Result(DType.Float32, 7);
        var p = m.Result(DType.Int32, 7);
        m.Add(new SortKernel("s", [new TensorRef(keys, DType.Float32, [7]), new TensorRef(payload, DType.Int32, [7])], 0, 1, false, true, [k, p]));
        var module = m.Build();
        var results = ReferenceEvaluator.Evaluate(module, [
            HostTensor.FromDoubles(DType.Float32, [7], double.NaN, 0.0, 1, -0.0, double.NegativeInfinity, 1, 0.0).Data,
            HostTensor.FromIntegers(DType.Int32, [7], 0, 1, 2, 3, 4, 5, 6).Data]);
        var sortedKeys = new HostTensor(DType.Float32, [7], results[0]).ToDoubles();
        Assert.Equal([4, 3, 1, 6, 2, 5, 0], new HostTensor(DType.Int32, [7], results[1]).ToDoubles());
        Assert.True(double.IsNegative(sortedKeys[1]) && sortedKeys[1] == 0);
        Assert.True(double.IsNaN(sortedKeys[6]));
    }

    [Fact]
    public void DescendingSortPutsNaNFirstAndKeepsTiesInOrder()
    {
        var m = new ModuleBuilder("sort");
        var keys = m.Parameter(DType.Float32, 5);
        var payload = m.Parameter(DType.Int32, 5);
        var k = m.Result(DType.Float32, 5);
        var p = m.Result(DType.Int32, 5);
        m.Add(new SortKernel("s", [new TensorRef(keys, DType.Float32, [5]), new TensorRef(payload, DType.Int32, [5])], 0, 1, true, true, [k, p]));
        var results = ReferenceEvaluator.Evaluate(m.Build(), [
            HostTensor.FromDoubles(DType.Float32, [5], 2, double.NaN, 2, 7, 1).Data, HostTensor.FromIntegers(DType.Int32, [5], 0, 1, 2, 3, 4).Data]);
        Assert.Equal([1, 3, 0, 2, 4], new HostTensor(DType.Int32, [5], results[1]).ToDoubles());
    }

    [Fact]
    public void ReverseCumulativeSumAlongRows()
    {
        var m = new ModuleBuilder("scan");
        var x = m.Parameter(DType.Int32, 2, 3);
        var y = m.Result(DType.Int32, 2, 3);
        m.Add(new ScanKernel("c", new TensorRef(x, DType.Int32, [2, 3]), 1, ReduceOp.Sum, true, DType.Int32, DType.Int32, y));
        Assert.Equal([6, 5, 3, 15, 11, 6], Run(m, HostTensor.FromIntegers(DType.Int32, [2, 3], 1, 2, 3, 4, 5, 6)));
    }

    [Fact]
    public void ReductionWithPrologueEpilogueAndArgMax()
    {
        // sum over rows of x*x, then sqrt: [[3, 4], [0, -2]] -> [5, 2].
        var m = new ModuleBuilder("norm");
        var x = m.Parameter(DType.Float64, 2, 2);
        var y = m.Result(DType.Float64, 2);
        var p = new ScalarProgramBuilder();
        var v = p.Load(0, DType.Float64);
        var e = new ScalarProgramBuilder();
        m.Add(new ReductionKernel("r", [2, 2], [1], [new MappedInput(x, DType.Float64, IndexMap.Identity([2, 2]))],
            p.Build(p.Binary(BinaryOp.Mul, v, v)), ReduceOp.Sum, DType.Float64,
            new FusedEpilogue(e.Build(e.Unary(UnaryOp.Sqrt, e.Load(0, DType.Float64))), []), y));
        Assert.Equal([5, 2], Run(m, HostTensor.FromDoubles(DType.Float64, [2, 2], 3, 4, 0, -2)));

        var a = new ModuleBuilder("argmax");
        var ax = a.Parameter(DType.Float32, 2, 4);
        var ay = a.Result(DType.Int32, 2);
        a.Add(new ReductionKernel("r", [2, 4], [1], [new MappedInput(ax, DType.Float32, IndexMap.Identity([2, 4]))],
            ScalarProgram.Identity(DType.Float32), ReduceOp.ArgMax, DType.Float32, null, ay));
        Assert.Equal([1, 2], Run(a, HostTensor.FromDoubles(DType.Float32, [2, 4], 1, 5, 5, 2, 1, 9, double.NaN, double.NaN)));
    }

    [Fact]
    public void EmptyReductionGivesTheIdentity()
    {
        var m = new ModuleBuilder("max");
        var x = m.Parameter(DType.Float32, 3, 0);
        var y = m.Result(DType.Float32, 3);
        m.Add(new ReductionKernel("r", [3, 0], [1], [new MappedInput(x, DType.Float32, IndexMap.Identity([3, 0]))],
            ScalarProgram.Identity(DType.Float32), ReduceOp.Max, DType.Float32, null, y));
        Assert.All(Run(m, new HostTensor(DType.Float32, [3, 0], [])), v => Assert.Equal(double.NegativeInfinity, v));
    }

    [Fact]
    public void ElementwiseThroughPaddedFlippedAndBroadcastMaps()
    {
        // out[i] = x[::-1] padded with 9 on both sides + broadcast scalar 100.
        var m = new ModuleBuilder("maps");
        var x = m.Parameter(DType.Int32, 3);
        var s = m.Parameter(DType.Int32);
        var y = m.Result(DType.Int32, 5);
        var b = new ScalarProgramBuilder();
        var program = b.Build(b.Binary(BinaryOp.Add, b.Load(0, DType.Int32), b.Load(1, DType.Int32)));
        var flippedPadded = new IndexMap(3, [-1]) { ValidLo = [1], ValidHi = [4], PadValue = 9 };
        m.Add(new ElementwiseKernel("e", [5], [new MappedInput(x, DType.Int32, flippedPadded), new MappedInput(s, DType.Int32, new IndexMap(0, [0]))],
            program, [y]));
        Assert.Equal([109, 103, 102, 101, 109], Run(m, HostTensor.FromIntegers(DType.Int32, [3], 1, 2, 3), HostTensor.FromIntegers(DType.Int32, [], 100)));
    }

    [Fact]
    public void TemporariesChainKernels()
    {
        // t = x * 2 (elementwise into a temporary), y = sum(t).
        var m = new ModuleBuilder("chain");
        var x = m.Parameter(DType.Float32, 4);
        var t = m.Temporary(DType.Float32, 4);
        var y = m.Result(DType.Float32);
        var b = new ScalarProgramBuilder();
        m.Add(new ElementwiseKernel("double", [4], [new MappedInput(x, DType.Float32, IndexMap.Identity([4]))],
            b.Build(b.Binary(BinaryOp.Mul, b.Load(0, DType.Float32), b.Const(DType.Float32, 2))), [t]));
        m.Add(new ReductionKernel("sum", [4], [0], [new MappedInput(t, DType.Float32, IndexMap.Identity([4]))],
            ScalarProgram.Identity(DType.Float32), ReduceOp.Sum, DType.Float32, null, y));
        Assert.Equal([20], Run(m, HostTensor.FromDoubles(DType.Float32, [4], 1, 2, 3, 4)));
    }
}
