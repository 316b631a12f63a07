using JaxNet.Abstractions.Kernels;
using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>jax.ops.segment_sum/prod/max/min against a NumPy loop (numpy 1.24): identities in empty segments, dropped
/// or clamped ids, gradients and transformations.</summary>
public class OpsSegmentTests
{
    private static readonly NDArray Data = Matrix(new float[,] { { 1, 2 }, { 3, -1 }, { 0.5f, 4 }, { -2, 2 }, { 5, 0 } });

    // Id 7 is outside the 4 segments: dropped.
    private static readonly NDArray Ids = I(0, 2, 0, 2, 7);

    [Fact]
    public void ReduceEachSegmentWithEmptyOnesAtTheIdentity()
    {
        Values([1.5, 6, 0, 0, 1, 1, 0, 0], Jax.Ops.SegmentSum(Data, Ids, 4), shape: [4, 2]);
        Values([0.5, 8, 1, 1, -6, -2, 1, 1], Jax.Ops.SegmentProd(Data, Ids, 4), shape: [4, 2]);
        var inf = double.PositiveInfinity;
        Values([1, 4, -inf, -inf, 3, 2, -inf, -inf], Jax.Ops.SegmentMax(Data, Ids, 4), shape: [4, 2]);
        Values([0.5, 2, inf, inf, -2, -1, inf, inf], Jax.Ops.SegmentMin(Data, Ids, 4), shape: [4, 2]);
    }

    [Fact]
    public void InfersTheSegmentCountEagerlyAndDropsNegativeIds()
    {
        Values([1, 0, 10], Jax.Ops.SegmentSum(F(1, 2, 4, 8), I(0, 2, -1, 2)), shape: [3]);
        Values([1, 2], Jax.Ops.SegmentSum(F(1, 2), I(0, 1), 2, indicesAreSorted: true, uniqueIndices: true));
        Values([], Jax.Ops.SegmentSum(Jnp.Zeros([0]), Jnp.Zeros([0], DType.Int32), 0), shape: [0]);
        Values([0, 0], Jax.Ops.SegmentSum(Jnp.Zeros([0]), Jnp.Zeros([0], DType.Int32), 2), shape: [2]);
    }

    [Fact]
    public void ClipModeClampsIds()
    {
        // 7 -> 3 and -1 -> 0.
        Values([5, 0, 0, 2], Jax.Ops.SegmentSum(F(1, 2, 4), I(-1, 7, 0), 4, mode: IndexMode.Clip));
    }

    [Fact]
    public void IntegerAndBoolIdentitiesAreTheDtypesExtremes()
    {
        Ints([5, int.MinValue, 2], Jax.Ops.SegmentMax(I(5, 1, 2), I(0, 0, 2), 3));
        Ints([1, int.MaxValue, 2], Jax.Ops.SegmentMin(I(5, 1, 2), I(0, 0, 2), 3));
        Ints([6, 0, 2], Jax.Ops.SegmentSum(I(5, 1, 2), I(0, 0, 2), 3));
        Ints([5, 1, 2], Jax.Ops.SegmentProd(I(5, 1, 2), I(0, 0, 2), 3));
        Assert.Equal([true, false], Jax.Ops.SegmentMax(Jnp.Array(new[] { false, true }), I(0, 0), 2).ToArray<bool>());
        Assert.Equal([false, true], Jax.Ops.SegmentMin(Jnp.Array(new[] { false, true }), I(0, 0), 2).ToArray<bool>());
        var bytes = Jax.Ops.SegmentMin(Jnp.FromHost<byte>([7, 9], [2], DType.UInt8), I(1, 1), 2);
        Assert.Equal([byte.MaxValue, (byte)7], bytes.ToArray<byte>());
    }

    [Fact]
    public void RejectsBadInput()
    {
        Assert.Throws<ArgumentException>(() => Jax.Ops.SegmentSum(F(1, 2), F(0, 1)));
        Assert.Throws<ShapeException>(() => Jax.Ops.SegmentSum(F(1, 2), I(0, 1, 1)));
        Assert.Throws<ShapeException>(() => Jax.Ops.SegmentSum(Jnp.Array(1f), I(0)));
        Assert.Throws<ShapeException>(() => Jax.Ops.SegmentSum(F(1, 2), Jnp.Zeros([2, 1], DType.Int32)));
        Assert.Throws<ArgumentException>(() => Jax.Ops.SegmentSum(F(1, 2), I(0, 1), -1));
        Assert.Throws<ArgumentException>(() => Jax.Ops.SegmentSum(Jnp.Zeros([0]), Jnp.Zeros([0], DType.Int32)));
        Assert.Throws<ArgumentException>(() => Jax.Ops.SegmentMax(F(1, 2).Astype(DType.Complex64), I(0, 1), 2));
        Assert.Throws<ConcretizationTypeError>(() => Jax.Jit((NDArray d, NDArray s) => Jax.Ops.SegmentSum(d, s))(F(1, 2), I(0, 1)));
    }

