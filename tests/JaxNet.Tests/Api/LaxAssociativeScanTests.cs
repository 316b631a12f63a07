using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.Expect;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Api;

/// <summary>
/// lax.associative_scan against sequential loops on the host: sums and products (cumsum, cumprod), a
/// non-commutative matrix product and affine maps (a linear recurrence), forwards and reversed, along any axis and
/// for every length the odd/even recursion distinguishes; gradients, Jit and Vmap; lax.cumlogsumexp.
/// </summary>
public class LaxAssociativeScanTests
{
    private static (NDArray Array, double[] Host) RandomArray(int[] shape, int seed, double low = -2, double high = 2)
    {
        var rng = new Random(seed);
        var host = Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(_ => Math.Round(low + rng.NextDouble() * (high - low), 3)).ToArray();
        return (Jnp.FromHost<double>(host, shape, DType.Float64), host);
    }

    // Row-wise prefix combination of a [rows, n] host array.
    private static double[] HostScan(double[] x, int rows, int n, Func<double, double, double> op, bool reverse = false)
    {
        var result = (double[])x.Clone();
        for (var r = 0; r < rows; r++)
            for (var j = 1; j < n; j++)
            {
                var (at, before) = reverse ? (r * n + n - 1 - j, r * n + n - j) : (r * n + j, r * n + j - 1);
                result[at] = op(result[before], x[at]);
            }
        return result;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(17)]
    public void Sums_and_products_match_the_sequential_loop_for_every_length(int n)
    {
        var (x, host) = RandomArray([3, n], n);
        Values(HostScan(host, 3, n, (a, b) => a + b), Lax.AssociativeScan(Lax.Add, x, axis: 1), DType.Float64, [3, n], 1e-12);
        Values(HostScan(host, 3, n, (a, b) => a + b, reverse: true), Lax.AssociativeScan(Lax.Add, x, reverse: true, axis: -1), DType.Float64, [3, n], 1e-12);
        Values(HostScan(host, 3, n, (a, b) => a * b), Lax.AssociativeScan(Jnp.Multiply, x, axis: 1), DType.Float64, [3, n], 1e-12);
        Values(Lax.Cumsum(x, 1).ToArray<double>(), Lax.AssociativeScan(Lax.Add, x, axis: 1), DType.Float64, [3, n], 1e-12);
        Values(Lax.Cumprod(x, 1, reverse: true).ToArray<double>(), Lax.AssociativeScan(Lax.Mul, x, reverse: true, axis: 1), DType.Float64, [3, n], 1e-12);
        // Along the leading axis of the transpose.
        Values(Lax.Cumsum(x.T, 0).ToArray<double>(), Lax.AssociativeScan(Lax.Add, x.T), DType.Float64, [n, 3], 1e-12);
    }

    [Fact]
    public void Integer_and_boolean_scans_are_exact()
    {
        Ints([3, 3, 5, 5, 9, 9, 9], Lax.AssociativeScan(Lax.Max, I(3, 1, 5, 2, 9, 0, 4)));
        Ints([4, int.MaxValue - 1, int.MaxValue - 1], Lax.AssociativeScan(Lax.Min, I(4, int.MaxValue, int.MaxValue - 1), reverse: true));
        var flags = Jnp.Array(new[] { false, false, true, false, true });
        Assert.Equal([false, false, true, true, true], Lax.AssociativeScan(Lax.BitwiseOr, flags).ToArray<bool>());
    }

    [Theory]
    [InlineData(6, false)]
    [InlineData(9, true)]
    public void Matrix_products_keep_their_order(int n, bool reverse)
    {
        var (m, host) = RandomArray([n, 2, 2], 30 + n);
        var scanned = Lax.AssociativeScan((a, b) => Jnp.Matmul(a, b), m, reverse);
        // Forwards: m0 m1 ... mi; reversed: m(n-1) ... m(i+1) mi.
        var expected = new double[n * 4];
        var acc = new double[] { 1, 0, 0, 1 };
        foreach (var i in reverse ? Enumerable.Range(0, n).Reverse() : Enumerable.Range(0, n))
        {
            var mi = host.AsSpan(i * 4, 4);
            acc = [acc[0] * mi[0] + acc[1] * mi[2], acc[0] * mi[1] + acc[1] * mi[3], acc[2] * mi[0] + acc[3] * mi[2], acc[2] * mi[1] + acc[3] * mi[3]];
            acc.CopyTo(expected, i * 4);
        }
        Values(expected, scanned, DType.Float64, [n, 2, 2], 1e-10);
        Values(expected, Jax.Jit((NDArray v) => Lax.AssociativeScan((a, b) => Jnp.Matmul(a, b), v, reverse))(m), DType.Float64, [n, 2, 2], 1e-10);
    }

    // x -> a x + b, then x -> c x + d: x -> (a c) x + (c b + d). The scan's offsets are the recurrence h_i = a_i h_(i-1) + b_i.
    private static (NDArray A, NDArray B) Compose((NDArray A, NDArray B) first, (NDArray A, NDArray B) second) =>
        (first.A * second.A, second.A * first.B + second.B);

