using JaxNet.Abstractions.Kernels;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Transforms;

/// <summary>
/// One gradient-check case per differentiable primitive (keyed by the primitive's name) and per main Jnp/Nn
/// function, on float64 inputs inside each function's smooth domain (away from kinks and branch points).
/// </summary>
public static class GradCheckCases
{
    /// <summary>A function, its arguments, the derivative order to check, and the modes (while_loop has forward mode only).</summary>
    public sealed record Case(Func<NDArray[], NDArray[]> F, Func<NDArray[]> Args, int Order = 2, GradCheck.Modes Modes = GradCheck.Modes.Both);

    private static NDArray D(params double[] v) => Jnp.FromHost<double>(v, [v.Length], DType.Float64);

    private static NDArray D(int[] shape, int seed = 0)
    {
        var rng = new Random(seed);
        var size = shape.Aggregate(1, (a, b) => a * b);
        return Jnp.FromHost<double>(Enumerable.Range(0, size).Select(_ => rng.NextDouble() * 2 - 1).ToArray(), shape, DType.Float64);
    }

    private static NDArray I(params int[] v) => Jnp.FromHost<int>(v, [v.Length], DType.Int32);

    // A carry that closes over an argument (a hoisted const) and stacked ys.
    private static NDArray[] ScanCase(NDArray[] a)
    {
        var (c, y) = Lax.Scan((c, x) => ([Jnp.Sin(c[0]) * x[0] + a[1]], [c[0] * c[0]]), [a[0]], [a[2]]);
        return [c[0], y[0]];
    }

    private static Case Unary(Func<NDArray, NDArray> f, params double[] x) => new(a => [f(a[0])], () => [D(x)]);

    private static Case Binary(Func<NDArray, NDArray, NDArray> f, double[] x, double[] y) => new(a => [f(a[0], a[1])], () => [D(x), D(y)]);

