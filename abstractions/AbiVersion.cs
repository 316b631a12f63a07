namespace JaxNet.Abstractions;

/// <summary>
/// The backend ABI's version. A plugin records the version it was compiled against (the constants are baked
/// into its <see cref="BackendPluginAttribute"/> at compile time). The host accepts the same major version
/// with a minor version at most its own; additions are minor bumps, breaking changes major ones.
/// </summary>
public readonly record struct AbiVersion(int Major, int Minor) : IComparable<AbiVersion>
{
    public const int CurrentMajor = 1;
    public const int CurrentMinor = 4;

    /// <summary>The version of the abstractions assembly that is loaded (the host's).</summary>
    public static AbiVersion Current => new(CurrentMajor, CurrentMinor);

    /// <summary>Null when a host of version <paramref name="host"/> can load a plugin of this version, else why not.</summary>
    public string? IncompatibilityWith(AbiVersion host)
    {
        if (Major != host.Major)
            return $"plugin ABI {this} has another major version than the host's ABI {host}";
        if (Minor > host.Minor)
            return $"plugin ABI {this} is newer than the host's ABI {host}";
        return null;
    }

    public int CompareTo(AbiVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public override string ToString() => $"{Major}.{Minor}";
}
