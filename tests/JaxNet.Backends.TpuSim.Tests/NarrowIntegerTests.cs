using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using static JaxNet.Backends.TpuSim.Tests.Harness;

namespace JaxNet.Backends.TpuSim.Tests;

/// <summary>
/// The 8- and 16-bit integers of ABI 1.4 run on the simulator with the IR's wraparound, saturating float converts
/// and unsigned compares (uint64 has its own tests: UInt64Tests).
/// </summary>
public sealed class NarrowIntegerTests
{
    [Fact]
    public void The_backend_claims_every_abi_dtype()
    {
        Assert.Equal(DTypeInfo.All.ToHashSet(), Backend().Capabilities.DTypes.ToHashSet());
    }

    [Fact]
    public void Sums_wrap_and_compares_follow_the_sign()
    {
        int[] shape = [4];
        byte[] Twice(DType dtype, byte[] input)
        {
            var p = new ScalarProgramBuilder();
            var x = p.Load(0, dtype);
            var kernel = new ElementwiseKernel("twice", shape, [Input(0, dtype, shape)], p.Build(p.Binary(BinaryOp.Add, x, x)), [1]);
            Assert.Null(Backend().Capabilities.Unsupported(kernel));
            return Run(kernel, [input], [input.Length])[0];
        }
        Assert.Equal(new sbyte[] { -56, 2, -2, 0 }, Values<sbyte>(Twice(DType.Int8, Bytes(new sbyte[] { 100, 1, -1, -128 }))));
        Assert.Equal(new short[] { -2, 2, -32768, 0 }, Values<short>(Twice(DType.Int16, Bytes(new short[] { 32767, 1, -16384, -32768 }))));
        Assert.Equal(new ushort[] { 65534, 2, 0, 40000 }, Values<ushort>(Twice(DType.UInt16, Bytes(new ushort[] { 65535, 1, 32768, 20000 }))));

        // 40000 as uint16 is above 1 (a signed reading would make it negative); -1 as int8 is below 1.
        var q = new ScalarProgramBuilder();
        var compare = new ElementwiseKernel("gt", shape, [Input(0, DType.UInt16, shape), Input(1, DType.Int8, shape)],
            q.Build(q.Binary(BinaryOp.Gt, q.Load(0, DType.UInt16), q.Convert(q.Load(1, DType.Int8), DType.UInt16))), [2]);
        var gt = Run(compare, [Bytes(new ushort[] { 40000, 0, 5, 1 }), Bytes(new sbyte[] { 1, -1, 5, 0 })], [4])[0];
        Assert.Equal(new byte[] { 1, 0, 0, 1 }, gt);
    }

    [Fact]
    public void Float_converts_saturate_and_NaN_gives_zero()
    {
        int[] shape = [5];
        float[] input = [1e6f, -1e6f, float.NaN, -3.7f, 200.5f];
        byte[] Narrow(DType to)
        {
            var p = new ScalarProgramBuilder();
            var kernel = new ElementwiseKernel("narrow", shape, [Input(0, DType.Float32, shape)], p.Build(p.Convert(p.Load(0, DType.Float32), to)), [1]);
            return Run(kernel, [Bytes(input)], [5 * to.SizeOf()])[0];
        }
        Assert.Equal(new sbyte[] { 127, -128, 0, -3, 127 }, Values<sbyte>(Narrow(DType.Int8)));
        Assert.Equal(new short[] { 32767, -32768, 0, -3, 200 }, Values<short>(Narrow(DType.Int16)));
        Assert.Equal(new ushort[] { 65535, 0, 0, 0, 200 }, Values<ushort>(Narrow(DType.UInt16)));
    }
}
