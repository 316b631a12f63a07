using static JaxNet.Tests.Api.ScipyOptimizeChecks;
using Optimize = JaxNet.Jax.Scipy.Optimize;

namespace JaxNet.Tests.Api;

/// <summary>Minimize and LineSearch under Jit and Vmap (a batch of starting points) give what they give eagerly.</summary>
public class ScipyOptimizeTransformsTests
{
    private const string Lbfgs = "l-bfgs-experimental-do-not-rely-on-this";

    [Theory]
    [InlineData("BFGS")]
    [InlineData(Lbfgs)]
    public void Jit_matches_eager(string method)
    {
        var x0 = F64(-1.2, 1);
        var eager = Optimize.Minimize(Rosenbrock, x0, method);
        var jitted = Jax.Jit((NDArray x) => Optimize.Minimize(Rosenbrock, x, method))(x0);
        AssertSameResults(eager, jitted, 1e-12);
        Assert.Equal(method == "BFGS", jitted.HessInv is not null);
    }

    [Theory]
    [InlineData("BFGS")]
    [InlineData(Lbfgs)]
    public void Vmap_over_starting_points_matches_each_start_alone(string method)
    {
        double[][] starts = [[0, 0], [-3, 3], [-4, -4], [4, -2]];
        var batch = Jnp.Stack(starts.Select(s => F64(s)).ToArray());
        var batched = Jax.Vmap((NDArray x) => Optimize.Minimize(Himmelblau, x, method))(batch);
        Assert.Equal([4, 2], batched.X.Shape);
        Assert.Equal([4], batched.Nit.Shape);
        for (var b = 0; b < starts.Length; b++)
        {
            var alone = Optimize.Minimize(Himmelblau, F64(starts[b]), method);
            var row = new Optimize.OptimizeResults(batched.X[b], batched.Success[b], batched.Status[b], batched.Fun[b], batched.Jac[b],
                batched.HessInv?[b], batched.Nfev[b], batched.Njev[b], batched.Nit[b]);
            AssertSameResults(alone, row, 1e-12);
        }
    }

    [Fact]
    public void Vmap_with_a_nan_start_in_the_batch_fails_only_that_row()
    {
        var batch = Jnp.Stack([F64(-1.2, 1), F64(double.NaN, 0)]);
        var r = Jax.Vmap((NDArray x) => Optimize.Minimize(Rosenbrock, x, "BFGS"))(batch);
        Assert.Equal([true, false], r.Success.ToArray<bool>());
        Assert.Equal(5, Int(r.Status[1]));
        AssertClose([1, 1], r.X[0], 1e-5);
    }

    [Fact]
    public void Line_search_under_jit_and_vmap_matches_eager()
    {
        var xs = Jnp.Stack([F64(-1.2, 1), F64(0, 0), F64(2, 2)]);
        Func<NDArray, Optimize.LineSearchResults> search = x => Optimize.LineSearch(Rosenbrock, x, -Jax.Grad(Rosenbrock)(x));
        var batched = Jax.Vmap(search)(xs);
        for (var b = 0; b < 3; b++)
        {
            var eager = search(xs[b]);
            var jitted = Jax.Jit(search)(xs[b]);
            foreach (var other in new[] { jitted, new Optimize.LineSearchResults(batched.Failed[b], batched.Nit[b], batched.Nfev[b],
                batched.Ngev[b], batched.K[b], batched.AK[b], batched.FK[b], batched.GK[b], batched.Status[b]) })
            {
                AssertClose([Scalar(eager.AK)], other.AK, 1e-12);
                AssertClose([Scalar(eager.FK)], other.FK, 1e-12);
                Assert.Equal((Int(eager.Nfev), Int(eager.Status), (bool)eager.Failed), (Int(other.Nfev), Int(other.Status), (bool)other.Failed));
            }
        }
    }
}
