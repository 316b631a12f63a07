using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.TpuSim.Machine;
using JaxNet.Backends.TpuSim.Timing;
using static JaxNet.Backends.TpuSim.Tests.Harness;

namespace JaxNet.Backends.TpuSim.Tests;

/// <summary>Whole modules (temporaries, several kernels) and machine-dependent costs.</summary>
public class ModuleTests
{
    [Fact]
    public void TemporariesCarryValuesBetweenKernelsAndTheReportSumsThem()
    {
        // b1 (temporary) = x * x; b2 (result) = sum(b1)
        int[] shape = [1000];
        var p = new ScalarProgramBuilder();
        var x = p.Load(0, DType.Float32);
        var square = new ElementwiseKernel("sq", shape, [Input(0, DType.Float32, shape)], p.Build(p.Binary(BinaryOp.Mul, x, x)), [1]);
        var sum = new ReductionKernel("sum", shape, [0], [Input(1, DType.Float32, shape)], ScalarProgram.Identity(DType.Float32),
            ReduceOp.Sum, DType.Float32, null, 2);
        var module = new KernelModule("sumsq",
            [new BufferDecl(0, BufferRole.Parameter, 4000), new BufferDecl(1, BufferRole.Temporary, 4000), new BufferDecl(2, BufferRole.Result, 4)],
            [square, sum], [0], [2]);
        var backend = Backend();
        var exe = backend.Compile(module, CompileOptions.Default);
        var values = Enumerable.Range(0, 1000).Select(i => i / 1000f).ToArray();
        var input = backend.Allocate(0, 4000);
        backend.CopyToDevice(Bytes(values), input, 0).Wait();
        var output = backend.Allocate(0, 4);
        backend.Launch(exe, 0, [input], [output]).Wait();
        var result = new byte[4];
        backend.CopyToHost(output, 0, result).Wait();
        var expected = values.Sum(v => (double)v * v);
        // Sequential fp32 accumulation of 1000 terms.
        Assert.True(Math.Abs(Values<float>(result)[0] - expected) < 1e-5 * expected);
        var report = ((TpuExecutable)exe).Report;
        Assert.Equal(2, report.Kernels.Count);
        Assert.Equal(report.Kernels[0].Cycles + report.Kernels[1].Cycles, report.TotalCycles);
        Assert.Equal(report.TotalCycles, backend.SimulatedCycles(0));
    }

    [Fact]
    public void LargeContractionsSpillAndReadMore()
    {
        var small = new ContractionKernel("small", new TensorRef(0, DType.Float32, [256, 256]), new TensorRef(1, DType.Float32, [256, 256]),
            DotDimensions.MatMul, Precision.Default, DType.Float32, null, 2);
        var big = small with { Lhs = new TensorRef(0, DType.Float32, [4096, 1024]), Rhs = new TensorRef(1, DType.Float32, [1024, 1024]) };
        var model = new KernelCostModel(TpuMachine.V4);
        Assert.False(model.Estimate(small).Spilled);
        var timing = model.Estimate(big);
        Assert.True(timing.Spilled);
        // The streamed lhs is re-read for each of the 8 column folds of N = 1024.
        Assert.Equal(4L * (4096 * 1024 * 8 + 1024 * 1024 + 4096 * 1024), timing.HbmBytes);
    }

    [Fact]
    public void TheV1PresetHasOneBigArray()
    {
        var kernel = new ContractionKernel("mm", new TensorRef(0, DType.BFloat16, [100, 512]), new TensorRef(1, DType.BFloat16, [512, 300]),
            DotDimensions.MatMul, Precision.Default, DType.Float32, null, 2);
        var timing = new KernelCostModel(TpuMachine.V1).Estimate(kernel);
        // K=512 -> 2 row folds, N=300 -> 2 col folds of a 256x256 array; one MXU.
        Assert.Equal(4, timing.Folds);
        Assert.Equal(256 + 4 * (100 + 256 + 256 - 2), timing.ComputeCycles);
    }

    [Fact]
    public void ConvolutionsAreTimedAsTheirIm2colGemm()
    {
        // NCHW [8, 64, 16, 16] * OIHW [128, 64, 3, 3], stride 1, same padding: M = 8*16*16, K = 64*9, N = 128.
        int[] lhs = [8, 64, 16, 16], rhs = [128, 64, 3, 3], one = [1, 1];
        var dims = ConvDimensions.ChannelsFirst(2);
        var outShape = ConvolutionKernel.InferOutputShape(lhs, rhs, dims, one, one, one, one, one, 1);
        var kernel = new ConvolutionKernel("conv", new TensorRef(0, DType.BFloat16, lhs), new TensorRef(1, DType.BFloat16, rhs), dims,
            one, one, one, one, one, 1, 1, Precision.Default, DType.Float32, null, outShape, 2);
        var timing = new KernelCostModel(TpuMachine.V4).Estimate(kernel);
        var gemm = AnalyticSystolicModel.Run(new SystolicArray(128, 128, Dataflow.WeightStationary, true), new GemmProblem(8 * 256, 576, 128));
        Assert.Equal(gemm.Folds, timing.Folds);
        Assert.Equal(8L * 256 * 576 * 128, timing.Macs);
        Assert.Equal(128 + (gemm.Folds + 3) / 4 * gemm.CyclesPerFold, timing.ComputeCycles);
    }

    [Fact]
    public void FailuresSurfaceOnTheEvent()
    {
        // A gather whose indices buffer is too small for its declared shape fails at launch, on the event.
        var kernel = new GatherKernel("g", new TensorRef(0, DType.Float32, [4]), new TensorRef(1, DType.Int32, [3, 1]),
            new GatherDimensions([], [0], [0], 1), [1], IndexMode.Clip, 0, [3], 2);
        var backend = Backend();
        var exe = backend.Compile(Module(kernel, [16, 4], [12]), CompileOptions.Default);
        var e = backend.Launch(exe, 0, [backend.Allocate(0, 16), backend.Allocate(0, 4)], [backend.Allocate(0, 12)]);
        Assert.Throws<DeviceOperationException>(e.Wait);
    }
}

public class SortCostTests
{
    [Fact]
    public void SortsLargerThanVectorMemoryPayExtraPasses()
    {
        var model = new KernelCostModel(TpuMachine.V4);
        var small = new SortKernel("s", [new TensorRef(0, DType.Float32, [1024])], 0, 1, false, true, [1]);
        var big = small with { Operands = [new TensorRef(0, DType.Float32, [16 << 20])] };
        Assert.False(model.Estimate(small).Spilled);
        var timing = model.Estimate(big);
        Assert.True(timing.Spilled);
        // 128 MiB moved against 16 MiB of VMEM: 1 + log2(8) round trips.
        Assert.Equal(2L * 4 * (16 << 20) * 4, timing.HbmBytes);
    }
}
