using static JaxNet.Tests.Api.Expect;
using Cluster = JaxNet.Jax.Scipy.Cluster;

namespace JaxNet.Tests.Api;

/// <summary>
/// jax.scipy.cluster.vq.vq against SciPy 1.10.1 (/usr/bin/python3):
/// <code>
/// vq([[1.9, 2.3, 1.7], [1.5, 2.5, 2.2], [0.8, 0.6, 1.7], [10, -3, 0.5]], [[1, 1, 1], [2, 2, 2], [4, -1, 0]])
/// vq([0.1, 2.6, -4, 1.5], [0, 1, 3])
/// </code>
/// </summary>
public class ScipyClusterTests
{
    private static readonly NDArray Obs = Jnp.Array(new[,] { { 1.9, 2.3, 1.7 }, { 1.5, 2.5, 2.2 }, { 0.8, 0.6, 1.7 }, { 10, -3, 0.5 } }, DType.Float64);
    private static readonly NDArray CodeBook = Jnp.Array(new[,] { { 1.0, 1, 1 }, { 2.0, 2, 2 }, { 4.0, -1, 0 } }, DType.Float64);

    [Fact]
    public void Codes_and_distances_match_scipy()
    {
        var (codes, distances) = Cluster.Vq(Obs, CodeBook);
        Ints([1, 1, 0, 2], codes, [4]);
        Values([0.4358898943540673, 0.7348469228349535, 0.8306623862918074, 6.34428877022476], distances, DType.Float64, [4], 1e-15);
        var (c1, d1) = Cluster.Vq(D(0.1, 2.6, -4, 1.5), D(0, 1, 3));
        Ints([0, 2, 0, 1], c1, [4]);
        Values([0.1, 0.3999999999999999, 4, 0.5], d1, DType.Float64, [4], 1e-15);
        // float32 stays float32; integers promote to it; a tie goes to the first code.
        var (c2, d2) = Cluster.Vq(Jnp.Array(new[] { 1, 5 }), Jnp.Array(new[] { 0, 2, 6 }));
        Ints([0, 2], c2);
        Values([1, 1], d2, DType.Float32, [2], 0);
    }

    [Fact]
    public void Edges_nan_and_empty()
    {
        var (codes, distances) = Cluster.Vq(Jnp.Zeros([0, 3], DType.Float64), CodeBook);
        Assert.Equal([0], codes.Shape);
        Assert.Equal([0], distances.Shape);
        // A NaN feature: argmin takes NaN first, so code 0 with a NaN distance; the other rows are unaffected.
        var (c, d) = Cluster.Vq(Jnp.Array(new[,] { { double.NaN, 0, 0 }, { 4, -1, 0.5 } }, DType.Float64), CodeBook);
        Ints([0, 2], c);
        Values([double.NaN, 0.5], d, DType.Float64, [2], 1e-15);
        var (ci, di) = Cluster.Vq(D(double.PositiveInfinity, -2), D(0, 1));
        Ints([0, 0], ci);
        Values([double.PositiveInfinity, 2], di, DType.Float64, [2], 0);
    }

    [Fact]
    public void Bad_shapes_and_dtypes_are_refused()
    {
        Assert.Contains("same rank", Assert.Throws<ShapeException>(() => Cluster.Vq(Obs, D(1, 2))).Message);
        Assert.Throws<ShapeException>(() => Cluster.Vq(Jnp.Zeros([2, 2, 2]), Jnp.Zeros([2, 2, 2])));
        Assert.Throws<ShapeException>(() => Cluster.Vq(Jnp.Array(1.0), Jnp.Array(2.0)));
        Assert.Contains("features", Assert.Throws<ShapeException>(() => Cluster.Vq(Obs, Jnp.Zeros([2, 2], DType.Float64))).Message);
        Assert.Contains("empty", Assert.Throws<ShapeException>(() => Cluster.Vq(Obs, Jnp.Zeros([0, 3], DType.Float64))).Message);
        Assert.Throws<ArgumentException>(() => Cluster.Vq(Jnp.Zeros([2, 2], DType.Complex64), Jnp.Zeros([2, 2])));
    }

    [Fact]
    public void Distances_differentiate_and_vq_jits_and_vmaps()
    {
        // d|o - c|/do = (o - c) / |o - c| for the nearest code c.
        var grad = Jax.Grad((NDArray o) => Jnp.Sum(Cluster.Vq(o, CodeBook).Distances))(Obs);
        var nearest = Jnp.Take(CodeBook, Cluster.Vq(Obs, CodeBook).Codes, 0);
        var expected = (Obs - nearest) / Jnp.ExpandDims(Cluster.Vq(Obs, CodeBook).Distances, -1);
        Values(expected.ToArray<double>(), grad, DType.Float64, [4, 3], 1e-15);
        var jitted = Jax.Jit((NDArray o, NDArray c) => Cluster.Vq(o, c).Codes)(Obs, CodeBook);
        Ints([1, 1, 0, 2], jitted);
        var batched = Jax.Vmap((NDArray o) => Cluster.Vq(o, CodeBook).Distances)(Jnp.Stack([Obs, Obs * 2]));
        Values([.. Cluster.Vq(Obs, CodeBook).Distances.ToArray<double>(), .. Cluster.Vq(Obs * 2, CodeBook).Distances.ToArray<double>()], batched,
            DType.Float64, [2, 4], 0);
    }
}
