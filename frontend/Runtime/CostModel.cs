using JaxNet.Abstractions.Kernels;

namespace JaxNet.Runtime;

/// <summary>Estimates of a module's work: flops (one per arithmetic scalar op per point, 2 per multiply-add of a contraction) and bytes.</summary>
internal static class CostModel
{
    public static CostAnalysis Analyze(KernelModule module)
    {
        double flops = 0, transcendentals = 0, bytes = 0;
        long Size(int b) => module.Buffers[b].ByteSize;
        foreach (var kernel in module.Kernels)
        {
            var points = Points(kernel);
            foreach (var program in kernel.Programs())
                foreach (var node in program.Nodes)
                {
                    if (node is BinaryNode or SelectNode || node is UnaryNode { Op: UnaryOp.Neg or UnaryOp.Abs }) flops += points.Body;
                    else if (node is UnaryNode) transcendentals += points.Body;
                }
            if (kernel is ContractionKernel c)
            {
                var k = c.Dimensions.LhsContracting.Aggregate(1L, (a, d) => a * c.Lhs.Shape[d]);
                flops += 2.0 * c.OutputShape.Aggregate(1L, (a, d) => a * d) * k;
            }
            if (kernel is ReductionKernel r) flops += points.Body;
            bytes += kernel.ReadBuffers().Distinct().Sum(b => (double)Size(b)) + kernel.WrittenBuffers().Sum(b => (double)Size(b));
        }
        return new CostAnalysis(flops, bytes, transcendentals);
    }

    /// <summary>A one-line summary of a kernel: its shape and the ops of its programs.</summary>
    public static string Ops(Kernel kernel)
    {
        var ops = kernel.Programs().SelectMany(p => p.Nodes).Select(n => n switch
        {
            UnaryNode u => u.Op.ToString().ToLowerInvariant(),
            BinaryNode b => b.Op.ToString().ToLowerInvariant(),
            SelectNode => "select",
            ConvertNode => "convert",
            _ => null,
        }).OfType<string>();
        var head = kernel switch
        {
            ReductionKernel r => $"reduce_{r.Op.ToString().ToLowerInvariant()}",
            ContractionKernel => "dot_general",
            ConvolutionKernel => "conv",
            ScanKernel s => $"scan_{s.Op.ToString().ToLowerInvariant()}",
            _ => kernel.Kind.ToString().ToLowerInvariant(),
        };
        return string.Join(" ", ops.Prepend(head));
    }

    private static (double Body, double Out) Points(Kernel kernel) => kernel switch
    {
        ElementwiseKernel e => (Prod(e.Shape), Prod(e.Shape)),
        ReductionKernel r => (Prod(r.InputShape), Prod(r.OutputShape)),
        ContractionKernel c => (Prod(c.OutputShape), Prod(c.OutputShape)),
        ConvolutionKernel v => (Prod(v.OutputShape), Prod(v.OutputShape)),
        _ => (0, 0),
    };

    private static double Prod(int[] shape) => shape.Aggregate(1.0, (a, d) => a * d);
}
