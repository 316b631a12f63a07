using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>Each non-elementwise kernel over every dtype, on small integers every dtype holds exactly.</summary>
public sealed class DTypeCoverageTests
{
    public static TheoryData<DType> AllDTypes() => new(DTypeInfo.All);

    private static byte[] Encode(DType dtype, double[] values) => values.SelectMany(v => dtype switch
    {
        DType.Bool => [(byte)(v != 0 ? 1 : 0)],
        DType.UInt8 => [(byte)v],
        DType.Int8 => [(byte)(sbyte)v],
        DType.Int16 => BitConverter.GetBytes((short)v),
        DType.UInt16 => BitConverter.GetBytes((ushort)v),
        DType.UInt64 => BitConverter.GetBytes((ulong)v),
        DType.Int32 => BitConverter.GetBytes((int)v),
        DType.Int64 => BitConverter.GetBytes((long)v),
        DType.UInt32 => BitConverter.GetBytes((uint)v),
        DType.Float16 => BitConverter.GetBytes((Half)v),
        DType.BFloat16 => BitConverter.GetBytes((ushort)(BitConverter.SingleToUInt32Bits((float)v) >> 16)),
        DType.Float32 => BitConverter.GetBytes((float)v),
        _ => BitConverter.GetBytes(v),
    }).ToArray();

    private static double[] Decode(DType dtype, byte[] bytes)
    {
        var size = dtype.SizeOf();
        return Enumerable.Range(0, bytes.Length / size).Select(i => dtype switch
        {
            DType.Bool or DType.UInt8 => bytes[i],
            DType.Int8 => (sbyte)bytes[i],
            DType.Int16 => BitConverter.ToInt16(bytes, i * 2),
            DType.UInt16 => BitConverter.ToUInt16(bytes, i * 2),
            DType.UInt64 => BitConverter.ToUInt64(bytes, i * 8),
            DType.Int32 => BitConverter.ToInt32(bytes, i * 4),
            DType.Int64 => BitConverter.ToInt64(bytes, i * 8),
            DType.UInt32 => BitConverter.ToUInt32(bytes, i * 4),
            DType.Float16 => (double)BitConverter.ToHalf(bytes, i * 2),
            DType.BFloat16 => BitConverter.UInt32BitsToSingle((uint)BitConverter.ToUInt16(bytes, i * 2) << 16),
            DType.Float32 => BitConverter.ToSingle(bytes, i * 4),
            _ => BitConverter.ToDouble(bytes, i * 8),
        }).ToArray();
    }

    private static double[] Small(DType dtype, int count, int seed) =>
        Enumerable.Range(0, count).Select(i => dtype == DType.Bool ? (i + seed) % 3 == 0 ? 1.0 : 0.0 : (double)((i * 5 + seed) % 4)).ToArray();

    [Theory]
    [MemberData(nameof(AllDTypes))]
    public void ContractionInEveryDType(DType dtype)
    {
        var lhs = Small(dtype, 3 * 5, 1);
        var rhs = Small(dtype, 5 * 2, 2);
        var expected = Reference.DotGeneral(lhs, [3, 5], rhs, [5, 2], DotDimensions.MatMul, out _);
        if (dtype == DType.Bool) expected = expected.Select(e => e != 0 ? 1.0 : 0).ToArray();
        using var h = new ModuleHarness();
        var l = h.Input(Encode(dtype, lhs));
        var r = h.Input(Encode(dtype, rhs));
        var o = h.Output(6L * dtype.SizeOf());
        h.Run(new ContractionKernel("dot", new TensorRef(l, dtype, [3, 5]), new TensorRef(r, dtype, [5, 2]), DotDimensions.MatMul,
            Precision.Default, dtype, null, o));
        Assert.Equal(expected, Decode(dtype, h.Result<byte>(o)));
    }

