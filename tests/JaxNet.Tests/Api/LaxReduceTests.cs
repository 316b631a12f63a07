using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Api;

/// <summary>
/// lax.reduce with a user combiner (single and variadic), its monoid shortcuts, and lax.reduce_xor: values against
/// float64 loop references (acc = init; acc = f(acc, x) over the elements), derivatives, Jit, Vmap, edges and errors.
/// </summary>
public class LaxReduceTests
{
    private static NDArray Data(int seed, params int[] shape)
    {
        var rng = new Random(seed);
        var size = shape.Aggregate(1, (a, b) => a * b);
        return Jnp.Array(Enumerable.Range(0, size).Select(_ => (float)(rng.NextDouble() * 4 - 2)).ToArray()).Reshape(shape);
    }

    /// <summary>The loop reference: x [a, b, c] reduced over axes 0 and 2 by a fold from init, in float64.</summary>
    private static double[] FoldAxes02(float[] x, int a, int b, int c, double init, Func<double, double, double> f)
    {
        var result = new double[b];
        for (var j = 0; j < b; j++)
        {
            var acc = init;
            for (var i = 0; i < a; i++)
                for (var k = 0; k < c; k++) acc = f(acc, x[(i * b + j) * c + k]);
            result[j] = acc;
        }
        return result;
    }

    private static string Program(Func<NDArray, NDArray> f, NDArray x) => Jax.MakeJaxpr(f)(x).ToString();

    [Fact]
    public void Monoids_with_their_identity_become_the_dedicated_reductions()
    {
        var x = Data(1, 3, 5, 4);
        var values = x.ToArray<float>();
        Assert.Contains("reduce_sum", Program(v => Lax.Reduce(v, 0f, Lax.Add, [0, 2]), x));
        Assert.Contains("reduce_prod", Program(v => Lax.Reduce(v, 1f, Jnp.Multiply, [0, 2]), x));
        Assert.Contains("reduce_max", Program(v => Lax.Reduce(v, float.NegativeInfinity, Lax.Max, [0, 2]), x));
        Assert.Contains("reduce_min", Program(v => Lax.Reduce(v, float.PositiveInfinity, Jnp.Minimum, [0, 2]), x));
        Expect.Values(FoldAxes02(values, 3, 5, 4, 0, (a, b) => a + b), Lax.Reduce(x, 0f, Lax.Add, [0, 2]), tol: 1e-5);
        Expect.Values(FoldAxes02(values, 3, 5, 4, double.NegativeInfinity, Math.Max), Lax.Reduce(x, float.NegativeInfinity, Lax.Max, [0, 2]));
        // Another init value is no identity: the general reduce, which folds it in once.
        Assert.Contains("reduce[", Program(v => Lax.Reduce(v, 5f, Lax.Add, [0, 2]), x));
        Expect.Values(FoldAxes02(values, 3, 5, 4, 5, (a, b) => a + b), Lax.Reduce(x, 5f, Lax.Add, [0, 2]), tol: 1e-5);
        Expect.Values(FoldAxes02(values, 3, 5, 4, 1.5, Math.Max), Lax.Reduce(x, 1.5f, Lax.Max, [0, 2]));
        // A lambda is not the monoid's function (JAX compares the function too).
        Assert.Contains("reduce[", Program(v => Lax.Reduce(v, 0f, (a, b) => a + b, [0, 2]), x));
    }

    [Fact]
    public void Bitwise_monoids_on_integers_and_bools()
    {
        var ints = Jnp.Array(new[] { 6, -3, 12, 9, 5, 0, 7, -1 }).Reshape(2, 4);
        Assert.Contains("reduce_and", Program(v => Lax.Reduce(v, -1, Lax.BitwiseAnd, [1]), ints));
        Assert.Contains("reduce_or", Program(v => Lax.Reduce(v, 0, Jnp.BitwiseOr, [1]), ints));
        Assert.Contains("reduce_xor", Program(v => Lax.Reduce(v, 0, Lax.BitwiseXor, [1]), ints));
        Assert.Equal(new[] { 6 & -3 & 12 & 9, 5 & 0 & 7 & -1 }, Lax.Reduce(ints, -1, Lax.BitwiseAnd, [1]).ToArray<int>());
        Assert.Equal(new[] { 6 ^ -3 ^ 12 ^ 9, 5 ^ 0 ^ 7 ^ -1 }, Lax.Reduce(ints, 0, Lax.BitwiseXor, [1]).ToArray<int>());
        var unsigned = Jnp.Array(new[] { 0xF0F0F0F0u, 0xFFFF0000u, 0x12345678u });
        Assert.Contains("reduce_and", Program(v => Lax.Reduce(v, Jnp.Array(0xFFFFFFFFu), Lax.BitwiseAnd, [0]), unsigned));
        Assert.Equal(new[] { 0xF0F0F0F0u & 0xFFFF0000u & 0x12345678u }, Lax.Reduce(unsigned, Jnp.Array(0xFFFFFFFFu), Lax.BitwiseAnd, [0]).ToArray<uint>());
        var bools = Jnp.Array(new[] { true, false, true, true, false, false });
        Assert.Contains("reduce_and", Program(v => Lax.Reduce(v, true, Lax.BitwiseAnd, [0]), bools));
        Assert.False(Lax.Reduce(bools, true, Lax.BitwiseAnd, [0]).ToArray<bool>()[0]);
        Assert.True(Lax.Reduce(bools, false, Lax.BitwiseXor, [0]).ToArray<bool>()[0]);
    }

