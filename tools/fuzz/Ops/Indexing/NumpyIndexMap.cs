namespace JaxNet.Fuzz.Ops.Indexing;

/// <summary>
/// The reference for NumPy indexing, written from NumPy's rules (not from JaxNet's lowering): which element of x each
/// element of <c>x[idx]</c> is. An ellipsis (or the end) stands for the axes the other entries leave; a slice walks
/// <c>start:stop:step</c> as Python's <c>slice.indices</c> clamps it; integer arrays broadcast together, and their
/// dimensions take the first array's place when the arrays (integers counting as arrays beside them) are adjacent,
/// or come first when a slice or new axis separates them. An array entry below zero counts from the end once; one
/// still outside the axis is clamped when reading, and gives no element (-1) for an update, which drops it.
/// </summary>
public sealed class NumpyIndexMap
{
    /// <summary>An entry resolved against x: the axis it reads, a slice's walk, or which operand an array is
    /// (-1 for an integer taken as a 0-d array).</summary>
    private readonly record struct Part(NumpyIndexKind Kind, int Axis, int First = 0, int Step = 1, int Count = 1, int Operand = -1, int Value = 0);

    private readonly int[] xShape;
    private readonly Part[] parts;
    private readonly int[][] arrayShapes;
    private readonly int[] batchShape = [];
    private readonly bool update, adjacent;

    /// <param name="update">The index of an update: integers are 0-d index arrays and entries out of range drop.</param>
    public NumpyIndexMap(int[] xShape, IReadOnlyList<NumpyIndexEntry> index, IReadOnlyList<int[]> arrayShapes, bool update)
    {
        this.xShape = xShape;
        this.arrayShapes = [.. arrayShapes];
        this.update = update;
        var consumed = index.Count(e => e.ConsumesAxis);
        if (consumed > xShape.Length || index.Count(e => e.Kind == NumpyIndexKind.Ellipsis) > 1)
            throw new ArgumentException($"an index of {consumed} axes for rank {xShape.Length}");
        var whole = Enumerable.Repeat(NumpyIndexEntry.Whole, xShape.Length - consumed);
        var at = index.ToList().FindIndex(e => e.Kind == NumpyIndexKind.Ellipsis);
        List<NumpyIndexEntry> full = at < 0 ? [.. index, .. whole] : [.. index.Take(at), .. whole, .. index.Skip(at + 1)];
        var advanced = full.Any(e => e.Kind == NumpyIndexKind.Array) || update && full.Any(e => e.Kind == NumpyIndexKind.Integer);
        parts = Resolve(full, advanced);
        if (advanced)
        {
            batchShape = Broadcast(parts.Where(p => p.Kind == NumpyIndexKind.Array).Select(p => p.Operand < 0 ? [] : this.arrayShapes[p.Operand]));
            var arrays = Enumerable.Range(0, parts.Length).Where(k => parts[k].Kind == NumpyIndexKind.Array).ToArray();
            adjacent = arrays[^1] - arrays[0] == arrays.Length - 1;
        }
        Shape = ResultShape();
        if (Layout.Size(Shape) > 0 && parts.Any(p => p.Kind == NumpyIndexKind.Array && xShape[p.Axis] == 0))
            throw new ArgumentException("an index array into an empty axis");
    }

    /// <summary>The shape of x[idx].</summary>
    public int[] Shape { get; }

    private Part[] Resolve(List<NumpyIndexEntry> full, bool advanced)
    {
        var result = new List<Part>();
        var (axis, operand) = (0, 0);
        foreach (var e in full)
        {
            if (e.Kind == NumpyIndexKind.NewAxis)
            {
                result.Add(new Part(NumpyIndexKind.NewAxis, -1));
                continue;
            }
            var n = xShape[axis];
            result.Add(e.Kind switch
            {
                NumpyIndexKind.Array => new Part(NumpyIndexKind.Array, axis, Operand: operand++),
                NumpyIndexKind.Integer when advanced => new Part(NumpyIndexKind.Array, axis, Value: e.Value),
                NumpyIndexKind.Integer => e.Value >= -n && e.Value < n
                    ? new Part(NumpyIndexKind.Integer, axis, First: e.Value < 0 ? e.Value + n : e.Value)
                    : throw new ArgumentException($"integer {e.Value} out of range for size {n}"),
                _ => Walk(e, axis, n),
            });
            axis++;
        }
        return [.. result];
    }

