namespace JaxNet.Bench.Limits;

/// <summary>
/// The machine's own limits, measured by the C programs in bench/roofline on <see cref="Threads"/> threads:
/// the fp32 FMA peak (GFLOP/s), the STREAM triad bandwidth (GB/s, STREAM's byte count) and the time of a
/// one-pass C <c>sum(x + y*z)</c> over 10M floats (ms). A figure is null when its program could not run;
/// <see cref="Errors"/> says why.
/// </summary>
internal sealed record RooflineFigures(double? FmaPeakGflops, double? TriadGBs, double? FusedSumMs, int Threads,
    string? Compiler, IReadOnlyList<string> Errors)
{
    public static RooflineFigures Skipped(string why) => new(null, null, null, 0, null, [why]);
}
