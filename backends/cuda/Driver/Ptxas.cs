using System.Diagnostics;
using System.Text.RegularExpressions;

namespace JaxNet.Backends.Cuda.Driver;

/// <summary>
/// NVIDIA's PTX assembler, where the machine has one (<c>scripts/setup.sh</c> installs Debian's, from CUDA 11.8):
/// the PTX check of emulated devices runs it on every kernel's PTX, for the architecture of the GPU the backend
/// was run on (sm_90), so that a kernel the driver's JIT would refuse fails without a GPU, and the registers and
/// local memory each kernel needs can be read. ILGPU writes the PTX ISA version of the instruction set it was
/// given; an older ptxas refuses a newer version number even where no newer instruction is used, so the header is
/// lowered to the version ptxas names in that refusal. A kernel that does use a newer instruction is still refused.
/// </summary>
internal sealed partial class Ptxas(string path)
{
    public const string Architecture = "sm_90";

    // The version this ptxas reads, once a refusal has named it (then every kernel is lowered at once).
    private string? supportedVersion;

    public string Path { get; } = path;

    /// <summary>
    /// The ptxas named by <paramref name="setting"/> (the <c>ptxas</c> setting): a path; "0" for none; unset for
    /// <c>ptxas</c> on PATH, or none when there is none. A path that does not run is an error, not a silent skip.
    /// </summary>
    public static Ptxas? Find(string? setting)
    {
        if (setting is "0" or "false" or "no") return null;
        if (setting is { Length: > 0 })
        {
            if (!File.Exists(setting)) throw new FileNotFoundException($"setting 'ptxas' names '{setting}', which does not exist");
            return new Ptxas(setting);
        }
        return OnPath("ptxas") is { } onPath ? new Ptxas(onPath) : null;
    }

    /// <summary>The first <paramref name="tool"/> in a folder of PATH, or null.</summary>
    public static string? OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator)
            .Where(folder => folder.Length > 0)
            .Select(folder => System.IO.Path.Combine(folder, tool))
            .FirstOrDefault(File.Exists);

    /// <summary>
    /// Assembles <paramref name="ptx"/> for <see cref="Architecture"/> (into <paramref name="cubin"/> when given)
    /// and returns what ptxas reports of its entry. Throws <see cref="NotSupportedException"/> with ptxas's errors
    /// when it refuses the PTX.
    /// </summary>
    public PtxasReport Assemble(string ptx, string cubin = "/dev/null")
    {
        var (exitCode, output, ptxFile) = Run(Lowered(ptx), cubin);
        if (exitCode != 0 && CurrentVersion().Match(output) is { Success: true } refusal)
        {
            supportedVersion = refusal.Groups[1].Value;
            (exitCode, output, ptxFile) = Run(Lowered(ptx), cubin);
        }
        if (exitCode != 0)
        {
            var errors = output.Split('\n').Where(line => line.Contains("error", StringComparison.OrdinalIgnoreCase) || line.Contains("fatal"))
                .Take(3).Select(line => line.Replace(ptxFile, "kernel.ptx").Trim());
            throw new NotSupportedException($"ptxas ({Path}) refuses it for {Architecture}: {string.Join("; ", errors)}");
        }
        return PtxasReport.Parse(output);
    }

    private string Lowered(string ptx) =>
        supportedVersion is null ? ptx : VersionLine().Replace(ptx, $".version {supportedVersion}", 1);

    private (int ExitCode, string Output, string File) Run(string ptx, string cubin)
    {
        var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"jaxnet-ptxas-{Guid.NewGuid():N}.ptx");
        File.WriteAllText(file, ptx);
        try
        {
            var info = new ProcessStartInfo(Path)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { $"-arch={Architecture}", "-v", file, "-o", cubin }) info.ArgumentList.Add(argument);
            using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {Path}");
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout + stderr.GetAwaiter().GetResult(), file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [GeneratedRegex(@"current version is '(\d+\.\d+)'")]
    private static partial Regex CurrentVersion();

    [GeneratedRegex(@"^\.version \d+\.\d+", RegexOptions.Multiline)]
    private static partial Regex VersionLine();
}
