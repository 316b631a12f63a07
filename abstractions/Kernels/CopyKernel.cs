namespace JaxNet.Abstractions.Kernels;

/// <summary>
/// Materialises a view: writes <see cref="Source"/> read through its index map, row-major over
/// <see cref="Shape"/>, in the source's dtype. (An elementwise kernel could say the same; a copy kernel lets
/// a backend use its fastest copy engine.)
/// </summary>
public sealed record CopyKernel(string Name, MappedInput Source, int[] Shape, int Output) : Kernel(Name)
{
    public override KernelKind Kind => KernelKind.Copy;

    public override IEnumerable<int> ReadBuffers() => [Source.Buffer];

    public override IEnumerable<int> WrittenBuffers() => [Output];

    public override IEnumerable<DType> DTypes() => [Source.DType];

    public override string Describe() => $"{Source} shape{Dims(Shape)} out(b{Output})";
}
