using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.TpuSim.Numerics;

namespace JaxNet.Backends.TpuSim.Execution;

/// <summary>
/// dot_general: both operands are gathered into [batch, free, contracting] / [batch, contracting, free] matrices,
/// multiplied with <see cref="MatrixUnitArithmetic"/>, and the result ([batch, lhs free, rhs free], XLA's order)
/// goes through the epilogue.
/// </summary>
internal static class ContractionExecutor
{
    public static void Run(ContractionKernel kernel, LaunchMemory memory)
    {
        var shape = ContractionShape.Of(kernel);
        var d = kernel.Dimensions;
        var lhsFree = Free(kernel.Lhs.Shape.Length, d.LhsBatch, d.LhsContracting);
        var rhsFree = Free(kernel.Rhs.Shape.Length, d.RhsBatch, d.RhsContracting);
        var lhs = ElementIO.Gather(memory[kernel.Lhs.Buffer], kernel.Lhs.DType,
            Permutation.Offsets(kernel.Lhs.Shape, [.. d.LhsBatch, .. lhsFree, .. d.LhsContracting]));
        var rhs = ElementIO.Gather(memory[kernel.Rhs.Buffer], kernel.Rhs.DType,
            Permutation.Offsets(kernel.Rhs.Shape, [.. d.RhsBatch, .. d.RhsContracting, .. rhsFree]));
        var result = Multiply(lhs, rhs, shape.Batch, shape.M, shape.K, shape.N, kernel.Precision, kernel.AccumulatorDType);
        EpilogueApplier.Write(result, kernel.Epilogue, kernel.OutputShape, kernel.Output, memory);
    }

    /// <summary>[batch, m, k] x [batch, k, n] in the accumulator dtype with TPU numerics.</summary>
    public static Column Multiply(Column lhs, Column rhs, int batch, int m, int k, int n, Precision precision, DType acc)
    {
        if (acc.IsFloat())
        {
            var a = ScalarMath.Convert(lhs, acc.IsFloat() && !lhs.IsFloat ? acc : lhs.DType);
            var b = ScalarMath.Convert(rhs, acc.IsFloat() && !rhs.IsFloat ? acc : rhs.DType);
            double[] values;
            if (MatrixUnitArithmetic.UsesBf16Passes(a.DType, b.DType, acc))
            {
                var c = MatrixUnitArithmetic.MultiplyBf16Passes(ToFloats(a.Floats), ToFloats(b.Floats), batch, m, k, n, precision);
                values = new double[c.Length];
                for (var i = 0; i < c.Length; i++) values[i] = DTypeValues.Round(c[i], acc);
            }
            else
            {
                values = MatrixUnitArithmetic.MultiplyDouble(a.Floats, b.Floats, batch, m, k, n);
                for (var i = 0; i < values.Length; i++) values[i] = DTypeValues.Round(values[i], acc);
            }
            return Column.OfFloats(acc, values);
        }
        var x = ScalarMath.Convert(lhs, acc).Ints;
        var y = ScalarMath.Convert(rhs, acc).Ints;
        var products = MatrixUnitArithmetic.MultiplyInteger(x, y, batch, m, k, n);
        for (var i = 0; i < products.Length; i++) products[i] = DTypeValues.Normalize(products[i], acc);
        return Column.OfInts(acc, products);
    }

    private static float[] ToFloats(double[] values)
    {
        var result = new float[values.Length];
        for (var i = 0; i < values.Length; i++) result[i] = (float)values[i];
        return result;
    }

    private static int[] Free(int rank, int[] batch, int[] contracting) =>
        Enumerable.Range(0, rank).Where(a => !batch.Contains(a) && !contracting.Contains(a)).ToArray();
}

/// <summary>A contraction seen as a batched GEMM: [Batch, M, K] x [Batch, K, N].</summary>
internal readonly record struct ContractionShape(int Batch, int M, int K, int N)
{
    public static ContractionShape Of(ContractionKernel kernel)
    {
        var d = kernel.Dimensions;
        int Product(int[] shape, IEnumerable<int> dims) => dims.Aggregate(1, (p, a) => checked(p * shape[a]));
        var lhs = kernel.Lhs.Shape;
        var rhs = kernel.Rhs.Shape;
        var batch = Product(lhs, d.LhsBatch);
        var k = Product(lhs, d.LhsContracting);
        var m = Product(lhs, Enumerable.Range(0, lhs.Length).Where(a => !d.LhsBatch.Contains(a) && !d.LhsContracting.Contains(a)));
        var n = Product(rhs, Enumerable.Range(0, rhs.Length).Where(a => !d.RhsBatch.Contains(a) && !d.RhsContracting.Contains(a)));
        return new ContractionShape(batch, m, k, n);
    }
}
