namespace JaxNet.Core;

/// <summary>Shape arithmetic shared by abstract evaluation, the API and lowering.</summary>
public static class Shapes
{
    public static long Size(ReadOnlySpan<int> shape)
    {
        long size = 1;
        foreach (var d in shape) size *= d;
        return size;
    }

    public static string Format(IReadOnlyList<int> shape) => "[" + string.Join(",", shape) + "]";

    public static bool Equal(ReadOnlySpan<int> a, ReadOnlySpan<int> b) => a.SequenceEqual(b);

    /// <summary>Normalises a possibly negative axis against <paramref name="rank"/>.</summary>
    public static int Axis(int axis, int rank, string op)
    {
        var a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank)
            throw new ShapeException($"{op}: axis {axis} is out of bounds for an array of rank {rank}");
        return a;
    }

    /// <summary>Normalised, sorted, distinct axes; null means all axes.</summary>
    public static int[] Axes(int[]? axes, int rank, string op)
    {
        if (axes is null) return Enumerable.Range(0, rank).ToArray();
        var normal = axes.Select(a => Axis(a, rank, op)).ToArray();
        if (normal.Distinct().Count() != normal.Length)
            throw new ShapeException($"{op}: repeated axis in ({string.Join(", ", axes)})");
        Array.Sort(normal);
        return normal;
    }

    /// <summary>NumPy broadcasting of two shapes; throws naming the op and both shapes.</summary>
    public static int[] Broadcast(string op, int[] a, int[] b) =>
        TryBroadcast(a, b) ?? throw new ShapeException($"{op}: shapes {Format(a)} and {Format(b)} cannot be broadcast together");

    /// <summary>The common shape of any number of shapes (none gives rank 0); a mismatch throws
    /// <see cref="Incompatible"/>.</summary>
    public static int[] BroadcastAll(string op, IReadOnlyList<int[]> shapes)
    {
        var result = Array.Empty<int>();
        foreach (var shape in shapes) result = TryBroadcast(result, shape) ?? throw Incompatible(op, shapes);
        return result;
    }

    /// <summary>Shapes that do not broadcast, all of them named, as JAX's "Incompatible shapes for broadcasting" does,
    /// since the culprit may be any of them.</summary>
    public static ShapeException Incompatible(string op, IEnumerable<int[]> shapes) =>
        new($"{op}: incompatible shapes for broadcasting: {string.Join(", ", shapes.Select(Format))}");

    /// <summary>NumPy broadcasting of two shapes, or null when they do not broadcast.</summary>
    public static int[]? TryBroadcast(int[] a, int[] b)
    {
        var rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var da = i - (rank - a.Length) >= 0 ? a[i - (rank - a.Length)] : 1;
            var db = i - (rank - b.Length) >= 0 ? b[i - (rank - b.Length)] : 1;
            if (da != db && da != 1 && db != 1) return null;
            result[i] = da == 1 ? db : da;
        }
        return result;
    }

    /// <summary>The permutation that undoes <paramref name="perm"/> (transpose's inverse).</summary>
    public static int[] InversePermutation(ReadOnlySpan<int> perm)
    {
        var inverse = new int[perm.Length];
        for (var i = 0; i < perm.Length; i++) inverse[perm[i]] = i;
        return inverse;
    }

    public static int[] RowMajorStrides(ReadOnlySpan<int> shape)
    {
        var strides = new int[shape.Length];
        var stride = 1;
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= shape[d];
        }
        return strides;
    }
}
