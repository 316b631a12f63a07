using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.Expect;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Api;

/// <summary>
/// lax.reduce_window against XLA's semantics written out as a loop (window positions of the dilated, padded operand,
/// the init value on padding and dilation holes), in NCHW and NHWC layouts with strides, padding and dilation; max
/// pooling's gradient on the first maximum of each window (JAX's select_and_scatter); the fused program.
/// </summary>
public class LaxReduceWindowTests
{
    private const double NegInf = double.NegativeInfinity;

    private static (NDArray Array, double[] Host) RandomArray(int[] shape, int seed, DType dtype = DType.Float32)
    {
        var rng = new Random(seed);
        var host = Enumerable.Range(0, (int)Count(shape)).Select(_ => Math.Round(rng.NextDouble() * 8 - 4, 3)).ToArray();
        return (Jnp.FromHost<double>(host, shape, DType.Float64).Astype(dtype), host);
    }

    private static long Count(int[] shape) => shape.Aggregate(1L, (a, b) => a * b);

    private static int[] Unravel(long flat, int[] shape)
    {
        var index = new int[shape.Length];
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            index[d] = (int)(flat % shape[d]);
            flat /= shape[d];
        }
        return index;
    }

    private static long Ravel(int[] index, int[] shape) => Enumerable.Range(0, shape.Length).Aggregate(0L, (acc, d) => acc * shape[d] + index[d]);

    /// <summary>The flat operand index (or -1 for padding and holes) of every element of every window, row-major
    /// over the output and then over the window.</summary>
    private static (int[] OutShape, long[][] Windows) NaiveWindows(int[] shape, int[] window, int[] strides, (int Low, int High)[] pad,
        int[]? baseDilation = null, int[]? windowDilation = null)
    {
        var rank = shape.Length;
        var bd = baseDilation ?? Enumerable.Repeat(1, rank).ToArray();
        var wd = windowDilation ?? Enumerable.Repeat(1, rank).ToArray();
        var dilated = shape.Select((n, d) => n == 0 ? 0 : (n - 1) * bd[d] + 1).ToArray();
        var outShape = dilated.Select((n, d) => (n + pad[d].Low + pad[d].High - ((window[d] - 1) * wd[d] + 1)) / strides[d] + 1).ToArray();
        var windows = new long[Count(outShape)][];
        for (long o = 0; o < windows.Length; o++)
        {
            var oi = Unravel(o, outShape);
            windows[o] = new long[Count(window)];
            for (long k = 0; k < windows[o].Length; k++)
            {
                var ki = Unravel(k, window);
                var pos = oi.Select((v, d) => v * strides[d] + ki[d] * wd[d] - pad[d].Low).ToArray();
                var inside = pos.Select((p, d) => p >= 0 && p < dilated[d] && p % bd[d] == 0).All(b => b);
                windows[o][k] = inside ? Ravel(pos.Select((p, d) => p / bd[d]).ToArray(), shape) : -1;
            }
        }
        return (outShape, windows);
    }

    private static double[] Naive(double[] x, int[] shape, double init, Func<double, double, double> op, int[] window, int[] strides,
        (int Low, int High)[] pad, int[]? baseDilation = null, int[]? windowDilation = null)
    {
        var (_, windows) = NaiveWindows(shape, window, strides, pad, baseDilation, windowDilation);
        return windows.Select(w => w.Aggregate(init, (acc, i) => op(acc, i < 0 ? init : x[i]))).ToArray();
    }

    private static int[] NaiveShape(int[] shape, int[] window, int[] strides, (int Low, int High)[] pad, int[]? baseDilation = null,
        int[]? windowDilation = null) => NaiveWindows(shape, window, strides, pad, baseDilation, windowDilation).OutShape;

    /// <summary>Eager and jitted results against the loop.</summary>
    private static void AgreesWithLoop(int[] shape, double init, Func<NDArray, NDArray, NDArray> computation, Func<double, double, double> op,
        int[] window, int[] strides, (int Low, int High)[] pad, int[]? baseDilation = null, int[]? windowDilation = null, int seed = 0)
    {
        var (x, host) = RandomArray(shape, seed);
        var expected = Naive(host, shape, init, op, window, strides, pad, baseDilation, windowDilation);
        var outShape = NaiveShape(shape, window, strides, pad, baseDilation, windowDilation);
        Func<NDArray, NDArray> f = v => Lax.ReduceWindow(v, init, computation, window, strides, pad, baseDilation, windowDilation);
        Values(expected, f(x), shape: outShape);
        Values(expected, Jax.Jit(f)(x), shape: outShape);
    }

    [Fact]
    public void Max_min_and_sum_windows_agree_with_the_loop_in_NHWC_and_NCHW()
    {
        // NHWC, 3x2 windows, stride 2 along H, padded like "SAME".
        (int, int)[] same = [(0, 0), (1, 1), (0, 1), (0, 0)];
        AgreesWithLoop([2, 5, 6, 3], NegInf, Lax.Max, Math.Max, [1, 3, 2, 1], [1, 2, 1, 1], same);
        AgreesWithLoop([2, 5, 6, 3], 0, Lax.Add, (a, b) => a + b, [1, 3, 2, 1], [1, 2, 1, 1], same, seed: 1);
        AgreesWithLoop([2, 5, 6, 3], double.PositiveInfinity, Lax.Min, Math.Min, [1, 3, 2, 1], [1, 2, 1, 1], same, seed: 2);
        // NCHW, 2x3 windows, stride 2, uneven explicit padding.
        (int, int)[] uneven = [(0, 0), (0, 0), (1, 0), (2, 1)];
        AgreesWithLoop([2, 3, 5, 6], NegInf, Lax.Max, Math.Max, [1, 1, 2, 3], [1, 1, 2, 2], uneven, seed: 3);
        AgreesWithLoop([2, 3, 5, 6], 0, Jnp.Add, (a, b) => a + b, [1, 1, 2, 3], [1, 1, 2, 2], uneven, seed: 4);
        AgreesWithLoop([2, 3, 5, 6], double.PositiveInfinity, Jnp.Minimum, Math.Min, [1, 1, 2, 3], [1, 1, 2, 2], uneven, seed: 5);
    }

    [Fact]
    public void Base_and_window_dilation_fill_holes_with_the_init_value()
    {
        (int, int)[] pad = [(1, 1), (0, 2)];
        AgreesWithLoop([4, 5], NegInf, Lax.Max, Math.Max, [2, 3], [1, 2], pad, [2, 1], [1, 2], seed: 6);
        AgreesWithLoop([4, 5], 0, Lax.Add, (a, b) => a + b, [2, 3], [1, 2], pad, [2, 1], [1, 2], seed: 7);
        AgreesWithLoop([3, 4, 5], double.PositiveInfinity, Lax.Min, Math.Min, [2, 2, 2], [2, 1, 3], [(0, 1), (2, 0), (1, 1)], [1, 3, 2], [2, 1, 2], 8);
    }

    [Fact]
    public void An_init_value_that_is_not_the_identity_is_combined_into_each_window_and_fills_the_padding()
    {
        (int, int)[] pad = [(1, 0), (1, 1)];
        AgreesWithLoop([4, 5], 1.5, Lax.Add, (a, b) => a + b, [2, 2], [1, 2], pad, seed: 9);
        AgreesWithLoop([4, 5], 0.3, Lax.Max, Math.Max, [2, 2], [1, 2], pad, seed: 10);
        // Any other computation is folded in row-major order over init and the window.
        AgreesWithLoop([4, 5], 1, Lax.Mul, (a, b) => a * b, [2, 3], [2, 1], pad, seed: 11);
        AgreesWithLoop([4, 5], -2, (a, b) => Lax.Max(a, b) + 0, Math.Max, [3, 2], [1, 1], pad, seed: 12);
    }

    [Fact]
    public void Large_non_overlapping_windows_reduce_blocks_and_drop_the_windows_that_do_not_fit()
    {
        // 9x9 windows (81 offsets) with stride 9: a reshape and a reduction; 20 columns hold two whole windows.
        (int, int)[] pad = [(0, 0), (1, 0), (0, 0)];
        AgreesWithLoop([2, 18, 20], NegInf, Lax.Max, Math.Max, [1, 9, 9], [1, 9, 9], pad, seed: 13);
        AgreesWithLoop([2, 18, 20], 0, Lax.Add, (a, b) => a + b, [1, 9, 9], [1, 9, 9], pad, seed: 14);
        AgreesWithLoop([2, 18, 20], 5, Lax.Min, Math.Min, [1, 9, 9], [1, 9, 9], pad, seed: 15);
    }

    [Fact]
    public void Padding_names_follow_padtype_to_pads()
    {
        Assert.Equal([(0, 0), (1, 1), (0, 1), (0, 0)], Lax.PadtypeToPads([2, 5, 6, 3], [1, 3, 2, 1], [1, 2, 1, 1], "SAME"));
        Assert.Equal([(0, 0), (1, 1), (1, 0), (0, 0)], Lax.PadtypeToPads([2, 5, 6, 3], [1, 3, 2, 1], [1, 2, 1, 1], "same_lower"));
        Assert.Equal([(0, 0), (0, 0)], Lax.PadtypeToPads([5, 6], [3, 2], [2, 1], "VALID"));
        // A stride beyond the window needs no padding.
        Assert.Equal([(0, 0)], Lax.PadtypeToPads([6], [2], [3], "SAME"));
        Assert.Equal([(0, 1), (1, 1)], Lax.PadtypeToPads([4, 5], [3, 3], [2, 2], "SAME"));
        var (x, host) = RandomArray([2, 5, 6, 3], 16);
        var expected = Naive(host, [2, 5, 6, 3], NegInf, Math.Max, [1, 3, 2, 1], [1, 2, 1, 1], [(0, 0), (1, 1), (0, 1), (0, 0)]);
        Values(expected, Lax.ReduceWindow(x, NegInf, Lax.Max, [1, 3, 2, 1], [1, 2, 1, 1], "SAME"), shape: [2, 3, 6, 3]);
        // With window dilation the dilated window decides the padding: a span of 5 over 6 elements, stride 1.
        Values(Naive(host, [2, 5, 6, 3], 0, (a, b) => a + b, [1, 1, 3, 1], [1, 1, 1, 1], [(0, 0), (0, 0), (2, 2), (0, 0)], windowDilation: [1, 1, 2, 1]),
            Lax.ReduceWindow(x, 0, Lax.Add, [1, 1, 3, 1], [1, 1, 1, 1], "SAME", windowDilation: [1, 1, 2, 1]), shape: [2, 5, 6, 3], tol: 1e-5);
    }

    [Fact]
    public void Integer_windows_are_exact()
    {
        var x = Jnp.Array(new[,] { { 3, -7, 2 }, { 9, 0, -1 }, { 4, 4, 8 } });
        var max = Lax.ReduceWindow(x, int.MinValue, Lax.Max, [2, 2], [1, 1], "SAME");
        Ints([9, 2, 2, 9, 8, 8, 4, 8, 8], max, [3, 3]);
        Ints([5, -6, 1, 17, 11, 7, 8, 12, 8], Lax.ReduceWindow(x, 0, Lax.Add, [2, 2], [1, 1], "SAME"), [3, 3]);
        Ints([-7, -7, -1, 0, -1, -1, 4, 4, 8], Lax.ReduceWindow(x, int.MaxValue, Lax.Min, [2, 2], [1, 1], "SAME"), [3, 3]);
        // int64's extremes are not doubles: the padding is then selected, not a constant.
        var wide = Jnp.FromHost<long>([long.MinValue + 1, 5, long.MaxValue - 3], [3], DType.Int64);
        Assert.Equal([long.MinValue + 1, long.MinValue + 1, 5, long.MaxValue - 3],
            Lax.ReduceWindow(wide, Jnp.FromHost<long>([long.MaxValue], [], DType.Int64), Lax.Min, [2], [1], [(1, 1)]).ToArray<long>());
    }

    [Fact]
    public void An_init_value_traced_under_jit_fills_the_padding()
    {
        var (x, host) = RandomArray([4, 5], 17);
        var f = Jax.Jit((NDArray v, NDArray init) => Lax.ReduceWindow(v, init, Lax.Max, [3, 3], [2, 2], "SAME"));
        var expected = Naive(host, [4, 5], -1, Math.Max, [3, 3], [2, 2], [(0, 1), (1, 1)]);
        Values(expected, f(x, Jnp.Array(-1f)), shape: [2, 3]);
        Values(Naive(host, [4, 5], NegInf, Math.Max, [3, 3], [2, 2], [(0, 1), (1, 1)]), f(x, Jnp.Array(float.NegativeInfinity)), shape: [2, 3]);
        // One init value per example under Vmap.
        var perExample = Jax.Vmap((NDArray v, NDArray init) => Lax.ReduceWindow(v, init, Lax.Max, [3, 3], [2, 2], "SAME"));
        var inits = new[] { -1.0, 0.5, NegInf };
        Values(inits.SelectMany(i => Naive(host, [4, 5], i, Math.Max, [3, 3], [2, 2], [(0, 1), (1, 1)])).ToArray(),
            perExample(Jnp.Stack([x, x, x]), Jnp.FromHost<double>(inits, [3], DType.Float64).Astype(DType.Float32)), shape: [3, 2, 3]);
    }

    [Fact]
    public void Empty_outputs_and_empty_operands()
    {
        // A window one longer than the padded operand gives no windows, as JAX's stride_shape.
        Assert.Equal([0, 3], Lax.ReduceWindow(Jnp.Ones([2, 4]), 0, Lax.Add, [3, 2], [1, 1], "VALID").Shape);
        Assert.Equal([0, 4], Lax.ReduceWindow(Jnp.Ones([0, 4]), NegInf, Lax.Max, [1, 1], [1, 1], "VALID").Shape);
        // Padding alone makes windows of init values.
        Values([0, 0], Lax.ReduceWindow(Jnp.Ones([0]), 0, Lax.Add, [2], [1], [(1, 2)]), shape: [2]);
    }

    [Fact]
    public void Pooling_as_JAX_users_write_it()
    {
        var (x, host) = RandomArray([2, 6, 6, 3], 18);
        // flax's max_pool(x, (2, 2), strides=(2, 2)) on NHWC.
        var maxPool = Lax.ReduceWindow(x, NegInf, Lax.Max, [1, 2, 2, 1], [1, 2, 2, 1], "VALID");
        Values(Naive(host, [2, 6, 6, 3], NegInf, Math.Max, [1, 2, 2, 1], [1, 2, 2, 1], [(0, 0), (0, 0), (0, 0), (0, 0)]), maxPool, shape: [2, 3, 3, 3]);
        // avg_pool with "SAME" padding, padding counted (flax's default) or not (count_include_pad=False).
        (int, int)[] same = [(0, 0), (0, 1), (0, 1), (0, 0)];
        var sums = Naive(host, [2, 6, 6, 3], 0, (a, b) => a + b, [1, 3, 3, 1], [1, 2, 2, 1], same);
        var counts = Naive(host.Select(_ => 1.0).ToArray(), [2, 6, 6, 3], 0, (a, b) => a + b, [1, 3, 3, 1], [1, 2, 2, 1], same);
        var sum = Lax.ReduceWindow(x, 0, Lax.Add, [1, 3, 3, 1], [1, 2, 2, 1], "SAME");
        Values(sums.Select(s => s / 9).ToArray(), sum / 9, shape: [2, 3, 3, 3], tol: 1e-5);
        var count = Lax.ReduceWindow(Jnp.OnesLike(x), 0, Lax.Add, [1, 3, 3, 1], [1, 2, 2, 1], "SAME");
        Values(sums.Zip(counts, (s, c) => s / c).ToArray(), sum / count, shape: [2, 3, 3, 3], tol: 1e-5);
    }

    [Fact]
    public void A_max_pool_is_one_kernel_and_its_gradient_a_few()
    {
        var x = Jnp.Ones([8, 32, 32, 16]);
        Func<NDArray, NDArray> pool = v => Lax.ReduceWindow(v, NegInf, Lax.Max, [1, 2, 2, 1], [1, 2, 2, 1], "VALID");
        Assert.Single(Jax.Jit(pool).Lower(x).Compile().Kernels);
        Func<NDArray, NDArray> grad = Jax.Grad((NDArray v) => Jnp.Sum(pool(v)));
        // The pool, the first-maximum masks with the cotangent's selects, and their sum at the windows' places.
        Assert.InRange(Jax.Jit(grad).Lower(x).Compile().Kernels.Count, 1, 3);
        Func<NDArray, NDArray> overlapping = v => Lax.ReduceWindow(v, NegInf, Lax.Max, [1, 3, 3, 1], [1, 2, 2, 1], "SAME");
        Assert.Single(Jax.Jit(overlapping).Lower(x).Compile().Kernels);
        Assert.InRange(Jax.Jit(Jax.Grad((NDArray v) => Jnp.Sum(overlapping(v)))).Lower(x).Compile().Kernels.Count, 1, 4);
        Func<NDArray, NDArray> average = v => Lax.ReduceWindow(v, 0, Lax.Add, [1, 3, 3, 1], [1, 1, 1, 1], "SAME") / 9;
        Assert.Single(Jax.Jit(average).Lower(x).Compile().Kernels);
    }

    /// <summary>The cotangent of each window goes to its first maximum (row-major), as select_and_scatter does.</summary>
    private static double[] NaiveMaxPoolVjp(double[] x, double[] cotangent, int[] shape, int[] window, int[] strides, (int Low, int High)[] pad)
    {
        var (_, windows) = NaiveWindows(shape, window, strides, pad);
        var grad = new double[x.Length];
        for (var o = 0; o < windows.Length; o++)
        {
            var best = -1L;
            foreach (var i in windows[o])
                if (i >= 0 && (best < 0 || x[i] > x[best])) best = i;
            if (best >= 0) grad[best] += cotangent[o];
        }
        return grad;
    }

    [Theory]
    [InlineData(new[] { 2, 2 }, new[] { 2, 2 }, "VALID")]
    [InlineData(new[] { 3, 3 }, new[] { 2, 2 }, "SAME")]
    [InlineData(new[] { 2, 3 }, new[] { 1, 1 }, "SAME")]
    [InlineData(new[] { 9, 9 }, new[] { 9, 9 }, "VALID")]
    public void Max_pooling_gradients_go_to_the_first_maximum_of_each_window(int[] window, int[] strides, string padding)
    {
        // Values from {0, 1, 2}: most windows hold ties.
        var rng = new Random(window[0] * 10 + strides[0]);
        int[] shape = [18, 19];
        var host = Enumerable.Range(0, 18 * 19).Select(_ => (double)rng.Next(3)).ToArray();
        var x = Jnp.FromHost<double>(host, shape, DType.Float64);
        var pads = Lax.PadtypeToPads(shape, window, strides, padding);
        Func<NDArray, NDArray> pool = v => Lax.ReduceWindow(v, NegInf, Lax.Max, window, strides, padding);
        var (y, pullback) = Jax.Vjp(pool, x);
        var cotangent = Enumerable.Range(0, (int)y.Size).Select(i => 1.0 + i % 7).ToArray();
        var expected = NaiveMaxPoolVjp(host, cotangent, shape, window, strides, pads);
        Values(expected, pullback(Jnp.FromHost<double>(cotangent, y.Shape, DType.Float64)), DType.Float64, shape);
        var min = Jax.Vjp((NDArray v) => Lax.ReduceWindow(v, double.PositiveInfinity, Lax.Min, window, strides, padding), -x).Pullback;
        Values(expected, min(Jnp.FromHost<double>(cotangent, y.Shape, DType.Float64)), DType.Float64, shape);
    }

    [Fact]
    public void Ties_take_the_first_element_in_row_major_order()
    {
        var x = Jnp.Array(new[,] { { 1f, 3, 3, 0 }, { 3, 2, 1, 1 }, { 0, 0, 5, 5 }, { 5, 0, 5, 1 } });
        var grad = Jax.Grad((NDArray v) => Jnp.Sum(Lax.ReduceWindow(v, NegInf, Lax.Max, [2, 2], [2, 2], "VALID")))(x);
        Values([0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0], grad, shape: [4, 4]);
        // A window whose maximum is -inf picks its first element, here padding, and the operand gets no gradient.
        var lonely = Jax.Grad((NDArray v) => Jnp.Sum(Lax.ReduceWindow(v, NegInf, Lax.Max, [2], [2], [(1, 0)])))(Jnp.Array(new[] { float.NegativeInfinity, 2f }));
        Values([0, 0], lonely, shape: [2]);
    }

    [Theory]
    [InlineData(new[] { 1, 2, 2 }, new[] { 1, 2, 2 }, "VALID")]
    [InlineData(new[] { 1, 3, 2 }, new[] { 1, 3, 2 }, "SAME")]
    [InlineData(new[] { 2, 3, 3 }, new[] { 1, 2, 2 }, "SAME")]
    public void Forward_mode_takes_the_tangent_at_the_first_maximum_and_sums_it_over_each_window(int[] window, int[] strides, string padding)
    {
        // Non-overlapping windows (the first two, whose last ones are cut off or padded) go through the blocks
        // layout; overlapping ones through one slice per offset. Values from {0, 1, 2}: most windows hold ties.
        int[] shape = [2, 6, 7];
        var rng = new Random(window[1] * 10 + strides[1]);
        var host = Enumerable.Range(0, 84).Select(_ => (double)rng.Next(3)).ToArray();
        var tangentHost = Enumerable.Range(0, 84).Select(i => 1.0 + i % 11).ToArray();
        var (x, t) = (Jnp.FromHost<double>(host, shape, DType.Float64), Jnp.FromHost<double>(tangentHost, shape, DType.Float64));
        var (_, windows) = NaiveWindows(shape, window, strides, Lax.PadtypeToPads(shape, window, strides, padding));
        var firstMax = windows.Select(w =>
        {
            var best = -1L;
            foreach (var i in w)
                if (i >= 0 && (best < 0 || host[i] > host[best])) best = i;
            return best < 0 ? 0 : tangentHost[best];
        }).ToArray();
        var sums = windows.Select(w => w.Where(i => i >= 0).Sum(i => tangentHost[i])).ToArray();
        var (_, maxTangent) = Jax.Jvp((NDArray v) => Lax.ReduceWindow(v, NegInf, Lax.Max, window, strides, padding), [x], [t]);
        Values(firstMax, maxTangent, DType.Float64);
        var (_, sumTangent) = Jax.Jvp((NDArray v) => Lax.ReduceWindow(v, 0, Lax.Add, window, strides, padding), [x], [t]);
        Values(sums, sumTangent, DType.Float64);
    }

    [Fact]
    public void A_window_holding_nan_passes_no_gradient()
    {
        var x = Jnp.Array(new[,] { { 1f, float.NaN, 0, 4 }, { 2, 3, 4, 1 } });
        var pool = (NDArray v) => Lax.ReduceWindow(v, NegInf, Lax.Max, [2, 2], [2, 2], "VALID");
        Values([double.NaN, 4], pool(x), shape: [1, 2]);
        Values([0, 0, 0, 1, 0, 0, 0, 0], Jax.Grad((NDArray v) => Jnp.Sum(pool(v) * Jnp.Array(new[,] { { 0f, 1 } })))(x), shape: [2, 4]);
        // The tie between 4 and 4 goes to the first in row-major order; the NaN window gives its cotangent nowhere.
        Values([0, 0, 0, 2, 0, 0, 0, 0], Jax.Jit(Jax.Grad((NDArray v) => Jnp.Sum(pool(v) * 2f)))(x), shape: [2, 4]);
    }

    [Fact]
    public void Gradients_agree_with_finite_differences()
    {
        var (x, _) = RandomArray([2, 5, 6], 19, DType.Float64);
        GradCheck.Check(v => Lax.ReduceWindow(v, 0, Lax.Add, [1, 3, 2], [1, 2, 1], "SAME"), x);
        GradCheck.Check(v => Lax.ReduceWindow(v, NegInf, Lax.Max, [1, 3, 2], [1, 2, 1], "SAME"), x);
        GradCheck.Check(v => Lax.ReduceWindow(v, double.PositiveInfinity, Lax.Min, [2, 2, 2], [1, 1, 2], [(0, 0), (1, 1), (0, 1)], [1, 2, 1], [1, 1, 2]), x);
        GradCheck.Check(v => Lax.ReduceWindow(v, 0, Lax.Add, [1, 2, 3], [1, 1, 1], [(0, 0), (0, 0), (1, 1)], [1, 2, 1], [1, 2, 1]), x);
        GradCheck.Check(v => Lax.ReduceWindow(v, 1, Lax.Mul, [1, 2, 2], [1, 2, 2], "VALID"), x);
        var (big, _) = RandomArray([2, 18, 9], 20, DType.Float64);
        GradCheck.Check(v => Lax.ReduceWindow(v, NegInf, Lax.Max, [1, 9, 9], [1, 9, 9], "VALID"), big, order: 1);
        GradCheck.Check(v => Lax.ReduceWindow(v, 0, Lax.Add, [1, 9, 9], [1, 9, 9], "VALID"), big, order: 1);
    }

    [Fact]
    public void Jit_and_vmap_agree_with_eager()
    {
        var (batch, _) = RandomArray([3, 2, 5, 6, 4], 21);
        JitAndVmapAgree(v => Lax.ReduceWindow(v, NegInf, Lax.Max, [1, 2, 2, 1], [1, 2, 2, 1], "VALID"), batch);
        JitAndVmapAgree(v => Lax.ReduceWindow(v, 0, Lax.Add, [1, 1, 3, 3], [1, 1, 2, 2], "SAME"), batch);
        JitAndVmapAgree(v => Lax.ReduceWindow(v, 0.5, Lax.Min, [1, 2, 2, 2], [1, 1, 1, 2], "SAME", [1, 2, 1, 1], [1, 1, 2, 1]), batch);
        var grad = Jax.Grad((NDArray v) => Jnp.Sum(Lax.ReduceWindow(v, NegInf, Lax.Max, [1, 3, 3, 1], [1, 2, 2, 1], "SAME")));
        JitAndVmapAgree(grad, batch);
    }

    [Fact]
    public void Bad_input_names_the_problem()
    {
        var x = Jnp.Ones([4, 5]);
        var rank = Assert.Throws<ShapeException>(() => Lax.ReduceWindow(x, 0, Lax.Add, [2], [1], "VALID"));
        Assert.Contains("window_dimensions", rank.Message);
        Assert.Throws<ShapeException>(() => Lax.ReduceWindow(x, 0, Lax.Add, [2, 2], [1], "VALID"));
        Assert.Throws<ShapeException>(() => Lax.ReduceWindow(x, 0, Lax.Add, [2, 2], [1, 1], [(0, 0)]));
        Assert.Throws<ShapeException>(() => Lax.ReduceWindow(x, 0, Lax.Add, [2, 2], [1, 1], "VALID", baseDilation: [1]));
        var stride = Assert.Throws<ArgumentException>(() => Lax.ReduceWindow(x, 0, Lax.Add, [2, 2], [0, 1], "VALID"));
        Assert.Contains("window_strides", stride.Message);
        Assert.Throws<ArgumentException>(() => Lax.ReduceWindow(x, 0, Lax.Add, [2, 2], [1, -2], [(0, 0), (0, 0)]));
        Assert.Throws<ArgumentException>(() => Lax.ReduceWindow(x, 0, Lax.Add, [0, 2], [1, 1], "VALID"));
        Assert.Throws<ArgumentException>(() => Lax.ReduceWindow(x, 0, Lax.Add, [2, 2], [1, 1], "VALID", windowDilation: [0, 1]));
        Assert.Throws<ArgumentException>(() => Lax.ReduceWindow(x, 0, Lax.Add, [2, 2], [1, 1], "FULL"));
        // A window longer than the padded operand by more than one element.
        Assert.Throws<ShapeException>(() => Lax.ReduceWindow(x, 0, Lax.Add, [6, 2], [1, 1], "VALID"));
        Assert.Throws<ShapeException>(() => Lax.ReduceWindow(x, Jnp.Zeros([2]), Lax.Add, [2, 2], [1, 1], "VALID"));
        Assert.Throws<ArgumentException>(() => Lax.ReduceWindow(x, Jnp.Array(0), Lax.Add, [2, 2], [1, 1], "VALID"));
        Assert.Throws<ArgumentException>(() => Lax.ReduceWindow(x, 0, (a, b) => Jnp.Sum(a + b), [2, 2], [1, 1], "VALID"));
    }
}
