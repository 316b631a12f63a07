using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace JaxNet.Conformance.Running;

/// <summary>One row of the summary: the counts of a (family, dtype) pair.</summary>
public sealed record SummaryRow(string Family, string DType, int Passed, int Failed, int Skipped)
{
    public int Total => Passed + Failed + Skipped;
}

/// <summary>
/// The results of a run on one backend: every case, and pass/fail/skip counts per kernel kind (or "collective")
/// and dtype. Serialises to JSON for <c>jaxnet conformance --report FILE.json</c>.
/// </summary>
public sealed record ConformanceReport(
    string Platform,
    string Description,
    DateTimeOffset CreatedAt,
    IReadOnlyList<CaseResult> Results,
    IReadOnlyList<SummaryRow> Summary)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public int Passed => Results.Count(r => r.Outcome == CaseOutcome.Passed);

    public int Failed => Results.Count(r => r.Outcome == CaseOutcome.Failed);

    public int Skipped => Results.Count(r => r.Outcome == CaseOutcome.Skipped);

    public static ConformanceReport Create(string platform, string description, IReadOnlyList<CaseResult> results)
    {
        var summary = results
            .GroupBy(r => (r.Family, r.DType))
            .OrderBy(g => g.Key.Family, StringComparer.Ordinal).ThenBy(g => g.Key.DType, StringComparer.Ordinal)
            .Select(g => new SummaryRow(g.Key.Family, g.Key.DType,
                g.Count(r => r.Outcome == CaseOutcome.Passed), g.Count(r => r.Outcome == CaseOutcome.Failed),
                g.Count(r => r.Outcome == CaseOutcome.Skipped)))
            .ToArray();
        return new ConformanceReport(platform, description, DateTimeOffset.UtcNow, results, summary);
    }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static ConformanceReport FromJson(string json) =>
        JsonSerializer.Deserialize<ConformanceReport>(json, JsonOptions) ?? throw new JsonException("empty conformance report");

    /// <summary>The summary as a text table (family, dtype, passed, failed, skipped), then the failures' ids.</summary>
    public string RenderSummary(int failuresListed = 20)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"conformance on {Platform} ({Description})\n");
        text.Append(CultureInfo.InvariantCulture, $"{"family",-14} {"dtype",-6} {"passed",7} {"failed",7} {"skipped",8}\n");
        foreach (var row in Summary)
            text.Append(CultureInfo.InvariantCulture, $"{row.Family,-14} {row.DType,-6} {row.Passed,7} {row.Failed,7} {row.Skipped,8}\n");
        text.Append(CultureInfo.InvariantCulture, $"{"total",-14} {"",-6} {Passed,7} {Failed,7} {Skipped,8}\n");
        foreach (var failure in Results.Where(r => r.Outcome == CaseOutcome.Failed).Take(failuresListed))
            text.Append("FAILED ").Append(failure.CaseId).Append(": ").Append(failure.Message).Append('\n');
        if (Failed > failuresListed) text.Append(CultureInfo.InvariantCulture, $"... and {Failed - failuresListed} more failures\n");
        return text.ToString();
    }
}
