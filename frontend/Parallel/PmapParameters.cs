namespace JaxNet.Parallel;

/// <summary>Which arguments of an xla_pmap equation are mapped (along axis 0), as a parameter with value equality.</summary>
public sealed class MappedArguments(bool[] flags) : IEquatable<MappedArguments>
{
    public bool[] Flags { get; } = flags;

    public bool Equals(MappedArguments? other) => other is not null && Flags.SequenceEqual(other.Flags);

    public override bool Equals(object? obj) => obj is MappedArguments o && Equals(o);

    public override int GetHashCode() => Flags.Aggregate(Flags.Length, (h, f) => HashCode.Combine(h, f));

    public override string ToString() => "(" + string.Join(", ", Flags.Select(f => f ? "0" : "None")) + ")";
}

/// <summary>The devices of this process that an xla_pmap equation runs on, one member each, as a parameter.</summary>
public sealed class DeviceGroup(IReadOnlyList<Device> devices) : IEquatable<DeviceGroup>
{
    public IReadOnlyList<Device> Devices { get; } = devices;

    public bool Equals(DeviceGroup? other) => other is not null && Devices.SequenceEqual(other.Devices);

    public override bool Equals(object? obj) => obj is DeviceGroup o && Equals(o);

    public override int GetHashCode() => Devices.Aggregate(Devices.Count, (h, d) => HashCode.Combine(h, d));

    public override string ToString() => "(" + string.Join(", ", Devices) + ")";
}
