using JaxNet.Spectral;
using static JaxNet.Tests.Api.SpectralChecks;
using Linalg = JaxNet.Jax.Scipy.Linalg;

namespace JaxNet.Tests.Api;

/// <summary>
/// What Eigh, Svd and Qr share: argument errors, promotion of integers, float32, NaN and infinite input (NaN out,
/// and the loops stop), empty matrices and batches, extreme magnitudes, and the round-robin pair schedule.
/// </summary>
public class ScipyLinalgSpectralInputTests
{
    [Fact]
    public void Inputs_that_are_not_matrices_are_shape_errors_naming_the_function()
    {
        var vector = Jnp.Ones([3], DType.Float64);
        Assert.Contains("Eigh", Assert.Throws<ShapeException>(() => Linalg.Eigh(vector)).Message);
        Assert.Contains("[3]", Assert.Throws<ShapeException>(() => Linalg.Svd(vector)).Message);
        Assert.Contains("Qr", Assert.Throws<ShapeException>(() => Linalg.Qr(Jnp.Array(1.0))).Message);
        var e = Assert.Throws<ShapeException>(() => Linalg.Eigh(Jnp.Ones([2, 3], DType.Float64)));
        Assert.Contains("square", e.Message);
        Assert.Contains("[2,3]", e.Message);
        Assert.Throws<ShapeException>(() => Linalg.EigvalsH(Jnp.Ones([4, 3, 2])));
    }

    [Fact]
    public void Integers_promote_to_the_default_float()
    {
        var a = Jnp.Array(new[,] { { 2, 1 }, { 1, 2 } });
        var w = Linalg.Eigh(a).W;
        Assert.Equal(DType.Float32, w.DType);
        Close([1, 3], w, 1e-6);
        Close([3, 1], Linalg.Svd(a).S, 1e-6);
        Assert.Equal(DType.Float32, Linalg.Qr(a).R.DType);
    }

    [Fact]
    public void Float32_works_to_its_own_precision()
    {
        var a = Random(81, 6, 6, DType.Float32);
        var (w, v) = Linalg.Eigh(a + a.T);
        Assert.Equal(DType.Float32, w.DType);
        Close(Jnp.Matmul(a + a.T, v), v * w, 1e-5);
        OrthonormalColumns(v, 1e-5);
        var (u, s, vh) = Linalg.Svd(a);
        Close(a, Jnp.Matmul(u * s, vh), 1e-5);
        OrthonormalColumns(u, 1e-5);
        var (q, r) = Linalg.Qr(a);
        Close(a, Jnp.Matmul(q, r), 1e-5);
        // Eigenvalues agree with float64's to float32 precision.
        Close(Linalg.EigvalsH((a + a.T).Astype(DType.Float64)), w.Astype(DType.Float64), 1e-5);
    }

    [Fact]
    public void Nan_or_infinite_input_gives_nan_everywhere_and_stops()
    {
        foreach (var bad in new[] { double.NaN, double.PositiveInfinity })
        {
            var a = Jnp.Where(Jnp.Eye(4, dtype: DType.Bool) & (Jax.Lax.BroadcastedIota(DType.Int32, [4, 4], 0) == 3), bad, Random(82, 4, 4));
            var (w, v) = Linalg.Eigh(a);
            Assert.True(AllNan(w) && AllNan(v));
            var (u, s, vh) = Linalg.Svd(a);
            Assert.True(AllNan(u) && AllNan(s) && AllNan(vh));
            var (q, r) = Linalg.Qr(a);
            Assert.True(AllNan(q) && AllNan(r));
        }
        // One bad matrix in a batch leaves the others alone.
        var batch = Jnp.Stack([Jnp.Full([3, 3], double.NaN, DType.Float64), Jnp.Eye(3, dtype: DType.Float64)]);
        var batched = Linalg.EigvalsH(batch);
        Assert.True(AllNan(batched[0]));
        Close([1, 1, 1], batched[1], 0);
    }

