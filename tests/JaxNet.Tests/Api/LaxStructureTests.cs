using JaxNet.Abstractions.Kernels;

namespace JaxNet.Tests.Api;

/// <summary>
/// Lax primitives end to end (traced, lowered to the kernel IR, run on the cpu backend), eagerly and under Jit,
/// against hand-worked values: the indexing, scatter, convolution and scan primitives.
/// </summary>
public class LaxStructureTests
{
    private static NDArray I(params int[] v) => Jnp.Array(v);

    /// <summary>Runs <paramref name="f"/> eagerly and jitted and checks both give <paramref name="expected"/>.</summary>
    private static void BothWays(Func<NDArray, NDArray> f, NDArray x, float[] expected, int[] shape)
    {
        foreach (var g in new[] { f, Jax.Jit(f) })
        {
            var y = g(x);
            Assert.Equal(shape, y.Shape);
            Assert.Equal(expected, y.ToArray<float>());
        }
    }

    private static readonly NDArray Grid = Jnp.Arange(12).Astype(DType.Float32).Reshape(3, 4);

    [Fact]
    public void Dynamic_slice_reads_at_run_time_starts_and_clamps_them_into_bounds()
    {
        BothWays(x => Jax.Lax.DynamicSlice(x, [Jnp.Array(1), Jnp.Array(2)], [2, 2]), Grid, [6, 7, 10, 11], [2, 2]);
        // Start (2, 3) for a 2x2 slice of a 3x4 array is clamped to (1, 2), as in XLA.
        BothWays(x => Jax.Lax.DynamicSlice(x, [Jnp.Array(2), Jnp.Array(3)], [2, 2]), Grid, [6, 7, 10, 11], [2, 2]);
    }

    [Fact]
    public void Dynamic_update_slice_writes_a_block_and_keeps_the_rest()
    {
        var update = Jnp.Full([2, 2], -1f);
        BothWays(x => Jax.Lax.DynamicUpdateSlice(x, update, [Jnp.Array(0), Jnp.Array(1)]), Grid,
            [0, -1, -1, 3, 4, -1, -1, 7, 8, 9, 10, 11], [3, 4]);
    }

    [Fact]
    public void Scatter_add_accumulates_repeated_indices_and_drops_out_of_bounds_ones()
    {
        var operand = Jnp.Zeros([5]);
        var indices = I(1, 3, 1, 7).Reshape(4, 1);
        var updates = Jnp.Array(new float[] { 10, 20, 30, 40 });
        BothWays(x => Jax.Lax.ScatterAdd(x, indices, updates, [], [0], [0]), operand, [0, 40, 0, 20, 0], [5]);
    }

    [Fact]
    public void Scatter_replace_and_max_combine_as_documented()
    {
        var operand = Jnp.Array(new float[] { 5, 5, 5 });
        var indices = I(0, 2).Reshape(2, 1);
        var updates = Jnp.Array(new float[] { 1, 9 });
        BothWays(x => Jax.Lax.Scatter(x, indices, updates, [], [0], [0]), operand, [1, 5, 9], [3]);
        BothWays(x => Jax.Lax.Scatter(x, indices, updates, [], [0], [0], ScatterCombiner.Max), operand, [5, 5, 9], [3]);
    }

    [Fact]
    public void Conv_general_dilated_in_one_dimension_with_stride_and_padding()
    {
        // lhs [N=1, C=1, W=5] = 1..5, rhs [O=1, I=1, W=3] = (1, 0, -1), stride 2, padding (1, 1):
        // padded input 0 1 2 3 4 5 0; windows at 0, 2, 4: (0-2), (2-4), (4-0) = -2, -2, 4.
        var lhs = Jnp.Array(new float[] { 1, 2, 3, 4, 5 }).Reshape(1, 1, 5);
        var rhs = Jnp.Array(new float[] { 1, 0, -1 }).Reshape(1, 1, 3);
        BothWays(x => Jax.Lax.ConvGeneralDilated(x, rhs, [2], [(1, 1)]), lhs, [-2, -2, 4], [1, 1, 3]);
    }

    [Fact]
    public void Conv_general_dilated_in_two_dimensions_sums_each_window()
    {
        var lhs = Jnp.Arange(9).Astype(DType.Float32).Reshape(1, 1, 3, 3);
        var rhs = Jnp.Ones([1, 1, 2, 2]);
        BothWays(x => Jax.Lax.ConvGeneralDilated(x, rhs, [1, 1], [(0, 0), (0, 0)]), lhs, [8, 12, 20, 24], [1, 1, 2, 2]);
    }

    [Fact]
    public void Cumulative_max_and_min_forward_and_reverse()
    {
        var x = Jnp.Array(new float[] { 3, 1, 4, 1, 5, 9, 2, 6 });
        BothWays(v => Jax.Lax.Cummax(v), x, [3, 3, 4, 4, 5, 9, 9, 9], [8]);
        BothWays(v => Jax.Lax.Cummin(v), x, [3, 1, 1, 1, 1, 1, 1, 1], [8]);
        BothWays(v => Jax.Lax.Cummax(v, reverse: true), x, [9, 9, 9, 9, 9, 9, 6, 6], [8]);
    }

    [Fact]
    public void Gather_of_rows_with_fill_for_out_of_bounds_indices()
    {
        var indices = I(2, 0, 5).Reshape(3, 1);
        BothWays(x => Jax.Lax.Gather(x, indices, [1], [0], [0], [1, 4], IndexMode.FillOrDrop, fillValue: -1), Grid,
            [8, 9, 10, 11, 0, 1, 2, 3, -1, -1, -1, -1], [3, 4]);
    }
}
