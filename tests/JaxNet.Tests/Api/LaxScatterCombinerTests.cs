using JaxNet.Abstractions.Kernels;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Api;

/// <summary>
/// lax.scatter_mul / scatter_min / scatter_max / scatter_apply with ScatterDimensionNumbers: values against loop
/// references (repeated and out-of-bounds indices, both modes, NaN), derivatives in closed form, Jit, Vmap and
/// JAX's shape errors.
/// </summary>
public class LaxScatterCombinerTests
{
    private static readonly ScatterDimensionNumbers Elements = new([], [0], [0]);
    private static readonly float[] Operand = [1, 5, 2, -3, 4];
    private static readonly int[] Index = [1, 3, 1, 7, -1];
    private static readonly float[] Updates = [2, -0.5f, 3, 10, 6];

    private static NDArray Indices(params int[] index) => Jnp.Array(index).Reshape(index.Length, 1);

    /// <summary>The loop: acc[i] = f(acc[i], u) per update in order, dropping or clamping out-of-bounds indices.</summary>
    private static double[] Loop(Func<double, double, double> f, IndexMode mode, float[]? updates = null)
    {
        var acc = Operand.Select(v => (double)v).ToArray();
        updates ??= Updates;
        for (var j = 0; j < Index.Length; j++)
        {
            var i = Index[j];
            if (i < 0 || i >= acc.Length)
            {
                if (mode == IndexMode.FillOrDrop) continue;
                i = Math.Clamp(i, 0, acc.Length - 1);
            }
            acc[i] = f(acc[i], updates[j]);
        }
        return acc;
    }

    [Theory]
    [InlineData(IndexMode.FillOrDrop)]
    [InlineData(IndexMode.Clip)]
    public void Combiners_match_the_loop_in_both_modes(IndexMode mode)
    {
        var (x, i, u) = (Jnp.Array(Operand), Indices(Index), Jnp.Array(Updates));
        Expect.Values(Loop((a, b) => a * b, mode), Lax.ScatterMul(x, i, u, Elements, mode: mode));
        Expect.Values(Loop(Math.Min, mode), Lax.ScatterMin(x, i, u, Elements, mode: mode));
        Expect.Values(Loop(Math.Max, mode), Lax.ScatterMax(x, i, u, Elements, mode: mode));
        Expect.Values(Loop((a, b) => a + b, mode), Lax.ScatterAdd(x, i, u, Elements, mode: mode));
        Expect.Values(Loop((a, b) => a * b, mode), Jax.Jit((NDArray v) => Lax.ScatterMul(v, i, u, Elements, mode: mode))(x));
        // NaN wins a min or max, as the elementwise ones.
        float[] withNaN = [2, float.NaN, 3, 10, 6];
        Expect.Values(Loop(Math.Max, mode, withNaN), Lax.ScatterMax(x, i, Jnp.Array(withNaN), Elements, mode: mode));
        Expect.Values(Loop(Math.Min, mode, withNaN), Lax.ScatterMin(x, i, Jnp.Array(withNaN), Elements, mode: mode));
    }

