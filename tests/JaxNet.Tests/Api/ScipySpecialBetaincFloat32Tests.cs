using Xunit.Abstractions;
using static JaxNet.Tests.Api.ScipySpecialChecks;
using Special = JaxNet.Jax.Scipy.Special;

namespace JaxNet.Tests.Api;

/// <summary>
/// betainc in float32 against the float64 value at the same (float32-rounded) arguments, in units of float32's
/// epsilon relative to the value: small and large a and b, x near 0 and 1. The float64 function is the reference
/// because it matches SciPy to 1e-12 on <see cref="ScipySpecialBetaincTests"/>' grid; comparing at the rounded
/// arguments keeps the rounding of x (which moves I_x(a, b) by many ulps where a and b are large) out of the error.
/// </summary>
public class ScipySpecialBetaincFloat32Tests(ITestOutputHelper output)
{
    private static readonly float[] Sizes = [0.5f, 1, 2.5f, 8, 13, 40, 200, 1000, 20000];
    private static readonly float[] Xs = [1e-4f, 0.001f, 0.1f, 0.35f, 0.5f, 0.62f, 0.8f, 0.999f, 0.9999f];

    /// <summary>Bounds in float32 epsilons (measured worst: 52 and 6,560; before the fraction froze converged elements
    /// and the prefactor avoided its cancellation, 3,050 and 43,672).</summary>
    private const double ModerateUlps = 64;

    private const double ExtremeUlps = 8000;

    /// <summary>Float32 results below this are subnormal or close to it, where a relative bound means nothing.</summary>
    private const double Smallest = 1e-30;

    [Fact]
    public void SmallAndLargeParametersStayWithinTheirUlpBounds()
    {
        var (a, b, x) = (new List<float>(), new List<float>(), new List<float>());
        foreach (var av in Sizes)
            foreach (var bv in Sizes)
                foreach (var xv in Xs)
                    (a, b, x) = ([.. a, av], [.. b, bv], [.. x, xv]);
        var got = Special.Betainc(Jnp.Array(a.ToArray()), Jnp.Array(b.ToArray()), Jnp.Array(x.ToArray())).ToArray<float>();
        NDArray Wide(List<float> v) => D([.. v.Select(f => (double)f)]);
        var reference = Special.Betainc(Wide(a), Wide(b), Wide(x)).ToArray<double>();
        // Moderate: a, b ≤ 1,000 and 0.001 ≤ x ≤ 0.999; extreme: the rest of the grid (a or b of 20,000, x of 1e-4
        // or 0.9999), where the continued fraction takes hundreds of float32 steps.
        double worstModerate = 0, worstExtreme = 0;
        var failures = new List<string>();
        for (var i = 0; i < got.Length; i++)
        {
            if (reference[i] < Smallest) continue;
            var ulps = Math.Abs(got[i] - reference[i]) / reference[i] / 1.1920929e-7;
            var moderate = a[i] <= 1000 && b[i] <= 1000 && x[i] is >= 0.001f and <= 0.999f;
            if (moderate) worstModerate = Math.Max(worstModerate, ulps);
            else worstExtreme = Math.Max(worstExtreme, ulps);
            if (ulps > (moderate ? ModerateUlps : ExtremeUlps))
                failures.Add($"betainc({a[i]}, {b[i]}, {x[i]}) = {got[i]:G9}, float64 {reference[i]:G17}: {ulps:F1} ulps");
        }
        output.WriteLine($"worst: {worstModerate:F1} ulps moderate, {worstExtreme:F1} ulps extreme");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void EdgesStayExactAndNaN()
    {
        var nan = float.NaN;
        float[] a = [300, 300, -1, 300, nan, 300, 0, 50];
        float[] b = [500, 500, 500, -3, 500, nan, 2, 50];
        float[] x = [0, 1, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, nan];
        var got = Special.Betainc(Jnp.Array(a), Jnp.Array(b), Jnp.Array(x));
        Relative32([0, 1, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN], got, 0);
        // I_x(a, a) at x = 1/2 is exactly 1/2: a large a keeps it to the moderate bound (the fraction's float32 steps).
        Relative32([0.5, 0.5], Special.Betainc(Jnp.Array(new float[] { 400, 5000 }), Jnp.Array(new float[] { 400, 5000 }),
            Jnp.Array(new float[] { 0.5f, 0.5f })), ModerateUlps * 1.1920929e-7);
    }

    [Fact]
    public void AnElementDoesNotDependOnWhatItIsBatchedWith()
    {
        // The while loop runs until the slowest element converges; the others must not keep changing meanwhile (they
        // drifted by 240 ulps beside a, b = 20,000). What is left (up to 8 ulps)
        // is rounding that differs between the loop kernels compiled for the two shapes.
        float[] a = [0.5f, 13], b = [0.5f, 8], x = [0.1f, 0.35f];
        var alone = Special.Betainc(Jnp.Array(a), Jnp.Array(b), Jnp.Array(x)).ToArray<float>();
        var batched = Special.Betainc(Jnp.Array([.. a, 20000]), Jnp.Array([.. b, 20000]), Jnp.Array([.. x, 0.5f])).ToArray<float>();
        for (var i = 0; i < 2; i++) Assert.InRange(batched[i], alone[i] * (1 - 2e-6f), alone[i] * (1 + 2e-6f));
    }
}
