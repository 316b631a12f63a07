using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>Compile and launch: schedules with temporaries, copies, caching, Describe, and bad modules or arguments.</summary>
public sealed class LaunchTests
{
    private static ScalarProgram AddMul()
    {
        var b = new ScalarProgramBuilder();
        var x = b.Load(0, DType.Float32);
        var y = b.Load(1, DType.Float32);
        var z = b.Load(2, DType.Float32);
        return b.Build(b.Binary(BinaryOp.Add, x, b.Binary(BinaryOp.Mul, y, z)));
    }

    [Fact]
    public void ScheduleRunsKernelsInOrderThroughATemporary()
    {
        // t = x + y*z (elementwise into a temporary); out = sum(t) (reduction); sorted = sort(t) (sort).
        using var h = new ModuleHarness();
        float[] x = [1, 2, 3, 4], y = [5, 6, 7, 8], z = [0.5f, -1, 2, 0];
        var bx = h.Input(x);
        var by = h.Input(y);
        var bz = h.Input(z);
        var sum = h.Output(4);
        var sorted = h.Output(16);
        var t = h.Temporary(16);
        h.Run(
            new ElementwiseKernel("fma", [4], [Map(bx), Map(by), Map(bz)], AddMul(), [t]),
            new ReductionKernel("sum", [4], [0], [Map(t)], ScalarProgram.Identity(DType.Float32), ReduceOp.Sum, DType.Float32, null, sum),
            new SortKernel("sort", [new TensorRef(t, DType.Float32, [4])], 0, 1, false, false, [sorted]));
        var expected = x.Select((v, i) => v + y[i] * z[i]).ToArray();
        Assert.Equal(expected.Sum(), h.Result<float>(sum)[0], 5);
        Assert.Equal(expected.Order().ToArray(), h.Result<float>(sorted));

        static MappedInput Map(int buffer) => new(buffer, DType.Float32, IndexMap.Identity([4]));
    }

    [Fact]
    public void CopyMaterialisesATransposedPaddedView()
    {
        using var h = new ModuleHarness();
        var x = h.Input(new int[] { 1, 2, 3, 4, 5, 6 }); // [2, 3]
        var o = h.Output(4 * 4 * 3);
        // out[i, j] (shape [4, 3]) = x[j... ] transposed view [3, 2] padded to [4, 3] with -1.
        var map = new IndexMap(0, [1, 3]) { ValidLo = [0, 0], ValidHi = [3, 2], PadValue = -1 };
        h.Run(new CopyKernel("copy", new MappedInput(x, DType.Int32, map), [4, 3], o));
        Assert.Equal(new[] { 1, 4, -1, 2, 5, -1, 3, 6, -1, -1, -1, -1 }, h.Result<int>(o));
    }

    [Fact]
    public void CompiledModulesAreCachedByFingerprint()
    {
        using var backend = TestBackend.Create();
        var module = SmallModule();
        var first = backend.Compile(module, CompileOptions.Default);
        var second = backend.Compile(SmallModule(), CompileOptions.Default);
        Assert.Same(first, second);
        var text = first.Describe();
        Assert.Contains(module.ToText(), text);
        Assert.Contains("generated elementwise", text);
    }

