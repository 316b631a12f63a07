using System.Globalization;

namespace JaxNet.Fuzz.Running;

/// <summary>One element a backend got wrong.</summary>
public sealed record Mismatch(int Output, int Index, int[] Point, Scalar Got, Scalar Expected, double Bound)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"output {Output} [{string.Join(",", Point)}]: got {ComplexElement.Format(Got)}, expected {ComplexElement.Format(Expected)}{(Bound > 0 ? $" ± {Bound:G3}" : "")}");
}

/// <summary>
/// Compares a backend's outputs with the interpreter's: integers and Bool exactly, floats within each element's
/// bound, NaN only where NaN is expected and infinities exactly (each part of a complex element so); elements whose
/// bound is unknown are skipped, and the sign of zero is not compared.
/// </summary>
public static class OutputComparer
{
    public static bool Matches(Scalar got, Scalar expected, double bound)
    {
        if (double.IsPositiveInfinity(bound)) return true;
        if (expected.DType.IsComplex())
            return Matches(got.Float, expected.Float, bound) && Matches(ComplexElement.Imaginary(got), ComplexElement.Imaginary(expected), bound);
        if (!expected.DType.IsFloat()) return got.Bits == expected.Bits;
        return Matches(got.Float, expected.Float, bound);
    }

    private static bool Matches(double g, double e, double bound)
    {
        if (double.IsNaN(e) || double.IsNaN(g)) return double.IsNaN(e) && double.IsNaN(g);
        if (double.IsInfinity(e) || double.IsInfinity(g)) return g == e;
        return Math.Abs(g - e) <= bound;
    }

    /// <summary>Every mismatching element of every output (at most <paramref name="limit"/> per output), and how
    /// many elements were compared.</summary>
    public static (List<Mismatch> Mismatches, long Compared) Compare(IReadOnlyList<RefArray> expected, IReadOnlyList<Scalar[]> got, int limit = 8)
    {
        var mismatches = new List<Mismatch>();
        long compared = 0;
        for (var o = 0; o < expected.Count; o++)
        {
            var e = expected[o];
            var found = 0;
            for (var i = 0; i < e.Size; i++)
            {
                if (e.IsUnknown(i)) continue;
                compared++;
                if (Matches(got[o][i], e.Values[i], e.Error[i]) || found++ >= limit) continue;
                var point = new int[e.Shape.Length];
                Layout.Unravel(i, e.Shape, point);
                mismatches.Add(new Mismatch(o, i, point, got[o][i], e.Values[i], e.Error[i]));
            }
        }
        return (mismatches, compared);
    }
}
