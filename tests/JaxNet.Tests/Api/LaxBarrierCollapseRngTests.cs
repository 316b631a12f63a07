using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Api;

/// <summary>
/// lax.optimization_barrier (identity under every transformation, and a fusion boundary), lax.collapse (Python slice
/// bounds) and lax.rng_bit_generator (a Threefry-2x32 counter stream checked against a host implementation of the
/// block function, key advance, dtypes and errors).
/// </summary>
public class LaxBarrierCollapseRngTests
{
    [Fact]
    public void The_barrier_is_the_identity_under_grad_jit_and_vmap()
    {
        var x = Expect.F(0.5f, -1, 2);
        var y = Expect.F(3, 4, 5);
        var out2 = Lax.OptimizationBarrier(x, y);
        Expect.Values([0.5, -1, 2], out2[0]);
        Expect.Values([3, 4, 5], out2[1]);
        Assert.Empty(Lax.OptimizationBarrier());
        Assert.Equal(new[] { 1, 2 }, Lax.OptimizationBarrier(Jnp.Array(new[] { 1, 2 }))[0].ToArray<int>());
        NDArray F(NDArray v) => Jnp.Sum(Jnp.Sin(Lax.OptimizationBarrier(v * v)[0]));
        Expect.Values(x.ToArray<float>().Select(v => 2.0 * v * Math.Cos(v * v)).ToArray(), Jax.Grad(F)(x));
        Expect.Values(x.ToArray<float>().Select(v => 2.0 * v * Math.Cos(v * v)).ToArray(), Jax.Jit(Jax.Grad(F))(x));
        var (_, t) = Jax.Jvp((NDArray v) => Lax.OptimizationBarrier(v, 2f * v)[1], [x], [Expect.F(1, 1, 1)]);
        Expect.Values([2, 2, 2], t);
        Expect.JitAndVmapAgree(v => Lax.OptimizationBarrier(Jnp.Exp(v))[0] + 1f, Jnp.Array(new[] { 0f, 1, 2, 3, 4, 5 }).Reshape(2, 3));
        Assert.Contains("optimization_barrier", Jax.MakeJaxpr((NDArray v) => Lax.OptimizationBarrier(v)[0])(x).ToString());
    }

    [Fact]
    public void The_barrier_splits_a_fused_chain()
    {
        var x = Jnp.Array(Enumerable.Range(0, 64).Select(i => i * 0.1f).ToArray());
        var fused = Jax.Jit((NDArray v) => Jnp.Sin(Jnp.Exp(v)) + 1f).Lower(x).Compile().Kernels.Count;
        var split = Jax.Jit((NDArray v) => Jnp.Sin(Lax.OptimizationBarrier(Jnp.Exp(v))[0]) + 1f).Lower(x).Compile().Kernels.Count;
        Assert.Equal(1, fused);
        Assert.Equal(2, split);
        Expect.Values(x.ToArray<float>().Select(v => Math.Sin(Math.Exp(v)) + 1).ToArray(),
            Jax.Jit((NDArray v) => Jnp.Sin(Lax.OptimizationBarrier(Jnp.Exp(v))[0]) + 1f)(x), tol: 1e-5);
    }

    [Fact]
    public void Collapse_reads_its_bounds_as_a_python_slice()
    {
        var x = Jnp.Zeros([2, 3, 4, 5]);
        Assert.Equal(new[] { 6, 4, 5 }, Lax.Collapse(x, 0, 2).Shape);
        Assert.Equal(new[] { 2, 60 }, Lax.Collapse(x, 1).Shape);
        Assert.Equal(new[] { 2, 3, 20 }, Lax.Collapse(x, -2).Shape);
        Assert.Equal(new[] { 2, 12, 5 }, Lax.Collapse(x, 1, -1).Shape);
        Assert.Equal(new[] { 120 }, Lax.Collapse(x, -10, 10).Shape);
        Assert.Equal(new[] { 2, 1, 3, 4, 5 }, Lax.Collapse(x, 1, 1).Shape);
        Assert.Equal(new[] { 0, 5 }, Lax.Collapse(Jnp.Zeros([2, 0, 5]), 0, 2).Shape);
        var values = Jnp.Array(Enumerable.Range(0, 24).ToArray()).Reshape(2, 3, 4);
        Assert.Equal(Enumerable.Range(0, 24).ToArray(), Lax.Collapse(values, 1).ToArray<int>());
        Assert.Throws<ShapeException>(() => Lax.Collapse(x, 3, 1));
        Expect.Values([2, 2, 2, 2], Jax.Grad((NDArray v) => Jnp.Sum(Lax.Collapse(v * v, 0)))(Jnp.Ones([2, 2])), shape: [2, 2]);
    }