    [Fact]
    public void Empty_matrices_and_batches_give_empty_or_identity_factors()
    {
        var (w, v) = Linalg.Eigh(Jnp.Zeros([0, 0], DType.Float64));
        Assert.Equal([0], w.Shape);
        Assert.Equal([0, 0], v.Shape);
        var (u, s, vh) = Linalg.Svd(Jnp.Zeros([3, 0], DType.Float64));
        Assert.Equal(Jnp.Eye(3, dtype: DType.Float64).ToArray<double>(), u.ToArray<double>());
        Assert.Equal([0], s.Shape);
        Assert.Equal([0, 0], vh.Shape);
        (u, s, vh) = Linalg.Svd(Jnp.Zeros([0, 2], DType.Float64), fullMatrices: false);
        Assert.Equal([0, 0], u.Shape);
        Assert.Equal([0, 2], vh.Shape);
        var (q, r) = Linalg.Qr(Jnp.Zeros([2, 0], DType.Float64));
        Assert.Equal(Jnp.Eye(2, dtype: DType.Float64).ToArray<double>(), q.ToArray<double>());
        Assert.Equal([2, 0], r.Shape);
        Assert.Equal([0, 3], Linalg.Qr(Jnp.Zeros([0, 3], DType.Float64), economic: true).R.Shape);
        // A batch of none: the shapes one matrix would give, behind the empty batch axis.
        var empty = Jnp.Zeros([0, 3, 2], DType.Float64);
        (u, s, vh) = Linalg.Svd(empty);
        Assert.Equal([0, 3, 3], u.Shape);
        Assert.Equal([0, 2], s.Shape);
        Assert.Equal([0, 2, 2], vh.Shape);
        Assert.Equal([0, 3, 3], Linalg.Eigh(Jnp.Zeros([0, 3, 3], DType.Float64)).V.Shape);
        Assert.Equal([0, 3, 2], Linalg.Qr(empty, economic: true).Q.Shape);
    }

    [Fact]
    public void Huge_and_tiny_magnitudes_neither_overflow_nor_underflow()
    {
        var a = Random(83, 4, 3);
        var s = Linalg.Svdvals(a).ToArray<double>();
        foreach (var scale in new[] { 1e200, 1e-200 })
        {
            Close(s.Select(v => v * scale).ToArray(), Linalg.Svdvals(a * scale), scale * 1e-14);
            Close(Linalg.EigvalsH(a[..3] * scale) / scale, Linalg.EigvalsH(a[..3]), 1e-14);
            var (q, r) = Linalg.Qr(a * scale);
            Close(a, Jnp.Matmul(q, r) / scale, 1e-14);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(8)]
    public void Round_robin_rounds_are_disjoint_pairs_meeting_once(int n)
    {
        var schedule = RoundRobin.For(n);
        var size = n + n % 2;
        Assert.Equal(size, schedule.Size);
        var (p, q) = (schedule.P.ToArray<int>(), schedule.Q.ToArray<int>());
        var (inverse, partner) = (schedule.Inverse.ToArray<int>(), schedule.Partner.ToArray<int>());
        var met = new HashSet<(int, int)>();
        for (var round = 0; round < size - 1; round++)
        {
            var order = p.Skip(round * size / 2).Take(size / 2).Concat(q.Skip(round * size / 2).Take(size / 2)).ToArray();
            Assert.Equal(Enumerable.Range(0, size), order.Order());
            for (var k = 0; k < size / 2; k++)
            {
                var (i, j) = (order[k], order[size / 2 + k]);
                Assert.True(met.Add((Math.Min(i, j), Math.Max(i, j))));
                Assert.Equal(j, partner[round * size + i]);
                Assert.Equal(i, partner[round * size + j]);
            }
            for (var i = 0; i < size; i++) Assert.Equal(i, order[inverse[round * size + i]]);
        }
        Assert.Equal(size * (size - 1) / 2, met.Count);
    }
}