    [Fact]
    public void Reduce_xor_matches_a_loop_over_bools_and_integers()
    {
        var rng = new Random(3);
        var ints = Enumerable.Range(0, 7 * 5).Select(_ => rng.Next(int.MinValue, int.MaxValue)).ToArray();
        var x = Jnp.Array(ints).Reshape(7, 5);
        var expected = Enumerable.Range(0, 5).Select(j => Enumerable.Range(0, 7).Aggregate(0, (acc, i) => acc ^ ints[i * 5 + j])).ToArray();
        Assert.Equal(expected, Lax.ReduceXor(x, [0]).ToArray<int>());
        Assert.Equal(expected, Jax.Jit((NDArray v) => Lax.ReduceXor(v, [0]))(x).ToArray<int>());
        Assert.Equal(new[] { ints.Aggregate(0, (a, b) => a ^ b) }, Lax.ReduceXor(x, [0, 1]).ToArray<int>());
        var rows = Enumerable.Range(0, 7).Select(i => Enumerable.Range(0, 5).Aggregate(0, (acc, j) => acc ^ ints[i * 5 + j])).ToArray();
        Assert.Equal(rows, Jax.Vmap((NDArray v) => Lax.ReduceXor(v, [0]))(x).ToArray<int>());
        var bits = Enumerable.Range(0, 33).Select(i => i % 3 == 0 || i % 7 == 0).ToArray();
        Assert.Equal(bits.Count(b => b) % 2 == 1, Lax.ReduceXor(Jnp.Array(bits), [0]).ToArray<bool>()[0]);
        uint[] big = [0x8000_0001u, 3u, 0xF000_0000u];
        Assert.Equal(new[] { big[0] ^ big[1] ^ big[2] }, Lax.ReduceXor(Jnp.Array(big), [0]).ToArray<uint>());
        // No elements: 0, and false for bool.
        Assert.Equal(new[] { 0, 0 }, Lax.ReduceXor(Jnp.Zeros([0, 2], DType.Int32), [0]).ToArray<int>());
        Assert.Equal(DType.Bool, Lax.ReduceXor(Jnp.Zeros([0], DType.Bool), [0]).DType);
        Assert.Contains("bool or integer", Assert.Throws<ShapeException>(() => Lax.ReduceXor(Jnp.Array(new[] { 1f }), [0])).Message);
        Assert.Contains("out of range", Assert.Throws<ShapeException>(() => Lax.ReduceXor(x, [2])).Message);
        // An integer result has no tangent: differentiating through it is a zero, not an error.
        var g = Jax.Grad((NDArray v) => Jnp.Sum(v) * Lax.ConvertElementType(Lax.ReduceXor(Lax.ConvertElementType(v, DType.Int32), [0]), DType.Float32))(
            Jnp.Array(new[] { 1f, 2f }));
        Expect.Values([3, 3], g);
    }

