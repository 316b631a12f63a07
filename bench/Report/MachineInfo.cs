using System.Runtime.InteropServices;

namespace JaxNet.Bench.Report;

/// <summary>What the figures were measured on, and how busy the machine was (shared machines are noisy).</summary>
internal sealed record MachineInfo(string Date, string Cpu, int LogicalCores, string Os, string DotNet, string? LoadBefore)
{
    public string? LoadAfter { get; set; }

    public static MachineInfo Capture() => new(
        DateTimeOffset.Now.ToString("yyyy-MM-dd HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture),
        CpuModel(), Environment.ProcessorCount, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription,
        LoadAverage());

    /// <summary>The 1-, 5- and 15-minute load averages from /proc/loadavg, or null off Linux.</summary>
    public static string? LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}
