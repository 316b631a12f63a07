using static JaxNet.Tests.Api.Expect;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Api;

/// <summary>lax.platform_dependent: the branch of the platform a computation runs on, checked against the others.</summary>
public class LaxPlatformDependentTests
{
    private static NDArray Pick(NDArray x) => Lax.PlatformDependent(x, v => v * 0f,
        ("cpu", v => v + 1f), ("tpu-sim", v => v + 2f), ("cuda", v => v + 3f));

    [Fact]
    public void EagerCallsTakeTheDefaultDevicesBranch()
    {
        Assert.Equal("cpu", Jax.DefaultBackend());
        Values([11], Pick(F(10)));
        Values([0], Lax.PlatformDependent(F(10), v => v * 0f, ("vulkan", v => v - 1f)));
    }

    [Fact]
    public void JitTakesTheBranchOfTheBackendItLowersFor()
    {
        Values([11], Jax.Jit(Pick)(F(10)));
        if (!Jax.Backends().Any(r => r.Platform == "tpu-sim" && r.IsLoaded)) return;
        Values([12], Jax.Jit(Pick, backend: "tpu-sim")(F(10)));
        // Eagerly, a committed argument's device decides.
        Values([12], Pick(Jax.DevicePut(F(10), Jax.Devices("tpu-sim")[0])));
    }

    [Fact]
    public void ManyArgumentsAndGradients()
    {
        var r = Lax.PlatformDependent([F(2), F(3)], null, ("cpu", a => [a[0] * a[1], a[0] - a[1]]));
        Values([6], r[0]);
        Values([-1], r[1]);
        var g = Jax.Grad((NDArray x) => Jnp.Sum(Lax.PlatformDependent(x, null, ("cpu", Jnp.Sin), ("cuda", Jnp.Cos))));
        Values([Math.Cos(0.5), Math.Cos(2)], g(F(0.5f, 2)));
        Values([Math.Cos(0.5), Math.Cos(2)], Jax.Jit(g)(F(0.5f, 2)));
    }

    [Fact]
    public void MissingBranchesMismatchedTypesAndBadNamesAreRefused()
    {
        Assert.Contains("'cpu'", Assert.Throws<NotSupportedException>(() => Lax.PlatformDependent(F(1), null, ("cuda", v => v))).Message);
        Assert.Throws<ShapeException>(() => Lax.PlatformDependent(F(1, 2), null, ("cpu", v => v), ("cuda", v => Jnp.Sum(v))));
        Assert.Throws<ShapeException>(() => Lax.PlatformDependent(F(1, 2), v => v.Astype(DType.Int32), ("cpu", v => v)));
        Assert.Throws<ArgumentException>(() => Lax.PlatformDependent(F(1), null, ("cpu", v => v), ("cpu", v => v * 2f)));
        Assert.Throws<ArgumentException>(() => Lax.PlatformDependent(F(1), null, ("", v => v)));
    }

    [Fact]
    public void EveryBranchIsTracedButOnlyTheChosenOneRuns()
    {
        var runs = new List<string>();
        NDArray Branch(string name, NDArray v)
        {
            if (v.IsConcrete) runs.Add(name);
            return v;
        }
        Lax.PlatformDependent(F(1), v => Branch("default", v), ("cpu", v => Branch("cpu", v)), ("cuda", v => Branch("cuda", v)));
        Assert.Equal(["cpu"], runs);
    }
}
