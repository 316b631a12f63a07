using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using JaxNet.Lowering;
using JaxNet.Runtime;
using JaxNet.Tests.Runtime;

namespace JaxNet.Tests.Lowering;

/// <summary>
/// A dynamic_update_slice whose operand dies writes that operand's buffer in place, and a loop donates its carries to
/// the next iteration, so a loop filling a matrix row by row costs its rows, not a copy of the matrix per row.
/// </summary>
public class InPlaceUpdateTests
{
    private const int N = 16;

    private static NDArray FillRows(NDArray m) => Jax.Lax.ForiLoop(0, N, (i, a) =>
        Jax.Lax.DynamicUpdateSlice(a, Jnp.Ones([1, N]) * i.Astype(DType.Float32), [i, Jnp.Array(0)]), m);

    private static float[] ExpectedRows(float[] start)
    {
        var expected = (float[])start.Clone();
        for (var r = 0; r < N; r++)
            for (var c = 0; c < N; c++) expected[r * N + c] = r;
        return expected;
    }

    [Fact]
    public void ALoopBodysUpdateAliasesItsCarryAndScattersInPlace()
    {
        var lowered = Jax.Jit(a => [FillRows(a[0])], arity: 1).JitInfo().Lower([Jnp.Zeros([N, N])]);
        var body = lowered.Modules.Single(m => m.Kernels.OfType<ScatterKernel>().Any());
        Assert.Single(body.Aliases);
        Assert.True(body.Kernels.OfType<ScatterKernel>().Single().InPlace);
        Assert.Empty(body.Kernels.OfType<CopyKernel>());
        Assert.Contains("aliases(r", body.ToText());
    }

    [Fact]
    public void TheLoopFillsTheRowsAndLeavesTheCallersArrayAlone()
    {
        var start = Jnp.Zeros([N, N]) - 1f;
        var jitted = Jax.Jit(FillRows)(start);
        var eager = FillRows(start);
        var expected = ExpectedRows(Enumerable.Repeat(-1f, N * N).ToArray());
        Assert.Equal(expected, jitted.ToArray<float>());
        Assert.Equal(expected, eager.ToArray<float>());
        Assert.All(start.ToArray<float>(), v => Assert.Equal(-1f, v));
        // Called again on the same argument: the first call gave nothing of it away.
        Assert.Equal(expected, Jax.Jit(FillRows)(start).ToArray<float>());
    }

    [Fact]
    public void ScanWritesItsStackedOutputsRowByRow()
    {
        var xs = Jnp.Arange(N * 3).Astype(DType.Float32).Reshape([N, 3]);
        var outs = Jax.Jit(a =>
        {
            var (c, ys) = Jax.Lax.Scan((NDArray c, NDArray? row) => (c + row!, c * 2f), a[0], a[1]);
            return [c, ys];
        }, arity: 2)([Jnp.Zeros([3]), xs]);
        var (carry, ys) = (outs[0], outs[1]);
        var x = xs.ToArray<float>();
        var c = new float[3];
        var expected = new List<float>();
        for (var r = 0; r < N; r++)
        {
            expected.AddRange(c.Select(v => v * 2f));
            for (var k = 0; k < 3; k++) c[k] += x[r * 3 + k];
        }
        Assert.Equal(expected, ys.ToArray<float>());
        Assert.Equal(c, carry.ToArray<float>());
    }

    [Fact]
    public void ACarryReturnedTwiceOrReadAfterTheUpdateIsNotGivenAway()
    {
        // The body returns one updated array as both carries, and reads its old carry after updating it: each
        // iteration must see the values an out-of-place update gives.
        NDArray[] Body(NDArray i, NDArray[] c)
        {
            var updated = Jax.Lax.DynamicUpdateSlice(c[0], Jnp.Ones([1, N]) * (Jnp.Max(c[1]) + 1f), [i, Jnp.Array(0)]);
            return [updated + c[0] * 0f, updated];
        }
        NDArray[] Run(NDArray[] a) => Jax.Lax.ForiLoop(0, N, Body, a);
        var jitted = Jax.Jit(Run, arity: 2)([Jnp.Zeros([N, N]), Jnp.Zeros([N, N])]);
        var eager = Run([Jnp.Zeros([N, N]), Jnp.Zeros([N, N])]);
        var host = new float[N * N];
        for (var r = 0; r < N; r++)
        {
            var fill = host.Max() + 1f;
            for (var k = 0; k < N; k++) host[r * N + k] = fill;
        }
        for (var k = 0; k < 2; k++)
        {
            Assert.Equal(host, jitted[k].ToArray<float>());
            Assert.Equal(host, eager[k].ToArray<float>());
        }
    }

