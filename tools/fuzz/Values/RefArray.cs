
namespace JaxNet.Fuzz.Values;

/// <summary>
/// A value of the host interpreter: row-major elements (exact bits and float64 value, as the conformance reference
/// holds them) and, per element, a bound on how far a correct backend's element may be from it. The bound is 0 for
/// exact values, <see cref="double.Epsilon"/> for a zero whose sign a correct backend may choose, and +inf where a
/// correct backend may give anything (an integer after a float that may round either way, say): such elements are
/// not compared. Integer and Bool elements have bound 0 or +inf.
/// </summary>
public sealed class RefArray
{
    public RefArray(TensorType type, Scalar[] values, double[] error)
    {
        if (values.Length != type.Size || error.Length != type.Size)
            throw new ArgumentException($"{type}: {values.Length} values and {error.Length} bounds");
        Type = type;
        Values = values;
        Error = error;
    }

    public TensorType Type { get; }

    public Scalar[] Values { get; }

    public double[] Error { get; }

    public DType DType => Type.DType;

    public int[] Shape => Type.Shape;

    public int Size => Values.Length;

    public bool IsUnknown(int i) => double.IsPositiveInfinity(Error[i]);

    /// <summary>An array of <paramref name="type"/> with every element exact.</summary>
    public static RefArray Exact(TensorType type, Scalar[] values) => new(type, values, new double[values.Length]);

    /// <summary>An array of <paramref name="type"/> whose elements come from <paramref name="element"/>.</summary>
    public static RefArray Build(TensorType type, Func<int, (Scalar Value, double Error)> element)
    {
        var n = checked((int)type.Size);
        var values = new Scalar[n];
        var error = new double[n];
        for (var i = 0; i < n; i++) (values[i], error[i]) = element(i);
        return new RefArray(type, values, error);
    }

    /// <summary>The elements picked by <paramref name="source"/> (an index into this array per output element, or -1
    /// for <paramref name="fill"/>): every data movement (transpose, slice, pad, gather, ...) is one.</summary>
    public RefArray Gather(TensorType type, Func<int, int> source, Scalar fill = default)
    {
        var n = checked((int)type.Size);
        var values = new Scalar[n];
        var error = new double[n];
        for (var i = 0; i < n; i++)
        {
            var from = source(i);
            if (from < 0)
            {
                values[i] = fill;
                continue;
            }
            values[i] = Values[from];
            error[i] = Error[from];
        }
        return new RefArray(type, values, error);
    }
}
