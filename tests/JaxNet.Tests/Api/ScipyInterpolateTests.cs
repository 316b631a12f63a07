using static JaxNet.Tests.Api.Expect;
using RegularGridInterpolator = JaxNet.Jax.Scipy.Interpolate.RegularGridInterpolator;

namespace JaxNet.Tests.Api;

/// <summary>
/// jax.scipy.interpolate.RegularGridInterpolator against SciPy 1.10.1, computed with /usr/bin/python3:
/// <code>
/// x = np.array([0.0, 1.0, 3.0, 3.5]); y = np.array([-1.0, 0.5, 2.0]); v = np.sin(x[:, None] * 1.3 + y[None, :] ** 2)
/// R((x, y), v, method=m)(points)                                          # inside
/// R((x, y), v, method=m, bounds_error=False, fill_value=None)(outside)    # extrapolated
/// a = [0, 0.5, 2]; b = [1, 2]; c = [-1, 0, 1, 4]; w = np.arange(48.0).reshape(3, 2, 4, 2) ** 1.5
/// R((a, b, c), w)(q)                                                      # 3-d, a trailing value dimension
/// </code>
/// and against the bilinear formula written out here. The table is computed with Math.Sin here and np.sin there, which
/// may differ in the last bit, so even nearest values are compared to 1e-15; exactness at the nodes is checked against
/// this table.
/// </summary>
public class ScipyInterpolateTests
{
    private static readonly double[] Xs = [0.0, 1.0, 3.0, 3.5];
    private static readonly double[] Ys = [-1.0, 0.5, 2.0];
    private static readonly NDArray[] Grid = [D(Xs), D(Ys)];
    private static readonly NDArray GridValues = Jnp.Array(Table((x, y) => Math.Sin(x * 1.3 + y * y)), DType.Float64);
    private static readonly NDArray Inside = Points(0.25, -0.5, 2.0, 1.9, 3.5, 2.0, 1.0, 0.5, 0.0, -1.0, 3.2, 0.0, 3.0, 1.25);
    private static readonly NDArray Outside = Points(-0.5, 0.0, 4.0, 1.0, 1.0, 2.5, 3.6, -2.0);

    [Fact]
    public void Linear_and_nearest_match_scipy_inside_the_grid()
    {
        var linear = new RegularGridInterpolator(Grid, GridValues);
        Values([0.6901859979294788, 0.08290782192453677, 0.7674011568674873, 0.9997837641893571, 0.8414709848078965,
            -0.8897598796147709, 0.07647882038216286], linear.Call(Inside), DType.Float64, [7], 1e-14);
        Values([0.8414709848078965, -0.8322674422239013, 0.7674011568674873, 0.9997837641893571, 0.8414709848078965,
            -0.8459837010754465, -0.8459837010754465], linear.Call(Inside, "nearest"), DType.Float64, [7], 1e-15);
        Assert.Equal("nearest", new RegularGridInterpolator(Grid, GridValues, "nearest").Method);
    }

    [Fact]
    public void Linear_is_the_bilinear_formula()
    {
        // (2.2, 1.1) lies in the cell x in [1, 3], y in [0.5, 2].
        double F(double x, double y) => Math.Sin(x * 1.3 + y * y);
        var (tx, ty) = ((2.2 - 1.0) / 2.0, (1.1 - 0.5) / 1.5);
        var expected = (1 - tx) * (1 - ty) * F(1, 0.5) + tx * (1 - ty) * F(3, 0.5) + (1 - tx) * ty * F(1, 2) + tx * ty * F(3, 2);
        Values([expected], new RegularGridInterpolator(Grid, GridValues).Call(Points(2.2, 1.1)), DType.Float64, [1], 1e-15);
    }

    [Fact]
    public void Grid_nodes_give_their_values_exactly()
    {
        var all = new List<double>();
        var expected = new List<double>();
        var table = GridValues.ToArray<double>();
        for (var i = 0; i < Xs.Length; i++)
            for (var j = 0; j < Ys.Length; j++)
            {
                all.AddRange([Xs[i], Ys[j]]);
                expected.Add(table[i * Ys.Length + j]);
            }
        var nodes = Points([.. all]);
        foreach (var method in new[] { "linear", "nearest" })
            Values([.. expected], new RegularGridInterpolator(Grid, GridValues, method).Call(nodes), DType.Float64, [12], 0);
    }

    [Fact]
    public void Points_outside_take_the_fill_value_or_extrapolate_as_scipy()
    {
        var nan = double.NaN;
        Values([nan, nan, nan, nan], new RegularGridInterpolator(Grid, GridValues).Call(Outside), DType.Float64, [4]);
        Values([-7, -7, -7, -7], new RegularGridInterpolator(Grid, GridValues, fillValue: -7).Call(Outside), DType.Float64, [4], 0);
        Values([0.21059399489923208, -0.5856100204324224, -1.442951177694987, -0.32686165008580004],
            new RegularGridInterpolator(Grid, GridValues, fillValue: null).Call(Outside), DType.Float64, [4], 1e-14);
        Values([0.24740395925452296, -0.9961646088358407, -0.8322674422239013, -0.669239857276262],
            new RegularGridInterpolator(Grid, GridValues, "nearest", fillValue: null).Call(Outside), DType.Float64, [4], 1e-15);
        // Just past the last node is outside; the last node itself is inside.
        Values([nan, GridValues.ToArray<double>()[^1]], new RegularGridInterpolator(Grid, GridValues).Call(Points(3.5000001, 2.0, 3.5, 2.0)),
            DType.Float64, [2], 0);
    }

