namespace JaxNet.Conformance.Reference;

/// <summary>Row-major index arithmetic over shapes.</summary>
public static class Shapes
{
    public static long Count(IReadOnlyList<int> shape)
    {
        long count = 1;
        foreach (var s in shape) count *= s;
        return count;
    }

    /// <summary>Writes the coordinates of the <paramref name="linear"/>-th point of <paramref name="shape"/> into <paramref name="point"/>.</summary>
    public static void Unravel(long linear, IReadOnlyList<int> shape, Span<long> point)
    {
        for (var d = shape.Count - 1; d >= 0; d--)
        {
            point[d] = linear % shape[d];
            linear /= shape[d];
        }
    }

    /// <summary>The row-major position of <paramref name="point"/> in <paramref name="shape"/>.</summary>
    public static long Ravel(ReadOnlySpan<long> point, IReadOnlyList<int> shape)
    {
        long linear = 0;
        for (var d = 0; d < shape.Count; d++) linear = linear * shape[d] + point[d];
        return linear;
    }

    /// <summary>Every point of <paramref name="shape"/> in row-major order (the array is reused between points).</summary>
    public static IEnumerable<long[]> Points(IReadOnlyList<int> shape)
    {
        var count = Count(shape);
        var point = new long[shape.Count];
        for (long n = 0; n < count; n++)
        {
            Unravel(n, shape, point);
            yield return point;
        }
    }

    public static string Format(IReadOnlyList<int> shape) => "[" + string.Join(",", shape) + "]";
}
