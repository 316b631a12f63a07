using System.Diagnostics;

namespace JaxNet.Core;

/// <summary>
/// Where in the user's code an operation was requested, for error messages. Jnp entry points pass the caller
/// attributes; deeper layers fall back to the first stack frame outside JaxNet.
/// </summary>
public readonly record struct CallSite(string? Member, string? File, int Line)
{
    public static CallSite None => default;

    public bool IsKnown => File is not null || Member is not null;

    /// <summary>The first frame of the stack that is not in the JaxNet assembly (slow: errors only).</summary>
    public static CallSite FromStack()
    {
        var own = typeof(CallSite).Assembly;
        foreach (var frame in new StackTrace(1, true).GetFrames())
        {
            var method = frame.GetMethod();
            if (method?.DeclaringType?.Assembly is { } asm && asm != own && !asm.FullName!.StartsWith("System", StringComparison.Ordinal))
                return new CallSite(method.DeclaringType.Name + "." + method.Name, frame.GetFileName(), frame.GetFileLineNumber());
        }
        return None;
    }

    public override string ToString() =>
        !IsKnown ? "" : $" (called from {Member}{(File is null ? "" : $" at {Path.GetFileName(File)}:{Line}")})";
}
