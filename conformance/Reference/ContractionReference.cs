using JaxNet.Abstractions.Kernels;

namespace JaxNet.Conformance.Reference;

/// <summary>dot_general, straight from its definition: one sum over the contracting index space per output point.</summary>
internal static class ContractionReference
{
    public static void Run(ContractionKernel k, ReferenceMemory memory)
    {
        var d = k.Dimensions;
        var lhsFree = Enumerable.Range(0, k.Lhs.Shape.Length).Where(a => !d.LhsBatch.Contains(a) && !d.LhsContracting.Contains(a)).ToArray();
        var rhsFree = Enumerable.Range(0, k.Rhs.Shape.Length).Where(a => !d.RhsBatch.Contains(a) && !d.RhsContracting.Contains(a)).ToArray();
        var contractShape = d.LhsContracting.Select(a => k.Lhs.Shape[a]).ToArray();
        var outputShape = k.OutputShape;
        var lhs = new long[k.Lhs.Shape.Length];
        var rhs = new long[k.Rhs.Shape.Length];
        long n = 0;
        foreach (var outPoint in Shapes.Points(outputShape))
        {
            var o = 0;
            for (var i = 0; i < d.LhsBatch.Length; i++, o++)
            {
                lhs[d.LhsBatch[i]] = outPoint[o];
                rhs[d.RhsBatch[i]] = outPoint[o];
            }
            foreach (var a in lhsFree) lhs[a] = outPoint[o++];
            foreach (var a in rhsFree) rhs[a] = outPoint[o++];
            var acc = new Accumulator(ReduceOp.Sum, k.AccumulatorDType);
            foreach (var c in Shapes.Points(contractShape))
            {
                for (var i = 0; i < c.Length; i++)
                {
                    lhs[d.LhsContracting[i]] = c[i];
                    rhs[d.RhsContracting[i]] = c[i];
                }
                acc.AddProduct(memory.Read(k.Lhs, Shapes.Ravel(lhs, k.Lhs.Shape)), memory.Read(k.Rhs, Shapes.Ravel(rhs, k.Rhs.Shape)));
            }
            var result = EpilogueEvaluator.Apply(k.Epilogue, acc.Result, memory, outputShape, outPoint);
            memory.Write(k.Output, k.OutputDType, n++, result);
        }
    }
}
