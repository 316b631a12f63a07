using static JaxNet.Tests.Api.LargeSizeReference;
using static JaxNet.Tests.Api.RandomDistributionX64Tests;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Api;

/// <summary>
/// Differential tests at sizes that reach the cpu backend's parallel and special paths (loops of 2^17 points or more
/// split over the cores, pairwise row sums, GEMM, convolution, sort, scan, gather and scatter, transposed copies,
/// padded operands, short rows moved innermost): JaxNet, eagerly and under Jit, against float64 loops on the host
/// (<see cref="LargeSizeReference"/>), on deterministic inputs with awkward extents (primes, 1-sized axes, a short
/// inner axis under a long outer one). In the X64 collection: some cases run in float64.
/// </summary>
[Collection(nameof(X64Collection))]
public partial class LargeSizeDifferentialTests
{
    /// <summary>Shapes of 2^17 to 2^19 elements: long and short axes in every position.</summary>
    public static readonly int[][] Shapes =
    [
        [1031, 263], [3, 87383], [87383, 3], [1, 140009], [140009, 1],
        [37, 61, 67], [7, 20011, 3], [2, 3, 32771], [65539, 1, 3],
        [6, 17, 35, 41], [3, 1, 521, 97], [129, 3, 2, 257],
    ];

    /// <summary>Every single axis and every pair of axes of a shape.</summary>
    private static IEnumerable<int[]> AxisSets(int rank) =>
        Enumerable.Range(0, rank).Select(a => new[] { a })
            .Concat(Enumerable.Range(0, rank).SelectMany(a => Enumerable.Range(a + 1, rank - a - 1).Select(b => new[] { a, b })));

    private static string Text(int[] shape) => $"[{string.Join(", ", shape)}]";

    private static string Name(int[] shape, int[] axes) => $"{Text(shape)} over ({string.Join(", ", axes)})";

    /// <summary>For each shape, the input <paramref name="input"/> makes, on the device in <paramref name="dtype"/>, and
    /// each of its axes: <paramref name="test"/>(name, host input, device input, axis).</summary>
    private static void EveryAxis(int[][] shapes, Func<int[], HostArray> input, DType dtype, Action<string, HostArray, NDArray, int> test)
    {
        foreach (var shape in shapes)
        {
            var host = input(shape);
            var x = host.ToDevice(dtype);
            for (var axis = 0; axis < shape.Length; axis++) test($"{Text(shape)} axis {axis}", host, x, axis);
        }
    }

    /// <summary>Runs f eagerly and under Jit and hands each result to <paramref name="check"/>.</summary>
    private static void EagerAndJit(string what, Func<NDArray, NDArray> f, NDArray x, Action<string, NDArray> check)
    {
        check(what + ", eager", f(x));
        check(what + ", jit", Jax.Jit(f)(x));
    }

