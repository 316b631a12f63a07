using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.Expect;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Api;

/// <summary>lax.top_k against JAX's documented example and a sort done on the host: descending order, ties by
/// index, NaN first, along any axis; gradients to the chosen indices; Jit and Vmap.</summary>
public class LaxTopKTests
{
    [Fact]
    public void Largest_values_descending_with_their_indices()
    {
        // JAX's docstring: top_k([9, 3, 6, 4, 10], 3) = ([10, 9, 6], [4, 0, 2]).
        var (values, indices) = Lax.TopK(F(9, 3, 6, 4, 10), 3);
        Values([10, 9, 6], values, shape: [3]);
        Ints([4, 0, 2], indices, [3]);
        // Ties: the lower index first. NaN ranks above +inf, +0.0 above -0.0.
        Ints([1, 2, 4], Lax.TopK(F(1, 3, 3, 2, 3), 3).Indices);
        var (special, where) = Lax.TopK(F(1, float.NaN, float.PositiveInfinity, -0f, 0f), 5);
        Assert.Equal([float.NaN, float.PositiveInfinity, 1, 0, -0f], special.ToArray<float>());
        Ints([1, 2, 0, 4, 3], where);
        Assert.Equal([0], Lax.TopK(I(5, 7), 0).Values.Shape);
    }

    [Fact]
    public void Along_an_axis_of_a_batch_against_a_host_sort()
    {
        var rng = new Random(3);
        var host = Enumerable.Range(0, 4 * 7 * 3).Select(_ => (double)rng.Next(-20, 20)).ToArray();
        var x = Jnp.FromHost<double>(host, [4, 7, 3], DType.Float64);
        var (values, indices) = Lax.TopK(x, 4, axis: 1);
        Assert.Equal([4, 4, 3], values.Shape);
        var expectedValues = new double[4 * 4 * 3];
        var expectedIndices = new int[4 * 4 * 3];
        for (var b = 0; b < 4; b++)
            for (var c = 0; c < 3; c++)
            {
                var order = Enumerable.Range(0, 7).OrderByDescending(i => host[(b * 7 + i) * 3 + c]).ThenBy(i => i).Take(4).ToArray();
                for (var j = 0; j < 4; j++)
                {
                    expectedIndices[(b * 4 + j) * 3 + c] = order[j];
                    expectedValues[(b * 4 + j) * 3 + c] = host[(b * 7 + order[j]) * 3 + c];
                }
            }
        Values(expectedValues, values, DType.Float64);
        Ints(expectedIndices, indices);
        Ints(expectedIndices, Jnp.Moveaxis(Lax.TopK(Jnp.Moveaxis(x, 1, -1), 4).Indices, -1, 1));
    }

    [Fact]
    public void Gradients_go_to_the_chosen_indices()
    {
        var x = Jnp.FromHost<double>([0.5, 2.0, -1.0, 3.0, 1.5], [5], DType.Float64);
        var weights = Jnp.FromHost<double>([10, 20, 30], [3], DType.Float64);
        var grad = Jax.Grad((NDArray v) => Jnp.Sum(Lax.TopK(v, 3).Values * weights))(x);
        // Top three: 3.0 (index 3), 2.0 (index 1), 1.5 (index 4).
        Values([0, 20, 0, 10, 30], grad, DType.Float64);
        GradCheck.Check(v => Lax.TopK(v, 2, axis: 0).Values, Jnp.FromHost<double>([0.3, -1.2, 2.0, 0.7, 1.1, -0.4], [3, 2], DType.Float64));
    }

    [Fact]
    public void Jit_and_vmap_agree_with_eager()
    {
        var rng = new Random(5);
        var batch = Jnp.FromHost<double>(Enumerable.Range(0, 3 * 4 * 6).Select(_ => (double)rng.Next(0, 5)).ToArray(), [3, 4, 6], DType.Float64)
            .Astype(DType.Float32);
        JitAndVmapAgree(v => Lax.TopK(v, 3).Values, batch);
        JitAndVmapAgree(v => Lax.TopK(v, 3).Indices, batch);
        JitAndVmapAgree(v => Lax.TopK(v, 2, axis: 0).Indices, batch);
        JitAndVmapAgree(Jax.Grad((NDArray v) => Jnp.Sum(Lax.TopK(v, 2).Values * Jnp.Arange(2))), batch);
    }

    [Fact]
    public void Bad_input()
    {
        Assert.Throws<ArgumentException>(() => Lax.TopK(F(1, 2, 3), -1));
        Assert.Throws<ArgumentException>(() => Lax.TopK(F(1, 2, 3), 4));
        Assert.Throws<ShapeException>(() => Lax.TopK(Jnp.Array(1f), 1));
        Assert.Throws<ShapeException>(() => Lax.TopK(F(1, 2, 3), 1, axis: 1));
    }
}
