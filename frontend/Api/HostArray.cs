using JaxNet.Core;
using JaxNet.Runtime;

namespace JaxNet;

/// <summary>
/// A copy of an array's values in host memory (what jax.device_get returns as a NumPy array): its shape, its dtype
/// and its bytes, row-major. It holds no device buffer, so it stays valid after the array it came from is disposed.
/// </summary>
public sealed class HostArray
{
    private readonly byte[] bytes;

    internal HostArray(ShapedArray aval, byte[] bytes)
    {
        Shape = aval.Shape;
        DType = aval.DType;
        this.bytes = bytes;
    }

    public IReadOnlyList<int> Shape { get; }

    public DType DType { get; }

    public long Size => Shapes.Size([.. Shape]);

    /// <summary>The values, flat and row-major, converted to T when T is not the array's own element type.</summary>
    public T[] ToArray<T>() where T : unmanaged => HostData.Decode<T>(bytes, DType, Size);

    /// <summary>The value of a one-element array.</summary>
    public T Item<T>() where T : unmanaged => Size == 1
        ? ToArray<T>()[0]
        : throw new InvalidOperationException($"Item requires an array of one element, got shape {Shapes.Format([.. Shape])}");

    public override string ToString() => $"HostArray({DType.ShortName()}{Shapes.Format([.. Shape])})";
}
