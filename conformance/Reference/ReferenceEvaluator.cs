using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Numerics;

namespace JaxNet.Conformance.Reference;

/// <summary>
/// The oracle of the conformance suite: a plain interpreter of kernel IR v1 over host byte arrays. It favours
/// clarity over speed: every kernel is evaluated point by point from its definition, floats in float64 rounded
/// once to the dtype they are stored in, integers exactly with two's complement wraparound.
/// </summary>
public static class ReferenceEvaluator
{
    /// <summary>
    /// Runs <paramref name="module"/> on <paramref name="parameters"/> (the bytes of each of
    /// <see cref="KernelModule.Parameters"/>, in order) and returns the bytes of each of its results (an aliased result
    /// starts as its parameter's bytes, as the host's launch gives it). Under
    /// <see cref="SubnormalMode.FlushFloat32"/> every float32 or bfloat16 operand of a scalar op is flushed to zero
    /// of its sign first (a flushing device's arithmetic); values only selected, bitcast or stored keep their bits.
    /// </summary>
    public static byte[][] Evaluate(KernelModule module, IReadOnlyList<byte[]> parameters,
        SubnormalMode subnormals = SubnormalMode.Preserve)
    {
        module.Validate();
        if (parameters.Count != module.Parameters.Count)
            throw new ArgumentException($"module {module.Name} takes {module.Parameters.Count} parameters, got {parameters.Count}");
        var buffers = module.Buffers.Select(b => new byte[b.ByteSize]).ToArray();
        for (var i = 0; i < parameters.Count; i++)
        {
            var target = buffers[module.Parameters[i]];
            if (parameters[i].Length != target.Length)
                throw new ArgumentException($"parameter {i} (b{module.Parameters[i]}) has {parameters[i].Length} bytes, the module declares {target.Length}");
            parameters[i].CopyTo(target, 0);
        }
        foreach (var alias in module.Aliases) parameters[alias.Parameter].CopyTo(buffers[module.Results[alias.Result]], 0);
        var memory = new ReferenceMemory(buffers, subnormals);
        foreach (var kernel in module.Kernels) Run(kernel, memory);
        return module.Results.Select(r => buffers[r]).ToArray();
    }

    private static void Run(Kernel kernel, ReferenceMemory memory)
    {
        switch (kernel)
        {
            case ElementwiseKernel k: ElementwiseReference.Run(k, memory); break;
            case ReductionKernel k: ReductionReference.Run(k, memory); break;
            case ContractionKernel k: ContractionReference.Run(k, memory); break;
            case ConvolutionKernel k: ConvolutionReference.Run(k, memory); break;
            case GatherKernel k: GatherReference.Run(k, memory); break;
            case ScatterKernel k: ScatterReference.Run(k, memory); break;
            case SortKernel k: SortReference.Run(k, memory); break;
            case ScanKernel k: ScanReference.Run(k, memory); break;
            case CopyKernel k: CopyReference.Run(k, memory); break;
            case FftKernel k: FftReference.Run(k, memory); break;
            default: throw new NotSupportedException($"kernel kind {kernel.Kind} of {kernel.Name}");
        }
    }
}
