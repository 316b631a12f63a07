using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>The window functions and logspace/geomspace against NumPy 1.24's values.</summary>
public class JnpWindowTests
{
    [Fact]
    public void WindowsOfLengthFive()
    {
        Values([0, 0.5, 1, 0.5, 0], Jnp.Bartlett(5));
        Values([-1.3877787807814457e-17, 0.34, 1, 0.34, -1.3877787807814457e-17], Jnp.Blackman(5), tol: 1e-6);
        Values([0.08, 0.54, 1, 0.54, 0.08], Jnp.Hamming(5));
        Values([0, 0.5, 1, 0.5, 0], Jnp.Hanning(5), tol: 1e-6);
        Values([0.036710892271286676, 0.4149036392433668, 0.9138124838691999, 0.9138124838691999, 0.4149036392433668, 0.036710892271286676],
            Jnp.Kaiser(6, 5.0));
        Values([1, 1, 1, 1], Jnp.Kaiser(4, 0));
    }

    [Fact]
    public void ShortAndBadWindowLengths()
    {
        foreach (var window in new Func<int, NDArray>[] { Jnp.Bartlett, Jnp.Blackman, Jnp.Hamming, Jnp.Hanning, m => Jnp.Kaiser(m, 3) })
        {
            Values([1], window(1), shape: [1]);
            Values([], window(0), shape: [0]);
            Assert.Throws<ArgumentException>(() => window(-1));
        }
        // Inside Jit the window is part of the program.
        Values([0.08, 0.54, 1, 0.54, 0.08], Jax.Jit((NDArray x) => x * Jnp.Hamming(5))(Jnp.Ones([5])));
    }

    [Fact]
    public void LogspaceAndGeomspace()
    {
        Values([1, 10, 100, 1000], Jnp.Logspace(0, 3, 4));
        Values([1, 1.2599210498948732, 1.5874010519681994], Jnp.Logspace(0, 1, 3, endpoint: false, @base: 2));
        Values([1, 10, 100, 1000], Jnp.Geomspace(1, 1000, 4), tol: 1e-6);
        Values([-1, -2, -4, -8, -16], Jnp.Geomspace(-1, -16, 5), tol: 1e-6);
        Values([2, 4, 8, 16], Jnp.Geomspace(2, 32, 4, endpoint: false), tol: 1e-6);
        Values([-1, double.NaN, 1], Jnp.Geomspace(-1, 1, 3));
        Values([1, 10, 100, 1000], Jnp.Geomspace(1, 1000, 4, dtype: DType.Float64), DType.Float64, tol: 1e-12);
        Values([], Jnp.Geomspace(1, 2, 0), shape: [0]);
        Values([3], Jnp.Geomspace(3, 9, 1));
        Assert.Throws<ArgumentException>(() => Jnp.Geomspace(0, 1, 3));
        Assert.Throws<ArgumentException>(() => Jnp.Geomspace(1, 2, -1));
    }
}
