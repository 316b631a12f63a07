namespace JaxNet.Testing;

/// <summary>
/// Thrown by a test that finds at run time that it cannot run here (no device, a capability the backend lacks).
/// In a <see cref="SkippableFactAttribute"/> or <see cref="SkippableTheoryAttribute"/> test it is reported as
/// skipped with <see cref="Exception.Message"/> as the reason; xunit 2 has no run-time skip of its own.
/// </summary>
public sealed class SkipException(string reason) : Exception(reason);

/// <summary>Run-time skips: <c>Skip.If(noDevice, "no Vulkan driver")</c>.</summary>
public static class Skip
{
    public static void If(bool condition, string reason)
    {
        if (condition) throw new SkipException(reason);
    }

    public static void IfNotNull(string? reason)
    {
        if (reason is not null) throw new SkipException(reason);
    }
}
