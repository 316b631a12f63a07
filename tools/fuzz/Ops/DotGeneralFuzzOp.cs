using JaxNet.Abstractions.Kernels;

namespace JaxNet.Fuzz.Ops;

/// <summary>lax.dot_general: result dimensions are the batch dimensions, then lhs's free ones, then rhs's.</summary>
public sealed class DotGeneralFuzzOp(int[] lhsContracting, int[] rhsContracting, int[] lhsBatch, int[] rhsBatch) : FuzzOp
{
    private static int[] Free(int rank, int[] contracting, int[] batch) =>
        Enumerable.Range(0, rank).Where(d => !contracting.Contains(d) && !batch.Contains(d)).ToArray();

    public override bool MultipliesElements => true;

    public override TensorType ResultType(IReadOnlyList<TensorType> args)
    {
        if (args.Count != 2 || args[0].DType != args[1].DType || lhsContracting.Length != rhsContracting.Length || lhsBatch.Length != rhsBatch.Length)
            throw Mismatch("dot_general", args);
        var (l, r) = (args[0].Shape, args[1].Shape);
        if (lhsContracting.Zip(rhsContracting).Any(p => l[p.First] != r[p.Second]) || lhsBatch.Zip(rhsBatch).Any(p => l[p.First] != r[p.Second]))
            throw Mismatch("dot_general", args);
        var shape = lhsBatch.Select(d => l[d]).Concat(Free(l.Length, lhsContracting, lhsBatch).Select(d => l[d]))
            .Concat(Free(r.Length, rhsContracting, rhsBatch).Select(d => r[d])).ToArray();
        return args[0].With(shape);
    }

    public override NDArray Apply(IReadOnlyList<NDArray> args) =>
        Lax.DotGeneral(args[0], args[1], (lhsContracting, rhsContracting), (lhsBatch, rhsBatch));

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics)
    {
        var (a, b) = (args[0], args[1]);
        var type = ResultType([a.Type, b.Type]);
        var (aStrides, bStrides) = (Layout.Strides(a.Shape), Layout.Strides(b.Shape));
        var aFree = Free(a.Shape.Length, lhsContracting, lhsBatch);
        var bFree = Free(b.Shape.Length, rhsContracting, rhsBatch);
        var contractShape = lhsContracting.Select(d => a.Shape[d]).ToArray();
        var k = (int)Layout.Size(contractShape);
        // Flat offsets of each contracting point in either operand.
        var (aK, bK) = (new int[k], new int[k]);
        var kPoint = new int[contractShape.Length];
        for (var j = 0; j < k; j++)
        {
            Layout.Unravel(j, contractShape, kPoint);
            for (var c = 0; c < kPoint.Length; c++)
            {
                aK[j] += kPoint[c] * aStrides[lhsContracting[c]];
                bK[j] += kPoint[c] * bStrides[rhsContracting[c]];
            }
        }
        var point = new int[type.Rank];
        return RefArray.Build(type, i =>
        {
            Layout.Unravel(i, type.Shape, point);
            int aBase = 0, bBase = 0, at = 0;
            for (var d = 0; d < lhsBatch.Length; d++, at++)
            {
                aBase += point[at] * aStrides[lhsBatch[d]];
                bBase += point[at] * bStrides[rhsBatch[d]];
            }
            foreach (var d in aFree) aBase += point[at++] * aStrides[d];
            foreach (var d in bFree) bBase += point[at++] * bStrides[d];
            if (type.DType.IsComplex())
                return ComplexContraction.Sum(type.DType, Enumerable.Range(0, k).Select(j =>
                    (a.Values[aBase + aK[j]], a.Error[aBase + aK[j]], b.Values[bBase + bK[j]], b.Error[bBase + bK[j]])), numerics);
            var fold = LineAccumulator.Create(ReduceOp.Sum, type.DType, numerics);
            for (var j = 0; j < k; j++)
                ContractionTerms.Add(fold, a.Values[aBase + aK[j]], a.Error[aBase + aK[j]], b.Values[bBase + bK[j]], b.Error[bBase + bK[j]], numerics);
            return fold.Result();
        });
    }

    public override string Render(IReadOnlyList<string> args) =>
        $"Lax.DotGeneral({args[0]}, {args[1]}, ({Ints(lhsContracting)}, {Ints(rhsContracting)}), ({Ints(lhsBatch)}, {Ints(rhsBatch)}))";
}
