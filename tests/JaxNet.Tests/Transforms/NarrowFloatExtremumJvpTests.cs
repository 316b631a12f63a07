namespace JaxNet.Tests.Transforms;

/// <summary>
/// reduce_max/reduce_min's JVP in float16 and bfloat16 under Jit, where a backend may compute a fused x in float32 and
/// round only on store (kernel IR), so x never equals its stored maximum: the tangent was 0/0 = NaN (float16
/// derivative fuzzer seeds 48, 50 and 91 on cpu). Eager runs round every op and were right.
/// </summary>
public class NarrowFloatExtremumJvpTests
{
    private static NDArray Tangent(Func<NDArray, NDArray> f, NDArray x, NDArray t) => Jax.Jvp(f, [x], [t]).Tangent;

    [Theory]
    [InlineData(DType.Float16)]
    [InlineData(DType.BFloat16)]
    public void AFusedExtremumHasTheEagerTangent(DType dtype)
    {
        var x = Jnp.Array(new float[,] { { 0.818f, -0.177f, 1.2246f }, { -0.736f, 0.3f, 0.7f } }).Astype(dtype);
        var t = Jnp.Array(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } }).Astype(dtype);
        foreach (var f in new Func<NDArray, NDArray>[] { v => Jax.Lax.ReduceMax(Jax.Lax.Logistic(v), [1]), v => Jax.Lax.ReduceMin(Jax.Lax.Tanh(v), [0, 1]) })
        {
            var eager = Tangent(f, x, t).Astype(DType.Float32).ToArray<float>();
            var jitted = Jax.Jit((NDArray v, NDArray dv) => Tangent(f, v, dv))(x, t).Astype(DType.Float32).ToArray<float>();
            // The fused kernel rounds once where eager rounds every op: a few of the dtype's ulps apart at most.
            var eps = Jnp.Finfo(dtype).Eps;
            Assert.Equal(eager.Length, jitted.Length);
            for (var i = 0; i < eager.Length; i++)
                Assert.True(Math.Abs(eager[i] - jitted[i]) <= 4 * eps * Math.Abs(eager[i]), $"{dtype}: jit {jitted[i]} vs eager {eager[i]}");
        }
    }

    [Theory]
    [InlineData(DType.Float16)]
    [InlineData(DType.BFloat16)]
    public void TiesStillShareTheTangent(DType dtype)
    {
        var x = Jnp.Array(new float[] { 2, 2, -1 }).Astype(dtype);
        var t = Jnp.Array(new float[] { 1, 3, 100 }).Astype(dtype);
        Func<NDArray, NDArray> f = v => Jax.Lax.ReduceMax(v, [0]);
        Assert.Equal(2f, Tangent(f, x, t).Astype(DType.Float32).Item<float>());
        Assert.Equal(2f, Jax.Jit((NDArray v, NDArray dv) => Tangent(f, v, dv))(x, t).Astype(DType.Float32).Item<float>());
    }
}