    [Fact]
    public void A_general_combiner_matches_the_fold_and_its_derivative()
    {
        var x = Data(2, 3, 5, 7);
        var values = x.ToArray<float>();
        NDArray LogSumExp(NDArray v) => Lax.Reduce(v, float.NegativeInfinity, Jnp.Logaddexp, [0, 2]);
        var expected = FoldAxes02(values, 3, 5, 7, double.NegativeInfinity,
            (a, b) => Math.Max(a, b) + Math.Log(1 + Math.Exp(-Math.Abs(a - b))));
        Expect.Values(expected, LogSumExp(x), tol: 1e-5);
        Expect.Values(expected, Jax.Jit(LogSumExp)(x), tol: 1e-5);
        // d/dx of a logsumexp is the softmax over the reduced elements.
        var grad = Jax.Grad((NDArray v) => Jnp.Sum(LogSumExp(v)))(x).ToArray<float>();
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 5; j++)
                for (var k = 0; k < 7; k++)
                {
                    var at = (i * 5 + j) * 7 + k;
                    Assert.True(Math.Abs(grad[at] - Math.Exp(values[at] - expected[j])) < 1e-5, $"grad at {at}");
                }
        Expect.JitAndVmapAgree(v => Lax.Reduce(v, 0.5f, (a, b) => Lax.Max(a, b), [1]), Data(4, 4, 3, 6));
    }

    [Fact]
    public void Several_operands_reduce_together_as_an_argmax()
    {
        float[] v = [3, 9, 1, 9, -2, 4, 7, 0, 8];
        var values = Jnp.Array(v).Reshape(3, 3);
        var index = Lax.BroadcastedIota(DType.Int32, [3, 3], 1);
        // Larger value wins; on a tie the smaller index, so the combiner is associative and commutative.
        NDArray[] Pick(NDArray[] acc, NDArray[] x)
        {
            var takeX = Lax.Gt(x[0], acc[0]) | (Lax.Eq(x[0], acc[0]) & Lax.Lt(x[1], acc[1]));
            return [Lax.Select(takeX, x[0], acc[0]), Lax.Select(takeX, x[1], acc[1])];
        }
        var result = Lax.Reduce([values, index], [float.NegativeInfinity, int.MaxValue], Pick, [1]);
        Expect.Values([9, 9, 8], result[0]);
        Expect.Ints([1, 0, 2], result[1]);
        Expect.Ints([1, 0, 2], Jax.Jit((NDArray a) => Lax.Reduce([a, index], [float.NegativeInfinity, int.MaxValue], Pick, [1])[1])(values));
        Expect.Ints([1, 0, 2], Jax.Vmap((NDArray a) => Lax.Reduce([a, index[0]], [float.NegativeInfinity, int.MaxValue], Pick, [0])[1])(values));
        // The maximum's gradient is one at the winning element, as the combiner's select carries it.
        Expect.Values([0, 1, 0, 1, 0, 0, 0, 0, 1], Jax.Grad((NDArray a) => Jnp.Sum(Lax.Reduce([a, index], [float.NegativeInfinity, int.MaxValue], Pick, [1])[0]))(values),
            shape: [3, 3]);
    }

    [Fact]
    public void Empty_axes_and_arrays_give_the_init_values()
    {
        var empty = Jnp.Zeros([0, 3]);
        Expect.Values([2, 2, 2], Lax.Reduce(empty, 2f, (a, b) => a * b, [0]), shape: [3]);
        Expect.Values([float.NegativeInfinity, float.NegativeInfinity, float.NegativeInfinity], Lax.Reduce(empty, float.NegativeInfinity, Lax.Max, [0]));
        Assert.Equal([0], Lax.Reduce(empty, 2f, (a, b) => a * b, [1]).Shape);
        // No dimensions: each element is combined with the init once.
        Expect.Values([3, 4, 5], Lax.Reduce(Expect.F(1, 2, 3), 2f, (a, b) => a + b, []));
        // NaN propagates through the combiner as through a loop.
        Expect.Values([double.NaN], Lax.Reduce(Expect.F(1, float.NaN, 3), 0f, (a, b) => a + b, [0]));
        Expect.Values([double.NaN], Lax.Reduce(Expect.F(1, float.NaN, 3), float.NegativeInfinity, Lax.Max, [0]));
    }

    [Fact]
    public void Bad_input_is_refused_with_JAX_messages()
    {
        var x = Data(5, 2, 3);
        Assert.Contains("same total number of operands as init_values",
            Assert.Throws<ArgumentException>(() => Lax.Reduce([x, x], [0f], (a, b) => a, [0])).Message);
        Assert.Contains("non-scalar initial value", Assert.Throws<ShapeException>(() => Lax.Reduce(x, Expect.F(0, 0), (a, b) => a + b, [0])).Message);
        Assert.Contains("should match corresponding initial value dtypes",
            Assert.Throws<ShapeException>(() => Lax.Reduce(x, Jnp.Array(0, DType.Int32), (a, b) => a + b, [0])).Message);
        Assert.Contains("different shapes", Assert.Throws<ShapeException>(() => Lax.Reduce([x, Data(6, 3, 2)], [0f, 0f], (a, b) => a, [0])).Message);
        Assert.Contains("out of range", Assert.Throws<ShapeException>(() => Lax.Reduce(x, 1f, (a, b) => a + b, [2])).Message);
        Assert.Contains("unique", Assert.Throws<ShapeException>(() => Lax.Reduce(x, 1f, (a, b) => a + b, [1, 1])).Message);
        Assert.Contains("scalars of the operands' dtypes",
            Assert.Throws<ShapeException>(() => Lax.Reduce(x, 1f, (a, b) => Lax.ConvertElementType(a + b, DType.Float64), [1])).Message);
        Assert.Throws<NotImplementedException>(() => Jax.Jit((NDArray v) => Lax.Reduce(v, 1f, (a, b) => a + b * v[0, 0], [1]))(x));
        // As in JAX: no derivative through the init value of a general reduce, no batched init values.
        Assert.Throws<NotImplementedException>(() => Jax.Grad((NDArray v, NDArray i) => Jnp.Sum(Lax.Reduce(v, i, (a, b) => a + b, [1])), [1])(x, 1f));
        Assert.Throws<NotImplementedException>(() => Jax.Vmap((NDArray i) => Lax.Reduce(x, i, (a, b) => a + b, [1]))(Expect.F(1, 2)));
    }
}