    [Fact]
    public void DumpOptionWritesThePlan()
    {
        using var backend = TestBackend.Create();
        var folder = Path.Combine(Path.GetTempPath(), "jaxnet-cpu-dump-" + Guid.NewGuid().ToString("N"));
        try
        {
            var options = new CompileOptions { Options = new Dictionary<string, string> { ["dump"] = folder } };
            var exe = backend.Compile(SmallModule("dumped"), options);
            var file = Assert.Single(Directory.GetFiles(folder));
            Assert.Equal(exe.Describe(), File.ReadAllText(file));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void InvalidModulesAndUnsupportedKernelsFailToCompile()
    {
        using var backend = TestBackend.Create();
        var bad = new KernelModule("bad", [new BufferDecl(0, BufferRole.Parameter, 16)],
            [new ElementwiseKernel("e", [4], [], ScalarProgram.Identity(DType.Float32), [0])], [0], []);
        Assert.Throws<InvalidKernelModuleException>(() => backend.Compile(bad, CompileOptions.Default));
        var tooSmall = new KernelModule("small", [new BufferDecl(0, BufferRole.Parameter, 16), new BufferDecl(1, BufferRole.Result, 8)],
            [new ElementwiseKernel("e", [4], [new MappedInput(0, DType.Float32, IndexMap.Identity([4]))], ScalarProgram.Identity(DType.Float32), [1])], [0], [1]);
        var error = Assert.Throws<KernelCompilationException>(() => backend.Compile(tooSmall, CompileOptions.Default));
        Assert.Equal("e", error.Kernel);
        var overread = new KernelModule("overread", [new BufferDecl(0, BufferRole.Parameter, 12), new BufferDecl(1, BufferRole.Result, 16)],
            [new ElementwiseKernel("e", [4], [new MappedInput(0, DType.Float32, IndexMap.Identity([4]))], ScalarProgram.Identity(DType.Float32), [1])], [0], [1]);
        Assert.Contains("reaches", Assert.Throws<KernelCompilationException>(() => backend.Compile(overread, CompileOptions.Default)).Message);
    }

    [Fact]
    public void BadLaunchArgumentsAreClearErrors()
    {
        using var backend = TestBackend.Create(2);
        using var other = TestBackend.Create();
        var exe = backend.Compile(SmallModule(), CompileOptions.Default);
        var input = backend.Allocate(0, 16);
        var output = backend.Allocate(0, 16);
        Assert.Contains("takes 1", Assert.Throws<ArgumentException>(() => backend.Launch(exe, 0, [], [output])).Message);
        Assert.Contains("device 1", Assert.Throws<ArgumentException>(() => backend.Launch(exe, 0, [backend.Allocate(1, 16)], [output])).Message);
        Assert.Contains("needs 16", Assert.Throws<ArgumentException>(() => backend.Launch(exe, 0, [backend.Allocate(0, 8)], [output])).Message);
        Assert.Contains("another backend", Assert.Throws<ArgumentException>(() => backend.Launch(exe, 0, [other.Allocate(0, 16)], [output])).Message);
        Assert.Throws<ArgumentException>(() => other.Launch(exe, 0, [input], [output]));
        Assert.Throws<ArgumentOutOfRangeException>(() => backend.Launch(exe, 2, [input], [output]));
        backend.Free(input);
        Assert.Contains("freed", Assert.Throws<ArgumentException>(() => backend.Launch(exe, 0, [input], [output])).Message);
    }

    [Fact]
    public void LaunchesRunOnEveryDevice()
    {
        using var backend = TestBackend.Create(3);
        var exe = backend.Compile(SmallModule(), CompileOptions.Default);
        for (var d = 0; d < 3; d++)
        {
            var input = backend.Upload(new float[] { d, 1, 2, 3 }, d);
            var output = backend.Allocate(d, 16);
            backend.Launch(exe, d, [input], [output]).Wait();
            Assert.Equal(new float[] { -d, -1, -2, -3 }, backend.Download<float>(output, 4));
        }
    }

    [Fact]
    public void UseAfterDisposeIsRejected()
    {
        var backend = TestBackend.Create();
        backend.Allocate(0, 8);
        backend.Dispose();
        Assert.Throws<ObjectDisposedException>(() => backend.Allocate(0, 8));
    }

    private static KernelModule SmallModule(string name = "neg")
    {
        var b = new ScalarProgramBuilder();
        var program = b.Build(b.Unary(UnaryOp.Neg, b.Load(0, DType.Float32)));
        return new KernelModule(name, [new BufferDecl(0, BufferRole.Parameter, 16), new BufferDecl(1, BufferRole.Result, 16)],
            [new ElementwiseKernel("neg", [4], [new MappedInput(0, DType.Float32, IndexMap.Identity([4]))], program, [1])], [0], [1]);
    }
}