    [Fact]
    public void Windows_scatter_whole_rows_and_integers_work()
    {
        var x = Jnp.Array(new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }).Reshape(3, 4);
        var rows = new ScatterDimensionNumbers([1], [0], [0]);
        var u = Jnp.Array(new[] { 2, 0, 9, -1, 3, 3, 3, 3 }).Reshape(2, 4);
        Assert.Equal(new[] { 2, 0, 27, -4, 5, 6, 7, 8, 27, 30, 33, 36 }, Lax.ScatterMul(x, Indices(0, 2), u, rows).ToArray<int>());
        Assert.Equal(new[] { 1, 0, 3, -1, 5, 6, 7, 8, 3, 3, 3, 3 }, Lax.ScatterMin(x, Indices(0, 2), u, rows).ToArray<int>());
        Assert.Equal(new[] { 2, 2, 9, 4, 5, 6, 7, 8, 9, 10, 11, 12 }, Lax.ScatterMax(x, Indices(0, 2), u, rows).ToArray<int>());
        // Empty updates leave the operand as it was.
        Expect.Values(Operand.Select(v => (double)v).ToArray(),
            Lax.ScatterMul(Jnp.Array(Operand), Jnp.Zeros([0, 1], DType.Int32), Jnp.Zeros([0]), Elements));
    }

    [Fact]
    public void Derivatives_follow_the_products_and_the_winning_sources()
    {
        var (x, i) = (Jnp.Array(Operand), Indices(1, 3, 1));
        var u = Expect.F(2, -0.5f, 3);
        // y1 = x1 u0 u2, y3 = x3 u1: d/dx and d/du of sum(y) in closed form.
        var grads = Jax.Grad((NDArray a, NDArray b) => Jnp.Sum(Lax.ScatterMul(a, i, b, Elements)), [0, 1])(x, u);
        Expect.Values([1, 6, 1, -0.5, 1], grads[0]);
        Expect.Values([5 * 3, -3, 5 * 2], grads[1]);
        // scatter_max: element 1 is 5 in the operand and in update 0: each source gets half (JAX's extremal rule).
        var tie = Expect.F(5, 7, 4);
        var maxGrads = Jax.Grad((NDArray a, NDArray b) => Jnp.Sum(Lax.ScatterMax(a, i, b, Elements)), [0, 1])(x, tie);
        Expect.Values([1, 0.5, 1, 0, 1], maxGrads[0]);
        Expect.Values([0.5, 1, 0], maxGrads[1]);
        var minGrads = Jax.Grad((NDArray a, NDArray b) => Jnp.Sum(Lax.ScatterMin(a, i, b, Elements)), [0, 1])(x, tie);
        Expect.Values([1, 0, 1, 1, 1], minGrads[0]);
        Expect.Values([0, 0, 1], minGrads[1]);
        // Forward mode agrees with the reverse mode's products.
        var (_, t) = Jax.Jvp((NDArray b) => Jnp.Sum(Lax.ScatterMul(x, i, b, Elements)), [u], [Expect.F(1, 1, 1)]);
        Expect.Values([15 - 3 + 10], t);
    }

    [Fact]
    public void Vmap_matches_the_rows_one_by_one()
    {
        var xs = Jnp.Array(Operand.Concat(Operand.Select(v => v + 1)).ToArray()).Reshape(2, 5);
        var i = Indices(1, 3, 1);
        var us = Jnp.Array(new[] { 2f, -0.5f, 3, 0.5f, 4, 8 }).Reshape(2, 3);
        foreach (var f in new Func<NDArray, NDArray, NDArray>[]
                 {
                     (a, b) => Lax.ScatterMul(a, i, b, Elements), (a, b) => Lax.ScatterMin(a, i, b, Elements),
                     (a, b) => Lax.ScatterMax(a, i, b, Elements),
                 })
        {
            var expected = new[] { f(xs[0], us[0]), f(xs[1], us[1]) }.SelectMany(r => r.ToArray<float>()).Select(v => (double)v).ToArray();
            Expect.Values(expected, Jax.Vmap(f)(xs, us), shape: [2, 5]);
            Expect.Values(expected, Jax.Jit(Jax.Vmap(f))(xs, us), shape: [2, 5]);
        }
    }

    [Fact]
    public void Scatter_apply_applies_once_per_index()
    {
        var x = Jnp.Array(Operand);
        NDArray F(NDArray v) => v * 2f + 1f;
        var expected = Loop((a, _) => a * 2 + 1, IndexMode.FillOrDrop);
        Expect.Values(expected, Lax.ScatterApply(x, Indices(Index), F, Elements, [5]));
        Expect.Values(expected, Jax.Jit((NDArray v) => Lax.ScatterApply(v, Indices(Index), F, Elements, [5]))(x));
        Expect.Values(Loop((a, _) => a * 2 + 1, IndexMode.Clip), Lax.ScatterApply(x, Indices(Index), F, Elements, [5], mode: IndexMode.Clip));
        // Unique indices: one application, which differentiates.
        Expect.Values([1, 11, 2, -5, 4], Lax.ScatterApply(x, Indices(1, 3), F, Elements, [2], uniqueIndices: true));
        Expect.Values([1, 2, 1, 2, 1], Jax.Grad((NDArray v) => Jnp.Sum(Lax.ScatterApply(v, Indices(1, 3), F, Elements, [2], uniqueIndices: true)))(x));
        // As in JAX, updateShape is the shape of the (unused) updates, which the dimension numbers check.
        Assert.Throws<ShapeException>(() => Lax.ScatterApply(x, Indices(1, 3), F, Elements));
        // Windows: whole rows.
        var m = Jnp.Array(new[] { 1f, 2, 3, 4, 5, 6 }).Reshape(3, 2);
        Expect.Values([1, 2, -3, -4, 5, 6], Lax.ScatterApply(m, Indices(1), v => -v, new ScatterDimensionNumbers([1], [0], [0]), updateShape: [1, 2]));
        Assert.Throws<ArgumentException>(() => Lax.ScatterApply(x, Indices(1), v => Lax.ConvertElementType(v, DType.Int32), Elements, [1]));
    }

    [Fact]
    public void Bad_dimension_numbers_are_refused_with_JAX_messages()
    {
        var (x, i, u) = (Jnp.Array(Operand), Indices(1, 3), Expect.F(1, 2));
        Assert.Contains("window of size 2; doesn't match operand of rank 1",
            Assert.Throws<ShapeException>(() => Lax.ScatterMul(x, i, u, new ScatterDimensionNumbers([0], [0], [0]))).Message);
        Assert.Contains("must be sorted", Assert.Throws<ShapeException>(() =>
            Lax.ScatterMax(Jnp.Zeros([3, 3, 3]), i, Jnp.Zeros([2, 3, 3]), new ScatterDimensionNumbers([2, 1], [0], [0]))).Message);
        Assert.Contains("These two numbers must be equal",
            Assert.Throws<ShapeException>(() => Lax.ScatterMin(x, Jnp.Zeros([2, 2], DType.Int32), u, Elements)).Message);
        Assert.Contains("Updates tensor must be of rank 1",
            Assert.Throws<ShapeException>(() => Lax.ScatterMin(x, i, Jnp.Zeros([2, 1]), Elements)).Message);
        Assert.Contains("scatter indices",
            Assert.Throws<ShapeException>(() => Lax.ScatterMul(x, i, Expect.F(1, 2, 3), Elements)).Message);
        Assert.Contains("must not exceed", Assert.Throws<ShapeException>(() =>
            Lax.ScatterMul(Jnp.Zeros([3, 2]), i, Jnp.Zeros([2, 3]), new ScatterDimensionNumbers([1], [0], [0]))).Message);
        Assert.Contains("int32 or int64", Assert.Throws<ShapeException>(() => Lax.ScatterMul(x, Jnp.Zeros([2, 1]), u, Elements)).Message);
        Assert.Contains("dtype", Assert.Throws<ShapeException>(() => Lax.ScatterMax(x, i, Jnp.Array(new[] { 1, 2 }), Elements)).Message);
    }
}
