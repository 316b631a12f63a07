using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Numerics;

namespace JaxNet.Conformance.Reference;

internal static class ReductionReference
{
    public static void Run(ReductionKernel k, ReferenceMemory memory)
    {
        var outputShape = k.OutputShape;
        var keptAxes = Enumerable.Range(0, k.InputShape.Length).Where(d => !k.Axes.Contains(d)).ToArray();
        var reducedShape = k.Axes.Select(a => k.InputShape[a]).ToArray();
        var input = new long[k.InputShape.Length];
        long n = 0;
        foreach (var outPoint in Shapes.Points(outputShape))
        {
            for (var i = 0; i < keptAxes.Length; i++) input[keptAxes[i]] = outPoint[i];
            var values = new List<Scalar>();
            foreach (var reduced in Shapes.Points(reducedShape))
            {
                for (var i = 0; i < k.Axes.Length; i++) input[k.Axes[i]] = reduced[i];
                values.Add(ProgramEvaluator.Evaluate(k.Prologue, j => memory.ReadMapped(k.Inputs[j], k.InputShape, input), input, memory.Subnormals)[0]);
            }
            var value = k.Op.IsArg() ? ArgReduce(k.Op, values, k.AccumulatorDType) : Reduce(k.Op, values, k.AccumulatorDType);
            var result = EpilogueEvaluator.Apply(k.Epilogue, value, memory, outputShape, outPoint);
            memory.Write(k.Output, k.OutputDType, n++, result);
        }
    }

    private static Scalar Reduce(ReduceOp op, List<Scalar> values, DType accumulator)
    {
        var acc = new Accumulator(op, accumulator);
        foreach (var v in values) acc.Add(v);
        return acc.Result;
    }

    /// <summary>The Int32 position of the largest (smallest) value: the first on ties, the first NaN wins.</summary>
    private static Scalar ArgReduce(ReduceOp op, List<Scalar> values, DType accumulator)
    {
        if (values.Count == 0) throw new InvalidOperationException("arg reduction over zero elements");
        var best = 0;
        var bestValue = ScalarSemantics.Convert(values[0], accumulator);
        for (var i = 1; i < values.Count && !bestValue.IsNaN; i++)
        {
            var v = ScalarSemantics.Convert(values[i], accumulator);
            var better = v.IsNaN || ScalarSemantics.Binary(op == ReduceOp.ArgMax ? BinaryOp.Gt : BinaryOp.Lt, v, bestValue).IsTrue;
            if (!better) continue;
            best = i;
            bestValue = v;
        }
        return Scalar.FromInteger(DType.Int32, best);
    }
}