    /// <summary>Dtype, shape and values: each within <paramref name="tol"/> times its scale (by default max(1, |expected|));
    /// NaN only where NaN is expected. A failure lists the first mismatches and how many there are.</summary>
    private static void Close(string what, HostArray expected, NDArray actual, DType dtype, double tol, double[]? scale = null)
    {
        Assert.True(actual.DType == dtype, $"{what}: dtype {actual.DType}, expected {dtype}");
        Assert.True(actual.Shape.SequenceEqual(expected.Shape), $"{what}: shape {Text(actual.Shape)}, expected {Text(expected.Shape)}");
        var a = actual.ToArray<double>();
        var bad = new List<string>();
        var count = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var e = expected.Values[i];
            var ok = double.IsNaN(e) ? double.IsNaN(a[i]) : a[i] == e || Math.Abs(a[i] - e) <= tol * (scale?[i] ?? Math.Max(1, Math.Abs(e)));
            if (ok) continue;
            if (count++ < 5) bad.Add($"[{i}] {a[i]:R} (expected {e:R})");
        }
        Assert.True(count == 0, $"{what}: {count} of {a.Length} elements differ: {string.Join("; ", bad)}");
    }

    private static void Exact(string what, int[] expected, int[] shape, NDArray actual)
    {
        Assert.True(actual.DType == DType.Int32, $"{what}: dtype {actual.DType}, expected int32");
        Assert.True(actual.Shape.SequenceEqual(shape), $"{what}: shape {Text(actual.Shape)}, expected {Text(shape)}");
        var a = actual.ToArray<int>();
        var bad = Enumerable.Range(0, a.Length).Where(i => a[i] != expected[i]).ToArray();
        Assert.True(bad.Length == 0, $"{what}: {bad.Length} of {a.Length} elements differ: " +
            string.Join("; ", bad.Take(5).Select(i => $"[{i}] {a[i]} (expected {expected[i]})")));
    }

    [Fact]
    public void SumsAndMeansOverEveryAxisAndPairOfAxes()
    {
        foreach (var shape in Shapes)
        {
            var host = HostArray.Wave(shape).RoundedTo(DType.Float32);
            var x = host.ToDevice();
            foreach (var axes in AxisSets(shape.Length).Append(Enumerable.Range(0, shape.Length).ToArray()))
            {
                var abs = AbsSum(host, axes).Values;
                var n = (double)host.Size / abs.Length;
                EagerAndJit("sum " + Name(shape, axes), v => Jnp.Sum(v, axes), x, (what, r) => Close(what, Sum(host, axes), r, DType.Float32, 2e-6, abs));
                EagerAndJit("mean " + Name(shape, axes), v => Jnp.Mean(v, axes), x,
                    (what, r) => Close(what, Mean(host, axes), r, DType.Float32, 2e-6, abs.Select(s => s / n).ToArray()));
            }
        }
    }

    [Fact]
    public void MaxAndMinOverEveryAxisAndPairOfAxesPropagateNaN()
    {
        foreach (var shape in Shapes)
        {
            // Few distinct values (ties) and one NaN, a third of the way in.
            var host = HostArray.Wave(shape, phase: 1, steps: 16).WithNaN(shape.Aggregate(1, (a, b) => a * b) / 3).RoundedTo(DType.Float32);
            var x = host.ToDevice();
            foreach (var axes in AxisSets(shape.Length))
            {
                EagerAndJit("max " + Name(shape, axes), v => Lax.ReduceMax(v, axes), x, (what, r) => Close(what, Max(host, axes), r, DType.Float32, 0));
                EagerAndJit("min " + Name(shape, axes), v => Lax.ReduceMin(v, axes), x, (what, r) => Close(what, Min(host, axes), r, DType.Float32, 0));
            }
        }
    }

    [Fact]
    public void ArgmaxAndArgminOverEveryAxisTakeTheFirstOfTiesAndNaN()
    {
        // Seventeen distinct values (many ties) and two NaNs near the middle.
        EveryAxis(Shapes, shape =>
        {
            var size = shape.Aggregate(1, (a, b) => a * b);
            return HostArray.Wave(shape, phase: 2, steps: 8).WithNaN(size / 2, size / 2 + 7).RoundedTo(DType.Float32);
        }, DType.Float32, (name, host, x, a) =>
        {
            var outShape = host.Shape.Where((_, d) => d != a).ToArray();
            EagerAndJit("argmax " + name, v => Jnp.Argmax(v, a), x, (what, r) => Exact(what, ArgExtreme(host, a, max: true), outShape, r));
            EagerAndJit("argmin " + name, v => Jnp.Argmin(v, a), x, (what, r) => Exact(what, ArgExtreme(host, a, max: false), outShape, r));
        });
    }

    [Fact]
    public void VariancesOverEveryAxis() =>
        EveryAxis(Shapes, shape => HostArray.Wave(shape, phase: 3).RoundedTo(DType.Float32), DType.Float32, (name, host, x, a) =>
            EagerAndJit("var " + name, v => Jnp.Var(v, a), x, (what, r) => Close(what, Var(host, a), r, DType.Float32, 1e-4)));

    [Fact]
    public void Float64ProductsOverEveryAxisAndPairOfAxes()
    {
        WithX64(() =>
        {
            foreach (var shape in Shapes)
            {
                var host = HostArray.Factors(shape, phase: 4);
                var x = host.ToDevice(DType.Float64);
                foreach (var axes in AxisSets(shape.Length))
                    EagerAndJit("prod " + Name(shape, axes), v => Lax.ReduceProd(v, axes), x, (what, r) => Close(what, Prod(host, axes), r, DType.Float64, 1e-11));
            }
        });
    }
}
