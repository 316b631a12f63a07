using System.Globalization;

namespace JaxNet.Fuzz.Values;

/// <summary>The static type of a value of a random program: its dtype and shape.</summary>
public sealed record TensorType(DType DType, int[] Shape)
{
    public int Rank => Shape.Length;

    public long Size => Shape.Aggregate(1L, (a, b) => a * b);

    public TensorType With(DType dtype) => new(dtype, Shape);

    public TensorType With(int[] shape) => new(DType, shape);

    public bool Equals(TensorType? other) => other is not null && DType == other.DType && Shape.SequenceEqual(other.Shape);

    public override int GetHashCode() => HashCode.Combine(DType, Shape.Length, Size);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{DType.ShortName()}[{string.Join(",", Shape)}]");
}
