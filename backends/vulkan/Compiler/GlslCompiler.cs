using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace JaxNet.Backends.Vulkan.Compiler;

/// <summary>
/// GLSL 450 compute shaders to SPIR-V through the <c>glslc</c> executable (shaderc; Debian package glslc).
/// Results are cached in memory and on disk under <see cref="CacheDirectory"/>, keyed by the SHA-256 of the
/// GLSL text and the compiler flags, so a shader is compiled once per machine.
/// </summary>
internal sealed class GlslCompiler(string glslcPath, string cacheDirectory)
{
    private const string Flags = "--target-env=vulkan1.2 -fshader-stage=compute -O";

    private readonly ConcurrentDictionary<string, byte[]> memory = new();

    public string CacheDirectory { get; } = cacheDirectory;

    public string GlslcPath { get; } = glslcPath;

    /// <summary>Compilations that ran glslc (not served by a cache), for tests and diagnostics.</summary>
    public int GlslcRuns => glslcRuns;

    private int glslcRuns;

    /// <summary>The cache key of a shader: hex SHA-256 of the flags and the source.</summary>
    public static string KeyOf(string glsl) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Flags + "\n" + glsl)));

    /// <summary>SPIR-V for the shader; throws <see cref="ShaderCompilationException"/> with glslc's message.</summary>
    public byte[] Compile(string glsl, string key) => memory.GetOrAdd(key, k => LoadOrCompile(glsl, k));

    private byte[] LoadOrCompile(string glsl, string key)
    {
        var cached = Path.Combine(CacheDirectory, key + ".spv");
        try
        {
            if (File.Exists(cached)) return File.ReadAllBytes(cached);
        }
        catch (IOException) { /* unreadable cache entry: compile again */ }

        Directory.CreateDirectory(CacheDirectory);
        var unique = $"{key}.{Environment.ProcessId}.{Guid.NewGuid():N}";
        var source = Path.Combine(CacheDirectory, unique + ".comp");
        var output = Path.Combine(CacheDirectory, unique + ".spv.tmp");
        File.WriteAllText(source, glsl);
        try
        {
            var start = new ProcessStartInfo(GlslcPath)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var flag in Flags.Split(' ')) start.ArgumentList.Add(flag);
            start.ArgumentList.Add("-o");
            start.ArgumentList.Add(output);
            start.ArgumentList.Add(source);
            using var process = Process.Start(start) ?? throw new ShaderCompilationException("could not start glslc", glsl);
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Interlocked.Increment(ref glslcRuns);
            if (process.ExitCode != 0)
                throw new ShaderCompilationException($"glslc failed ({process.ExitCode}): {stderr.Result}{stdout}", glsl);
            var spirv = File.ReadAllBytes(output);
            // Publish atomically: a concurrent reader sees the whole file or none.
            File.Move(output, cached, overwrite: true);
            return spirv;
        }
        finally
        {
            TryDelete(source);
            TryDelete(output);
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>The full path of an executable found on PATH, or null.</summary>
    public static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>The default cache folder: ~/.cache/jaxnet/vulkan (XDG_CACHE_HOME respected).</summary>
    public static string DefaultCacheDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = string.IsNullOrEmpty(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
            : xdg;
        return Path.Combine(root, "jaxnet", "vulkan");
    }
}

/// <summary>glslc rejected a generated shader; <see cref="Glsl"/> is the GLSL, for the report.</summary>
internal sealed class ShaderCompilationException(string message, string source) : Exception(message)
{
    public string Glsl { get; } = source;
}
