using JaxNet.Conformance.Numerics;
using JaxNet.Conformance.Reference;

namespace JaxNet.Conformance.Cases;

/// <summary>The dtype and shape of a buffer a case passes in or expects back.</summary>
public sealed record TensorSpec(DType DType, int[] Shape)
{
    public long ElementCount => Shapes.Count(Shape);

    public long ByteSize => ElementCount * DType.SizeOf();

    public override string ToString() => DType.ShortName() + Shapes.Format(Shape);
}

/// <summary>An array in host memory, in the buffer encoding of ABI v1.</summary>
public sealed record HostTensor(DType DType, int[] Shape, byte[] Data)
{
    public TensorSpec Spec => new(DType, Shape);

    public long ElementCount => Shapes.Count(Shape);

    public Scalar this[long index] => ElementCodec.Read(Data, DType, index);

    public static HostTensor Create(TensorSpec spec, Func<long, Scalar> element)
    {
        var data = new byte[spec.ByteSize];
        for (long i = 0; i < spec.ElementCount; i++) ElementCodec.Write(data, spec.DType, i, element(i));
        return new HostTensor(spec.DType, spec.Shape, data);
    }

    public static HostTensor FromDoubles(DType dtype, int[] shape, params double[] values) =>
        Create(new TensorSpec(dtype, shape), i => dtype.IsFloat()
            ? Scalar.FromDouble(dtype, values[i])
            : Scalar.FromInteger(dtype, checked((long)values[i])));

    public static HostTensor FromIntegers(DType dtype, int[] shape, params long[] values) =>
        Create(new TensorSpec(dtype, shape), i => Scalar.FromInteger(dtype, values[i]));

    /// <summary>The elements as float64 (for tests and messages).</summary>
    public double[] ToDoubles()
    {
        var values = new double[ElementCount];
        for (long i = 0; i < values.Length; i++) values[i] = this[i].ToDouble();
        return values;
    }
}
