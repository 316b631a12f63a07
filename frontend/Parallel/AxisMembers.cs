using JaxNet.Distributed;

namespace JaxNet.Parallel;

/// <summary>
/// The members of a pmapped axis that this process runs: <see cref="Devices"/>[d] holds member <see cref="First"/> + d
/// of the axis's <see cref="Size"/>. In a distributed run every process holds as many members, in rank order, and
/// the others are reached through <see cref="Group"/>.
/// </summary>
internal sealed record AxisMembers(IReadOnlyList<Device> Devices, int First, int Size, IProcessGroup? Group)
{
    /// <summary>An axis whose members are all on this process's <paramref name="devices"/>.</summary>
    public static AxisMembers Local(IReadOnlyList<Device> devices) => new(devices, 0, devices.Count, null);

    public int Count => Devices.Count;

    public bool SpansProcesses => Group is not null && Size > Devices.Count;

    /// <summary>The process that holds member <paramref name="member"/>.</summary>
    public int ProcessOf(int member) => member / Devices.Count;

    /// <summary>Whether member <paramref name="member"/> (an index along the whole axis) is one of this process's.</summary>
    public bool IsLocal(int member) => member >= First && member < First + Count;
}
