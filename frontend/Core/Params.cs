using System.Globalization;
using System.Text;

namespace JaxNet.Core;

/// <summary>
/// The static parameters of a primitive application (axes, shapes, dtypes, ...), as JAX's eqn.params. Immutable,
/// ordered by name, with structural equality (arrays compare by content) and a hash computed once, so a
/// (primitive, params, avals) triple keys the eager kernel cache without building strings.
/// Values are ints, longs, doubles, bools, strings, enums (DType, ...), int[]/long[]/int[][], or
/// other immutable values with value equality.
/// </summary>
public sealed class Params : IEquatable<Params>
{
    public static readonly Params Empty = new([]);

    private readonly KeyValuePair<string, object>[] entries;
    private readonly int hash;

    private Params(KeyValuePair<string, object>[] entries)
    {
        Array.Sort(entries, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        this.entries = entries;
        var h = new HashCode();
        foreach (var (k, v) in entries)
        {
            h.Add(k);
            h.Add(HashOf(v));
        }
        hash = h.ToHashCode();
    }

    public static Params Of(params (string Name, object Value)[] values) =>
        values.Length == 0 ? Empty : new(values.Select(v => new KeyValuePair<string, object>(v.Name, v.Value)).ToArray());

    public IReadOnlyList<KeyValuePair<string, object>> Entries => entries;

    public T Get<T>(string name)
    {
        foreach (var (k, v) in entries)
            if (k == name) return (T)v;
        throw new KeyNotFoundException($"primitive parameter '{name}' is missing");
    }

    public bool Equals(Params? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        if (hash != other.hash || entries.Length != other.entries.Length) return false;
        for (var i = 0; i < entries.Length; i++)
            if (entries[i].Key != other.entries[i].Key || !ValueEquals(entries[i].Value, other.entries[i].Value)) return false;
        return true;
    }

    public override bool Equals(object? obj) => obj is Params p && Equals(p);

    public override int GetHashCode() => hash;

    /// <summary>JAX's jaxpr form: <c>[axes=(0,) keepdims=False]</c>, or empty when there are none.</summary>
    public override string ToString() =>
        entries.Length == 0 ? "" : "[" + string.Join(" ", entries.Select(e => e.Key + "=" + Format(e.Value))) + "]";

    public static string Format(object value) => value switch
    {
        int[] a => Tuple(a.Select(x => x.ToString(CultureInfo.InvariantCulture))),
        long[] a => Tuple(a.Select(x => x.ToString(CultureInfo.InvariantCulture))),
        int[][] a => Tuple(a.Select(Format)),
        ClosedJaxpr[] a => Tuple(a.Select(j => j.ToString())),
        bool b => b ? "True" : "False",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DType d => d.NumpyName(),
        Enum e => e.ToString().ToLowerInvariant(),
        null => "None",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Tuple(IEnumerable<string> items)
    {
        var list = items.ToList();
        var s = new StringBuilder("(").Append(string.Join(", ", list));
        if (list.Count == 1) s.Append(',');
        return s.Append(')').ToString();
    }

    private static bool ValueEquals(object a, object b) => (a, b) switch
    {
        (int[] x, int[] y) => x.AsSpan().SequenceEqual(y),
        (long[] x, long[] y) => x.AsSpan().SequenceEqual(y),
        (int[][] x, int[][] y) => x.Length == y.Length && x.Zip(y).All(p => p.First.AsSpan().SequenceEqual(p.Second)),
        // By bits: a pad or fill value of -0.0 is not one of 0.0 (double.Equals says it is).
        (double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y),
        _ => Equals(a, b),
    };

    private static int HashOf(object v)
    {
        switch (v)
        {
            case int[] a:
                {
                    var h = new HashCode();
                    foreach (var x in a) h.Add(x);
                    return h.ToHashCode();
                }
            case long[] a:
                {
                    var h = new HashCode();
                    foreach (var x in a) h.Add(x);
                    return h.ToHashCode();
                }
            case int[][] a:
                {
                    var h = new HashCode();
                    foreach (var x in a) h.Add(HashOf(x));
                    return h.ToHashCode();
                }
            case double d:
                return BitConverter.DoubleToInt64Bits(d).GetHashCode();
            default:
                return v?.GetHashCode() ?? 0;
        }
    }
}
