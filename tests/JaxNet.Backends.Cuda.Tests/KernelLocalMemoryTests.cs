using System.Reflection;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Driver;

namespace JaxNet.Backends.Cuda.Tests;

/// <summary>
/// Every kernel a module of each IR kind loads, assembled by ptxas for sm_90 as the driver would: none needs local
/// memory (a stack frame is per-thread memory in DRAM behind L1, which a kernel that indexes a local array at run
/// time, or takes a struct's address, pays for on every access) and none spills registers.
/// </summary>
public sealed class KernelLocalMemoryTests
{
    public static TheoryData<string> Modules => new(Catalog.Keys);

    [PtxasTheory]
    [MemberData(nameof(Modules))]
    public void Kernels_assemble_without_local_memory(string name)
    {
        var reports = new List<(MethodInfo Kernel, PtxasReport Report)>();
        using var emulated = new Emulated(CudaPlugin.Emulated(0.1, 1));
        PtxCheck.Enable(emulated.Accelerator.Context, Ptxas.Find(null), (kernel, report) =>
        {
            lock (reports) reports.Add((kernel, report));
        });
        emulated.RunOnZeros(Catalog[name]());

        Assert.NotEmpty(reports);
        var heavy = reports.Where(r => r.Report.StackBytes > 0 || r.Report.SpillStoreBytes > 0)
            .Select(r => $"{r.Kernel.DeclaringType?.Name}.{r.Kernel.Name}: {r.Report}").Distinct().ToList();
        Assert.True(heavy.Count == 0, string.Join("\n", heavy));
    }

    private static readonly Dictionary<string, Func<KernelModule>> Catalog = new()
    {
        ["elementwise"] = () => Module([1024, 1024, 1024], [1024], new ElementwiseKernel("e", [256], Mapped(3, [256]), Activation(), [3])),
        ["bias and relu"] = () => Module([4 * 16 * 32, 4 * 32], [4 * 16 * 32], new ElementwiseKernel("e", [16, 32],
            [new MappedInput(0, DType.Float32, IndexMap.Identity([16, 32])), new MappedInput(1, DType.Float32, new IndexMap(0, [0, 1]))],
            BiasRelu(), [2])),
        ["reduction over rows"] = () => Module([4 * 64 * 300, 4 * 64 * 300], [4 * 64],
            new ReductionKernel("r", [64, 300], [1], Mapped(2, [64, 300]), Product(), ReduceOp.Sum, DType.Float32, null, 2)),
        ["long reduction"] = () => Module([4 * 100_000], [4],
            new ReductionKernel("r", [100_000], [0], Mapped(1, [100_000]), ScalarProgram.Identity(DType.Float32), ReduceOp.Sum, DType.Float32, null, 1)),
        ["argmax"] = () => Module([4 * 8 * 50], [4 * 8],
            new ReductionKernel("a", [8, 50], [1], Mapped(1, [8, 50]), ScalarProgram.Identity(DType.Float32), ReduceOp.ArgMax, DType.Float32, null, 1)),
        ["contraction"] = () => Module([4 * 16 * 32, 4 * 32 * 8], [4 * 16 * 8],
            new ContractionKernel("dot", new TensorRef(0, DType.Float32, [16, 32]), new TensorRef(1, DType.Float32, [32, 8]),
                new DotDimensions([], [], [1], [0]), Precision.Default, DType.Float32, Relu(), 2)),
        ["gather rows"] = () => Module([4 * 10 * 6, 4 * 4], [4 * 4 * 6],
            new GatherKernel("g", new TensorRef(0, DType.Float32, [10, 6]), new TensorRef(1, DType.Int32, [4]),
                new GatherDimensions([1], [0], [0], 1), [1, 6], IndexMode.Clip, 0, [4, 6], 2)),
        ["scatter rows"] = () => Module([4 * 10 * 6, 4 * 4, 4 * 4 * 6], [4 * 10 * 6],
            new ScatterKernel("s", new TensorRef(0, DType.Float32, [10, 6]), new TensorRef(1, DType.Int32, [4]),
                new TensorRef(2, DType.Float32, [4, 6]), new ScatterDimensions([1], [0], [0], 1), ScatterCombiner.Add, IndexMode.FillOrDrop, 3)),
        ["scatter scalars"] = () => Module([4 * 16, 4 * 40, 4 * 40], [4 * 16],
            new ScatterKernel("s", new TensorRef(0, DType.Float32, [16]), new TensorRef(1, DType.Int32, [40]),
                new TensorRef(2, DType.Float32, [40]), new ScatterDimensions([], [0], [0], 1), ScatterCombiner.Add, IndexMode.FillOrDrop, 3)),
        ["sort"] = () => Module([4 * 4 * 100, 4 * 4 * 100], [4 * 4 * 100, 4 * 4 * 100],
            new SortKernel("sort", [new TensorRef(0, DType.Float32, [4, 100]), new TensorRef(1, DType.Int32, [4, 100])], 1, 1, false, true, [2, 3])),
        ["cumsum"] = () => Module([4 * 3 * 5000], [4 * 3 * 5000],
            new ScanKernel("c", new TensorRef(0, DType.Float32, [3, 5000]), 1, ReduceOp.Sum, false, DType.Float32, DType.Float32, 1)),
        ["convolution"] = () => Module([4 * 2 * 3 * 8 * 8, 4 * 4 * 3 * 3 * 3], [4 * 2 * 4 * 6 * 6],
            new ConvolutionKernel("conv", new TensorRef(0, DType.Float32, [2, 3, 8, 8]), new TensorRef(1, DType.Float32, [4, 3, 3, 3]),
                ConvDimensions.ChannelsFirst(2), [1, 1], [0, 0], [0, 0], [1, 1], [1, 1], 1, 1, Precision.Default, DType.Float32, null, [2, 4, 6, 6], 2)),
    };

