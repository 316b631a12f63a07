using static JaxNet.Tests.Api.LargeSizeReference;
using static JaxNet.Tests.Api.RandomDistributionX64Tests;

namespace JaxNet.Tests.Api;

/// <summary>Large kernels that fusion builds under Jit: reductions with broadcast operands, fused prologues and
/// epilogues, reshaped and transposed operands; products with fused epilogues; float64 sums over few long rows; and
/// large kernels launched from several threads at once.</summary>
public partial class LargeSizeDifferentialTests
{
    private static readonly int[][] FusionShapes = [[1031, 263], [87383, 3], [3, 87383], [7, 20011, 3]];

    [Fact]
    public void SoftmaxAlongEveryAxis() =>
        EveryAxis(FusionShapes, shape => HostArray.Wave(shape, phase: 25).RoundedTo(DType.Float32), DType.Float32, (name, host, x, a) =>
        {
            var (outer, length, inner) = host.Lanes(a);
            var expected = new double[host.Size];
            for (var o = 0; o < outer; o++)
                for (var i = 0; i < inner; i++)
                {
                    var lane = Enumerable.Range(0, length).Select(j => (o * length + j) * inner + i).ToArray();
                    var max = lane.Max(at => host.Values[at]);
                    var sum = lane.Sum(at => Math.Exp(host.Values[at] - max));
                    foreach (var at in lane) expected[at] = Math.Exp(host.Values[at] - max) / sum;
                }
            EagerAndJit("softmax " + name, v => Jax.Nn.Softmax(v, a), x, (what, r) => Close(what, host with { Values = expected }, r, DType.Float32, 1e-5));
        });

    [Fact]
    public void ReductionsOfBroadcastAndReshapedOperandsUnderJit()
    {
        foreach (var shape in FusionShapes.Where(s => s.Length == 2))
        {
            var (rows, cols) = (shape[0], shape[1]);
            // Multiples of 1/64: x * w + c is exact in float32, so its ties are ties on the device too.
            var host = HostArray.Wave(shape, phase: 26, steps: 64);
            var column = HostArray.Wave([rows, 1], phase: 27, steps: 64);
            var row = HostArray.Wave([cols], phase: 28, steps: 64);
            var (x, c, w) = (host.ToDevice(), column.ToDevice(), row.ToDevice());
            // x * w + c: a row broadcast down the columns and a column broadcast along the rows.
            var fused = host with { Values = host.Values.Select((v, i) => v * row.Values[i % cols] + column.Values[i / cols]).ToArray() };
            var name = $"[{rows}, {cols}]";
            for (var axis = 0; axis < 2; axis++)
            {
                var a = axis;
                Close($"sum(x * w + c) {name} axis {a}", Sum(fused, [a]),
                    Jax.Jit((NDArray p, NDArray q, NDArray s) => Jnp.Sum(p * q + s, a))(x, w, c), DType.Float32, 1e-5, AbsSum(fused, [a]).Values);
                Exact($"argmax(x * w + c) {name} axis {a}", ArgExtreme(fused, a, max: true), [shape[1 - a]],
                    Jax.Jit((NDArray p, NDArray q, NDArray s) => Jnp.Argmax(p * q + s, a))(x, w, c));
                // The transpose read back as an array of the original shape: an operand no strides describe.
                var reshaped = Transpose(host, [1, 0]) with { Shape = shape };
                Close($"sum(x.T.reshape) {name} axis {a}", Sum(reshaped, [a]), Jax.Jit((NDArray p) => Jnp.Sum(p.T.Reshape(shape), a))(x),
                    DType.Float32, 1e-5, AbsSum(reshaped, [a]).Values);
                // x - mean(x) along the axis, kept: a reduction whose result an elementwise epilogue broadcasts back.
                var mean = Mean(host, [a]);
                var centred = host with { Values = host.Values.Select((v, i) => v - mean.Values[a == 0 ? i % cols : i / cols]).ToArray() };
                Close($"x - mean(x, keepdims) {name} axis {a}", centred,
                    Jax.Jit((NDArray p) => p - Jnp.Mean(p, a, keepdims: true))(x), DType.Float32, 1e-5);
            }
            // A transposed operand in an elementwise kernel: x.T * 2 + y.
            var y = HostArray.Wave([cols, rows], phase: 29).RoundedTo(DType.Float32);
            var transposed = Transpose(host, [1, 0]);
            var sum = y with { Values = y.Values.Select((v, i) => 2 * transposed.Values[i] + v).ToArray() };
            Close($"x.T * 2 + y {name}", sum, Jax.Jit((NDArray p, NDArray q) => p.T * 2f + q)(x, y.ToDevice()), DType.Float32, 1e-6);
        }
    }

