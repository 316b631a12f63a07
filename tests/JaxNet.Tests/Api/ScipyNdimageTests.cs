using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.Expect;
using Ndimage = JaxNet.Jax.Scipy.Ndimage;

namespace JaxNet.Tests.Api;

/// <summary>
/// jax.scipy.ndimage.map_coordinates. SciPy is not installed here; the references come from this NumPy derivation of
/// its order 0 and 1 interpolation, with JAX's choices: halves rounded away from zero, "constant" and "wrap" as
/// SciPy's "grid-constant" and "grid-wrap".
/// <code>
/// def extend(i, n, mode):
///     if mode == "nearest": return min(max(i, 0), n - 1)
///     if mode == "wrap": return i % n
///     if mode == "constant": return i if 0 &lt;= i &lt; n else None
///     while i &lt; 0 or i &gt;= n:
///         if mode == "mirror": i = 0 if n == 1 else (-i if i &lt; 0 else 2 * (n - 1) - i)
///         else: i = -i - 1 if i &lt; 0 else 2 * n - 1 - i
///     return i
/// def value(a, point, order, mode, cval):
///     if order == 0:
///         idx = [extend(int(math.copysign(math.floor(abs(c) + 0.5), c)), n, mode) for c, n in zip(point, a.shape)]
///         return cval if None in idx else a[tuple(idx)]
///     total = 0.0
///     for corner in itertools.product((0, 1), repeat=a.ndim):
///         w, idx = 1.0, []
///         for c, n, k in zip(point, a.shape, corner):
///             lo = math.floor(c); w *= (c - lo) if k else (1 - (c - lo)); idx.append(extend(lo + k, n, mode))
///         total += w * (cval if None in idx else a[tuple(idx)])
///     return total
/// a = np.arange(12.0).reshape(3, 4) ** 1.5; cval = -3.0
/// </code>
/// </summary>
[Collection(nameof(X64Collection))]
public class ScipyNdimageTests
{
    private static readonly NDArray Image = Jnp.Power(Jnp.Arange(12).Astype(DType.Float32), 1.5f).Reshape(3, 4);
    private static readonly NDArray Rows = F(-1.25f, -0.5f, 0.5f, 1.5f, 2.5f, 3.7f, 2.0f, 0.3f);
    private static readonly NDArray Cols = F(-2.5f, 4.25f, -0.5f, 1.5f, 3.5f, 5.5f, -7.2f, 9.9f);