    /// <summary>Python's slice(start, stop, step).indices(n): the first element, the step and how many.</summary>
    private static Part Walk(NumpyIndexEntry e, int axis, int n)
    {
        int Bound(int? value, int missing, int low, int high) => value is not { } v ? missing : Math.Clamp(v < 0 ? v + n : v, low, high);
        if (e.Step > 0)
        {
            var (start, stop) = (Bound(e.Start, 0, 0, n), Bound(e.Stop, n, 0, n));
            return new Part(NumpyIndexKind.Slice, axis, start, e.Step, Math.Max(0, (stop - start + e.Step - 1) / e.Step));
        }
        var (first, end) = (Bound(e.Start, n - 1, -1, n - 1), Bound(e.Stop, -1, -1, n - 1));
        return new Part(NumpyIndexKind.Slice, axis, first, e.Step, Math.Max(0, (first - end - e.Step - 1) / -e.Step));
    }

    private static int[] Broadcast(IEnumerable<int[]> shapes)
    {
        var all = shapes.ToArray();
        var rank = all.Max(s => s.Length);
        var result = Enumerable.Repeat(1, rank).ToArray();
        foreach (var s in all)
            for (var d = 0; d < s.Length; d++)
            {
                var r = rank - s.Length + d;
                if (s[d] != 1 && result[r] != 1 && result[r] != s[d]) throw new ArgumentException("index arrays do not broadcast");
                if (s[d] != 1) result[r] = s[d];
            }
        return result;
    }

    /// <summary>Each part's own dimensions in the result (the arrays' are the batch's, placed once).</summary>
    private int[] ResultShape()
    {
        var dims = new List<int>();
        var batchPlaced = false;
        if (batchShape.Length > 0 && !adjacent) (dims, batchPlaced) = ([.. batchShape], true);
        foreach (var p in parts)
            switch (p.Kind)
            {
                case NumpyIndexKind.Slice: dims.Add(p.Count); break;
                case NumpyIndexKind.NewAxis: dims.Add(1); break;
                case NumpyIndexKind.Array when !batchPlaced:
                    dims.AddRange(batchShape);
                    batchPlaced = true;
                    break;
            }
        return [.. dims];
    }

    /// <summary>
    /// For each element of x[idx], the flat position in x it is (or -1: an update's entry out of range), and whether
    /// it is unknown (an index array's element that a correct backend may compute differently).
    /// </summary>
    public (int[] Positions, bool[] Unknown) Positions(IReadOnlyList<RefArray> arrays)
    {
        var size = checked((int)Layout.Size(Shape));
        var (positions, unknown) = (new int[size], new bool[size]);
        var (point, batch, coordinate) = (new int[Shape.Length], new int[batchShape.Length], new int[xShape.Length]);
        var xStrides = Layout.Strides(xShape);
        for (var i = 0; i < size; i++)
        {
            Layout.Unravel(i, Shape, point);
            var r = 0;
            var batchTaken = false;
            if (batchShape.Length > 0 && !adjacent) (r, batchTaken) = (Take(point, 0, batch), true);
            var dropped = false;
            foreach (var p in parts)
            {
                switch (p.Kind)
                {
                    case NumpyIndexKind.NewAxis: r++; break;
                    case NumpyIndexKind.Integer: coordinate[p.Axis] = p.First; break;
                    case NumpyIndexKind.Slice: coordinate[p.Axis] = p.First + point[r++] * p.Step; break;
                    default:
                        if (!batchTaken) (r, batchTaken) = (Take(point, r, batch), true);
                        var (value, known) = p.Operand < 0 ? (p.Value, true) : Element(arrays[p.Operand], batch);
                        unknown[i] |= !known;
                        var n = xShape[p.Axis];
                        if (value < 0) value += n;
                        if (value < 0 || value >= n)
                        {
                            dropped |= update;
                            value = Math.Clamp(value, 0, Math.Max(n - 1, 0));
                        }
                        coordinate[p.Axis] = (int)value;
                        break;
                }
            }
            var flat = 0;
            for (var d = 0; d < xShape.Length; d++) flat += coordinate[d] * xStrides[d];
            positions[i] = dropped ? -1 : flat;
        }
        return (positions, unknown);
    }

    /// <summary>Copies the batch coordinates from <paramref name="point"/> at <paramref name="from"/>; returns where the
    /// next dimension is.</summary>
    private int Take(int[] point, int from, int[] batch)
    {
        Array.Copy(point, from, batch, 0, batch.Length);
        return from + batch.Length;
    }

    /// <summary>The array's element at the batch coordinates (broadcast from its trailing dimensions).</summary>
    private static (long Value, bool Known) Element(RefArray array, int[] batch)
    {
        var shape = array.Shape;
        var flat = 0;
        for (var d = 0; d < shape.Length; d++)
            flat = flat * shape[d] + (shape[d] == 1 ? 0 : batch[batch.Length - shape.Length + d]);
        return (array.Values[flat].Bits, array.Error[flat] == 0);
    }
}
