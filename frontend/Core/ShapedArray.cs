namespace JaxNet.Core;

/// <summary>
/// The abstract value of an array: its shape, dtype and weak-typedness, and nothing of its contents (JAX's
/// ShapedArray). Tracers carry one; abstract evaluation maps input avals to output avals. Immutable, with
/// structural equality and a hash computed once, so it can key caches cheaply.
/// </summary>
public sealed class ShapedArray : IEquatable<ShapedArray>
{
    private readonly int hash;

    public ShapedArray(int[] shape, DType dtype, bool weak = false)
    {
        foreach (var d in shape)
            if (d < 0) throw new ArgumentException($"negative dimension in shape {Shapes.Format(shape)}");
        Shape = shape;
        DType = dtype;
        Weak = weak;
        var h = new HashCode();
        h.Add(dtype);
        h.Add(weak);
        foreach (var d in shape) h.Add(d);
        hash = h.ToHashCode();
    }

    public int[] Shape { get; }

    public DType DType { get; }

    /// <summary>True for values that came from C# scalar literals: they adopt the other operand's dtype in promotion.</summary>
    public bool Weak { get; }

    public int Rank => Shape.Length;

    public long Size => Shapes.Size(Shape);

    public ShapedArray WithDType(DType dtype, bool weak = false) => new(Shape, dtype, weak);

    public ShapedArray WithShape(int[] shape) => new(shape, DType, Weak);

    public ShapedArray Strong() => Weak ? new(Shape, DType) : this;

    /// <summary>JAX's short form: f32[3,4].</summary>
    public string Str() => DType.ShortName() + Shapes.Format(Shape);

    public override string ToString() => Str() + (Weak ? "{weak}" : "");

    public bool Equals(ShapedArray? other) =>
        other is not null && (ReferenceEquals(this, other) ||
            (hash == other.hash && DType == other.DType && Weak == other.Weak && Shape.AsSpan().SequenceEqual(other.Shape)));

    public override bool Equals(object? obj) => obj is ShapedArray s && Equals(s);

    public override int GetHashCode() => hash;
}
