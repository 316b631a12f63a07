using static JaxNet.Tests.Api.LargeSizeReference;
using static JaxNet.Tests.Api.RandomDistributionX64Tests;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Api;

/// <summary>Matrix products of every shape class the GEMM distinguishes (tall-skinny, short-wide, narrow, batched,
/// vector-matrix, transposed operands) in float32 and float64, and convolutions that parallelize.</summary>
public partial class LargeSizeDifferentialTests
{
    /// <summary>(batch, m, k, n): tall-skinny, narrow, wide, short-wide, batches (of products large enough to split
    /// themselves, and of small ones split across the batch, wide and narrow), vector products (m or n of 1) and an
    /// outer product (k of 1).</summary>
    public static readonly (int Batch, int M, int K, int N)[] Products =
    [
        (1, 70001, 5, 3), (1, 4099, 37, 67), (1, 3, 517, 4099), (1, 2, 3001, 97), (7, 131, 67, 149), (64, 33, 29, 31),
        (600, 37, 19, 5), (1, 1, 1031, 263), (1, 4099, 129, 1), (3, 1, 65, 2053), (1, 517, 1, 519),
    ];

    [Fact]
    public void MatmulsOfEveryShapeClassInFloat32AndFloat64()
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
            WithX64(() =>
            {
                foreach (var (batch, m, k, n) in Products)
                {
                    var a = HostArray.Wave([batch, m, k], phase: 8).RoundedTo(dtype);
                    var b = HostArray.Wave([batch, k, n], phase: 9).RoundedTo(dtype);
                    var (product, scale) = MatMul(a, b, batch, m, k, n);
                    var tol = dtype == DType.Float32 ? 1e-5 : 1e-13;
                    var name = $"{dtype} ({batch}, {m}, {k}) @ ({batch}, {k}, {n})";
                    // Matrices without their batch of one, and vectors as vectors (a rank-1 operand drops its axis).
                    var lhsShape = batch > 1 ? a.Shape : m == 1 ? [k] : [m, k];
                    var rhsShape = batch > 1 ? b.Shape : n == 1 ? [k] : [k, n];
                    var outShape = batch > 1 ? product.Shape : (lhsShape.Length == 2 ? new[] { m } : []).Concat(rhsShape.Length == 2 ? new[] { n } : []).ToArray();
                    var expected = product with { Shape = outShape };
                    var (x, y) = (a.ToDevice(dtype).Reshape(lhsShape), b.ToDevice(dtype).Reshape(rhsShape));
                    Close(name + ", eager", expected, Jnp.Matmul(x, y), dtype, tol, scale);
                    Close(name + ", jit", expected, Jax.Jit((NDArray p, NDArray q) => Jnp.Matmul(p, q))(x, y), dtype, tol, scale);
                    if (batch > 1 || lhsShape.Length < 2 || rhsShape.Length < 2) continue;
                    // The same products from transposed operands: contracting the lhs's first or the rhs's last axis.
                    var (xt, yt) = (Jnp.Transpose(x).BlockUntilReady(), Jnp.Transpose(y).BlockUntilReady());
                    Close(name + ", lhs transposed", expected, Lax.DotGeneral(xt, y, ([0], [0])), dtype, tol, scale);
                    Close(name + ", rhs transposed", expected, Lax.DotGeneral(x, yt, ([1], [1])), dtype, tol, scale);
                    Close(name + ", both transposed, jit", expected,
                        Jax.Jit((NDArray p, NDArray q) => Lax.DotGeneral(p, q, ([0], [1])))(xt, yt), dtype, tol, scale);
                    Close(name + ", x.T @ y.T under jit", expected,
                        Jax.Jit((NDArray p, NDArray q) => Jnp.Matmul(p.T, q.T))(xt, yt), dtype, tol, scale);
                }
            });
    }

    [Fact]
    public void Int32MatmulsWrapAround()
    {
        foreach (var (batch, m, k, n) in Products.Where(p => p.M > 1 && p.N > 1))
        {
            // Values up to 2^16 in size: products of two pass 2^31, and their sums wrap as int32 arithmetic does.
            int[] Ints(int count, int seed) => Enumerable.Range(0, count).Select(i => (int)((long)(i + seed) * 40503 % 131071) - 65535).ToArray();
            var (a, b) = (Ints(batch * m * k, 1), Ints(batch * k * n, 2));
            var expected = new int[batch * m * n];
            for (var p = 0; p < batch; p++)
                for (var i = 0; i < m; i++)
                    for (var t = 0; t < k; t++)
                        for (var j = 0; j < n; j++)
                            expected[(p * m + i) * n + j] = unchecked(expected[(p * m + i) * n + j] + a[(p * m + i) * k + t] * b[(p * k + t) * n + j]);
            int[] lhsShape = batch > 1 ? [batch, m, k] : [m, k], rhsShape = batch > 1 ? [batch, k, n] : [k, n];
            var outShape = batch > 1 ? new[] { batch, m, n } : [m, n];
            var (x, y) = (Jnp.FromHost<int>(a, lhsShape, DType.Int32), Jnp.FromHost<int>(b, rhsShape, DType.Int32));
            var name = $"int32 ({batch}, {m}, {k}) @ ({batch}, {k}, {n})";
            Exact(name + ", eager", expected, outShape, Jnp.Matmul(x, y));
            Exact(name + ", jit", expected, outShape, Jax.Jit((NDArray p, NDArray q) => Jnp.Matmul(p, q))(x, y));
            // B read across its rows (a transposed operand: no contiguous rows to vectorize).
            var yt = Jnp.Swapaxes(y, -1, -2).BlockUntilReady();
            Exact(name + ", rhs transposed, jit", expected, outShape, Jax.Jit((NDArray p, NDArray q) => Jnp.Matmul(p, Jnp.Swapaxes(q, -1, -2)))(x, yt));
        }
    }

    [Fact]
    public void DotGeneralWithABatchAxisInTheMiddle()
    {
        // lhs [k, batch, m], rhs [batch, n, k]: the result is [batch, m, n].
        var (batch, m, k, n) = (5, 263, 33, 101);
        var a = HostArray.Wave([batch, m, k], phase: 10).RoundedTo(DType.Float32);
        var b = HostArray.Wave([batch, k, n], phase: 11).RoundedTo(DType.Float32);
        var (product, scale) = MatMul(a, b, batch, m, k, n);
        var lhs = Jnp.Transpose(a.ToDevice(), [2, 0, 1]).BlockUntilReady();
        var rhs = Jnp.Transpose(b.ToDevice(), [0, 2, 1]).BlockUntilReady();
        NDArray F(NDArray p, NDArray q) => Lax.DotGeneral(p, q, ([0], [2]), ([1], [0]));
        Close("dot_general batch 1/0, eager", product, F(lhs, rhs), DType.Float32, 1e-5, scale);
        Close("dot_general batch 1/0, jit", product, Jax.Jit(F)(lhs, rhs), DType.Float32, 1e-5, scale);
    }

    /// <summary>(x shape, w shape, strides, padding, groups): strided and padded with groups; unstrided, padded
    /// "same"; a 1 x 1 kernel over many channels.</summary>
    public static readonly (int[] X, int[] W, (int, int) Stride, ((int, int), (int, int)) Padding, int Groups)[] Convolutions =
    [
        ([8, 6, 67, 66], [8, 3, 3, 3], (2, 1), ((1, 2), (0, 1)), 2),
        ([2, 8, 100, 97], [16, 8, 3, 3], (1, 1), ((1, 1), (1, 1)), 1),
        ([3, 64, 29, 31], [48, 64, 1, 1], (1, 1), ((0, 0), (0, 0)), 1),
        ([1, 12, 131, 129], [12, 1, 5, 3], (1, 2), ((2, 2), (1, 0)), 12),
    ];

    [Fact]
    public void ConvolutionsWithStridesPaddingAndGroups()
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
            WithX64(() =>
            {
                foreach (var (xs, ws, stride, padding, groups) in Convolutions)
                {
                    var x = HostArray.Wave(xs, phase: 12).RoundedTo(dtype);
                    var w = HostArray.Wave(ws, phase: 13).RoundedTo(dtype);
                    var (expected, scale) = Conv2d(x, w, stride, padding, groups);
                    var tol = dtype == DType.Float32 ? 1e-5 : 1e-13;
                    var pad = new[] { padding.Item1, padding.Item2 };
                    NDArray F(NDArray p, NDArray q) =>
                        Lax.ConvGeneralDilated(p, q, [stride.Item1, stride.Item2], pad, featureGroupCount: groups);
                    var name = $"{dtype} conv {Text(xs)} * {Text(ws)} groups {groups}";
                    Close(name + ", eager", expected, F(x.ToDevice(dtype), w.ToDevice(dtype)), dtype, tol, scale);
                    Close(name + ", jit", expected, Jax.Jit(F)(x.ToDevice(dtype), w.ToDevice(dtype)), dtype, tol, scale);
                    // A fused epilogue (bias and relu) inlined into the convolution's GEMM.
                    var relu = expected with { Values = expected.Values.Select(v => Math.Max(v + 0.25, 0)).ToArray() };
                    Close(name + ", relu(conv + 0.25) under jit", relu,
                        Jax.Jit((NDArray p, NDArray q) => Jnp.Maximum(F(p, q) + 0.25f, 0f))(x.ToDevice(dtype), w.ToDevice(dtype)), dtype, tol, scale);
                }
            });
    }
}
