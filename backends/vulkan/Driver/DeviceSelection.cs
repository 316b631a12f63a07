namespace JaxNet.Backends.Vulkan.Driver;

/// <summary>
/// Orders the usable physical devices (discrete GPU, integrated GPU, virtual, other, CPU implementations such as
/// lavapipe; ties keep enumeration order) and applies the "device" setting: an index into that order, or a
/// case-insensitive substring of the device name. Without the setting every usable device is exposed.
/// </summary>
internal static class DeviceSelection
{
    public static IReadOnlyList<PhysicalDeviceInfo> Select(IReadOnlyList<PhysicalDeviceInfo> all, string? setting,
        Action<string> log)
    {
        var usable = new List<PhysicalDeviceInfo>();
        foreach (var d in all)
        {
            if (d.Unusable is { } why) log($"vulkan: skipping '{d.Name}': {why}");
            else usable.Add(d);
        }
        var ordered = usable.Select((d, i) => (d, i)).OrderBy(p => p.d.Rank).ThenBy(p => p.i).Select(p => p.d).ToList();
        if (string.IsNullOrWhiteSpace(setting)) return ordered;
        if (int.TryParse(setting, out var index))
        {
            return index >= 0 && index < ordered.Count
                ? [ordered[index]]
                : throw new JaxNet.Abstractions.BackendUnavailableException(
                    $"setting device={setting}: only {ordered.Count} usable Vulkan device(s): {Names(ordered)}");
        }
        var matching = ordered.Where(d => d.Name.Contains(setting, StringComparison.OrdinalIgnoreCase)).ToList();
        return matching.Count > 0
            ? matching
            : throw new JaxNet.Abstractions.BackendUnavailableException(
                $"setting device='{setting}' matches no Vulkan device: {Names(ordered)}");
    }

    private static string Names(IEnumerable<PhysicalDeviceInfo> devices) =>
        string.Join(", ", devices.Select((d, i) => $"{i}: {d.Name}"));
}
