using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Launch;

/// <summary>
/// Checks at compile time that every tensor, output and index map of a kernel stays inside its declared buffer,
/// so a launch (whose buffers are checked against the declarations) can never touch memory it does not own.
/// </summary>
internal static class BufferFit
{
    public static void Check(Kernel kernel, KernelModule module)
    {
        switch (kernel)
        {
            case ElementwiseKernel e:
                Maps(kernel, module, e.Shape, e.Inputs);
                foreach (var (output, r) in e.Outputs.Select((o, r) => (o, r)))
                    Bytes(kernel, module, output, Count(e.Shape) * e.Program.ResultType(r).SizeOf());
                break;
            case ReductionKernel r:
                Maps(kernel, module, r.InputShape, r.Inputs);
                if (r.Epilogue is not null) Maps(kernel, module, r.OutputShape, r.Epilogue.Inputs);
                Bytes(kernel, module, r.Output, Count(r.OutputShape) * r.OutputDType.SizeOf());
                break;
            case ContractionKernel c:
                Tensors(kernel, module, c.Lhs, c.Rhs);
                if (c.Epilogue is not null) Maps(kernel, module, c.OutputShape, c.Epilogue.Inputs);
                Bytes(kernel, module, c.Output, Count(c.OutputShape) * c.OutputDType.SizeOf());
                break;
            case ConvolutionKernel v:
                Tensors(kernel, module, v.Lhs, v.Rhs);
                if (v.Epilogue is not null) Maps(kernel, module, v.OutputShape, v.Epilogue.Inputs);
                Bytes(kernel, module, v.Output, Count(v.OutputShape) * v.OutputDType.SizeOf());
                break;
            case GatherKernel g:
                Tensors(kernel, module, g.Operand, g.Indices);
                Bytes(kernel, module, g.Output, Count(g.OutputShape) * g.Operand.DType.SizeOf());
                break;
            case ScatterKernel s:
                Tensors(kernel, module, s.Operand, s.Indices, s.Updates);
                Bytes(kernel, module, s.Output, s.Operand.ElementCount * s.Operand.DType.SizeOf());
                break;
            case SortKernel s:
                Tensors(kernel, module, s.Operands.ToArray());
                for (var i = 0; i < s.Outputs.Count; i++)
                    Bytes(kernel, module, s.Outputs[i], s.Operands[i].ElementCount * s.Operands[i].DType.SizeOf());
                break;
            case ScanKernel s:
                Tensors(kernel, module, s.Input);
                Bytes(kernel, module, s.Output, s.Input.ElementCount * s.OutputDType.SizeOf());
                break;
            case CopyKernel c:
                Maps(kernel, module, c.Shape, [c.Source]);
                Bytes(kernel, module, c.Output, Count(c.Shape) * c.Source.DType.SizeOf());
                break;
            case FftKernel f:
                Tensors(kernel, module, f.Imag is { } im ? [f.Real, im] : [f.Real]);
                // One part per output buffer, or both parts in one interleaved buffer.
                var partBytes = f.ComplexCount * f.Real.DType.SizeOf();
                if (f.InterleavedResult) Bytes(kernel, module, f.OutReal, 2 * partBytes);
                else foreach (var output in new[] { f.OutReal, f.OutImag }) Bytes(kernel, module, output, partBytes);
                break;
        }
    }

    private static long Count(IReadOnlyList<int> shape) => shape.Aggregate(1L, (a, b) => a * b);

    private static void Tensors(Kernel kernel, KernelModule module, params TensorRef[] tensors)
    {
        foreach (var t in tensors)
        {
            if (t.Shape.Any(s => s < 0)) Fail(kernel, $"tensor {t} has a negative extent");
            Bytes(kernel, module, t.Buffer, t.ElementCount * t.DType.SizeOf());
        }
    }

    private static void Bytes(Kernel kernel, KernelModule module, int buffer, long bytes)
    {
        var declared = module.Buffers[buffer].ByteSize;
        if (bytes > declared) Fail(kernel, $"needs {bytes} bytes of b{buffer}, which declares {declared}");
    }

    /// <summary>The lowest and highest element each map can load (inside its valid region) must be in the buffer.</summary>
    private static void Maps(Kernel kernel, KernelModule module, IReadOnlyList<int> shape, IEnumerable<MappedInput> inputs)
    {
        if (Count(shape) == 0) return;
        foreach (var input in inputs)
        {
            var map = input.Map;
            var extents = map.ReshapeTo ?? shape.ToArray();
            long low = map.Offset, high = map.Offset;
            var empty = false;
            for (var d = 0; d < map.Strides.Length; d++)
            {
                long first = 0, last = extents[d] - 1;
                if (map.ValidLo is not null && map.ValidHi is not null)
                {
                    first = Math.Max(first, map.ValidLo[d]);
                    last = Math.Min(last, map.ValidHi[d] - 1);
                }
                if (first > last)
                {
                    empty = true;
                    break;
                }
                var a = map.Strides[d] * first;
                var b = map.Strides[d] * last;
                low += Math.Min(a, b);
                high += Math.Max(a, b);
            }
            if (empty) continue;
            var elements = module.Buffers[input.Buffer].ByteSize / input.DType.SizeOf();
            if (low < 0 || high >= elements)
                Fail(kernel, $"input b{input.Buffer} read through {map} reaches elements {low}..{high}, but the buffer holds {elements}");
        }
    }

    private static void Fail(Kernel kernel, string what) => throw new KernelCompilationException(kernel.Name, what);
}
