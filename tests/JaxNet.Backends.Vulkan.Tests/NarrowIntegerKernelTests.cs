using JaxNet.Abstractions.Kernels;
using Xunit;
using static JaxNet.Backends.Vulkan.Tests.ModuleRunner;

namespace JaxNet.Backends.Vulkan.Tests;

/// <summary>The ABI 1.4 integers through the other kernel kinds: reductions, scans, sort, gather, scatter, GEMM, copy.</summary>
public sealed class NarrowIntegerKernelTests
{
    private static readonly Random Rng = new(1414);

    private static ReductionKernel Reduce(int[] shape, int[] axes, DType input, ReduceOp op, DType acc)
    {
        var p = new ScalarProgramBuilder();
        var v = p.Convert(p.Load(0, input), acc);
        return new ReductionKernel("reduce", shape, axes, [Contiguous(0, input, shape)], p.Build(v), op, acc, null, 1);
    }

    [VulkanFact]
    public void Int8SumsWrapInTheirAccumulatorOrWidenIntoInt32()
    {
        // 3 short rows (one invocation each) and 3 rows of 3000 (a workgroup per row).
        foreach (var cols in new[] { 5, 3000 })
        {
            var x = Enumerable.Range(0, 3 * cols).Select(_ => (sbyte)Rng.Next(-128, 128)).ToArray();
            var narrow = Values<sbyte>(Run(Reduce([3, cols], [1], DType.Int8, ReduceOp.Sum, DType.Int8), [Bytes(x)], [3])[0]);
            var wide = Values<int>(Run(Reduce([3, cols], [1], DType.Int8, ReduceOp.Sum, DType.Int32), [Bytes(x)], [12])[0]);
            for (var r = 0; r < 3; r++)
            {
                var sum = x.Skip(r * cols).Take(cols).Sum(v => (int)v);
                Assert.Equal(sum, wide[r]);
                Assert.Equal(unchecked((sbyte)sum), narrow[r]);
            }
        }
    }

    [VulkanFact]
    public void MaxMinProdAndArgMaxAtTheTypesExtremes()
    {
        short[] s = [-5, short.MinValue, 300, short.MaxValue, -1, 7];
        Assert.Equal([short.MaxValue], Values<short>(Run(Reduce([6], [0], DType.Int16, ReduceOp.Max, DType.Int16), [Bytes(s)], [2])[0]));
        Assert.Equal([short.MinValue], Values<short>(Run(Reduce([6], [0], DType.Int16, ReduceOp.Min, DType.Int16), [Bytes(s)], [2])[0]));
        ushort[] u = [300, 7, 65535, 2];
        Assert.Equal([unchecked((ushort)(300 * 7 * 65535 * 2))], Values<ushort>(Run(Reduce([4], [0], DType.UInt16, ReduceOp.Prod, DType.UInt16), [Bytes(u)], [2])[0]));
        // Unsigned order: 2^63 + 1 is the largest, although its top bit is set.
        var big = Enumerable.Range(0, 700).Select(i => (ulong)i).ToArray();
        big[123] = 0x8000000000000001;
        big[600] = 0x8000000000000001;
        Assert.Equal([123], Values<int>(Run(Reduce([700], [0], DType.UInt64, ReduceOp.ArgMax, DType.UInt64), [Bytes(big)], [4])[0]));
        Assert.Equal([0x8000000000000001ul], Values<ulong>(Run(Reduce([700], [0], DType.UInt64, ReduceOp.Max, DType.UInt64), [Bytes(big)], [8])[0]));
        sbyte[] b = [3, -128, 5, -128];
        Assert.Equal([1], Values<int>(Run(Reduce([4], [0], DType.Int8, ReduceOp.ArgMin, DType.Int8), [Bytes(b)], [4])[0]));
    }