    [Fact]
    public void NaNPropagatesToItsSegment()
    {
        Values([double.NaN, 2], Jax.Ops.SegmentSum(F(float.NaN, 1, 2), I(0, 0, 1), 2));
        Values([double.NaN, 2], Jax.Ops.SegmentMax(F(float.NaN, 1, 2), I(0, 0, 1), 2));
    }

    [Fact]
    public void WorkUnderJitAndVmap()
    {
        Values([1.5, 6, 0, 0, 1, 1, 0, 0], Jax.Jit((NDArray d, NDArray s) => Jax.Ops.SegmentSum(d, s, 4))(Data, Ids), shape: [4, 2]);
        Values([0.5, 8, 1, 1, -6, -2, 1, 1], Jax.Jit((NDArray d, NDArray s) => Jax.Ops.SegmentProd(d, s, 4))(Data, Ids), shape: [4, 2]);
        // Vmap over the data's columns with shared ids, and over batches of ids.
        JitAndVmapAgree(c => Jax.Ops.SegmentMax(c, Ids, 4), Data.T);
        JitAndVmapAgree(c => Jax.Ops.SegmentMin(c, Ids, 4), Data.T);
        var idBatch = Jnp.Array(new[,] { { 0, 1, 1, 2, 0 }, { 2, 2, -1, 0, 1 } });
        var perRow = Jax.Vmap((NDArray s) => Jax.Ops.SegmentSum(Data[.., 0], s, 3))(idBatch);
        Values([6, 3.5, -2, -2, 5, 4], perRow, shape: [2, 3]);
        Values([6, 3.5, -2, -2, 5, 4], Jax.Jit(Jax.Vmap((NDArray s) => Jax.Ops.SegmentSum(Data[.., 0], s, 3)))(idBatch), shape: [2, 3]);
    }

    [Fact]
    public void GradientsMatchFiniteDifferences()
    {
        var x = Jnp.FromHost<double>([0.3, -1.2, 2, 0.7, 1.5, -0.4], [3, 2], DType.Float64);
        var ids = I(1, 0, 1);
        GradCheck.Check(d => Jax.Ops.SegmentSum(d, ids, 3), x);
        GradCheck.Check(d => Jax.Ops.SegmentProd(d, ids, 3), x);
        // Two segments, both non-empty: an empty one is the constant -inf, whose differences are NaN.
        GradCheck.Check(d => Jax.Ops.SegmentMax(d, ids, 2), x, order: 1);
        GradCheck.Check(d => Jax.Ops.SegmentMin(d, ids, 2), x, order: 1);
    }

    [Fact]
    public void ProductGradientIsExactAtZeros()
    {
        // d/dx_j of the product is the product of the others: 2*3 for the zero, 0 for the rest.
        var grad = Jax.Grad((NDArray d) => Jnp.Sum(Jax.Ops.SegmentProd(d, I(0, 0, 0, 1), 2)));
        Values([0, 6, 0, 1], grad(F(2, 0, 3, 4)));
        Values([0, 0, 0, 1], grad(F(2, 0, 0, 4)));
        Values([12, 8, 6, 1], grad(F(2, 3, 4, 4)));
    }

    [Fact]
    public void MaxGradientIsSharedAmongTies()
    {
        var grad = Jax.Grad((NDArray d) => Jnp.Sum(Jax.Ops.SegmentMax(d, I(0, 0, 0, 1), 3)));
        Values([0, 0.5, 0.5, 1], grad(F(1, 3, 3, 2)));
        Values([0, 0.5, 0.5, 1], Jax.Jit(grad)(F(1, 3, 3, 2)));
    }
}

/// <summary>Segment reductions of 64-bit data and ids (x64 on).</summary>
[Collection(nameof(X64Collection))]
public class OpsSegmentX64Tests
{
    [Fact]
    public void Int64DataAndIds()
    {
        RandomDistributionX64Tests.WithX64(() =>
        {
            var data = Jnp.Array(new long[] { 5_000_000_000, 1, -3 });
            var ids = Jnp.Array(new long[] { 1, 1, 0 });
            Assert.Equal(DType.Int64, data.DType);
            Assert.Equal([-3L, 5_000_000_001], Jax.Ops.SegmentSum(data, ids).ToArray<long>());
            Assert.Equal([-3L, 5_000_000_000, long.MinValue], Jax.Ops.SegmentMax(data, ids, 3).ToArray<long>());
            Assert.Equal([-3L, 1, long.MaxValue], Jax.Ops.SegmentMin(data, ids, 3).ToArray<long>());
            var sums = Jax.Ops.SegmentSum(Jnp.Array(new[] { 0.1, 0.2, 1e-17 }), ids, 2);
            Assert.Equal(DType.Float64, sums.DType);
            Assert.Equal([1e-17, 0.1 + 0.2], sums.ToArray<double>());
        });
    }
}
