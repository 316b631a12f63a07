using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Codegen;
using JaxNet.Backends.CpuSimd.Kernels;
using JaxNet.Backends.CpuSimd.Kernels.Elements;
using JaxNet.Backends.CpuSimd.Kernels.Pieces;

namespace JaxNet.Backends.CpuSimd.Launch;

/// <summary>Compiles one kernel of a module to its CPU implementation, after checking it fits its buffers.</summary>
internal static class KernelCompiler
{
    public static CompiledKernel Compile(Kernel kernel, CompileContext context)
    {
        BufferFit.Check(kernel, context.Module);
        try
        {
            return kernel switch
            {
                ElementwiseKernel e => CompileElementwise(e),
                ReductionKernel r => CompileReduction(r),
                ContractionKernel c => CpuContraction.Compile(c, context),
                ConvolutionKernel v => CpuConvolution.Compile(v, context),
                GatherKernel g => CpuGather.Compile(g),
                ScatterKernel s => CpuScatter.Compile(s),
                SortKernel s => CpuSort.Compile(s),
                ScanKernel s => CpuScan.Compile(s, context),
                CopyKernel c => CompileCopy(c),
                FftKernel f => Kernels.Fft.CpuFft.Compile(f, context),
                _ => throw new KernelCompilationException(kernel.Name, $"kernel kind {kernel.Kind} is not supported by cpu"),
            };
        }
        catch (Exception e) when (e is not KernelCompilationException)
        {
            throw new KernelCompilationException(kernel.Name, e.Message, e);
        }
    }

    private static CompiledKernel CompileReduction(ReductionKernel kernel)
    {
        var compiled = ReductionCompiler.Compile(kernel);
        return new CompiledKernel(kernel, compiled, $"generated reduction code ({CpuIsa.Name}{compiled.LoopNote})",
            kernel.InputShape.Aggregate(1.0, (a, b) => a * b) * kernel.Prologue.Nodes.Count);
    }

    private static CompiledKernel CompileElementwise(ElementwiseKernel kernel)
    {
        if (GuardedPeriodic(kernel, kernel) is { } guarded) return guarded;
        if (PiecewiseCopy.TryCreate(kernel) is { } copy) return Piecewise(kernel, copy);
        if (InterleavedComplexProduct.TryCreate(kernel) is { } product)
            return new CompiledKernel(kernel, product, "interleaved complex product (pairs shuffled in registers)",
                kernel.Shape.Aggregate(1.0, (a, b) => a * b) * kernel.Program.Nodes.Count);
        var compiled = ElementwiseCompiler.Compile(kernel);
        return new CompiledKernel(kernel, compiled, $"generated elementwise code ({CpuIsa.Name}{compiled.LoopNote})",
            kernel.Shape.Aggregate(1.0, (a, b) => a * b) * kernel.Program.Nodes.Count);
    }

    /// <summary>A kernel padded along a short broadcast last dimension (a stack on a new last axis) as a periodic row of
    /// guarded reads, when it becomes one; null otherwise (block copies or gathered rows then serve it). Whether it
    /// does is the loop nest's decision, planned before any code is emitted, so a rewrite that stays plain rows (a
    /// stack too short to be periodic) costs no compile.</summary>
    private static CompiledKernel? GuardedPeriodic(Kernel source, ElementwiseKernel kernel)
    {
        if (PaddedReadsAsSelects.TryRewrite(kernel) is not { } rewritten || ElementwiseCompiler.Nest(rewritten).Period == 1) return null;
        var compiled = ElementwiseCompiler.Compile(rewritten);
        return new CompiledKernel(source, compiled, $"generated elementwise code ({CpuIsa.Name}{compiled.LoopNote}, padded reads as selects)",
            kernel.Shape.Aggregate(1.0, (a, b) => a * b) * rewritten.Program.Nodes.Count);
    }

    /// <summary>A copy is an elementwise kernel with the identity program: the generator already handles every index map.</summary>
    private static CompiledKernel CompileCopy(CopyKernel copy)
    {
        if (TransposeCopy.TryCreate(copy) is { } transpose)
            return new CompiledKernel(copy, transpose, "blocked transpose copy (32 x 32)", copy.Shape.Aggregate(1.0, (a, b) => a * b));
        var elementwise = new ElementwiseKernel(copy.Name, copy.Shape, [copy.Source],
            ScalarProgram.Identity(copy.Source.DType), [copy.Output]);
        if (GuardedPeriodic(copy, elementwise) is { } guarded) return guarded;
        if (PiecewiseCopy.TryCreate(elementwise) is { } piecewise) return Piecewise(copy, piecewise);
        return new CompiledKernel(copy, ElementwiseCompiler.Compile(elementwise), $"generated strided copy ({CpuIsa.Name})",
            copy.Shape.Aggregate(1.0, (a, b) => a * b));
    }

    private static CompiledKernel Piecewise(Kernel kernel, PiecewiseCopy copy) =>
        new(kernel, copy, $"piecewise block copy ({copy.InputsRead} input(s), rows of {copy.Layout.RowLength}{(copy.Streams ? ", streaming stores" : "")})",
            copy.Layout.RowLength * (double)copy.Layout.OuterShape.Aggregate(1L, (a, b) => a * b));
}