    [VulkanFact]
    public void EmptyReductionsGiveTheIdentities()
    {
        Assert.Equal([sbyte.MinValue, sbyte.MinValue], Values<sbyte>(Run(Reduce([2, 0], [1], DType.Int8, ReduceOp.Max, DType.Int8), [[]], [2])[0]));
        Assert.Equal([ushort.MaxValue], Values<ushort>(Run(Reduce([0], [0], DType.UInt16, ReduceOp.Min, DType.UInt16), [[]], [2])[0]));
        Assert.Equal([1ul], Values<ulong>(Run(Reduce([0], [0], DType.UInt64, ReduceOp.Prod, DType.UInt64), [[]], [8])[0]));
        Assert.Equal([(short)0], Values<short>(Run(Reduce([0], [0], DType.Int16, ReduceOp.Sum, DType.Int16), [[]], [2])[0]));
    }

    [VulkanFact]
    public void CumulativeSumWrapsAtInt16()
    {
        short[] x = [30000, 30000, -1, short.MinValue];
        var k = new ScanKernel("cumsum", new TensorRef(0, DType.Int16, [4]), 0, ReduceOp.Sum, false, DType.Int16, DType.Int16, 1);
        var want = new short[4];
        short run = 0;
        for (var i = 0; i < 4; i++) want[i] = run = unchecked((short)(run + x[i]));
        Assert.Equal(want, Values<short>(Run(k, [Bytes(x)], [8])[0]));
    }

    [VulkanFact]
    public void SortsSignedAndUnsignedKeysInTheirOwnOrder()
    {
        short[] keys = [5, -1, short.MinValue, short.MaxValue, 0, -1];
        var positions = Enumerable.Range(0, 6).ToArray();
        var k = new SortKernel("argsort", [new TensorRef(0, DType.Int16, [6]), new TensorRef(1, DType.Int32, [6])], 0, 1, false, true, [2, 3]);
        var results = Run(k, [Bytes(keys), Bytes(positions)], [12, 24]);
        Assert.Equal([2, 1, 5, 4, 0, 3], Values<int>(results[1]));
        ulong[] wide = [1, ulong.MaxValue, 0x8000000000000000, 0];
        var k64 = new SortKernel("sort", [new TensorRef(0, DType.UInt64, [4])], 0, 1, false, true, [1]);
        Assert.Equal([0ul, 1, 0x8000000000000000, ulong.MaxValue], Values<ulong>(Run(k64, [Bytes(wide)], [32])[0]));
        sbyte[] bytes = [3, -3, 127, -128];
        var k8 = new SortKernel("sort", [new TensorRef(0, DType.Int8, [4])], 0, 1, true, true, [1]);
        Assert.Equal([127, 3, -3, -128], Values<sbyte>(Run(k8, [Bytes(bytes)], [4])[0]));
    }

    [VulkanFact]
    public void GathersWithUInt16IndicesAndScattersInt16WithRepeats()
    {
        short[] operand = [10, -20, 30, short.MinValue, 50];
        ushort[] indices = [3, 0, 65535, 4];
        var gather = new GatherKernel("take", new TensorRef(0, DType.Int16, [5]), new TensorRef(1, DType.UInt16, [4, 1]),
            new GatherDimensions([], [0], [0], 1), [1], IndexMode.FillOrDrop, -7, [4], 2);
        Assert.Equal([short.MinValue, 10, -7, 50], Values<short>(Run(gather, [Bytes(operand), Bytes(indices)], [8])[0]));

        int[] at = [1, 3, 1, 1, 9];
        short[] updates = [30000, 2, 30000, 4, 100];
        var scatter = new ScatterKernel("scatter_add", new TensorRef(0, DType.Int16, [5]), new TensorRef(1, DType.Int32, [5, 1]),
            new TensorRef(2, DType.Int16, [5]), new ScatterDimensions([], [0], [0], 1), ScatterCombiner.Add, IndexMode.FillOrDrop, 3);
        var got = Values<short>(Run(scatter, [Bytes(operand), Bytes(at), Bytes(updates)], [10])[0]);
        Assert.Equal([10, unchecked((short)(-20 + 30000 + 30000 + 4)), 30, unchecked((short)(short.MinValue + 2)), 50], got);

        ulong[] wide = [ulong.MaxValue, 5];
        ulong[] add = [2, 3, 0x8000000000000000];
        int[] where = [0, 1, 1];
        var scatter64 = new ScatterKernel("scatter_add", new TensorRef(0, DType.UInt64, [2]), new TensorRef(1, DType.Int32, [3, 1]),
            new TensorRef(2, DType.UInt64, [3]), new ScatterDimensions([], [0], [0], 1), ScatterCombiner.Add, IndexMode.FillOrDrop, 3);
        Assert.Equal([1ul, 0x8000000000000008], Values<ulong>(Run(scatter64, [Bytes(wide), Bytes(where), Bytes(add)], [16])[0]));
    }