    private static KernelModule Module(long[] parameterBytes, long[] resultBytes, Kernel kernel)
    {
        var buffers = parameterBytes.Select((b, i) => new BufferDecl(i, BufferRole.Parameter, b))
            .Concat(resultBytes.Select((b, i) => new BufferDecl(parameterBytes.Length + i, BufferRole.Result, b))).ToList();
        return new KernelModule("m", buffers, [kernel], Enumerable.Range(0, parameterBytes.Length).ToList(),
            Enumerable.Range(parameterBytes.Length, resultBytes.Length).ToList());
    }

    private static List<MappedInput> Mapped(int count, int[] shape) =>
        Enumerable.Range(0, count).Select(i => new MappedInput(i, DType.Float32, IndexMap.Identity(shape))).ToList();

    // tanh(x) * logistic(y) + exp(-z), the bench's activation row.
    private static ScalarProgram Activation()
    {
        var p = new ScalarProgramBuilder();
        var product = p.Binary(BinaryOp.Mul, p.Unary(UnaryOp.Tanh, p.Load(0, DType.Float32)), p.Unary(UnaryOp.Logistic, p.Load(1, DType.Float32)));
        return p.Build(p.Binary(BinaryOp.Add, product, p.Unary(UnaryOp.Exp, p.Unary(UnaryOp.Neg, p.Load(2, DType.Float32)))));
    }

    private static ScalarProgram BiasRelu()
    {
        var p = new ScalarProgramBuilder();
        var sum = p.Binary(BinaryOp.Add, p.Load(0, DType.Float32), p.Load(1, DType.Float32));
        return p.Build(p.Binary(BinaryOp.Max, sum, p.Const(DType.Float32, 0)));
    }

    private static ScalarProgram Product()
    {
        var p = new ScalarProgramBuilder();
        return p.Build(p.Binary(BinaryOp.Mul, p.Load(0, DType.Float32), p.Load(1, DType.Float32)));
    }

    private static FusedEpilogue Relu()
    {
        var p = new ScalarProgramBuilder();
        return new FusedEpilogue(p.Build(p.Binary(BinaryOp.Max, p.Load(0, DType.Float32), p.Const(DType.Float32, 0))), []);
    }
}