    /// <summary>Primitive cases: the key is the primitive's name.</summary>
    public static readonly IReadOnlyDictionary<string, Case> Primitives = new Dictionary<string, Case>
    {
        // complex128 inside, real outside: the complex rules (JAX's non-conjugating transposes) against differences.
        ["complex"] = Binary((x, y) => Lax.Real(Lax.Complex(x, y) * Lax.Complex(y, x * x)), [0.3, -1.2, 2], [0.7, 0.4, -1]),
        ["real"] = Binary((x, y) => Lax.Real(Lax.Exp(Lax.Complex(x, y)) / Lax.Complex(y, 2.0)), [0.3, -1.2, 2], [0.7, 0.4, -1]),
        ["imag"] = Binary((x, y) => Lax.Imag(Lax.Sqrt(Lax.Complex(x, y)) * Lax.Sin(Lax.Complex(y, x))), [0.3, -1.2, 2], [0.7, 0.4, -1]),
        ["conj"] = Binary((x, y) => Jnp.Abs(Lax.Conj(Lax.Complex(x, y)) * Lax.Log(Lax.Complex(y, x)) + Lax.Tanh(Lax.Complex(x, y))),
            [0.3, -1.2, 2], [0.7, 0.4, -1]),
        ["fft"] = Binary((x, y) => Jnp.Abs(Lax.Fft(Lax.Complex(x, y), FftType.Fft, [3])) + Lax.Real(Lax.Fft(Lax.Complex(y, x), FftType.Ifft, [3])),
            [0.3, -1.2, 2], [0.7, 0.4, -1]),
        ["neg"] = Unary(Lax.Neg, 0.3, -1.2, 2),
        ["abs"] = Unary(Lax.Abs, 0.3, -1.2, 2),
        ["sign"] = Unary(x => Lax.Sign(x) * x, 0.3, -1.2, 2),
        ["floor"] = Unary(x => Lax.Floor(x) * x, 0.3, -1.2, 2.5),
        ["ceil"] = Unary(x => Lax.Ceil(x) * x, 0.3, -1.2, 2.5),
        ["round"] = Unary(x => Lax.Round(x) * x, 0.3, -1.2, 2.4),
        ["round_even"] = Unary(x => Lax.Round(x, toNearestEven: true) * x, 0.3, -1.2, 2.4),
        ["sqrt"] = Unary(Lax.Sqrt, 0.3, 1.2, 4),
        ["rsqrt"] = Unary(Lax.Rsqrt, 0.3, 1.2, 4),
        ["cbrt"] = Unary(Lax.Cbrt, 0.3, -1.2, 4),
        ["exp"] = Unary(Lax.Exp, 0.3, -1.2, 2),
        ["exp2"] = Unary(Lax.Exp2, 0.3, -1.2, 2),
        ["log"] = Unary(Lax.Log, 0.3, 1.2, 4),
        ["log1p"] = Unary(Lax.Log1p, 0.3, -0.5, 4),
        ["expm1"] = Unary(Lax.Expm1, 0.3, -1.2, 2),
        ["sin"] = Unary(Lax.Sin, 0.3, -1.2, 2),
        ["cos"] = Unary(Lax.Cos, 0.3, -1.2, 2),
        ["tan"] = Unary(Lax.Tan, 0.3, -1.2, 1),
        ["asin"] = Unary(Lax.Asin, 0.3, -0.6, 0.8),
        ["acos"] = Unary(Lax.Acos, 0.3, -0.6, 0.8),
        ["atan"] = Unary(Lax.Atan, 0.3, -1.2, 2),
        ["sinh"] = Unary(Lax.Sinh, 0.3, -1.2, 2),
        ["cosh"] = Unary(Lax.Cosh, 0.3, -1.2, 2),
        ["tanh"] = Unary(Lax.Tanh, 0.3, -1.2, 2),
        ["asinh"] = Unary(Lax.Asinh, 0.3, -1.2, 2),
        ["acosh"] = Unary(Lax.Acosh, 1.3, 2.2, 4),
        ["atanh"] = Unary(Lax.Atanh, 0.3, -0.6, 0.8),
        ["logistic"] = Unary(Lax.Logistic, 0.3, -1.2, 2),
        ["erf"] = Unary(Lax.Erf, 0.3, -1.2, 2),
        ["erf_inv"] = Unary(Lax.ErfInv, 0.3, -0.6, 0.8),
        ["lgamma"] = Unary(Lax.Lgamma, 0.7, 1.2, 4),
        ["digamma"] = Unary(Lax.Digamma, 0.3, 1.7, 9, -0.4, -2.5),
        ["add"] = Binary(Lax.Add, [0.3, -1.2, 2], [1, 2, -3]),
        ["sub"] = Binary(Lax.Sub, [0.3, -1.2, 2], [1, 2, -3]),
        ["mul"] = Binary(Lax.Mul, [0.3, -1.2, 2], [1, 2, -3]),
        ["div"] = Binary(Lax.Div, [0.3, -1.2, 2], [1, 2, -3]),
        ["rem"] = Binary(Lax.Rem, [2.3, -5.2, 7], [1, 2, -3]),
        ["pow"] = Binary(Lax.Pow, [0.3, 1.2, 2], [1.5, 2, -3]),
        ["max"] = Binary(Lax.Max, [0.3, -1.2, 2], [1, 2, -3]),
        ["min"] = Binary(Lax.Min, [0.3, -1.2, 2], [1, 2, -3]),
        ["atan2"] = Binary(Lax.Atan2, [0.3, -1.2, 2], [1, 2, -3]),
        ["eq"] = Binary((x, y) => Lax.Select(Lax.Eq(Lax.Floor(x), Lax.Floor(y)), x, y * x), [0.3, 2.5, 2.5], [1.5, 2.2, -3]),
        ["ne"] = Binary((x, y) => Lax.Select(Lax.Ne(Lax.Floor(x), Lax.Floor(y)), x, y * x), [0.3, 2.5, 2.5], [1.5, 2.2, -3]),
        ["lt"] = Binary((x, y) => Lax.Select(Lax.Lt(x, y), x, y * x), [0.3, -1.2, 2], [1, 2, -3]),
        ["le"] = Binary((x, y) => Lax.Select(Lax.Le(x, y), x, y * x), [0.3, -1.2, 2], [1, 2, -3]),
        ["gt"] = Binary((x, y) => Lax.Select(Lax.Gt(x, y), x, y * x), [0.3, -1.2, 2], [1, 2, -3]),
        ["ge"] = Binary((x, y) => Lax.Select(Lax.Ge(x, y), x, y * x), [0.3, -1.2, 2], [1, 2, -3]),
        ["select_n"] = Binary((x, y) => Lax.Select(Lax.Gt(x, 0.0), Lax.Sin(x), y * y), [0.3, -1.2, 2], [1, 2, -3]),
        ["convert_element_type"] = new(a => [Lax.ConvertElementType(Lax.ConvertElementType(a[0], DType.Float32) * 2f, DType.Float64)],
            () => [Jnp.Array(new float[] { 0.25f, -1.5f, 2 })]),
        ["broadcast_in_dim"] = new(a => [Lax.BroadcastInDim(a[0], [2, 3, 4], [0, 2]) * D([2, 3, 4], 1)], () => [D([2, 4])]),
        ["reshape"] = new(a => [Lax.Reshape(a[0], [3, 2]) * D([3, 2], 1)], () => [D([2, 3])]),
        ["squeeze"] = new(a => [Lax.Squeeze(a[0], [1]) * D([2, 3], 1)], () => [D([2, 1, 3])]),
        ["transpose"] = new(a => [Lax.Transpose(a[0], [2, 0, 1]) * D([4, 2, 3], 1)], () => [D([2, 3, 4])]),
        ["slice"] = new(a => [Lax.Slice(a[0], [1, 0], [5, 3], [2, 2]) * D([2, 2], 1)], () => [D([6, 3])]),
        ["rev"] = new(a => [Lax.Rev(a[0], [1]) * D([2, 3], 1)], () => [D([2, 3])]),
        ["pad"] = new(a => [Lax.Pad(a[0], 0.5, [(1, -1, 1), (2, 0, 0)]) * D([5, 5], 1)], () => [D([3, 3])]),
        ["concatenate"] = new(a => [Lax.Concatenate([a[0], a[1], a[0]], 1) * D([2, 7], 1)], () => [D([2, 3]), D([2, 1], 2)]),
        ["reduce_sum"] = new(a => [Lax.ReduceSum(a[0] * a[0], [0, 2])], () => [D([2, 3, 4])]),
        ["reduce_max"] = new(a => [Lax.ReduceMax(a[0], [1])], () => [D([3, 4])]),
        ["reduce"] = new(a => [Lax.Reduce(a[0], double.NegativeInfinity, (x, y) => Jnp.Logaddexp(x, y), [1])], () => [D([3, 5])]),
        ["optimization_barrier"] = new(a => [Lax.OptimizationBarrier(a[0] * a[0])[0]], () => [D([2, 3])]),
        ["reduce_min"] = new(a => [Lax.ReduceMin(a[0], [1])], () => [D([3, 4])]),
        ["reduce_prod"] = new(a => [Lax.ReduceProd(a[0], [0, 2])], () => [Jnp.FromHost<double>([0.5, -1, 2, 0, 1.5, 0.7, -0.3, 1.1], [2, 2, 2], DType.Float64)]),
        ["cumsum"] = new(a => [Lax.Cumsum(a[0], 1, reverse: true) * D([2, 5], 1)], () => [D([2, 5])]),
        ["cumprod"] = new(a => [Lax.Cumprod(a[0], 0)], () => [D(0.5, -1.5, 0, 2, 1.2)]),
        ["cummax"] = new(a => [Lax.Cummax(a[0], 0)], () => [D(0.5, -1.5, 0.7, 2, 1.2)]),
        ["cummin"] = new(a => [Lax.Cummin(a[0], 0, reverse: true)], () => [D(0.5, -1.5, 0.7, 2, 1.2)]),
        ["dot_general"] = new(a => [Lax.DotGeneral(a[0], a[1], ([2], [1]), ([0], [0]))], () => [D([2, 3, 4]), D([2, 4, 5], 1)]),
        ["conv_general_dilated"] = new(a => [Lax.ConvGeneralDilated(a[0], a[1], [2, 1], [(1, 1), (0, 1)], rhsDilation: [1, 2])],
            () => [D([2, 3, 6, 5]), D([4, 3, 3, 2], 1)]),
        ["gather"] = new(a => [Jnp.Take(a[0], I(2, 0, 2, 1), axis: 1) * D([3, 4], 1)], () => [D([3, 3])]),
        ["scatter-add"] = new(a => [Lax.ScatterAdd(a[0], Jnp.FromHost<int>([1, 3, 1], [3, 1], DType.Int32), a[1], [], [0], [0]) * D([5], 1)],
            () => [D([5]), D([3], 2)]),
        ["scatter"] = new(a => [Lax.Scatter(a[0], Jnp.FromHost<int>([1, 3], [2, 1], DType.Int32), a[1], [], [0], [0]) * D([5], 1)],
            () => [D([5]), D([2], 2)]),
        ["scatter-mul"] = new(a => [Lax.Scatter(a[0], Jnp.FromHost<int>([1, 3], [2, 1], DType.Int32), a[1], [], [0], [0], ScatterCombiner.Mul)],
            () => [D([5]), D([2], 2)]),
        ["scatter-max"] = new(a => [Lax.Scatter(a[0], Jnp.FromHost<int>([1, 3, 1, 0], [4, 1], DType.Int32), a[1], [], [0], [0], ScatterCombiner.Max)],
            () => [D(0.1, 0.2, -0.3, 0.4, 0.5), D(-0.5, 0.7, 0.6, -0.2)]),
        ["scatter-min"] = new(a => [Lax.Scatter(a[0], Jnp.FromHost<int>([1, 3, 1, 0], [4, 1], DType.Int32), a[1], [], [0], [0], ScatterCombiner.Min)],
            () => [D(0.1, 0.2, -0.3, 0.4, 0.5), D(-0.5, 0.7, 0.6, -0.2)]),
        ["dynamic_slice"] = new(a => [Lax.DynamicSlice(a[0], [Jnp.Array(1), Jnp.Array(2)], [2, 2]) * D([2, 2], 1)], () => [D([4, 5])]),
        ["dynamic_update_slice"] = new(a => [Lax.DynamicUpdateSlice(a[0], a[1], [Jnp.Array(1), Jnp.Array(3)]) * D([4, 5], 1)],
            () => [D([4, 5]), D([2, 2], 2)]),
        ["cond"] = new(a => Lax.Cond(Jnp.Sum(a[0]) > 0, o => [Jnp.Sin(o[0]) * o[1], o[1]], o => [Jnp.Exp(o[0]) + o[1], o[0] * o[1]], [a[0], a[1]]),
            () => [D(0.5, -0.3), D(0.2, 0.7)]),
        ["scan"] = new(ScanCase, () => [D(0.5, -0.3), D(0.2, 0.7), D([4, 2], 1)]),
        ["while"] = new(a => Lax.WhileLoop(c => c[0] < 4, c => [c[0] + 1, Jnp.Sin(c[1]) * a[1] + c[1]], [Jnp.Array(0), a[0]])[1..],
            () => [D(0.5, -0.3), D(0.2, 0.7)], Order: 1, Modes: GradCheck.Modes.Fwd),
        ["sort"] = new(a => Lax.Sort([a[0], a[1]], 1, numKeys: 1).Select(s => s * D([2, 4], 1)).ToArray(), () => [D([2, 4]), D([2, 4], 2)]),
    };

