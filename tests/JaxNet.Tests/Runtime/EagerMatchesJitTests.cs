namespace JaxNet.Tests.Runtime;

/// <summary>
/// Eager ops give the bits Jit gives for the same function (both lower the same equations), for every dtype the
/// fast path sees, NaN and infinities included; and the fast path's cache never lets bad input through: an op that
/// fails keeps failing with the same error after the same primitive ran on good input.
/// </summary>
public class EagerMatchesJitTests
{
    private static readonly float[] Floats = [1.5f, -2f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, 3e38f];
    private static readonly float[] OtherFloats = [0.25f, float.NaN, 1f, float.PositiveInfinity, -1f, -0f, 0f, 3e38f];
    private static readonly int[] Ints = [1, -2, int.MaxValue, int.MinValue, 0, 7, -7, 3];
    private static readonly int[] OtherInts = [5, 3, 1, -1, 9, 0, 2, 3];

    public static TheoryData<string> BinaryOps => ["add", "sub", "mul", "max", "min", "lt", "eq", "add_scalar", "add_row"];

    private static NDArray Binary(string op, NDArray x, NDArray y) => op switch
    {
        "add" => x + y,
        "sub" => x - y,
        "mul" => x * y,
        "max" => Jnp.Maximum(x, y),
        "min" => Jnp.Minimum(x, y),
        "lt" => x < y,
        "eq" => x == y,
        "add_scalar" => x + 3,
        "add_row" => Jnp.Reshape(x, [2, 4]) + Jnp.Reshape(y, [2, 4])[0],
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    [Theory]
    [MemberData(nameof(BinaryOps))]
    public void Float32BinaryOpsMatchJit(string op)
    {
        var (x, y) = (Jnp.Array(Floats), Jnp.Array(OtherFloats));
        AssertSameBits(Jax.Jit((NDArray a, NDArray b) => Binary(op, a, b))(x, y), Binary(op, x, y));
        // Twice more: the second eager call runs on the fast path, the third after another primitive's.
        AssertSameBits(Binary(op, x, y), Binary(op, x, y));
        _ = Jnp.Exp(x);
        AssertSameBits(Jax.Jit((NDArray a, NDArray b) => Binary(op, a, b))(x, y), Binary(op, x, y));
    }

    [Theory]
    [MemberData(nameof(BinaryOps))]
    public void Int32BinaryOpsMatchJit(string op)
    {
        var (x, y) = (Jnp.Array(Ints), Jnp.Array(OtherInts));
        AssertSameBits(Jax.Jit((NDArray a, NDArray b) => Binary(op, a, b))(x, y), Binary(op, x, y));
        AssertSameBits(Jax.Jit((NDArray a, NDArray b) => Binary(op, a, b))(x, y), Binary(op, x, y));
    }

    [Fact]
    public void MixedDtypesPromoteAsUnderJit()
    {
        var (f, i) = (Jnp.Array(Floats), Jnp.Array(Ints));
        var eager = f + i;
        Assert.Equal(DType.Float32, eager.DType);
        AssertSameBits(Jax.Jit((NDArray a, NDArray b) => a + b)(f, i), eager);
        // A weak scalar keeps the array's dtype on both paths.
        Assert.Equal(DType.Int32, (i * 2).DType);
        AssertSameBits(Jax.Jit((NDArray a) => a * 2)(i), i * 2);
    }

    public static TheoryData<string> UnaryOps => ["neg", "exp", "abs", "sqrt", "sum", "max_reduce", "sum_axis"];

    private static NDArray Unary(string op, NDArray x) => op switch
    {
        "neg" => -x,
        "exp" => Jnp.Exp(x),
        "abs" => Jnp.Abs(x),
        "sqrt" => Jnp.Sqrt(x),
        "sum" => Jnp.Sum(x),
        "max_reduce" => Jnp.Max(x),
        "sum_axis" => Jnp.Sum(Jnp.Reshape(x, [2, 4]), 1),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    [Theory]
    [MemberData(nameof(UnaryOps))]
    public void Float32UnaryOpsAndReductionsMatchJit(string op)
    {
        var x = Jnp.Array(Floats);
        AssertSameBits(Jax.Jit((NDArray a) => Unary(op, a))(x), Unary(op, x));
        AssertSameBits(Jax.Jit((NDArray a) => Unary(op, a))(x), Unary(op, x));
    }

    [Fact]
    public void ShapeMismatchFailsTheSameBeforeAndAfterTheFastPathIsWarm()
    {
        var (x, y, z) = (Jnp.Array(Floats), Jnp.Array(OtherFloats), Jnp.Array(new float[] { 1, 2, 3 }));
        // One delegate for both calls: the message names the user's frame that called the op.
        Func<NDArray> bad = () => x + z;
        var cold = Assert.ThrowsAny<Exception>(bad);
        for (var i = 0; i < 3; i++) (x + y).Dispose();
        var warm = Assert.ThrowsAny<Exception>(bad);
        Assert.Equal(cold.GetType(), warm.GetType());
        Assert.Equal(cold.Message, warm.Message);
        Assert.Contains("[8]", warm.Message);
        Assert.Contains("[3]", warm.Message);
    }

    [Fact]
    public void LaxDtypeMismatchFailsTheSameBeforeAndAfterTheFastPathIsWarm()
    {
        var (f, g, i) = (Jnp.Array(Floats), Jnp.Array(OtherFloats), Jnp.Array(Ints));
        Func<NDArray> bad = () => Jax.Lax.Add(f, i);
        var cold = Assert.ThrowsAny<Exception>(bad);
        for (var k = 0; k < 3; k++) Jax.Lax.Add(f, g).Dispose();
        var warm = Assert.ThrowsAny<Exception>(bad);
        Assert.Equal(cold.GetType(), warm.GetType());
        Assert.Equal(cold.Message, warm.Message);
        // The failed op did not disturb the cached one.
        Assert.Equal(Floats.Zip(OtherFloats, (a, b) => a + b).ToArray(), Jax.Lax.Add(f, g).ToArray<float>());
    }

    [Fact]
    public void EmptyArraysTakeTheEagerPathLikeJit()
    {
        var e = Jnp.Array(System.Array.Empty<float>());
        for (var k = 0; k < 2; k++)
        {
            Assert.Empty((e + e).ToArray<float>());
            Assert.Equal(0f, Jnp.Sum(e).ToArray<float>()[0]);
        }
    }

    private static void AssertSameBits(NDArray expected, NDArray actual)
    {
        Assert.Equal(expected.DType, actual.DType);
        Assert.Equal(expected.Shape, actual.Shape);
        if (expected.DType == DType.Float32)
            Assert.Equal(expected.ToArray<float>().Select(BitConverter.SingleToInt32Bits), actual.ToArray<float>().Select(BitConverter.SingleToInt32Bits));
        else if (expected.DType == DType.Int32) Assert.Equal(expected.ToArray<int>(), actual.ToArray<int>());
        else if (expected.DType == DType.Bool) Assert.Equal(expected.ToArray<bool>(), actual.ToArray<bool>());
        else throw new ArgumentException($"unexpected dtype {expected.DType}");
    }
}
