using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using JaxNet.Lowering;
using JaxNet.Runtime;
using JaxNet.Testing;

namespace JaxNet.Tests.Lowering;

/// <summary>
/// A backend's limit on the buffers one kernel touches (<see cref="BackendCapabilities.MaxKernelBuffers"/>; the cuda
/// backend's is 16, the vulkan backend's its devices' storage-buffer bindings, lowered here to 8 with its setting): the lowering splits fusion groups and writes parts of wider expressions to memory, so that every
/// kernel stays within it, and the results are those of the unlimited program. Each program reads 20 distinct arrays.
/// </summary>
public class KernelBufferLimitTests(KernelBufferLimitBackends backends) : IClassFixture<KernelBufferLimitBackends>
{
    private const int Arrays = 20;
    private const int Length = 37;

    public static TheoryData<string> Programs => new() { "sum", "concatenate", "outputs", "epilogue", "prologue", "dot" };

    /// <summary>The programs: each takes <see cref="Arrays"/> vectors and a [Length, 5] matrix.</summary>
    private static NDArray[] Program(string name, NDArray[] xs) => name switch
    {
        "sum" => [xs[..Arrays].Aggregate((a, b) => a + b)],
        "concatenate" => [Jnp.Concatenate(xs[..Arrays])],
        "outputs" => Enumerable.Range(0, Arrays).Select(i => Jnp.Tanh(xs[i]) * xs[(i + 1) % Arrays]).ToArray(),
        "epilogue" => [xs[..Arrays].Aggregate(Jnp.Max(xs[Arrays], axis: 1), (a, b) => a * 0.5f + b)],
        "prologue" => [Jnp.Sum(Jnp.Concatenate(xs[..Arrays]) * 2f)],
        "dot" => [xs[..Arrays].Aggregate(Jnp.Matmul(xs[Arrays], xs[Arrays].T), (a, b) => a - b)],
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static NDArray[] Inputs()
    {
        var random = new Random(5);
        var vectors = Enumerable.Range(0, Arrays)
            .Select(_ => Jnp.Array(Enumerable.Range(0, Length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray()));
        var matrix = Jnp.Array(Enumerable.Range(0, Length * 5).Select(_ => (float)random.NextDouble()).ToArray()).Reshape(Length, 5);
        return [.. vectors, matrix];
    }

    private static ClosedJaxpr Traced(string name, NDArray[] inputs) =>
        Tracing.ToJaxpr(xs => Program(name, xs), inputs.Select(x => x.Aval).ToArray(), "make_jaxpr", name);

    /// <summary>A registry of its own with <paramref name="settings"/>, and its <paramref name="platform"/> backend; the
    /// test skips, saying why, where that backend does not load.</summary>
    private static (BackendRegistry Registry, IBackend Backend) Loaded(string platform, Dictionary<string, string> settings)
    {
        var registry = BackendRegistry.Create(JaxNetConfig.FromSources(null, settings));
        var backend = registry.TryGet(platform, out var reason);
        if (backend is null) registry.Dispose();
        Skip.If(backend is null, $"{platform} is unavailable: {reason}");
        return (registry, backend!);
    }

    private static int Touched(Kernel kernel) => kernel.ReadBuffers().Concat(kernel.WrittenBuffers()).Distinct().Count();

    private static void AssertSame(NDArray[] expected, NDArray[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Shape, actual[i].Shape);
            var (e, a) = (expected[i].ToArray<float>(), actual[i].ToArray<float>());
            for (var k = 0; k < e.Length; k++)
                Assert.True(Math.Abs(e[k] - a[k]) <= 1e-5f * Math.Max(1, Math.Abs(e[k])), $"output {i}[{k}]: expected {e[k]}, got {a[k]}");
        }
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void Every_kernel_stays_within_the_limit_and_computes_the_same(string name)
    {
        var inputs = Inputs();
        var expected = Program(name, inputs);
        foreach (var limit in new[] { 16, BackendCapabilities.MinKernelBuffers })
        {
            var jaxpr = Simplifier.Simplify(Traced(name, inputs)).Jaxpr;
            var module = JaxprLowering.Lower(jaxpr, name, new LoweringTarget(limit, NativeFft: false));
            Assert.All(module.Kernels, k => Assert.True(Touched(k) <= limit, $"limit {limit}: {k.Name} touches {Touched(k)} buffers"));
            var executable = Executor.Compile(Device.Default.Backend, module);
            AssertSame(expected, Executor.Run(executable, Device.Default, inputs, jaxpr.Outputs.Select(o => o.Aval).ToArray()));
        }
    }

    [Fact]
    public void Without_a_limit_of_its_own_a_backend_gets_the_hosts()
    {
        var capabilities = BackendCapabilities.Everything([DType.Float32], 4);
        Assert.Null(capabilities.MaxKernelBuffers);
        Assert.Equal(FusionBudget.MaxBuffers, FusionBudget.MaxBuffersFor(capabilities));
        Assert.Equal(16, FusionBudget.MaxBuffersFor(capabilities with { MaxKernelBuffers = 16 }));
        Assert.Equal(FusionBudget.MaxBuffers, FusionBudget.MaxBuffersFor(capabilities with { MaxKernelBuffers = 1000 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => capabilities with { MaxKernelBuffers = BackendCapabilities.MinKernelBuffers - 1 });
    }

    [SkippableTheory]
    [MemberData(nameof(Programs))]
    public void On_emulated_cuda_the_programs_run_and_match_the_cpu(string name)
    {
        var cuda = backends.EmulatedCuda;
        Assert.Equal(16, cuda.Capabilities.MaxKernelBuffers);
        var inputs = Inputs();
        var lowered = Lowered.Of(Traced(name, inputs), name, Device.Of(cuda, 0));
        Assert.All(lowered.Module.Kernels, k => Assert.True(Touched(k) <= 16, $"{k.Name} touches {Touched(k)} buffers"));
        AssertSame(Program(name, inputs), lowered.Compile().Execute(inputs));
    }

    [SkippableTheory]
    [MemberData(nameof(Programs))]
    public void On_vulkan_with_a_limit_of_eight_the_programs_run_as_several_kernels_and_match_the_cpu(string name)
    {
        var vulkan = backends.VulkanWithEightBuffers;
        Assert.Equal(8, vulkan.Capabilities.MaxKernelBuffers);
        var inputs = Inputs();
        var lowered = Lowered.Of(Traced(name, inputs), name, Device.Of(vulkan, 0));
        Assert.True(lowered.Module.Kernels.Count > 1, $"{name} lowered to one kernel");
        Assert.All(lowered.Module.Kernels, k => Assert.True(Touched(k) <= 8, $"{k.Name} touches {Touched(k)} buffers"));
        AssertSame(Program(name, inputs), lowered.Compile().Execute(inputs));
    }

    /// <summary>
    /// A split reduction's first pass binds its inputs and two scratch buffers (partial values and indices): with the
    /// host's own limit of 32 buffers, an argmax over 31 fused arrays bound 33 storage buffers, past lavapipe's 32. The
    /// backend's stated limit leaves room for them, with no setting.
    /// </summary>
    [SkippableFact]
    public void On_vulkan_an_argmax_over_many_fused_arrays_stays_within_the_devices_bindings()
    {
        var (registry, vulkan) = Loaded("vulkan", []);
        using var owner = registry;
        var limit = vulkan.Capabilities.MaxKernelBuffers;
        Assert.NotNull(limit);
        var random = new Random(11);
        var inputs = Enumerable.Range(0, 31)
            .Select(_ => Jnp.Array(Enumerable.Range(0, 40_000).Select(_ => (float)random.NextDouble()).ToArray())).ToArray();
        NDArray[] Argmax(NDArray[] xs) => [Jnp.Argmax(xs.Aggregate((a, b) => a + b))];
        var jaxpr = Tracing.ToJaxpr(Argmax, inputs.Select(x => x.Aval).ToArray(), "make_jaxpr", "argmax");
        var lowered = Lowered.Of(jaxpr, "argmax", Device.Of(vulkan, 0));
        Assert.All(lowered.Module.Kernels, k => Assert.True(Touched(k) <= limit, $"{k.Name} touches {Touched(k)} buffers, over {limit}"));
        Assert.Equal(Argmax(inputs)[0].ToArray<int>(), lowered.Compile().Execute(inputs)[0].ToArray<int>());
    }
}