    [VulkanFact]
    public void IntegerMatMulsAccumulateInTheirAccumulator()
    {
        // 130 x 70 x 140 takes the 128x128 register-tiled path, 9 x 5 x 7 the 16x16 one.
        foreach (var (m, kk, n) in new[] { (9, 5, 7), (130, 70, 140) })
        {
            var a = Enumerable.Range(0, m * kk).Select(_ => (sbyte)Rng.Next(-128, 128)).ToArray();
            var b = Enumerable.Range(0, kk * n).Select(_ => (sbyte)Rng.Next(-128, 128)).ToArray();
            var k = new ContractionKernel("mm", new TensorRef(0, DType.Int8, [m, kk]), new TensorRef(1, DType.Int8, [kk, n]),
                DotDimensions.MatMul, Precision.Highest, DType.Int32, null, 2);
            var got = Values<int>(Run(k, [Bytes(a), Bytes(b)], [m * n * 4])[0]);
            for (var i = 0; i < m; i++)
                for (var j = 0; j < n; j++)
                    Assert.Equal(Enumerable.Range(0, kk).Sum(t => a[i * kk + t] * b[t * n + j]), got[i * n + j]);
        }
        ulong[] x = [ulong.MaxValue, 3];
        ulong[] y = [2, 0x8000000000000000];
        var k64 = new ContractionKernel("dot", new TensorRef(0, DType.UInt64, [1, 2]), new TensorRef(1, DType.UInt64, [2, 1]),
            DotDimensions.MatMul, Precision.Highest, DType.UInt64, null, 2);
        Assert.Equal([unchecked(ulong.MaxValue * 2 + 3 * 0x8000000000000000)], Values<ulong>(Run(k64, [Bytes(x), Bytes(y)], [8])[0]));
    }

    [VulkanFact]
    public void CopiesOddOffsetsAndPadsWithSaturatedValues()
    {
        var x = Enumerable.Range(0, 9).Select(i => (sbyte)(i * 30 - 120)).ToArray();
        var slice = new CopyKernel("s", new MappedInput(0, DType.Int8, new IndexMap(3, [1])), [5], 1);
        Assert.Equal(x[3..8], Values<sbyte>(Run(slice, [Bytes(x)], [5])[0]));
        var flip = new CopyKernel("f", new MappedInput(0, DType.Int8, new IndexMap(8, [-2])), [4], 1);
        Assert.Equal([x[8], x[6], x[4], x[2]], Values<sbyte>(Run(flip, [Bytes(x)], [4])[0]));
        // Pad values are converted to the input's dtype: 1e6 saturates to 65535 in a uint16.
        ushort[] u = [1, 2];
        var padded = new CopyKernel("p", new MappedInput(0, DType.UInt16, new IndexMap(-1, [1]) { ValidLo = [1], ValidHi = [3], PadValue = 1e6 }), [4], 1);
        Assert.Equal([65535, 1, 2, 65535], Values<ushort>(Run(padded, [Bytes(u)], [8])[0]));
    }
}