    [Fact]
    public void Affine_maps_of_a_tuple_give_a_linear_recurrence()
    {
        const int n = 13;
        var (a, ha) = RandomArray([2, n], 40, 0.5, 1.2);
        var (b, hb) = RandomArray([2, n], 41);
        var (scaleOut, offsetOut) = Lax.AssociativeScan(Compose, (a, b), axis: 1);
        var (expectedScale, expectedOffset) = (new double[2 * n], new double[2 * n]);
        for (var r = 0; r < 2; r++)
        {
            double h = 0, s = 1;
            for (var i = 0; i < n; i++)
            {
                h = ha[r * n + i] * h + hb[r * n + i];
                s *= ha[r * n + i];
                (expectedScale[r * n + i], expectedOffset[r * n + i]) = (s, h);
            }
        }
        Values(expectedScale, scaleOut, DType.Float64, [2, n], 1e-12);
        Values(expectedOffset, offsetOut, DType.Float64, [2, n], 1e-12);
        var arrays = Lax.AssociativeScan((x, y) => [x[0] * y[0], y[0] * x[1] + y[1]], [a, b], axis: 1);
        Values(expectedOffset, arrays[1], DType.Float64, [2, n], 1e-12);
    }

    [Fact]
    public void Gradients_agree_with_finite_differences()
    {
        var (x, _) = RandomArray([11], 50, 0.5, 1.5);
        // d/dx_j of sum_i (x_0 + ... + x_i) is the number of prefixes holding x_j.
        Values(Enumerable.Range(0, 11).Select(j => 11.0 - j).ToArray(), Jax.Grad((NDArray v) => Jnp.Sum(Lax.AssociativeScan(Lax.Add, v)))(x), DType.Float64);
        GradCheck.Check(v => Lax.AssociativeScan(Lax.Mul, v), x);
        GradCheck.Check(v => Lax.AssociativeScan(Lax.Mul, v, reverse: true), x);
        var (b, _) = RandomArray([11], 51);
        GradCheck.Check((u, v) => Lax.AssociativeScan(Compose, (u, v)).Item2, x, b);
        var (m, _) = RandomArray([5, 2, 2], 52);
        GradCheck.Check(v => Lax.AssociativeScan((p, q) => Jnp.Matmul(p, q), v), m, order: 1);
    }

    [Fact]
    public void Jit_and_vmap_agree_with_eager()
    {
        var (batch, _) = RandomArray([3, 4, 10], 60);
        JitAndVmapAgree(v => Lax.AssociativeScan(Lax.Add, v, axis: 1), batch);
        JitAndVmapAgree(v => Lax.AssociativeScan(Lax.Mul, v, reverse: true), batch);
        JitAndVmapAgree(v => Lax.AssociativeScan(Compose, (v, v * 0.5)).Item2, batch);
        JitAndVmapAgree(Jax.Grad((NDArray v) => Jnp.Sum(Lax.AssociativeScan(Lax.Mul, v, axis: 1))), batch);
        JitAndVmapAgree(v => Lax.Cumlogsumexp(v, 1, reverse: true), batch);
    }

    [Fact]
    public void Cumlogsumexp_neither_overflows_nor_breaks_on_minus_infinity()
    {
        var x = D(1000, 1000, double.NegativeInfinity, -3, 0.5);
        // log(cumsum(exp(x))) taken from the running maximum: 1000, 1000 + log 2, ..., then log(e^-3 + e^0.5) above it.
        var log2 = Math.Log(2);
        var tail = 1000 + log2 + Math.Log(1 + Math.Exp(-1003 - 1000 - log2) + Math.Exp(0.5 - 1000 - log2));
        Values([1000, 1000 + log2, 1000 + log2, tail, tail], Lax.Cumlogsumexp(x), DType.Float64, tol: 1e-14);
        var starts = D(double.NegativeInfinity, double.NegativeInfinity, 0, Math.Log(3));
        Values([double.NegativeInfinity, double.NegativeInfinity, 0, Math.Log(4)], Lax.Cumlogsumexp(starts), DType.Float64, tol: 1e-14);
        Values([Math.Log(4), Math.Log(4), Math.Log(4), Math.Log(3)], Lax.Cumlogsumexp(starts, reverse: true), DType.Float64, tol: 1e-14);
        var (r, host) = RandomArray([4, 6], 70);
        var expected = host.Select((_, i) => Math.Log(Enumerable.Range(i / 6 * 6, i % 6 + 1).Sum(j => Math.Exp(host[j])))).ToArray();
        Values(expected, Lax.Cumlogsumexp(r, axis: 1), DType.Float64, tol: 1e-12);
        GradCheck.Check(v => Lax.Cumlogsumexp(v, axis: 1), r);
        // The gradient of the last entry is the softmax of the row.
        var softmax = Jax.Nn.Softmax(r[0]).ToArray<double>();
        Values(softmax, Jax.Grad((NDArray v) => Lax.Cumlogsumexp(v)[-1])(r[0]), DType.Float64, tol: 1e-12);
    }

    [Fact]
    public void Bad_input()
    {
        Assert.Throws<ArgumentException>(() => Lax.AssociativeScan((x, y) => x, Array.Empty<NDArray>()));
        Assert.Throws<ShapeException>(() => Lax.AssociativeScan((x, y) => [x[0] + y[0], x[1] + y[1]], [F(1, 2, 3), F(1, 2)]));
        Assert.Throws<ShapeException>(() => Lax.AssociativeScan(Lax.Add, Jnp.Array(1f)));
        Assert.Throws<ShapeException>(() => Lax.AssociativeScan(Lax.Add, F(1, 2, 3), axis: 1));
        var wrong = Assert.Throws<ArgumentException>(() => Lax.AssociativeScan((x, y) => Jnp.Sum(x + y), F(1, 2, 3, 4)));
        Assert.Contains("fn must return", wrong.Message);
        Assert.Throws<ArgumentException>(() => Lax.AssociativeScan((x, y) => (x + y).Astype(DType.Float64), F(1, 2, 3, 4)));
        Assert.Throws<ArgumentException>(() => Lax.Cumlogsumexp(I(1, 2, 3)));
    }
}
