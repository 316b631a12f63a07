namespace JaxNet.Conformance.Running;

public enum CaseOutcome
{
    Passed,
    Failed,
    Skipped,
}

/// <summary>
/// The outcome of one case on one backend. <see cref="Message"/> names the first mismatches (index, got,
/// expected) for a failure, the reason for a skip, and is empty for a pass.
/// </summary>
public sealed record CaseResult(string CaseId, string Family, string DType, CaseOutcome Outcome, string Message, double Milliseconds)
{
    public bool Passed => Outcome == CaseOutcome.Passed;

    public override string ToString() => $"{Outcome.ToString().ToUpperInvariant()} {CaseId}" + (Message.Length == 0 ? "" : ": " + Message);
}