    private static HostProgram Program(Func<NDArray[], NDArray[]> f, int arity)
    {
        var jaxpr = Tracing.ToJaxpr(f, Enumerable.Repeat(new ShapedArray([N, N], DType.Float32, false), arity).ToArray(), "jit", "body");
        var program = HostProgram.LowerBody(jaxpr, "body", new LoweringTarget(FusionBudget.MaxBuffers, NativeFft: false));
        program.Compile(Device.Default.Backend);
        return program;
    }

    private static NDArray UpdateRow(NDArray a, float value) => Jax.Lax.DynamicUpdateSlice(a, Jnp.Full([1, N], value), [Jnp.Array(1), Jnp.Array(0)]);

    [Fact]
    public void ADonatedArgumentIsSpentAndAResultReturnedTwiceIsNotTheCallersToDonate()
    {
        var program = Program(a => { var x = UpdateRow(a[0], 5f); return [x, x]; }, 1);
        var argument = Jnp.Zeros([N, N]) + 2f;
        var results = program.Run(Device.Default, [argument], [true], out var owned);
        Assert.Equal([false, false], owned);
        Assert.Same(results[0], results[1]);
        Assert.Equal(5f, results[0].ToArray<float>()[N]);
        Assert.Throws<ObjectDisposedException>(() => argument.ToArray<float>());
    }

    [Fact]
    public void AnArgumentGivenTwiceIsNotDonatedAndTheCallersArgumentsAreKept()
    {
        var program = Program(a => [UpdateRow(a[0], 5f), a[1] + 1f], 2);
        var argument = Jnp.Zeros([N, N]) + 2f;
        var results = program.Run(Device.Default, [argument, argument], [true, true], out var owned);
        Assert.Equal([true, true], owned);
        Assert.All(argument.ToArray<float>(), v => Assert.Equal(2f, v));
        Assert.All(results[1].ToArray<float>(), v => Assert.Equal(3f, v));
        var kept = Jnp.Zeros([N, N]) + 2f;
        program.Run(Device.Default, [kept, kept], [false, false], out _);
        Assert.All(kept.ToArray<float>(), v => Assert.Equal(2f, v));
    }

    [Fact]
    public void ABackendWithoutInPlaceScatterGetsAFreshOutputAndACopyBack()
    {
        var backend = new BackendWithoutInPlaceScatter(Device.Default.Backend);
        var device = Device.Of(backend, 0);
        var start = Jax.DevicePut(Jnp.Zeros([N, N]) - 1f, device);
        var result = FillRows(start);
        Assert.Equal(device, result.Device);
        Assert.Equal(ExpectedRows(Enumerable.Repeat(-1f, N * N).ToArray()), result.ToArray<float>());
        var compiled = backend.Compiled.Where(m => m.Kernels.OfType<ScatterKernel>().Any()).ToArray();
        Assert.NotEmpty(compiled);
        foreach (var module in compiled)
        {
            Assert.DoesNotContain(module.Kernels, k => k is ScatterKernel { InPlace: true });
            Assert.Contains(module.Kernels, k => k is CopyKernel);
            module.Validate();
        }
    }

    [Fact]
    public void TheValidatorRefusesAnAliasBetweenBuffersOfDifferentSizes()
    {
        var module = new KernelModule("m", [new BufferDecl(0, BufferRole.Parameter, 8), new BufferDecl(1, BufferRole.Result, 4)], [], [0], [1])
        {
            Aliases = [new ResultAlias(0, 0)],
        };
        Assert.Contains("joins b1 of 4B to b0 of 8B", Assert.Throws<InvalidKernelModuleException>(module.Validate).Message);
        var missing = module with { Buffers = [new BufferDecl(0, BufferRole.Parameter, 4), new BufferDecl(1, BufferRole.Result, 4)], Aliases = [new ResultAlias(1, 0)] };
        Assert.Contains("does not have", Assert.Throws<InvalidKernelModuleException>(missing.Validate).Message);
    }

    /// <summary>A third party's plugin that predates in-place scatters: it records the modules it is given.</summary>
    private sealed class BackendWithoutInPlaceScatter(IBackend inner) : ForwardingBackend(inner)
    {
        public List<KernelModule> Compiled { get; } = [];

        public override string Platform => "no-in-place";

        public override string Description { get; } = inner.Description + ", no in-place scatter";

        public override BackendCapabilities Capabilities { get; } = inner.Capabilities with { InPlaceScatter = false };

        public override IExecutable Compile(KernelModule module, CompileOptions options)
        {
            lock (Compiled) Compiled.Add(module);
            return base.Compile(module, options);
        }
    }
}
