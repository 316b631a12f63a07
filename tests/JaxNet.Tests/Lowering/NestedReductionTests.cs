using JaxNet.Abstractions.Kernels;

namespace JaxNet.Tests.Lowering;

/// <summary>
/// A reduction of a single-use reduction's result is lowered as one reduction over both sets of axes
/// (<c>OpenReduction.ThenReduced</c>): the mean of row sums in a loss is one kernel. Each case checks the kernel
/// structure and the value against a float64 reference computed on the host.
/// </summary>
public class NestedReductionTests
{
    private static (NDArray Array, double[] Values) Random(int[] shape, int seed)
    {
        var rng = new Random(seed);
        var values = Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(_ => (double)(float)(rng.NextDouble() * 2 - 1)).ToArray();
        return (Jnp.FromHost<double>(values, shape, DType.Float32), values);
    }

    private static ReductionKernel[] Reductions(KernelModule module) => [.. module.Kernels.OfType<ReductionKernel>()];

    [Fact]
    public void MeanOfRowSumsIsOneReductionOverBothAxes()
    {
        // Odd sizes: neither dimension is a multiple of a vector.
        var (x, values) = Random([37, 13], 1);
        static NDArray F(NDArray a) => -Jnp.Mean(Jnp.Sum(a * a, axis: 1));
        var jitted = Jax.Jit(F);
        var reductions = Reductions(jitted.Lower(x).Module);
        Assert.Equal([0, 1], Assert.Single(reductions).Axes);
        Assert.Single(jitted.Lower(x).Module.Kernels);
        var expected = -values.Sum(v => v * v) / 37;
        Assert.Equal(expected, (double)jitted(x).Item<float>(), expected * -1e-6);
    }

    [Fact]
    public void MaxOfMaxesKeepsTheMiddleAxisAndPropagatesNaN()
    {
        var (x, values) = Random([5, 7, 9], 2);
        values[3 * 9 + 4] = double.NaN; // [0, 3, 4]: column 3 of the result is NaN
        values[2 * 63 + 5 * 9] = double.NegativeInfinity;
        values[4 * 63 + 6 * 9 + 8] = double.PositiveInfinity; // column 6 is +inf
        x = Jnp.FromHost<double>(values, [5, 7, 9], DType.Float32);
        var jitted = Jax.Jit(a => Jnp.Max(Jnp.Max(a, axis: 2), axis: 0));
        Assert.Equal([0, 2], Assert.Single(Reductions(jitted.Lower(x).Module)).Axes);
        var actual = jitted(x).ToArray<float>();
        Assert.Equal(7, actual.Length);
        for (var j = 0; j < 7; j++)
        {
            var column = Enumerable.Range(0, 5).SelectMany(i => Enumerable.Range(0, 9).Select(k => values[i * 63 + j * 9 + k])).ToArray();
            var expected = column.Any(double.IsNaN) ? double.NaN : column.Max();
            Assert.Equal((float)expected, actual[j]);
        }
        Assert.True(float.IsNaN(actual[3]));
        Assert.Equal(float.PositiveInfinity, actual[6]);
    }

    [Fact]
    public void DifferentOpsArgReductionsAndSharedResultsStayApart()
    {
        var (x, values) = Random([6, 11], 3);
        var rowSums = Enumerable.Range(0, 6).Select(i => values.Skip(i * 11).Take(11).Sum()).ToArray();

        var maxOfSums = Jax.Jit(a => Jnp.Max(Jnp.Sum(a, axis: 1)));
        Assert.Equal(2, Reductions(maxOfSums.Lower(x).Module).Length);
        Assert.Equal(rowSums.Max(), (double)maxOfSums(x).Item<float>(), 1e-5);

        var argmaxOfMaxes = Jax.Jit(a => Jnp.Argmax(Jnp.Max(a, axis: 1)));
        Assert.Equal(2, Reductions(argmaxOfMaxes.Lower(x).Module).Length);
        var rowMaxes = Enumerable.Range(0, 6).Select(i => values.Skip(i * 11).Take(11).Max()).ToList();
        Assert.Equal(rowMaxes.IndexOf(rowMaxes.Max()), argmaxOfMaxes(x).Item<int>());

        // The row sums are a result too: they are written once, and the total reads them (no second pass over x).
        var sumsAndTotal = Jax.Jit(a =>
        {
            var s = Jnp.Sum(a[0], axis: 1);
            return [s, Jnp.Sum(s)];
        }, 1);
        var module = sumsAndTotal.JitInfo().Lower([x]).Module;
        Assert.Equal([[1], [0]], Reductions(module).Select(r => r.Axes));
        var results = sumsAndTotal([x]);
        var sums = results[0].ToArray<float>();
        for (var i = 0; i < 6; i++) Assert.Equal(rowSums[i], sums[i], 1e-5);
        Assert.Equal(rowSums.Sum(), (double)results[1].Item<float>(), 1e-5);
    }

    [Fact]
    public void HalfPrecisionRowSumsAreRoundedBeforeTheTotal()
    {
        // A float16 row sum accumulates in float32 and is rounded to float16; merging would skip that rounding.
        var (x32, _) = Random([4, 9], 4);
        var x = Jnp.Astype(x32, DType.Float16);
        var jitted = Jax.Jit(a => Jnp.Sum(Jnp.Sum(a, axis: 1)));
        Assert.Equal(2, Reductions(jitted.Lower(x).Module).Length);
        var eager = Jnp.Sum(Jnp.Sum(x, axis: 1));
        Assert.Equal(eager.Item<Half>(), jitted(x).Item<Half>());
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(5, 0)]
    public void EmptyOperandsGiveTheIdentity(int rows, int columns)
    {
        var x = Jnp.Zeros([rows, columns]);
        var sum = Jax.Jit(a => Jnp.Sum(Jnp.Sum(a, axis: 0)));
        Assert.Equal(0f, sum(x).Item<float>());
        var product = Jax.Jit(a => Jnp.Prod(Jnp.Prod(a, axis: 1)));
        Assert.Equal(1f, product(x).Item<float>());
    }
}
