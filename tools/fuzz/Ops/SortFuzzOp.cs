
namespace JaxNet.Fuzz.Ops;

/// <summary>
/// One result of lax.sort over several operands of one shape, by the first <c>numKeys</c> lexicographically (JAX's
/// comparator: -0.0 equals +0.0, NaN last; descending keeps equal keys in input order).
/// </summary>
public sealed class SortFuzzOp(int dimension, bool isStable, int numKeys, bool descending, int output) : FuzzOp
{
    public override TensorType ResultType(IReadOnlyList<TensorType> args)
    {
        if (args.Count < numKeys || output >= args.Count || dimension >= args[0].Rank || args.Any(a => !a.Shape.SequenceEqual(args[0].Shape)))
            throw Mismatch("sort", args);
        return args[output];
    }

    public override NDArray Apply(IReadOnlyList<NDArray> args) =>
        Lax.Sort(args.ToArray(), dimension, isStable, numKeys, descending)[output];

    private static int CompareKey(Scalar a, Scalar b)
    {
        if (!a.DType.IsFloat()) return a.Bits.CompareTo(b.Bits);
        if (a.IsNaN || b.IsNaN) return a.IsNaN.CompareTo(b.IsNaN);
        return a.Float.CompareTo(b.Float); // -0.0 equals +0.0
    }

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics)
    {
        var result = args[output];
        var values = new Scalar[result.Size];
        var error = new double[result.Size];
        foreach (var line in Layout.Lines(result.Shape, [dimension]))
        {
            int Compare(int x, int y)
            {
                for (var k = 0; k < numKeys; k++)
                {
                    var c = CompareKey(args[k].Values[line[x]], args[k].Values[line[y]]);
                    if (c != 0) return c;
                }
                return 0;
            }
            var positions = Enumerable.Range(0, line.Length);
            var comparer = Comparer<int>.Create(Compare);
            var order = (descending ? positions.OrderByDescending(p => p, comparer) : positions.OrderBy(p => p, comparer)).ToArray();
            var certain = Certainty(args, line, order, Compare, tiesMatter: !isStable || numerics.SortOrderDecidesValues);
            var keyOutput = output == 0 && numKeys == 1;
            var spread = keyOutput && line.Length > 0 ? line.Max(i => args[0].Error[i]) : 0;
            for (var k = 0; k < line.Length; k++)
            {
                var from = line[order[k]];
                values[line[k]] = result.Values[from];
                error[line[k]] = certain[k] ? result.Error[from]
                    : numerics.SortOrderDecidesValues ? Bounds.Unknown
                    // The backend sorts keys within their bounds but returns the keys' own values: the value at a
                    // position is within one bound of the perturbed key sorted there, itself within one of the reference.
                    : keyOutput ? Math.Max(2 * spread, result.Values[from].Float == 0 ? Bounds.SignOfZero : 0)
                    : Bounds.Unknown;
            }
        }
        return new RefArray(result.Type, values, error);
    }

    /// <summary>
    /// Whether the element that lands at each position is certain: no other element's key interval reaches its own,
    /// and (where <paramref name="tiesMatter"/>: an unstable sort, or one whose derivatives are asked) no other element
    /// has an equal key.
    /// </summary>
    private bool[] Certainty(IReadOnlyList<RefArray> args, int[] line, int[] order, Func<int, int, int> compare, bool tiesMatter)
    {
        var n = line.Length;
        var certain = Enumerable.Repeat(true, n).ToArray();
        var exactKeys = Enumerable.Range(0, numKeys).All(k => line.All(i => Bounds.IsExactValue(args[k].Error[i])));
        if (exactKeys)
        {
            if (!tiesMatter) return certain;
            for (var k = 0; k < n; k++)
                certain[k] = (k == 0 || compare(order[k - 1], order[k]) != 0) && (k == n - 1 || compare(order[k], order[k + 1]) != 0);
            return certain;
        }
        if (numKeys > 1 || line.Any(i => args[0].IsUnknown(i))) return new bool[n];
        // One float key with bounds: an element whose interval meets another's may trade places with it. In ascending
        // order of value, that is a neighbour below reaching up to it or one above reaching down (prefix maxima and
        // suffix minima of the interval ends); NaNs are exact and stay at the end.
        var keys = args[0];
        var ascending = (descending ? order.Reverse() : order).Where(p => !keys.Values[line[p]].IsNaN).ToArray();
        var m = ascending.Length;
        double Lo(int j) => keys.Values[line[ascending[j]]].Float - keys.Error[line[ascending[j]]];
        double Hi(int j) => keys.Values[line[ascending[j]]].Float + keys.Error[line[ascending[j]]];
        var aboveLo = new double[m + 1];
        aboveLo[m] = double.PositiveInfinity;
        for (var j = m - 1; j >= 0; j--) aboveLo[j] = Math.Min(aboveLo[j + 1], Lo(j));
        var positionOf = new int[n];
        for (var k = 0; k < n; k++) positionOf[order[k]] = k;
        var belowHi = double.NegativeInfinity;
        for (var j = 0; j < m; j++)
        {
            if (belowHi >= Lo(j) || aboveLo[j + 1] <= Hi(j)) certain[positionOf[ascending[j]]] = false;
            belowHi = Math.Max(belowHi, Hi(j));
        }
        return certain;
    }

    public override string Render(IReadOnlyList<string> args) =>
        $"Lax.Sort([{string.Join(", ", args)}], dimension: {dimension}, isStable: {(isStable ? "true" : "false")}, numKeys: {numKeys}, " +
        $"descending: {(descending ? "true" : "false")})[{output}]";
}
