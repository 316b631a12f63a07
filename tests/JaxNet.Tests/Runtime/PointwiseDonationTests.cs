using JaxNet.Core;
using JaxNet.Runtime;
using JaxNet.Testing;
using JaxNet.Tests.Parallel;

namespace JaxNet.Tests.Runtime;

/// <summary>
/// A result computed element by element from a donated argument is written over it (XLA reuses donated buffers so):
/// every backend must read each element before the same point overwrites it, also when one kernel writes two outputs.
/// </summary>
public abstract class PointwiseDonationTests(DeviceFixture fixture)
{
    private const int N = 1001; // not a multiple of any vector width: the tails run too

    private Device Device
    {
        get
        {
            if (fixture.Unavailable is { } reason) Skip.If(true, reason);
            return fixture.Devices[0];
        }
    }

    /// <summary>Runs <paramref name="f"/> as jit does with the first argument donated; returns the program's aliases.</summary>
    private NDArray[] Run(Func<NDArray[], NDArray[]> f, NDArray[] args, out int aliases)
    {
        var device = Device;
        var placed = args.Select(a => Jax.DevicePut(a, device)).ToArray();
        var jaxpr = Tracing.ToJaxpr(f, placed.Select(a => a.Aval).ToArray(), "jit", "f");
        var lowered = Lowered.Of(jaxpr, "f", device, new HashSet<int> { 0 });
        aliases = lowered.Module.Aliases.Count;
        var donated = new bool[args.Length];
        donated[0] = true;
        var results = lowered.Compile().Execute(placed, donated);
        if (aliases > 0) Assert.Throws<ObjectDisposedException>(() => placed[0].ToArray<float>());
        return results;
    }

    private static float[] Ramp(float scale) => Enumerable.Range(0, N).Select(i => i * scale).ToArray();

    [SkippableFact]
    public void AnSgdUpdateIsWrittenOverTheDonatedParameters()
    {
        var (p, g) = (Ramp(1f), Ramp(0.5f));
        var results = Run(a => [a[0] - 0.5f * a[1]], [Jnp.Array(p), Jnp.Array(g)], out var aliases);
        Assert.Equal(1, aliases);
        Assert.Equal(p.Zip(g, (x, y) => x - 0.5f * y), results[0].ToArray<float>());
    }

    [SkippableFact]
    public void TwoOutputsOfOneKernelBothReadTheElementBeforeItIsOverwritten()
    {
        var x = Ramp(1f);
        var results = Run(a => [a[0] + 1f, a[0] * 2f], [Jnp.Array(x)], out var aliases);
        Assert.Equal(1, aliases);
        Assert.Equal(x.Select(v => v + 1f), results[0].ToArray<float>());
        Assert.Equal(x.Select(v => v * 2f), results[1].ToArray<float>());
    }

    [SkippableFact]
    public void AResultOfAnotherDTypeOfTheSameWidthReusesTheBuffer()
    {
        var results = Run(a => [a[0].Astype(DType.Float32) * 0.5f], [Jnp.Arange(N)], out var aliases);
        Assert.Equal(1, aliases);
        Assert.Equal(Enumerable.Range(0, N).Select(i => i * 0.5f), results[0].ToArray<float>());
    }

    [SkippableFact]
    public void AResultThatReadsOtherElementsIsNotWrittenOverTheArgument()
    {
        var x = Ramp(1f);
        var results = Run(a => [a[0] + Jnp.Flip(a[0]), Jnp.Sum(a[0])], [Jnp.Array(x)], out var aliases);
        Assert.Equal(0, aliases);
        Assert.All(results[0].ToArray<float>(), v => Assert.Equal(N - 1, v));
        Assert.Equal(x.Sum(), results[1].ToArray<float>()[0], 1e-3f * x.Sum());
    }
}

public sealed class CpuPointwiseDonationTests(FourCpuDevices cpu) : PointwiseDonationTests(cpu), IClassFixture<FourCpuDevices>;

public sealed class TpuSimPointwiseDonationTests(FourTpuSimDevices tpu) : PointwiseDonationTests(tpu), IClassFixture<FourTpuSimDevices>;

public sealed class VulkanPointwiseDonationTests(FourVulkanReplicas vulkan) : PointwiseDonationTests(vulkan), IClassFixture<FourVulkanReplicas>;

public sealed class EmulatedCudaPointwiseDonationTests(FourEmulatedCudaDevices cuda) : PointwiseDonationTests(cuda),
    IClassFixture<FourEmulatedCudaDevices>;