    /// <summary>Threefry-2x32, 20 rounds, on the host (Salmon et al.'s block function, as JAX's threefry2x32).</summary>
    private static (uint, uint) Threefry(uint k0, uint k1, uint x0, uint x1)
    {
        int[][] rotations = [[13, 15, 26, 6], [17, 29, 16, 24]];
        uint[] ks = [k0, k1, k0 ^ k1 ^ 0x1BD11BDA];
        x0 += ks[0];
        x1 += ks[1];
        for (var group = 0; group < 5; group++)
        {
            foreach (var r in rotations[group % 2])
            {
                x0 += x1;
                x1 = (x1 << r) | (x1 >> (32 - r));
                x1 ^= x0;
            }
            x0 += ks[(group + 1) % 3];
            x1 += ks[(group + 2) % 3] + (uint)(group + 1);
        }
        return (x0, x1);
    }

    [Fact]
    public void Rng_bits_are_the_threefry_counter_stream()
    {
        uint[] key = [0x12345678, 0x9ABCDEF0, 7, 0xFFFFFFFE];
        var (next, bits) = Lax.RngBitGenerator(Jnp.Array(key), [5]);
        Assert.Equal(DType.UInt32, bits.DType);
        uint[] Stream(int size)
        {
            var blocks = Enumerable.Range(0, (size + 1) / 2).Select(i =>
            {
                var low = unchecked(key[3] + (uint)i);
                return Threefry(key[0], key[1], key[2] + (low < key[3] ? 1u : 0u), low);
            }).ToArray();
            // All first words, then all second words.
            return [.. blocks.Select(b => b.Item1), .. blocks.Select(b => b.Item2).Take(size - blocks.Length)];
        }
        Assert.Equal(Stream(5), bits.ToArray<uint>());
        // Three blocks used: the counter moves past them, carrying into the high word.
        Assert.Equal(new uint[] { key[0], key[1], 8, 1 }, next.ToArray<uint>());
        var (_, again) = Lax.RngBitGenerator(next, [5]);
        Assert.NotEqual(bits.ToArray<uint>(), again.ToArray<uint>());
        Assert.Equal(bits.ToArray<uint>(), Jax.Jit((NDArray k) => Lax.RngBitGenerator(k, [5]).Bits)(Jnp.Array(key)).ToArray<uint>());
        var (_, bytes) = Lax.RngBitGenerator(Jnp.Array(key), [2, 2], DType.UInt8, Lax.RandomAlgorithm.RngThreeFry);
        Assert.Equal(new[] { 2, 2 }, bytes.Shape);
        Assert.Equal(Stream(4).Select(v => (byte)v).ToArray(), bytes.ToArray<byte>());
        var (same, empty) = Lax.RngBitGenerator(Jnp.Array(key), [0, 3]);
        Assert.Equal(new[] { 0, 3 }, empty.Shape);
        Assert.Equal(key, same.ToArray<uint>());
    }

    [Fact]
    public void Rng_bits_look_uniform_and_bad_input_is_refused()
    {
        var (_, bits) = Lax.RngBitGenerator(Jnp.Array(new uint[] { 1, 2, 3, 4 }), [4096]);
        var ones = bits.ToArray<uint>().Sum(v => (long)System.Numerics.BitOperations.PopCount(v));
        // 131072 fair bits: the count of ones is within 6 standard deviations (181) of half.
        Assert.InRange(ones, 65536 - 1100, 65536 + 1100);
        Assert.Throws<ShapeException>(() => Lax.RngBitGenerator(Jnp.Array(new uint[] { 1, 2 }), [3]));
        Assert.Throws<ShapeException>(() => Lax.RngBitGenerator(Jnp.Array(new[] { 1, 2, 3, 4 }), [3]));
        Assert.Throws<ShapeException>(() => Lax.RngBitGenerator(Jnp.Array(new uint[] { 1, 2, 3, 4 }), [-1]));
        Assert.Throws<ArgumentException>(() => Lax.RngBitGenerator(Jnp.Array(new uint[] { 1, 2, 3, 4 }), [3], DType.Float32));
        Assert.Throws<NotSupportedException>(() => Lax.RngBitGenerator(Jnp.Array(new uint[] { 1, 2, 3, 4 }), [3], algorithm: Lax.RandomAlgorithm.RngPhilox));
    }
}