    [Fact]
    public void Three_dimensions_with_a_trailing_value_dimension_match_scipy()
    {
        var w = Jnp.Power(Jnp.Arange(48).Astype(DType.Float64), 1.5).Reshape(3, 2, 4, 2);
        var interpolator = new RegularGridInterpolator([D(0, 0.5, 2), D(1, 2), D(-1, 0, 1, 4)], w);
        var q = Jnp.Array(new[,] { { 0.3, 1.2, -0.5 }, { 1.9, 1.99, 3.0 }, { 2.0, 2.0, 4.0 } }, DType.Float64);
        double[] expected = [51.31976475272112, 56.1473163552397, 294.7626835409726, 304.77684004301796, 311.9871792237623, 322.21576621884907];
        Values(expected, interpolator.Call(q), DType.Float64, [3, 2], 1e-12);
        // Leading dimensions of xi are kept; the coordinate arrays form gives the same.
        Values(expected, interpolator.Call(q.Reshape(1, 3, 3)), DType.Float64, [1, 3, 2], 1e-12);
        Values(expected, interpolator.Call(q[.., 0], q[.., 1], q[.., 2]), DType.Float64, [3, 2], 1e-12);
        // Fewer point arrays than value dimensions: the rest are trailing value dimensions.
        Assert.Equal([3, 4, 2], new RegularGridInterpolator([D(0, 0.5, 2), D(1, 2)], w).Call(q[.., ..2]).Shape);
    }

    [Fact]
    public void A_vector_is_read_as_points_of_ndim_coordinates()
    {
        var line = new RegularGridInterpolator([D(0, 1, 2)], D(10, 20, 40));
        Values([15, 30, 40], line.Call(D(0.5, 1.5, 2)), DType.Float64, [3], 0);
        var plane = new RegularGridInterpolator(Grid, GridValues);
        Values(plane.Call(Points(2.2, 1.1)).ToArray<double>(), plane.Call(D(2.2, 1.1)), DType.Float64, [1], 0);
        Assert.Throws<ShapeException>(() => plane.Call(D(2.2, 1.1, 0.5)));
    }

    [Fact]
    public void Nan_coordinates_give_nan_and_empty_xi_gives_empty()
    {
        foreach (var method in new[] { "linear", "nearest" })
        {
            var interpolator = new RegularGridInterpolator(Grid, GridValues, method, fillValue: null);
            var r = interpolator.Call(Points(double.NaN, 0.0, 1.0, double.NaN, 1.0, 0.5)).ToArray<double>();
            Assert.True(double.IsNaN(r[0]) && double.IsNaN(r[1]), method);
            Assert.Equal(0.9997837641893571, r[2], 15);
            Assert.Equal([0], interpolator.Call(Jnp.Zeros([0, 2], DType.Float64)).Shape);
        }
        var trailing = new RegularGridInterpolator([D(0, 1)], Jnp.Ones([2, 3], DType.Float64));
        Assert.Equal([0, 3], trailing.Call(Jnp.Zeros([0, 1], DType.Float64)).Shape);
    }

    [Fact]
    public void Dtypes_promote_as_jax()
    {
        var ints = new RegularGridInterpolator([Jnp.Array(new[] { 1, 2, 3 }), Jnp.Array(new[] { 4, 5, 6 })],
            Jnp.Array(new[,] { { 10, 20, 30 }, { 40, 50, 60 }, { 70, 80, 90 } }));
        // JAX's own example: integer grid and values give float32.
        Values([30, 64], ints.Call(Jnp.Array(new[,] { { 1.5f, 4.5f }, { 2.2f, 5.8f } })), DType.Float32, [2], 1e-6);
        // A single node along a dimension is enough for the nearest value.
        var single = new RegularGridInterpolator([D(2.0), D(0, 1)], Jnp.Array(new[,] { { 5.0, 6.0 } }, DType.Float64), "nearest", fillValue: null);
        Values([5, 6], single.Call(Points(7, 0.2, -1, 0.9)), DType.Float64, [2], 0);
    }

