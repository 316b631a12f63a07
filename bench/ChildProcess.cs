using System.Diagnostics;

namespace JaxNet.Bench;

/// <summary>Runs a program to completion and captures its output (for the compiler, the C programs and peers.py).</summary>
internal static class ChildProcess
{
    /// <summary>The result of a run; <see cref="Error"/> is set when it could not start, timed out or failed.</summary>
    public sealed record Result(int ExitCode, string Stdout, string Stderr, string? Error);

    /// <summary>
    /// Runs <paramref name="program"/>. <paramref name="environment"/> edits the child's environment only: a null
    /// value removes the variable. <paramref name="echoStderr"/> forwards the child's stderr lines as they come
    /// (peers.py reports progress there).
    /// </summary>
    public static Result Run(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment,
        TimeSpan timeout, bool echoStderr = false)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) info.Environment.Remove(name);
            else info.Environment[name] = value;
        }
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("no process");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new Result(-1, "", "", $"cannot start {program}: {e.Message}");
        }
        using (process)
        {
            var stderr = new System.Text.StringBuilder();
            process.ErrorDataReceived += (_, line) =>
            {
                if (line.Data is null) return;
                lock (stderr) stderr.AppendLine(line.Data);
                if (echoStderr) Console.Error.WriteLine("  " + line.Data);
            };
            process.BeginErrorReadLine();
            var stdout = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return new Result(-1, "", stderr.ToString(), $"{Path.GetFileName(program)} ran past {timeout.TotalSeconds:F0} s");
            }
            process.WaitForExit();
            var output = stdout.GetAwaiter().GetResult();
            string errors;
            lock (stderr) errors = stderr.ToString();
            var error = process.ExitCode == 0 ? null : $"{Path.GetFileName(program)} exited with {process.ExitCode}: {LastLine(errors)}";
            return new Result(process.ExitCode, output, errors, error);
        }
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
}
