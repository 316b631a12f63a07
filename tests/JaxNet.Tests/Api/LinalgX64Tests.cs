using static JaxNet.Tests.Api.SpectralChecks;

namespace JaxNet.Tests.Api;

/// <summary>Jnp.Linalg and Jax.Scipy.Linalg with 64-bit types enabled: integers promote to float64, as in JAX with
/// jax_enable_x64, and the results keep float64's accuracy.</summary>
[Collection(nameof(X64Collection))]
public class LinalgX64Tests
{
    [Fact]
    public void Integer_inputs_promote_to_float64()
    {
        RandomDistributionX64Tests.WithX64(() =>
        {
            var a = Jnp.Array(new[,] { { 4, 1, 2 }, { 1, 5, 3 }, { 2, 3, 6 } });
            var x = Jnp.Linalg.Solve(a, Jnp.Array(new[] { 1, 2, 3 }));
            Assert.Equal(DType.Float64, x.DType);
            Close([0, 0.14285714285714282, 0.4285714285714286], x, 1e-15);
            var rotation = Jax.Scipy.Linalg.Expm(Jnp.Array(new[,] { { 0, 1 }, { -1, 0 } }));
            Assert.Equal(DType.Float64, rotation.DType);
            Close(Matrix(new[,] { { Math.Cos(1), Math.Sin(1) }, { -Math.Sin(1), Math.Cos(1) } }), rotation, 1e-15);
            Assert.Equal(DType.Float64, Jax.Scipy.Linalg.Hilbert(2).DType);
            Assert.Equal(DType.Float64, Jax.Scipy.Linalg.LuFactor(a).Lu.DType);
            Assert.Equal(DType.Float64, Jax.Scipy.Linalg.Polar(a).U.DType);
            Assert.Equal(DType.Float64, Jnp.Linalg.MatrixNorm(a, ord: "nuc").DType);
            Assert.Equal(Math.Sqrt(14), Jnp.Linalg.VectorNorm(Jnp.Array(new[] { 1, 2, 3 })).Item<double>(), 15);
        });
    }

    [Fact]
    public void Lu_solve_rebuilds_its_permutation_in_int32()
    {
        // The pivots-to-permutation loop carried an int32 permutation that a sum widened to int64 under x64.
        RandomDistributionX64Tests.WithX64(() =>
        {
            var a = Jnp.Array(new[,] { { 1.0, 2, 0 }, { 4, 1, 1 }, { 0, 3, 2 } });
            var factors = Jax.Scipy.Linalg.LuFactor(a);
            var b = Jnp.Array(new[] { 1.0, 2, 3 });
            // numpy.linalg.solve(a, b) and solve(a.T, b)
            Close([0.1764705882352941, 0.411764705882353, 0.8823529411764706], Jax.Scipy.Linalg.LuSolve(factors, b), 1e-15);
            Close([-1.1176470588235294, 0.5294117647058824, 1.2352941176470589], Jax.Scipy.Linalg.LuSolve(factors, b, trans: 1), 1e-15);
        });
    }
}
