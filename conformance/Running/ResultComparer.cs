using System.Text;
using JaxNet.Conformance.Cases;

namespace JaxNet.Conformance.Running;

/// <summary>Compares a backend's outputs with the expected ones: floats within a tolerance, everything else exactly.</summary>
public static class ResultComparer
{
    /// <summary>How many mismatching elements a failure message lists.</summary>
    public const int MismatchesShown = 5;

    /// <summary>Null when every output matches, else a message with the first mismatches.</summary>
    public static string? Compare(IReadOnlyList<HostTensor> expected, IReadOnlyList<HostTensor> got, Tolerance tolerance,
        IReadOnlyList<string>? names = null)
    {
        var message = new StringBuilder();
        for (var r = 0; r < expected.Count; r++)
        {
            var name = names?[r] ?? $"result {r}";
            var e = expected[r];
            var g = got[r];
            if (g.Data.Length != e.Data.Length)
            {
                message.Append($"{name}: {g.Data.Length} bytes, expected {e.Data.Length}; ");
                continue;
            }
            var mismatches = 0;
            var first = new StringBuilder();
            for (long i = 0; i < e.ElementCount; i++)
            {
                var want = e[i];
                var have = g[i];
                var ok = e.DType.IsFloat() ? tolerance.Accepts(have.Float, want.Float) : have.Bits == want.Bits;
                if (ok) continue;
                if (mismatches < MismatchesShown)
                    first.Append($" [{Index(i, e.Shape)}] got {have} expected {want};");
                mismatches++;
            }
            if (mismatches > 0)
                message.Append($"{name} ({e.Spec}): {mismatches} of {e.ElementCount} elements differ (tolerance {tolerance}):{first} ");
        }
        return message.Length == 0 ? null : message.ToString().TrimEnd();
    }

    private static string Index(long linear, int[] shape)
    {
        if (shape.Length <= 1) return linear.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var point = new long[shape.Length];
        Reference.Shapes.Unravel(linear, shape, point);
        return string.Join(",", point);
    }
}
