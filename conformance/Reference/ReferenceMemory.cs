using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Numerics;

namespace JaxNet.Conformance.Reference;

/// <summary>
/// The buffers of a module during a reference evaluation: plain byte arrays, typed by whoever reads them, and the
/// subnormal model the evaluation follows (scalar programs flush their float32 operands under FlushFloat32).
/// </summary>
internal sealed class ReferenceMemory(byte[][] buffers, SubnormalMode subnormals = SubnormalMode.Preserve)
{
    public SubnormalMode Subnormals => subnormals;

    public byte[] this[int buffer] => buffers[buffer];

    public Scalar Read(TensorRef tensor, long index) => Read(tensor.Buffer, tensor.DType, index);

    public Scalar Read(int buffer, DType dtype, long index)
    {
        var size = dtype.SizeOf();
        if (index < 0 || (index + 1) * size > buffers[buffer].Length)
            throw new InvalidOperationException(
                $"element {index} of b{buffer} ({dtype.ShortName()}) lies outside the buffer's {buffers[buffer].Length} bytes");
        return ElementCodec.Read(buffers[buffer], dtype, index);
    }

    public void Write(int buffer, DType dtype, long index, Scalar value)
    {
        var size = dtype.SizeOf();
        if (index < 0 || (index + 1) * size > buffers[buffer].Length)
            throw new InvalidOperationException(
                $"writing element {index} of b{buffer} ({dtype.ShortName()}) past the buffer's {buffers[buffer].Length} bytes");
        ElementCodec.Write(buffers[buffer], dtype, index, value);
    }

    /// <summary>Reads <paramref name="input"/> at a point of the kernel's index space, through its index map.</summary>
    public Scalar ReadMapped(MappedInput input, IReadOnlyList<int> kernelShape, ReadOnlySpan<long> point)
    {
        var map = input.Map;
        Span<long> v = stackalloc long[map.Rank];
        map.Reshape(kernelShape, point, v);
        if (!map.IsValid(v)) return ScalarSemantics.FromConstant(map.PadValue, input.DType);
        return Read(input.Buffer, input.DType, map.OffsetOf(v));
    }
}