    /// <summary>Jnp and Nn functions, composed of the primitives above.</summary>
    public static readonly IReadOnlyDictionary<string, Case> Functions = new Dictionary<string, Case>
    {
        ["conv with feature groups"] = new(a => [Lax.ConvGeneralDilated(a[0], a[1], [1, 2], [(1, 0), (1, 1)], featureGroupCount: 2)],
            () => [D([2, 4, 5, 6]), D([6, 2, 2, 3], 1)]),
        ["conv with batch groups"] = new(a => [Lax.ConvGeneralDilated(a[0], a[1], [1, 1], [(0, 0), (1, 1)], batchGroupCount: 2)],
            () => [D([4, 3, 5, 4]), D([6, 3, 2, 3], 1)]),
        ["conv NHWC"] = new(a => [Lax.ConvGeneralDilated(a[0], a[1], [2, 2], [(1, 1), (1, 1)], lhsDilation: [1, 1],
            dimensionNumbers: [[0, 3, 1, 2], [3, 2, 0, 1], [0, 3, 1, 2]])], () => [D([2, 5, 5, 3]), D([3, 3, 3, 4], 1)]),
        ["Jnp.Matmul"] = new(a => [Jnp.Matmul(a[0], a[1])], () => [D([3, 4]), D([4, 2], 1)]),
        ["Jnp.Mean"] = new(a => [Jnp.Mean(a[0] * a[0], 0)], () => [D([3, 4])]),
        ["Jnp.Var"] = new(a => [Jnp.Var(a[0], 1)], () => [D([3, 4])]),
        ["Jnp.Where"] = new(a => [Jnp.Where(a[0] > 0, Jnp.Exp(a[0]), a[0] * a[0])], () => [D([3, 4])]),
        ["Jnp.Clip"] = new(a => [Jnp.Clip(a[0], -0.5, 0.5) * a[0]], () => [D(0.3, -1.2, 2, 0.1)]),
        ["Jnp.Prod"] = new(a => [Jnp.Prod(a[0], 1)], () => [D([3, 4])]),
        ["Jnp.Max"] = new(a => [Jnp.Max(a[0], 0)], () => [D([3, 4])]),
        ["Jnp.Stack"] = new(a => [Jnp.Stack([a[0], Jnp.Sin(a[0])], 1)], () => [D([3, 2])]),
        ["Jnp.Einsum"] = new(a => [Jnp.Einsum("ij,jk->ik", a[0], a[1])], () => [D([2, 3]), D([3, 2], 1)]),
        ["Nn.Relu"] = new(a => [Jax.Nn.Relu(a[0])], () => [D(0.3, -1.2, 2, 0.1)]),
        ["Nn.Softmax"] = new(a => [Jax.Nn.Softmax(a[0])], () => [D([3, 4])]),
        ["Nn.LogSoftmax"] = new(a => [Jax.Nn.LogSoftmax(a[0])], () => [D([3, 4])]),
        ["Nn.Logsumexp"] = new(a => [Jax.Nn.Logsumexp(a[0])], () => [D([3, 4])]),
        ["Nn.Gelu"] = new(a => [Jax.Nn.Gelu(a[0]), Jax.Nn.Gelu(a[0], approximate: false)], () => [D(0.3, -1.2, 2, 0.1)]),
        ["Nn.Softplus"] = new(a => [Jax.Nn.Softplus(a[0])], () => [D(0.3, -1.2, 2, 0.1)]),
        ["Nn.Silu"] = new(a => [Jax.Nn.Silu(a[0])], () => [D(0.3, -1.2, 2, 0.1)]),
        ["float32 MLP layer"] = new(a => [Jnp.Tanh(Jnp.Matmul(a[0], a[1]))],
            () => [Jnp.Array(new float[,] { { 0.1f, -0.2f }, { 0.3f, 0.4f } }), Jnp.Array(new float[,] { { 0.5f, -0.6f }, { 0.7f, 0.2f } })]),
    };

    public static TheoryData<string> PrimitiveNames => [.. Primitives.Keys];

    public static TheoryData<string> FunctionNames => [.. Functions.Keys];
}