    [Fact]
    public void MatmulsWithFusedEpilogues()
    {
        foreach (var (batch, m, k, n) in Products.Where(p => p.M > 1 && p.N > 1))
        {
            var a = HostArray.Wave([batch, m, k], phase: 30).RoundedTo(DType.Float32);
            var b = HostArray.Wave([batch, k, n], phase: 31).RoundedTo(DType.Float32);
            var bias = HostArray.Wave([n], phase: 32).RoundedTo(DType.Float32);
            var (product, scale) = MatMul(a, b, batch, m, k, n);
            int[] shape = batch > 1 ? [batch, m, n] : [m, n];
            var expected = new HostArray(product.Values.Select((v, i) => Math.Max(v + bias.Values[i % n], 0)).ToArray(), shape);
            scale = scale.Select((s, i) => s + Math.Abs(bias.Values[i % n])).ToArray();
            var (x, y, z) = (a.ToDevice().Reshape(batch > 1 ? a.Shape : [m, k]), b.ToDevice().Reshape(batch > 1 ? b.Shape : [k, n]), bias.ToDevice());
            var name = $"({batch}, {m}, {k}) @ ({batch}, {k}, {n})";
            Close($"relu(x @ w + b) {name}", expected,
                Jax.Jit((NDArray p, NDArray q, NDArray r) => Jax.Nn.Relu(Jnp.Matmul(p, q) + r))(x, y, z), DType.Float32, 1e-5, scale);
            if (batch > 1) continue;
            // The same with a transposed weight (h @ W^T) and a column sum after the product (a reduction of its output).
            var yt = Jnp.Transpose(y).BlockUntilReady();
            Close($"relu(x @ wt.T + b) {name}", expected,
                Jax.Jit((NDArray p, NDArray q, NDArray r) => Jax.Nn.Relu(Jnp.Matmul(p, q.T) + r))(x, yt, z), DType.Float32, 1e-5, scale);
            Close($"sum(relu(x @ w + b), 0) {name}", Sum(expected, [0]),
                Jax.Jit((NDArray p, NDArray q, NDArray r) => Jnp.Sum(Jax.Nn.Relu(Jnp.Matmul(p, q) + r), 0))(x, y, z), DType.Float32, 1e-5,
                Sum(new HostArray(scale, [m, n]), [0]).Values);
        }
    }

    [Fact]
    public void Float64SumsOverFewLongRows()
    {
        WithX64(() =>
        {
            int[][] shapes = [[1, 140009], [3, 87383], [2, 3, 32771], [4097, 33]];
            foreach (var shape in shapes)
            {
                var host = HostArray.Wave(shape, phase: 33);
                var x = host.ToDevice(DType.Float64);
                foreach (var axes in AxisSets(shape.Length))
                    EagerAndJit("float64 sum " + Name(shape, axes), v => Jnp.Sum(v * v - 0.5, axes), x,
                        (what, r) => Close(what, Sum(host with { Values = host.Values.Select(v => v * v - 0.5).ToArray() }, axes), r, DType.Float64, 1e-12,
                            AbsSum(host, axes).Values));
            }
        });
    }

    [Fact]
    public void LargeKernelsFromSeveralThreadsAtOnce()
    {
        // Each thread runs sums over both axes and a product; the helpers serve one loop at a time, the rest fall
        // back to the .NET pool.
        var host = HostArray.Wave([1031, 263], phase: 34).RoundedTo(DType.Float32);
        var b = HostArray.Wave([263, 67], phase: 35).RoundedTo(DType.Float32);
        var expected = new[] { Sum(host, [0]), Sum(host, [1]) };
        var scales = new[] { AbsSum(host, [0]).Values, AbsSum(host, [1]).Values };
        var (product, scale) = MatMul(host, b, 1, 1031, 263, 67);
        var f = Jax.Jit((NDArray p) => Jnp.Sum(p, 0));
        System.Threading.Tasks.Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, t =>
        {
            var x = host.ToDevice();
            var y = b.ToDevice();
            for (var round = 0; round < 5; round++)
            {
                Close($"thread {t}: sum axis 0", expected[0], t % 2 == 0 ? f(x) : Jnp.Sum(x, 0), DType.Float32, 1e-5, scales[0]);
                Close($"thread {t}: sum axis 1", expected[1], Jnp.Sum(x, 1), DType.Float32, 1e-5, scales[1]);
                Close($"thread {t}: product", product with { Shape = [1031, 67] }, Jnp.Matmul(x, y), DType.Float32, 1e-5, scale);
            }
        });
    }
}
