using System.Numerics;

namespace JaxNet.Tests.Parallel;

/// <summary>Collectives over complex values on four cpu devices: backends move them as pairs of their component type.</summary>
public class ComplexCollectiveTests(FourCpuDevices cpu) : IClassFixture<FourCpuDevices>
{
    private static NDArray Members() => Jnp.Array(new Complex[,] { { new(1, 1), new(0, 2) }, { new(2, 0), new(1, -1) }, { new(0, -3), new(4, 4) }, { new(-1, 0), new(0, 0) } });

    [Fact]
    public void PsumAddsPairs()
    {
        var y = Jax.Pmap(v => Jax.Lax.Psum(v, "i"), "i", cpu.Devices)(Members());
        Assert.Equal(DType.Complex64, y.DType);
        Assert.All(Enumerable.Range(0, 4), r => Assert.Equal(new Complex[] { new(2, -2), new(5, 5) }, y[r].ToArray<Complex>()));
    }

    [Fact]
    public void GatherPermuteAndAllToAllMoveWholeNumbers()
    {
        var x = Members();
        var gathered = Jax.Pmap(v => Jax.Lax.AllGather(v, "i"), "i", cpu.Devices)(x);
        Assert.Equal(x.ToArray<Complex>(), gathered[2].ToArray<Complex>());
        var shifted = Jax.Pmap(v => Jax.Lax.Ppermute(v, "i", [(0, 1), (1, 2), (2, 3), (3, 0)]), "i", cpu.Devices)(x);
        Assert.Equal(x[3].ToArray<Complex>(), shifted[0].ToArray<Complex>());
        var square = Jnp.Concatenate([x, x * new Complex(0, 1)], 1);
        var exchanged = Jax.Pmap(v => Jax.Lax.AllToAll(v, "i", 0, 0), "i", cpu.Devices)(square);
        Assert.Equal(Jnp.Transpose(square).ToArray<Complex>(), exchanged.ToArray<Complex>());
    }

    [Fact]
    public void PmaxOfComplexIsRefused() =>
        Assert.ThrowsAny<Exception>(() => Jax.Pmap(v => Jax.Lax.Pmax(v, "i"), "i", cpu.Devices)(Members()).BlockUntilReady());
}
