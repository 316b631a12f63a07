namespace JaxNet.Fuzz.Values;

/// <summary>Row-major index arithmetic for the host interpreter.</summary>
public static class Layout
{
    public static int[] Strides(int[] shape)
    {
        var strides = new int[shape.Length];
        for (int d = shape.Length - 1, s = 1; d >= 0; d--)
        {
            strides[d] = s;
            s *= shape[d];
        }
        return strides;
    }

    /// <summary>The coordinates of the <paramref name="linear"/>-th point of <paramref name="shape"/>.</summary>
    public static void Unravel(int linear, int[] shape, int[] point)
    {
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            point[d] = linear % shape[d];
            linear /= shape[d];
        }
    }

    public static int Ravel(int[] point, int[] shape)
    {
        var linear = 0;
        for (var d = 0; d < shape.Length; d++) linear = linear * shape[d] + point[d];
        return linear;
    }

    /// <summary>
    /// The lines of <paramref name="shape"/> along <paramref name="axes"/>: for each combination of the other
    /// coordinates (row-major), the flat positions of its elements, row-major over the axes. A reduction maps line k
    /// to output element k.
    /// </summary>
    public static int[][] Lines(int[] shape, int[] axes)
    {
        var kept = Enumerable.Range(0, shape.Length).Where(d => !axes.Contains(d)).ToArray();
        var keptShape = kept.Select(d => shape[d]).ToArray();
        var axisShape = axes.Select(d => shape[d]).ToArray();
        var strides = Strides(shape);
        var lineCount = keptShape.Aggregate(1, (a, b) => a * b);
        var length = axisShape.Aggregate(1, (a, b) => a * b);
        var lines = new int[lineCount][];
        var outer = new int[kept.Length];
        var inner = new int[axes.Length];
        for (var l = 0; l < lineCount; l++)
        {
            Unravel(l, keptShape, outer);
            var start = 0;
            for (var k = 0; k < kept.Length; k++) start += outer[k] * strides[kept[k]];
            var line = new int[length];
            for (var j = 0; j < length; j++)
            {
                Unravel(j, axisShape, inner);
                var at = start;
                for (var k = 0; k < axes.Length; k++) at += inner[k] * strides[axes[k]];
                line[j] = at;
            }
            lines[l] = line;
        }
        return lines;
    }

    public static long Size(int[] shape) => shape.Aggregate(1L, (a, b) => a * b);
}
