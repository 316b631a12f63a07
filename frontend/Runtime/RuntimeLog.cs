namespace JaxNet.Runtime;

public enum LogLevel
{
    Error,
    Warning,
    Info,
    Debug,
}

/// <summary>
/// JaxNet's log: lines to standard error at or above the configured level (<c>JAXNET_LOG</c>), and the last lines
/// kept in memory so tools and tests can show them.
/// </summary>
public static class RuntimeLog
{
    private static readonly Lock Gate = new();
    private static readonly Queue<string> Recent = new();

    public static LogLevel Level { get; set; } = LogLevel.Warning;

    /// <summary>Where lines go; standard error by default.</summary>
    public static TextWriter Output { get; set; } = Console.Error;

    public static void Write(LogLevel level, string message)
    {
        var line = $"jaxnet {level.ToString().ToLowerInvariant()}: {message}";
        lock (Gate)
        {
            Recent.Enqueue(line);
            while (Recent.Count > 200) Recent.Dequeue();
            if (level <= Level) Output.WriteLine(line);
        }
    }

    public static void Warning(string message) => Write(LogLevel.Warning, message);

    public static void Info(string message) => Write(LogLevel.Info, message);

    public static void Debug(string message) => Write(LogLevel.Debug, message);

    /// <summary>The last lines written, at any level.</summary>
    public static IReadOnlyList<string> RecentLines()
    {
        lock (Gate) return Recent.ToArray();
    }
}
