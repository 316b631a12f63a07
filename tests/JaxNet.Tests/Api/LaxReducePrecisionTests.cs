using static JaxNet.Tests.Api.Expect;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Api;

/// <summary>lax.reduce_precision against NumPy's float16 cast (subnormals flushed to signed zero, as XLA does) and
/// PyTorch's bfloat16 cast, both computed once in Python from the same float32 inputs: ties, overflow, underflow,
/// NaN and infinities; the derivative passes the tangent through; Jit, Vmap and bad arguments.</summary>
public class LaxReducePrecisionTests
{
    private static readonly float[] Inputs =
    [
        1.0f, 1.00048828125f, 1.00146484375f, 1.0009765625f, 3.1415927410125732f, -2.7182817459106445f, 65504.0f, 65519.0f,
        65520.0f, 100000.0f, -100000.0f, 6.103515625e-05f, 5.999999848427251e-05f, 9.999999974752427e-07f,
        -1.0000000116860974e-07f, 1.401298464324817e-45f, 3.3999999521443642e+38f, float.PositiveInfinity,
        float.NegativeInfinity, float.NaN, 0.0f, -0.0f, 1.00390625f, 1.01171875f, 1.009765625f,
    ];

    private static readonly float[] AsFloat16 =
    [
        1.0f, 1.0f, 1.001953125f, 1.0009765625f, 3.140625f, -2.71875f, 65504.0f, 65504.0f, float.PositiveInfinity,
        float.PositiveInfinity, float.NegativeInfinity, 6.103515625e-05f, 0.0f, 0.0f, -0.0f, 0.0f, float.PositiveInfinity,
        float.PositiveInfinity, float.NegativeInfinity, float.NaN, 0.0f, -0.0f, 1.00390625f, 1.01171875f, 1.009765625f,
    ];

    private static readonly float[] AsBFloat16 =
    [
        1.0f, 1.0f, 1.0f, 1.0f, 3.140625f, -2.71875f, 65536.0f, 65536.0f, 65536.0f, 99840.0f, -99840.0f, 6.103515625e-05f,
        6.008148193359375e-05f, 9.98377799987793e-07f, -1.0011717677116394e-07f, 0.0f, float.PositiveInfinity,
        float.PositiveInfinity, float.NegativeInfinity, float.NaN, 0.0f, -0.0f, 1.0f, 1.015625f, 1.0078125f,
    ];

    [Fact]
    public void Float16_format_matches_numpy_with_subnormals_flushed()
    {
        var rounded = Lax.ReducePrecision(Jnp.Array(Inputs), exponentBits: 5, mantissaBits: 10);
        Assert.Equal(DType.Float32, rounded.DType);
        Assert.Equal(AsFloat16, rounded.ToArray<float>());
    }

    [Fact]
    public void Bfloat16_format_matches_torch()
    {
        Assert.Equal(AsBFloat16, Lax.ReducePrecision(Jnp.Array(Inputs), 8, 7).ToArray<float>());
    }

    [Fact]
    public void The_full_float32_format_changes_nothing_and_narrow_inputs_keep_their_dtype()
    {
        Assert.Equal(Inputs, Lax.ReducePrecision(Jnp.Array(Inputs), 8, 23).ToArray<float>());
        var half = Lax.ConvertElementType(F(1.5f, 3.140625f, 1000f), DType.Float16);
        var toFourBits = Lax.ReducePrecision(half, 5, 2);
        Assert.Equal(DType.Float16, toFourBits.DType);
        Values([1.5, 3.0, 1024.0], toFourBits, DType.Float16);
    }

    [Fact]
    public void Derivative_passes_the_tangent_through()
    {
        var (primal, tangent) = Jax.Jvp(x => Lax.ReducePrecision(x, 5, 10), [F(3.1415927f)], [F(1.00146484375f)]);
        Assert.Equal([3.140625f], primal.ToArray<float>());
        Assert.Equal([1.00146484375f], tangent.ToArray<float>());
        var grad = Jax.Grad(x => Jnp.Sum(Lax.ReducePrecision(x, 8, 7) * 3f))(F(0.1f, 2f));
        Assert.Equal([3f, 3f], grad.ToArray<float>());
    }

    [Fact]
    public void Jit_and_vmap_agree_with_eager()
    {
        var x = Jnp.Reshape(Jnp.Array(Inputs[..24]), [4, 6]);
        var eager = Lax.ReducePrecision(x, 5, 10).ToArray<float>();
        Assert.Equal(eager, Jax.Jit((NDArray a) => Lax.ReducePrecision(a, 5, 10))(x).ToArray<float>());
        Assert.Equal(eager, Jax.Vmap((NDArray a) => Lax.ReducePrecision(a, 5, 10))(x).ToArray<float>());
        Assert.Equal([0], Lax.ReducePrecision(Jnp.Zeros([0]), 5, 10).Shape);
    }

    [Fact]
    public void Bad_bit_counts_and_dtypes_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Lax.ReducePrecision(F(1), 0, 10));
        Assert.Throws<ArgumentException>(() => Lax.ReducePrecision(F(1), 5, -1));
        Assert.Throws<NotSupportedException>(() => Lax.ReducePrecision(Jnp.Array(new[] { 1, 2 }), 5, 10));
    }
}
