using System.Text;
using JaxNet.Conformance.Cases;
using JaxNet.Conformance.Numerics;

namespace JaxNet.Conformance.Running;

/// <summary>
/// Compares a backend's outputs with the expected ones: floats within a tolerance, everything else exactly. With
/// the outputs of the flush-to-zero model (<see cref="SubnormalMode.FlushFloat32"/>) an element also passes when it
/// matches that model's value, a float32/bfloat16 subnormal there accepting zero of its sign as well.
/// </summary>
public static class ResultComparer
{
    /// <summary>How many mismatching elements a failure message lists.</summary>
    public const int MismatchesShown = 5;

    /// <summary>Null when every output matches, else a message with the first mismatches.</summary>
    /// <param name="flushed">The expected outputs under the flush-to-zero model, or null (IEEE only).</param>
    public static string? Compare(IReadOnlyList<HostTensor> expected, IReadOnlyList<HostTensor> got, Tolerance tolerance,
        IReadOnlyList<string>? names = null, IReadOnlyList<HostTensor>? flushed = null)
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
                if (Matches(have, want, tolerance)) continue;
                var model = flushed?[r][i];
                if (model is { } m && (Matches(have, m, tolerance) || FlushedMatches(have, m))) continue;
                if (mismatches < MismatchesShown)
                {
                    var alternative = model is { } f && f.Bits != want.Bits ? $" (flushing subnormals: {f})" : "";
                    first.Append($" [{Index(i, e.Shape)}] got {have} expected {want}{alternative};");
                }
                mismatches++;
            }
            if (mismatches > 0)
                message.Append($"{name} ({e.Spec}): {mismatches} of {e.ElementCount} elements differ (tolerance {tolerance}):{first} ");
        }
        return message.Length == 0 ? null : message.ToString().TrimEnd();
    }

    private static bool Matches(Scalar have, Scalar want, Tolerance tolerance) =>
        want.DType.IsFloat() ? tolerance.Accepts(have.Float, want.Float) : have.Bits == want.Bits;

    /// <summary>A subnormal result that the device flushed: zero with the subnormal's sign.</summary>
    private static bool FlushedMatches(Scalar have, Scalar want) =>
        Subnormals.IsFlushable(want) && have.Float == 0 && double.IsNegative(have.Float) == double.IsNegative(want.Float);

    private static string Index(long linear, int[] shape)
    {
        if (shape.Length <= 1) return linear.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var point = new long[shape.Length];
        Reference.Shapes.Unravel(linear, shape, point);
        return string.Join(",", point);
    }
}
