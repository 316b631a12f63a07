using System.Diagnostics;
using JaxNet.Backends.Cuda.Driver;

namespace JaxNet.Backends.Cuda.Tests;

/// <summary>
/// The sm_90 machine code (SASS) ptxas makes of a kernel's PTX, listed by nvdisasm: what a GPU would run, read
/// without one (both tools come from scripts/setup.sh). One instruction per line, its address and encoding dropped.
/// </summary>
internal static class SassOf
{
    public static bool Available => Ptxas.Find(null) is not null && Ptxas.OnPath("nvdisasm") is not null;

    public static string[] Ptx(string ptx)
    {
        var cubin = Path.Combine(Path.GetTempPath(), $"jaxnet-sass-{Guid.NewGuid():N}.cubin");
        try
        {
            Ptxas.Find(null)!.Assemble(ptx, cubin);
            var info = new ProcessStartInfo(Ptxas.OnPath("nvdisasm")!) { RedirectStandardOutput = true, UseShellExecute = false };
            info.ArgumentList.Add(cubin);
            using var process = Process.Start(info)!;
            var listing = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            return listing.Split('\n').Select(line => line.Trim()).Where(line => line.StartsWith("/*", StringComparison.Ordinal))
                .Select(line => line[(line.IndexOf("*/", StringComparison.Ordinal) + 2)..].Trim()).ToArray();
        }
        finally
        {
            File.Delete(cubin);
        }
    }
}

/// <summary>A fact that needs ptxas and nvdisasm on PATH; skipped, saying so, where they are missing.</summary>
public sealed class SassFactAttribute : FactAttribute
{
    public SassFactAttribute()
    {
        if (!SassOf.Available) Skip = $"no ptxas and nvdisasm on PATH ({PtxasFactAttribute.Source})";
    }
}
