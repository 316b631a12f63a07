using System.Globalization;
using System.Text;
using JaxNet.Bench.Workloads;

namespace JaxNet.Bench.Report;

/// <summary>
/// The result as one Markdown table (readable on a terminal, pasted as is into docs/performance.md):
/// workload | unit | JaxNet | NumPy | PyTorch | limit | JaxNet/NumPy | JaxNet/PyTorch, from the best figures.
/// </summary>
internal static class TableWriter
{
    public const string NotAvailable = "n/a";

    public static string Write(IReadOnlyList<BenchRow> rows)
    {
        string[] header = ["workload", "unit", "JaxNet", "NumPy", "PyTorch", "limit", "JaxNet/NumPy", "JaxNet/PyTorch"];
        var cells = rows.Select(r => new[]
        {
            r.Workload.Title,
            r.Workload.Unit.Symbol(),
            Number(r.JaxNet.Measurement?.Best),
            Number(r.NumPy?.Best),
            Number(r.Torch?.Best),
            r.Limit is null ? "-" : Number(r.Limit.Value),
            Ratio(r.SpeedRatio(r.NumPy)),
            Ratio(r.SpeedRatio(r.Torch)),
        }).ToList();
        var widths = header.Select((h, c) => cells.Select(row => row[c].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        void Line(IReadOnlyList<string> values) =>
            text.Append("| ").AppendJoin(" | ", values.Select((v, c) => c == 0 ? v.PadRight(widths[c]) : v.PadLeft(widths[c]))).Append(" |\n");
        Line(header);
        text.Append('|').AppendJoin('|', widths.Select((w, c) => c == 0 ? new string('-', w + 2) : new string('-', w + 1) + ":")).Append("|\n");
        foreach (var row in cells) Line(row);
        return text.ToString();
    }

    /// <summary>About three significant digits, without exponent notation.</summary>
    public static string Number(double? value) => value switch
    {
        null => NotAvailable,
        >= 100 => value.Value.ToString("F0", CultureInfo.InvariantCulture),
        >= 10 => value.Value.ToString("F1", CultureInfo.InvariantCulture),
        >= 0.1 => value.Value.ToString("F2", CultureInfo.InvariantCulture),
        _ => value.Value.ToString("G3", CultureInfo.InvariantCulture),
    };

    private static string Ratio(double? ratio) => ratio is null ? NotAvailable : Number(ratio) + "x";
}
