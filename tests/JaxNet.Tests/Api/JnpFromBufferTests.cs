using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>jnp.frombuffer, fromstring and fromiter: numpy's readers, with numpy's errors for a bad size or offset.</summary>
public class JnpFromBufferTests
{
    [Fact]
    public void FrombufferReadsEachDtypeInItsStoredForm()
    {
        var floats = new float[] { 1.5f, -2f, float.NaN, float.PositiveInfinity };
        var fromFloats = Jnp.Frombuffer(System.Runtime.InteropServices.MemoryMarshal.AsBytes(floats.AsSpan()));
        Assert.Equal(DType.Float32, fromFloats.DType);
        Assert.Equal(floats, fromFloats.ToArray<float>());
        // numpy: np.frombuffer(b'\x01\x02\x03\x04\x05\x06\x07\x08', np.int32, offset=4) = [134678021].
        byte[] bytes = [1, 2, 3, 4, 5, 6, 7, 8];
        Ints([134678021], Jnp.Frombuffer(bytes, DType.Int32, offset: 4));
        Ints([67305985], Jnp.Frombuffer(bytes, DType.Int32, count: 1));
        Assert.Equal(new byte[] { 2, 3, 4 }, Jnp.Frombuffer(bytes, DType.UInt8, count: 3, offset: 1).ToArray<byte>());
        Assert.Equal(new uint[] { 0x04030201, 0x08070605 }, Jnp.Frombuffer(bytes, DType.UInt32).ToArray<uint>());
        Assert.Equal(new[] { true, false, true }, Jnp.Frombuffer(new byte[] { 1, 0, 7 }, DType.Bool).ToArray<bool>());
        var complex = Jnp.Frombuffer(System.Runtime.InteropServices.MemoryMarshal.AsBytes(new float[] { 1, 2, 3, -4 }.AsSpan()), DType.Complex64);
        Assert.Equal([new System.Numerics.Complex(1, 2), new System.Numerics.Complex(3, -4)], complex.ToArray<System.Numerics.Complex>());
        Assert.Equal([0], Jnp.Frombuffer([], DType.Float32).Shape);
    }

    [Fact]
    public void FrombufferOfFloat64NarrowsWithoutX64()
    {
        var doubles = System.Runtime.InteropServices.MemoryMarshal.AsBytes(new[] { 0.1, 1e300 }.AsSpan()).ToArray();
        var x = Jnp.Frombuffer(doubles, DType.Float64);
        Assert.Equal(Jax.Config.EnableX64 ? DType.Float64 : DType.Float32, x.DType);
        Assert.Equal(0.1f, x.ToArray<float>()[0]);
        Assert.True(float.IsPositiveInfinity(x.ToArray<float>()[1]) || Jax.Config.EnableX64);
    }

    [Fact]
    public void FrombufferRefusesBadSizesAndOffsetsAsNumpyDoes()
    {
        byte[] bytes = [1, 2, 3, 4, 5, 6];
        Assert.Contains("multiple of element size", Assert.Throws<ArgumentException>(() => Jnp.Frombuffer(bytes, DType.Int32)).Message);
        Assert.Contains("smaller than requested size", Assert.Throws<ArgumentException>(() => Jnp.Frombuffer(bytes, DType.Int32, count: 2)).Message);
        Assert.Contains("no greater than buffer length (6)", Assert.Throws<ArgumentException>(() => Jnp.Frombuffer(bytes, DType.UInt8, offset: 7)).Message);
        Assert.Throws<ArgumentException>(() => Jnp.Frombuffer(bytes, DType.UInt8, offset: -1));
        Assert.Throws<ArgumentException>(() => Jnp.Frombuffer(bytes, DType.UInt8, count: -2));
        // An offset at the end with count -1 is an empty array, as in numpy.
        Assert.Equal([0], Jnp.Frombuffer(bytes, DType.UInt8, offset: 6).Shape);
    }

    [Fact]
    public void FromstringSplitsOnTheSeparator()
    {
        // numpy: np.fromstring('1 2\n 3', sep=' ') = [1., 2., 3.]; np.fromstring('1.5, -2,3e2', sep=',') = [1.5, -2, 300].
        Values([1, 2, 3], Jnp.Fromstring("1 2\n 3", sep: " "));
        Values([1.5, -2, 300], Jnp.Fromstring("1.5, -2,3e2", sep: ","));
        Ints([7, -8], Jnp.Fromstring("7;-8;9", sep: ";", dtype: DType.Int32, count: 2));
        var special = Jnp.Fromstring("nan inf -inf", sep: " ").ToArray<float>();
        Assert.True(float.IsNaN(special[0]) && float.IsPositiveInfinity(special[1]) && float.IsNegativeInfinity(special[2]));
        Assert.Equal(new[] { true, false }, Jnp.Fromstring("3 0", sep: " ", dtype: DType.Bool).ToArray<bool>());
        Assert.Equal([0], Jnp.Fromstring("", sep: ",").Shape);
        Assert.Equal([0], Jnp.Fromstring("   ", sep: " ").Shape);
    }

    [Fact]
    public void FromstringRefusesBinaryModeAndBadText()
    {
        Assert.Contains("binary mode", Assert.Throws<ArgumentException>(() => Jnp.Fromstring("1 2", sep: "")).Message);
        Assert.Contains("'x'", Assert.Throws<ArgumentException>(() => Jnp.Fromstring("1,x", sep: ",")).Message);
        Assert.Contains("'1.5'", Assert.Throws<ArgumentException>(() => Jnp.Fromstring("1 1.5", sep: " ", dtype: DType.Int32)).Message);
        Assert.Throws<ArgumentException>(() => Jnp.Fromstring("1 2", sep: " ", count: 3));
        Assert.Throws<NotSupportedException>(() => Jnp.Fromstring("1 2", sep: " ", dtype: DType.Complex64));
    }

    [Fact]
    public void FromiterTakesCountValues()
    {
        Values([0, 1, 4, 9], Jnp.Fromiter(Enumerable.Range(0, 4).Select(i => (double)i * i), DType.Float32));
        // An endless sequence with a count stops there.
        Ints([5, 5, 5], Jnp.Fromiter(Enumerable.Repeat(5, int.MaxValue), DType.Int32, count: 3));
        Assert.Contains("iterator too short", Assert.Throws<ArgumentException>(() => Jnp.Fromiter(new[] { 1, 2 }, DType.Int32, count: 3)).Message);
        Assert.Equal([0], Jnp.Fromiter(Array.Empty<float>(), DType.Float32).Shape);
        Assert.Throws<ArgumentNullException>(() => Jnp.Fromiter<int>(null!, DType.Int32));
    }
}
