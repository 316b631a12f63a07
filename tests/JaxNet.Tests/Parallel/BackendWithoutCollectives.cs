using JaxNet.Abstractions;
using JaxNet.Tests.Runtime;

namespace JaxNet.Tests.Parallel;

/// <summary>Another backend with its collectives hidden: everything else is forwarded unchanged.</summary>
internal sealed class BackendWithoutCollectives(IBackend inner) : ForwardingBackend(inner)
{
    public override string Description { get; } = inner.Description + ", collectives hidden";

    public override BackendCapabilities Capabilities { get; } = inner.Capabilities with { Collectives = new HashSet<CollectiveKind>() };

    public override ICollectives? Collectives => null;
}