    [Fact]
    public void Bad_grids_and_arguments_are_refused_with_clear_errors()
    {
        Assert.Contains("strictly ascending", Assert.Throws<ArgumentException>(() => new RegularGridInterpolator([D(0, 2, 1), D(Ys)], GridValues[..3])).Message);
        Assert.Contains("dimension 1", Assert.Throws<ArgumentException>(() => new RegularGridInterpolator([D(Xs), D(0, 0, 1)], GridValues)).Message);
        Assert.Throws<ArgumentException>(() => new RegularGridInterpolator([D(Xs), D(0, double.NaN, 1)], GridValues));
        Assert.Contains("not implemented", Assert.Throws<NotImplementedException>(() => new RegularGridInterpolator(Grid, GridValues, boundsError: true)).Message);
        Assert.Contains("cubic", Assert.Throws<ArgumentException>(() => new RegularGridInterpolator(Grid, GridValues, "cubic")).Message);
        Assert.Throws<ArgumentException>(() => new RegularGridInterpolator(Grid, GridValues).Call(Inside, "spline"));
        Assert.Contains("3 points and 4 values", Assert.Throws<ShapeException>(() => new RegularGridInterpolator([D(0, 1, 2), D(Ys)], GridValues)).Message);
        Assert.Contains("3 point arrays", Assert.Throws<ShapeException>(() => new RegularGridInterpolator([D(Xs), D(Ys), D(1)], GridValues)).Message);
        Assert.Throws<ShapeException>(() => new RegularGridInterpolator([Jnp.Ones([4, 1], DType.Float64), D(Ys)], GridValues));
        Assert.Contains("at least 2 points", Assert.Throws<ShapeException>(() => new RegularGridInterpolator([D(1.0)], D(3.0))).Message);
        var interpolator = new RegularGridInterpolator(Grid, GridValues);
        var wrong = Assert.Throws<ShapeException>(() => interpolator.Call(Jnp.Zeros([5, 3], DType.Float64)));
        Assert.Contains("dimension 3", wrong.Message);
        Assert.Contains("dimension 2", wrong.Message);
        Assert.Throws<ShapeException>(() => interpolator.Call(Jnp.Array(1.0)));
        Assert.Throws<ArgumentException>(() => interpolator.Call(Jnp.Zeros([2, 2], DType.Complex64)));
        Assert.Throws<ShapeException>(() => interpolator.Call(D(1), D(2), D(3)));
    }

    [Fact]
    public void Gradients_match_finite_differences_in_float64()
    {
        // In the points (a few inside, one outside with extrapolation) and in the values.
        var p = Points(0.25, -0.5, 2.0, 1.9, 3.2, 0.1, 3.7, -1.3);
        double Loss(NDArray points, NDArray values) =>
            (double)Jnp.Sum(Jnp.Square(new RegularGridInterpolator(Grid, values, fillValue: null).Call(points)));
        var grads = Jax.Grad((NDArray points, NDArray values) =>
            Jnp.Sum(Jnp.Square(new RegularGridInterpolator(Grid, values, fillValue: null).Call(points))), argnums: [0, 1])(p, GridValues);
        AgreesWithFiniteDifferences(grads[0], p, x => Loss(x, GridValues));
        AgreesWithFiniteDifferences(grads[1], GridValues, v => Loss(p, v));
    }

    [Fact]
    public void Jit_and_vmap_equal_eager()
    {
        var interpolator = new RegularGridInterpolator(Grid, GridValues, fillValue: null);
        var eager = interpolator.Call(Inside).ToArray<double>();
        Values(eager, Jax.Jit((NDArray xi) => interpolator.Call(xi))(Inside), DType.Float64, [7], 0);
        Values(eager, Jax.Vmap((NDArray point) => interpolator.Call(Jnp.ExpandDims(point, 0)))(Inside), DType.Float64, [7, 1], 0);
        // The grid and values traced too: built inside the jitted function.
        var traced = Jax.Jit((NDArray x, NDArray y, NDArray v, NDArray xi) => new RegularGridInterpolator([x, y], v, "nearest").Call(xi));
        Values(new RegularGridInterpolator(Grid, GridValues, "nearest").Call(Inside).ToArray<double>(), traced(Grid[0], Grid[1], GridValues, Inside),
            DType.Float64, [7], 0);
    }

    private static void AgreesWithFiniteDifferences(NDArray grad, NDArray at, Func<NDArray, double> f)
    {
        const double h = 1e-6;
        var flat = at.ToArray<double>();
        var g = grad.ToArray<double>();
        for (var i = 0; i < flat.Length; i++)
        {
            var up = (double[])flat.Clone();
            var down = (double[])flat.Clone();
            up[i] += h;
            down[i] -= h;
            var numeric = (f(Jnp.FromHost<double>(up, at.Shape, DType.Float64)) - f(Jnp.FromHost<double>(down, at.Shape, DType.Float64))) / (2 * h);
            Assert.True(Math.Abs(numeric - g[i]) <= 1e-7 * Math.Max(1, Math.Abs(numeric)), $"element {i}: finite difference {numeric}, gradient {g[i]}");
        }
    }

    private static NDArray Points(params double[] coordinates) => D(coordinates).Reshape(-1, 2);

    private static double[,] Table(Func<double, double, double> f)
    {
        var t = new double[Xs.Length, Ys.Length];
        for (var i = 0; i < Xs.Length; i++)
            for (var j = 0; j < Ys.Length; j++)
                t[i, j] = f(Xs[i], Ys[j]);
        return t;
    }
}