    public static TheoryData<string, int, double[]> Expected => new()
    {
        { "constant", 0, [-3.0, -3.0, -3.0, 31.6227766, -3.0, -3.0, -3.0, -3.0] },
        { "constant", 1, [-3.0, -3.0, 0.5, 21.1250137, 6.8707182, -3.0, -3.0, -3.0] },
        { "nearest", 0, [0.0, 5.1961524, 8.0, 31.6227766, 36.4828727, 36.4828727, 22.627417, 5.1961524] },
        { "nearest", 1, [0.0, 5.1961524, 4.0, 21.1250137, 36.4828727, 36.4828727, 22.627417, 9.1933844] },
        { "wrap", 0, [27.0, 22.627417, 18.5202592, 31.6227766, 0.0, 14.6969385, 27.0, 2.8284271] },
        { "wrap", 1, [25.218201, 11.9852814, 7.9291029, 21.1250137, 16.0766105, 9.6313115, 26.1254834, 6.1554927] },
        { "mirror", 0, [18.5202592, 14.6969385, 11.1803399, 31.6227766, 14.6969385, 0.0, 27.0, 2.8284271] },
        { "mirror", 1, [20.9696553, 8.0945546, 5.045085, 21.1250137, 25.3307117, 3.227051, 27.9245553, 6.6694209] },
        { "reflect", 0, [2.8284271, 5.1961524, 8.0, 31.6227766, 36.4828727, 11.1803399, 27.0, 2.8284271] },
        { "reflect", 1, [4.67032, 4.6042211, 4.0, 21.1250137, 36.4828727, 17.8504639, 26.1254834, 6.1554927] },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void EachModeMatchesTheNumpyDerivationInsideAndOutside(string mode, int order, double[] expected)
    {
        Values(expected, Ndimage.MapCoordinates(Image, [Rows, Cols], order, mode, cval: -3.0), shape: [8]);
        var jitted = Jax.Jit((NDArray r, NDArray c) => Ndimage.MapCoordinates(Image, [r, c], order, mode, cval: -3.0));
        Values(expected, jitted(Rows, Cols), shape: [8]);
    }

    [Fact]
    public void OrderZeroRoundsHalvesAwayFromZeroAsJax()
    {
        var x = F(10, 20, 30, 40);
        var at = F(-0.5f, -0.49f, 0.5f, 1.5f, 2.5f, 2.49f);
        Values([10, 10, 20, 30, 40, 30], Ndimage.MapCoordinates(x, [at], 0, "nearest"));
        // -0.5 rounds to -1, outside: cval (SciPy, rounding halves up, would read element 0).
        Values([0, 10, 20, 30, 40, 30], Ndimage.MapCoordinates(x, [at], 0));
    }

    [Fact]
    public void CoordinatesOfAnyShapeBroadcastTogether()
    {
        var grid = Ndimage.MapCoordinates(Image, [F(0.5f, 1f, 2f).Reshape(3, 1), F(0f, 0.5f, 3f, 2.25f).Reshape(1, 4)], 1);
        Assert.Equal([3, 4], grid.Shape);
        Values([4.0, 5.045085, 11.8582058, 9.5365635], grid[0], shape: [4], tol: 1e-5);
        var scalar = Ndimage.MapCoordinates(Image, [Jnp.Array(1f), Jnp.Array(2f)], 1);
        Assert.Equal(Array.Empty<int>(), scalar.Shape);
        Assert.Equal(14.6969385, scalar.ToArray<double>()[0], 4);
        var integerCoordinates = Ndimage.MapCoordinates(Image, [I(2, 0), I(1, 3)], 1);
        Values([27.0, 5.1961524], integerCoordinates);
        Assert.Throws<ShapeException>(() => Ndimage.MapCoordinates(Image, [F(0, 1), F(0, 1, 2)], 1));
    }

    [Fact]
    public void IntegerInputIsRoundedAndKeepsItsDtype()
    {
        var x = I(0, 3, 10);
        Ints([2, 7, 1, 10], Ndimage.MapCoordinates(x, [F(0.5f, 1.5f, 0.25f, 2f)], 1));
        Ints([3, 10, 0, 0, 3], Ndimage.MapCoordinates(x, [F(0.5f, 1.5f, -0.4f, 4f, 5f)], 0, "mirror"));
        // cval is cast to the input's dtype first, as JAX's jnp.asarray(cval, input.dtype).
        Ints([7], Ndimage.MapCoordinates(x, [F(5f)], 0, cval: 7.9));
    }

    [Fact]
    public void DifferentiableInInputAndCoordinates()
    {
        // Linear weights: 0.75 on element 1 and 0.25 on element 2; the slope in the coordinate is x[2] - x[1].
        var x = D(1, 4, 9, 16);
        var byInput = Jax.Grad((NDArray v) => Jnp.Sum(Ndimage.MapCoordinates(v, [D(1.25)], 1)))(x);
        Values([0, 0.75, 0.25, 0], byInput, DType.Float64, tol: 1e-15);
        var byCoordinate = Jax.Grad((NDArray c) => Jnp.Sum(Ndimage.MapCoordinates(x, [c], 1)))(D(1.25, -0.5, 3.5));
        // Outside, constant mode blends toward cval 0 (slope 1 at -0.5, -16 at 3.5).
        Values([5, 1, -16], byCoordinate, DType.Float64, tol: 1e-15);
        var order0 = Jax.Grad((NDArray c) => Jnp.Sum(Ndimage.MapCoordinates(x, [c], 0)))(D(1.25, 2.7));
        Values([0, 0], order0, DType.Float64);
        var image = Image.Astype(DType.Float64);
        foreach (var mode in new[] { "constant", "nearest", "wrap", "mirror", "reflect" })
            GradCheck.Check((v, c) => Ndimage.MapCoordinates(v, [c, Jnp.Flip(c) * 1.7], 1, mode, cval: 0.5), image,
                D(-0.6, 0.3, 1.45, 2.2, 3.4));
    }

    [Fact]
    public void VmapsOverInputsAndCoordinates()
    {
        var batch = Jnp.Stack([Image, Image * 2f - 1f]);
        var perImage = Jax.Vmap((NDArray img) => Ndimage.MapCoordinates(img, [Rows, Cols], 1, "reflect"))(batch);
        var single = Ndimage.MapCoordinates(Image, [Rows, Cols], 1, "reflect").ToArray<double>();
        Values([.. single, .. single.Select(v => 2 * v - 1)], perImage, shape: [2, 8], tol: 1e-5);
        var points = Jnp.Stack([Rows, Rows + 0.5f]);
        JitAndVmapAgree(r => Ndimage.MapCoordinates(Image, [r, Cols], 1, "wrap"), points);
        JitAndVmapAgree(r => Ndimage.MapCoordinates(Image, [r, Cols], 0, "mirror"), points);
    }

    [Fact]
    public void EdgesAndBadInput()
    {
        var x = F(1, 2, 3);
        Values([double.NaN, 2, double.NaN], Ndimage.MapCoordinates(x, [F(float.NaN, 1, float.NaN)], 1, "nearest"));
        Values([double.NaN], Ndimage.MapCoordinates(x, [F(float.NaN)], 0, "wrap"));
        Values([5, 5, 5], Ndimage.MapCoordinates(F(5), [F(-3.5f, 0.2f, 7.7f)], 1, "mirror"));
        Values([], Ndimage.MapCoordinates(x, [Jnp.Zeros([0])], 1), shape: [0]);
        var args = Assert.Throws<ArgumentException>(() => Ndimage.MapCoordinates(Image, [Rows], 1));
        Assert.Contains("1 != 2", args.Message);
        Assert.Contains("order 2", Assert.Throws<NotSupportedException>(() => Ndimage.MapCoordinates(x, [F(1)], 2)).Message);
        Assert.Contains("grid-wrap", Assert.Throws<NotSupportedException>(() => Ndimage.MapCoordinates(x, [F(1)], 1, "grid-wrap")).Message);
        Assert.Throws<ArgumentException>(() => Ndimage.MapCoordinates(x, [F(1).Astype(DType.Complex64)], 1));
        Assert.Throws<ArgumentException>(() => Ndimage.MapCoordinates(Jnp.Zeros([0]), [F(1)], 1));
        Assert.Throws<ArgumentException>(() => Ndimage.MapCoordinates(Jnp.Array(1f), [], 1));
    }
}
