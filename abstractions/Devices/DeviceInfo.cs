namespace JaxNet.Abstractions;

/// <summary>One device of a backend. <see cref="Id"/> is its ordinal within the backend, 0..n-1.</summary>
public sealed record DeviceInfo(
    int Id,
    string Kind,
    long MemoryBytes,
    IReadOnlyDictionary<string, string> Attributes)
{
    public override string ToString() => $"{Kind}:{Id}";
}
