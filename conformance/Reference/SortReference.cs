using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Numerics;

namespace JaxNet.Conformance.Reference;

/// <summary>
/// Sorts every line along the dimension with a stable sort by the keys in total order (-inf &lt; ... &lt; -0.0 &lt;
/// +0.0 &lt; ... &lt; +inf &lt; NaN); descending reverses the order of keys but keeps equal keys in input order.
/// </summary>
internal static class SortReference
{
    public static void Run(SortKernel k, ReferenceMemory memory)
    {
        var shape = k.Operands[0].Shape;
        var length = shape.Length == 0 ? 1 : shape[k.Dimension];
        var lineShape = shape.Select((s, a) => a == k.Dimension ? 1 : s).ToArray();
        var point = new long[shape.Length];
        foreach (var line in Shapes.Points(lineShape))
        {
            line.CopyTo(point, 0);
            var positions = new long[length];
            for (var i = 0; i < length; i++)
            {
                if (shape.Length > 0) point[k.Dimension] = i;
                positions[i] = Shapes.Ravel(point, shape);
            }
            var keys = positions.Select(p => k.Operands.Take(k.NumKeys).Select(o => memory.Read(o, p)).ToArray()).ToArray();
            var comparer = Comparer<int>.Create((x, y) => CompareKeys(keys[x], keys[y]));
            var order = Enumerable.Range(0, length);
            var sorted = (k.Descending ? order.OrderByDescending(i => i, comparer) : order.OrderBy(i => i, comparer)).ToArray();
            for (var o = 0; o < k.Operands.Count; o++)
            {
                var operand = k.Operands[o];
                var values = positions.Select(p => memory.Read(operand, p)).ToArray();
                for (var i = 0; i < length; i++) memory.Write(k.Outputs[o], operand.DType, positions[i], values[sorted[i]]);
            }
        }
    }

    private static int CompareKeys(Scalar[] a, Scalar[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            var c = TotalOrder.Compare(a[i], b[i]);
            if (c != 0) return c;
        }
        return 0;
    }
}

/// <summary>The total order of sort keys: floats by value with -0.0 &lt; +0.0 and every NaN last; integers by value.</summary>
public static class TotalOrder
{
    public static int Compare(Scalar a, Scalar b)
    {
        if (!a.DType.IsFloat()) return Integers.Compare(a.Bits, b.Bits, a.DType);
        if (a.IsNaN || b.IsNaN) return a.IsNaN.CompareTo(b.IsNaN);
        if (a.Float != b.Float) return a.Float.CompareTo(b.Float);
        return double.IsNegative(b.Float).CompareTo(double.IsNegative(a.Float));
    }
}
