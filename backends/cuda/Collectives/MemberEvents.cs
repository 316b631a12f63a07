using JaxNet.Abstractions;

namespace JaxNet.Backends.Cuda.Collectives;

/// <summary>Completion of a collective issued on several members' streams: complete when every member's is.</summary>
internal sealed class MemberEvents(DeviceEvent[] events) : DeviceEvent
{
    public override bool IsCompleted => events.All(e => e.IsCompleted);

    public override void Wait()
    {
        foreach (var e in events) e.Wait();
    }
}
