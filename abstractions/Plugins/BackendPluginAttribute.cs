namespace JaxNet.Abstractions;

/// <summary>
/// Marks an assembly as a JaxNet backend plugin and names its entry type, which implements
/// <see cref="IBackendPlugin"/> and has a public parameterless constructor.
/// </summary>
/// <remarks>
/// The ABI version parameters default to the constants of the abstractions assembly the plugin is compiled
/// against; C# bakes default argument values into the caller, so a plugin keeps the version it was built with
/// even when a newer host loads it. The host reads this attribute before it runs any plugin code.
/// </remarks>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class BackendPluginAttribute(
    string platform,
    Type entryType,
    int abiMajor = AbiVersion.CurrentMajor,
    int abiMinor = AbiVersion.CurrentMinor) : Attribute
{
    /// <summary>The platform name users select it by (JAXNET_PLATFORMS), e.g. "cpu" or "vulkan".</summary>
    public string Platform { get; } = platform;

    public Type EntryType { get; } = entryType;

    public AbiVersion AbiVersion { get; } = new(abiMajor, abiMinor);
}
