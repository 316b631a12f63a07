using System.Runtime.CompilerServices;
using JaxNet.Abstractions;

namespace JaxNet.Runtime;

/// <summary>
/// Room for the few buffers of a small launch on the stack, so that an eager op does not allocate arrays for its
/// parameter and result lists; larger launches use a heap array.
/// </summary>
[InlineArray(Capacity)]
internal struct SmallBufferArray
{
    public const int Capacity = 4;

    private DeviceBuffer element;
}