    [Theory]
    [MemberData(nameof(AllDTypes))]
    public void ConvolutionInEveryDType(DType dtype)
    {
        var lhs = Small(dtype, 1 * 2 * 4, 3);
        var rhs = Small(dtype, 2 * 2 * 2, 4);
        using var h = new ModuleHarness();
        var l = h.Input(Encode(dtype, lhs));
        var r = h.Input(Encode(dtype, rhs));
        var o = h.Output(2L * 4 * dtype.SizeOf());
        var kernel = new ConvolutionKernel("conv", new TensorRef(l, dtype, [1, 2, 4]), new TensorRef(r, dtype, [2, 2, 2]),
            ConvDimensions.ChannelsFirst(1), [1], [1], [0], [1], [1], 1, 1, Precision.Default, dtype, null, [1, 2, 4], o);
        var expected = Reference.Convolution(lhs, [1, 2, 4], rhs, [2, 2, 2], kernel);
        if (dtype == DType.Bool) expected = expected.Select(e => e != 0 ? 1.0 : 0).ToArray();
        h.Run(kernel);
        Assert.Equal(expected, Decode(dtype, h.Result<byte>(o)));
    }

    [Theory]
    [MemberData(nameof(AllDTypes))]
    public void GatherSortScanInEveryDType(DType dtype)
    {
        var x = Small(dtype, 6, 5);
        using var h = new ModuleHarness();
        var bx = h.Input(Encode(dtype, x));
        var idx = h.Input(new long[] { 5, 0, 9 });
        var gathered = h.Output(3L * dtype.SizeOf());
        var sorted = h.Output(6L * dtype.SizeOf());
        var scanned = h.Output(6L * dtype.SizeOf());
        var d = new GatherDimensions([], [0], [0], 1);
        h.Run(
            new GatherKernel("g", new TensorRef(bx, dtype, [6]), new TensorRef(idx, DType.Int64, [3, 1]), d, [1], IndexMode.FillOrDrop, 1, [3], gathered),
            new SortKernel("s", [new TensorRef(bx, dtype, [6])], 0, 1, true, true, [sorted]),
            new ScanKernel("c", new TensorRef(bx, dtype, [6]), 0, ReduceOp.Max, false, dtype, dtype, scanned));
        Assert.Equal(new[] { x[5], x[0], 1 }, Decode(dtype, h.Result<byte>(gathered)));
        Assert.Equal(x.OrderDescending().ToArray(), Decode(dtype, h.Result<byte>(sorted)));
        var running = double.NegativeInfinity;
        Assert.Equal(x.Select(v => running = Math.Max(running, v)).ToArray(), Decode(dtype, h.Result<byte>(scanned)));
    }

    [Theory]
    [MemberData(nameof(AllDTypes))]
    public void ScatterAndAllReduceInEveryDType(DType dtype)
    {
        var x = Small(dtype, 4, 6);
        using var h = new ModuleHarness(TestBackend.Create(2));
        var bx = h.Input(Encode(dtype, x));
        var idx = h.Input(new int[] { 2, 2 });
        var upd = h.Input(Encode(dtype, [1, 1]));
        var o = h.Output(4L * dtype.SizeOf());
        h.Run(new ScatterKernel("s", new TensorRef(bx, dtype, [4]), new TensorRef(idx, DType.Int32, [2, 1]), new TensorRef(upd, dtype, [2]),
            new ScatterDimensions([], [0], [0], 1), ScatterCombiner.Add, IndexMode.Clip, o));
        var expected = (double[])x.Clone();
        expected[2] = dtype == DType.Bool ? 1 : x[2] + 2;
        Assert.Equal(expected, Decode(dtype, h.Result<byte>(o)));

        var backend = h.Backend;
        var inputs = new[] { backend.Upload(Encode(dtype, x), 0), backend.Upload(Encode(dtype, x.Reverse().ToArray()), 1) };
        backend.Collectives!.AllReduce(ReduceOp.Max, dtype, inputs, inputs, 4).Wait();
        var max = x.Zip(x.Reverse(), Math.Max).ToArray();
        Assert.Equal(max, Decode(dtype, backend.Download<byte>(inputs[1], 4L * dtype.SizeOf())));
    }
}
