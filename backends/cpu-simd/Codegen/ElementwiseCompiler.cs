using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Codegen.Emit;
using JaxNet.Backends.CpuSimd.Codegen.Loops;

namespace JaxNet.Backends.CpuSimd.Codegen;

/// <summary>
/// Compiles an <see cref="ElementwiseKernel"/> to a vectorized loop (see <see cref="RowFunctionEmitter"/> for
/// what vectorizes). Each result is stored contiguously to its output buffer.
/// </summary>
internal static class ElementwiseCompiler
{
    public static CompiledElementwiseKernel Compile(ElementwiseKernel kernel) => Compile(kernel, VectorWidth.Bits512);

    /// <summary>Compiles with vectors no wider than <paramref name="width"/> (tests cover every path with it).</summary>
    internal static CompiledElementwiseKernel Compile(ElementwiseKernel kernel, VectorWidth width)
    {
        var (inputs, outputs) = LoopOperands(kernel);
        var loop = LoopCompiler.Compile(kernel.Name, kernel.Shape, inputs, kernel.Program, outputs, null, width);
        return new CompiledElementwiseKernel(kernel, loop);
    }

    /// <summary>The loop nest <see cref="Compile(ElementwiseKernel)"/> would run the kernel in, without compiling it.</summary>
    public static LoopNest Nest(ElementwiseKernel kernel)
    {
        var (inputs, outputs) = LoopOperands(kernel);
        return LoopCompiler.Nest(kernel.Shape, inputs, kernel.Program, outputs, null);
    }

    private static (LoopInput[] Inputs, LoopOutput[] Outputs) LoopOperands(ElementwiseKernel kernel)
    {
        var inputs = kernel.Inputs.Select((input, i) => new LoopInput(i, input.DType, input.Map)).ToArray();
        var strides = IndexMap.RowMajorStrides(kernel.Shape);
        var outputs = kernel.Program.Results
            .Select((node, r) => new LoopOutput(inputs.Length + r, node, strides))
            .ToArray();
        return (inputs, outputs);
    }
}

/// <summary>A compiled elementwise kernel: slots are its inputs' buffers, then its outputs'.</summary>
internal sealed class CompiledElementwiseKernel(ElementwiseKernel kernel, LoopRunner loop) : ICpuKernel
{
    /// <summary>Whether the inner loop runs vector code.</summary>
    public bool Vectorized => loop.Vectorized;

    /// <summary>The loops it runs (tests check which path a kernel takes).</summary>
    public LoopNest Nest => loop.Nest;

    /// <summary>How the loops differ from plain rows, for the kernel's description ("" when they do not).</summary>
    public string LoopNote => loop.Nest.Period > 1 ? $", last two dimensions walked as one of period {loop.Nest.Period}"
        : loop.Nest.Interchanged ? ", a long dimension moved innermost"
        : loop.Nest.StagedDimension >= 0 ? $", {loop.Nest.Staged.Count(s => s)} transposed input(s) staged in {LoopRunner.StageRows} x {LoopRunner.StageColumns} tiles"
        : "";

    public void Run(BufferTable buffers)
    {
        Span<nint> slots = stackalloc nint[kernel.Inputs.Count + kernel.Outputs.Count];
        for (var i = 0; i < kernel.Inputs.Count; i++) slots[i] = buffers[kernel.Inputs[i].Buffer];
        for (var r = 0; r < kernel.Outputs.Count; r++) slots[kernel.Inputs.Count + r] = buffers[kernel.Outputs[r]];
        loop.Run(slots);
    }
}
