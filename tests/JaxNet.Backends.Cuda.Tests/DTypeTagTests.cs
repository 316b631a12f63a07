using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Fusion;
using JaxNet.Backends.Cuda.Numerics;

namespace JaxNet.Backends.Cuda.Tests;

/// <summary>
/// Each dtype tag names its dtype and calls its own register class's ops: for every op, on values of that dtype,
/// a tag's Unary and Binary agree with the run-time dispatcher (so a tag wired to the wrong class or dtype fails).
/// </summary>
public sealed class DTypeTagTests
{
    public static TheoryData<DType> DTypes() => new(DTypeInfo.InAbi(new AbiVersion(1, 4)));

    [Theory]
    [MemberData(nameof(DTypes))]
    public void A_tag_computes_what_the_run_time_dispatcher_computes(DType dtype)
    {
        var tag = (IDTypeTag)Activator.CreateInstance(Tags.Of(dtype))!;
        Assert.Equal(dtype, tag.DType);
        var random = new Random((int)dtype + 1);
        var values = Enumerable.Range(0, 24).Select(_ => Value(dtype, random)).ToArray();
        foreach (var op in Enum.GetValues<UnaryOp>())
            foreach (var x in values)
                Assert.Equal(ScalarOps.Unary(op, dtype, x), tag.Unary(op, x));
        foreach (var op in Enum.GetValues<BinaryOp>())
            for (var i = 0; i + 1 < values.Length; i++)
                Assert.Equal(ScalarOps.Binary(op, dtype, values[i], values[i + 1]), tag.Binary(op, values[i], values[i + 1]));
    }

    private static long Value(DType dtype, Random random) => dtype.IsFloat()
        ? Registers.FromDouble((random.NextDouble() - 0.5) * 8, dtype)
        : Registers.Normalize(random.NextInt64(-1000, 1000), dtype);
}
