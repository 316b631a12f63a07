using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>jnp.partition and argpartition against JAX's docstring values, the partition property on random
/// arrays along every axis, gradients, Jit and Vmap.</summary>
public class JnpPartitionTests
{
    [Fact]
    public void JAX_order_the_smallest_ascending_then_the_rest()
    {
        // JAX's docstring: x = [6, 8, 4, 3, 1, 9, 7, 5, 2, 3], kth = 4.
        var x = I(6, 8, 4, 3, 1, 9, 7, 5, 2, 3);
        Ints([1, 2, 3, 3, 4, 9, 8, 7, 6, 5], Jnp.Partition(x, 4));
        Ints([4, 8, 3, 9, 2, 0, 1, 5, 6, 7], Jnp.Argpartition(x, 4));
        // Negative kth counts from the end; the smallest int32 is no trouble (JAX negates the array).
        Ints([1, 2, 3, 3, 4, 5, 6, 7, 8, 9], Jnp.Partition(x, -2));
        Ints([1, 2, 3, 3, 4, 5, 6, 7, 9, 8], Jnp.Partition(x, -3));
        Ints([int.MinValue, 5, 0], Jnp.Partition(I(5, int.MinValue, 0), 0));
        Values([1, 2, double.NaN], Jnp.Partition(F(float.NaN, 2, 1), 1));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, 1)]
    [InlineData(6, 1)]
    [InlineData(1, -1)]
    public void The_partition_property_holds_along_every_axis(int kth, int axis)
    {
        var rng = new Random(kth * 7 + axis);
        int[] shape = [5, 7, 4];
        var host = Enumerable.Range(0, 5 * 7 * 4).Select(_ => (double)rng.Next(-6, 6)).ToArray();
        var a = Jnp.FromHost<double>(host, shape, DType.Float64);
        var ax = axis < 0 ? axis + 3 : axis;
        var n = shape[ax];
        var partitioned = Jnp.Partition(a, kth, axis);
        var indices = Jnp.Argpartition(a, kth, axis);
        var sorted = Jnp.Sort(a, axis);
        var lines = Jnp.Moveaxis(partitioned, ax, -1).Reshape(-1, n).ToArray<double>();
        var sortedLines = Jnp.Moveaxis(sorted, ax, -1).Reshape(-1, n).ToArray<double>();
        var indexLines = Jnp.Moveaxis(indices, ax, -1).Reshape(-1, n).ToArray<int>();
        var takenLines = Jnp.Moveaxis(Jnp.TakeAlongAxis(a, indices, axis), ax, -1).Reshape(-1, n).ToArray<double>();
        for (var line = 0; line < lines.Length / n; line++)
        {
            var values = lines.AsSpan(line * n, n).ToArray();
            var expected = sortedLines.AsSpan(line * n, n).ToArray();
            Assert.Equal(expected[kth], values[kth]);
            Assert.Equal(expected, values.Order().ToArray());
            Assert.Equal(expected[..(kth + 1)], values[..(kth + 1)]);
            Assert.Equal(expected[(kth + 1)..].Reverse().ToArray(), values[(kth + 1)..]);
            // Argpartition: the same smallest values in the same order, then the other indices in increasing order.
            var order = indexLines.AsSpan(line * n, n).ToArray();
            var taken = takenLines.AsSpan(line * n, n).ToArray();
            Assert.Equal(Enumerable.Range(0, n), order.Order());
            Assert.Equal(expected[..(kth + 1)], taken[..(kth + 1)]);
            Assert.Equal(expected[(kth + 1)..], taken[(kth + 1)..].Order());
            Assert.Equal(order[(kth + 1)..].Order(), order[(kth + 1)..]);
        }
    }

    [Fact]
    public void Gradients_follow_the_values_and_transformations_agree()
    {
        var x = Jnp.FromHost<double>([0.5, 2.0, -1.0, 3.0, 1.5], [5], DType.Float64);
        // Partition at 1: [-1, 0.5, 3, 2, 1.5]; weights 1..5 land where each value came from.
        var grad = Jax.Grad((NDArray v) => Jnp.Sum(Jnp.Partition(v, 1) * Jnp.Arange(1, 6)))(x);
        Values([2, 4, 1, 3, 5], grad, DType.Float64);
        var batch = Jnp.FromHost<double>(Enumerable.Range(0, 24).Select(i => (double)(i * 7 % 11)).ToArray(), [3, 8], DType.Float64);
        JitAndVmapAgree(v => Jnp.Partition(v, 2), batch);
        JitAndVmapAgree(v => Jnp.Argpartition(v, 5), batch);
    }

    [Fact]
    public void Bad_input()
    {
        Assert.Throws<ArgumentException>(() => Jnp.Partition(F(1, 2, 3), 3));
        Assert.Throws<ArgumentException>(() => Jnp.Argpartition(F(1, 2, 3), -4));
        Assert.Throws<ShapeException>(() => Jnp.Partition(Jnp.Array(1f), 0));
        Assert.Throws<ShapeException>(() => Jnp.Argpartition(F(1, 2, 3), 0, axis: 2));
    }
}
