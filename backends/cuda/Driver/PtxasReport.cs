using System.Globalization;
using System.Text.RegularExpressions;

namespace JaxNet.Backends.Cuda.Driver;

/// <summary>
/// What ptxas -v says of a kernel: its registers per thread (which bound how many threads a multiprocessor
/// holds), its stack frame (per-thread local memory: arrays indexed at run time, structs whose address is taken)
/// and the spills among it, and its static shared memory.
/// </summary>
internal sealed partial record PtxasReport(int Registers, int StackBytes, int SpillStoreBytes, int SpillLoadBytes, int SharedBytes)
{
    /// <summary>Reads ptxas -v output. A PTX file may hold called functions besides the entry: the largest frame
    /// and spills of any of them are reported, since the entry's thread pays for each one it calls.</summary>
    public static PtxasReport Parse(string output)
    {
        int Max(Regex pattern, int group = 1) =>
            pattern.Matches(output).Select(m => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
        if (!Used().IsMatch(output)) throw new FormatException($"ptxas -v gave no register count: {output.Trim()}");
        return new PtxasReport(Max(Used()), Max(Frame(), 1), Max(Frame(), 2), Max(Frame(), 3), Max(Shared()));
    }

    public override string ToString() =>
        $"{Registers} registers, {StackBytes} B stack, {SpillStoreBytes} B spill stores, {SpillLoadBytes} B spill loads, {SharedBytes} B shared";

    [GeneratedRegex(@"Used (\d+) registers")]
    private static partial Regex Used();

    [GeneratedRegex(@"(\d+) bytes stack frame, (\d+) bytes spill stores, (\d+) bytes spill loads")]
    private static partial Regex Frame();

    [GeneratedRegex(@"(\d+) bytes smem")]
    private static partial Regex Shared();
}
