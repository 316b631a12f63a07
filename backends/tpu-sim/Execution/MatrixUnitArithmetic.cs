using System.Numerics;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.TpuSim.Numerics;

namespace JaxNet.Backends.TpuSim.Execution;

/// <summary>
/// Batched matrix products C[b] = A[b] x B[b] with the TPU's numerics. Float operands take the MXU path: each
/// operand is split into bf16 terms and the bf16 x bf16 products (exact in fp32) are accumulated in fp32, one
/// pass per pair of terms: Precision.Default 1 pass (inputs rounded to bf16), High 3 passes (2 terms each; the
/// lo x lo product is dropped), Highest 6 passes (3 terms; the products of order above 2 are dropped). Doubles
/// and integers (which the MXU does not handle at these widths) are computed exactly, with integer wraparound.
/// </summary>
internal static class MatrixUnitArithmetic
{
    /// <summary>The (lhs term, rhs term) pairs of each precision, largest terms first.</summary>
    public static (int Lhs, int Rhs)[] Passes(Precision precision) => precision switch
    {
        Precision.Default => [(0, 0)],
        Precision.High => [(0, 0), (0, 1), (1, 0)],
        _ => [(0, 0), (0, 1), (1, 0), (0, 2), (1, 1), (2, 0)],
    };

    /// <summary>bf16 terms per operand for a precision.</summary>
    public static int Terms(Precision precision) => precision switch
    {
        Precision.Default => 1,
        Precision.High => 2,
        _ => 3,
    };

    /// <summary>fp32 accumulation of bf16 passes. a is [batch, m, k], b is [batch, k, n]; returns [batch, m, n].</summary>
    public static float[] MultiplyBf16Passes(float[] a, float[] b, int batch, int m, int k, int n, Precision precision)
    {
        var terms = Terms(precision);
        var aTerms = SplitAll(a, terms);
        var bTerms = SplitAll(b, terms);
        var c = new float[(long)batch * m * n];
        // Smallest contributions first, so they are not lost against the large ones.
        foreach (var (l, r) in Passes(precision).Reverse())
            AccumulateProduct(aTerms[l], bTerms[r], c, batch, m, k, n);
        return c;
    }

    private static float[][] SplitAll(float[] values, int terms)
    {
        var result = new float[terms][];
        for (var t = 0; t < terms; t++) result[t] = new float[values.Length];
        Span<float> parts = stackalloc float[terms];
        for (var i = 0; i < values.Length; i++)
        {
            BFloat16.Split(values[i], parts);
            for (var t = 0; t < terms; t++) result[t][i] = parts[t];
        }
        return result;
    }

    /// <summary>c += a x b in fp32, row by row (each product of bf16 values is exact in fp32).</summary>
    private static void AccumulateProduct(float[] a, float[] b, float[] c, int batch, int m, int k, int n)
    {
        var width = Vector<float>.Count;
        for (var bi = 0; bi < batch; bi++)
        {
            var aBase = (long)bi * m * k;
            var bBase = (long)bi * k * n;
            var cBase = (long)bi * m * n;
            for (var i = 0; i < m; i++)
            {
                var row = c.AsSpan((int)(cBase + (long)i * n), n);
                for (var p = 0; p < k; p++)
                {
                    var x = a[aBase + (long)i * k + p];
                    var bRow = b.AsSpan((int)(bBase + (long)p * n), n);
                    var xs = new Vector<float>(x);
                    var j = 0;
                    for (; j <= n - width; j += width)
                        (new Vector<float>(row[j..]) + xs * new Vector<float>(bRow[j..])).CopyTo(row[j..]);
                    for (; j < n; j++) row[j] += x * bRow[j];
                }
            }
        }
    }

    /// <summary>Exact double products, summed in double.</summary>
    public static double[] MultiplyDouble(double[] a, double[] b, int batch, int m, int k, int n)
    {
        var c = new double[(long)batch * m * n];
        for (var bi = 0; bi < batch; bi++)
            for (var i = 0; i < m; i++)
                for (var p = 0; p < k; p++)
                {
                    var x = a[((long)bi * m + i) * k + p];
                    var bRow = ((long)bi * k + p) * n;
                    var cRow = ((long)bi * m + i) * n;
                    for (var j = 0; j < n; j++) c[cRow + j] += x * b[bRow + j];
                }
        return c;
    }

    /// <summary>Integer products with two's-complement wraparound (normalised by the caller).</summary>
    public static long[] MultiplyInteger(long[] a, long[] b, int batch, int m, int k, int n)
    {
        var c = new long[(long)batch * m * n];
        unchecked
        {
            for (var bi = 0; bi < batch; bi++)
                for (var i = 0; i < m; i++)
                    for (var p = 0; p < k; p++)
                    {
                        var x = a[((long)bi * m + i) * k + p];
                        var bRow = ((long)bi * k + p) * n;
                        var cRow = ((long)bi * m + i) * n;
                        for (var j = 0; j < n; j++) c[cRow + j] += x * b[bRow + j];
                    }
        }
        return c;
    }

    /// <summary>Whether operands of these dtypes go through the MXU's bf16 passes (else exact arithmetic).</summary>
    public static bool UsesBf16Passes(DType lhs, DType rhs, DType accumulator) =>
        accumulator.IsFloat() && accumulator != DType.Float64 && lhs != DType.Float64 && rhs != DType.Float64;
}
