using System.Globalization;

namespace JaxNet.Fuzz.Ops.Indexing;

/// <summary><c>x[idx]</c>, NumPy indexing through JaxNet's indexer: operand 0 is x, the others the index's integer arrays
/// (an array's entry out of range is clamped, as JAX reads). With <paramref name="fill"/> it is
/// <c>x.At[idx].Get(TakeMode.Fill, fill)</c> instead: such an entry reads the fill value (NaN when null, for floats).</summary>
public sealed class IndexGetFuzzOp(NumpyIndexEntry[] index, bool fill = false, double? fillValue = null) : FuzzOp
{
    public override TensorType ResultType(IReadOnlyList<TensorType> args)
    {
        if (args.Count != 1 + index.Count(e => e.Kind == NumpyIndexKind.Array) || args.Skip(1).Any(a => !a.DType.IsInteger())
            || fill && fillValue is null && !args[0].DType.IsFloat())
            throw Mismatch("index", args);
        return args[0].With(Map(args).Shape);
    }

    // Reading with a fill value, an array's entry out of range names no element (-1), as an update's does.
    private NumpyIndexMap Map(IReadOnlyList<TensorType> args) => new(args[0].Shape, index, args.Skip(1).Select(a => a.Shape).ToArray(), update: fill);

    public override NDArray Apply(IReadOnlyList<NDArray> args)
    {
        var items = NumpyIndexEntry.ToItems(index, args.Skip(1).ToArray());
        return fill ? args[0].At[items].Get(TakeMode.Fill, fillValue) : args[0][items];
    }

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics)
    {
        var x = args[0];
        var map = Map(args.Select(a => a.Type).ToArray());
        var (positions, unknown) = map.Positions(args.Skip(1).ToArray());
        var filler = x.DType.IsFloat() ? Scalar.FromDouble(x.DType, fillValue ?? double.NaN) : Scalar.FromInteger(x.DType, (long)(fillValue ?? 0));
        var result = RefArray.Build(x.Type.With(map.Shape), i => positions[i] < 0 ? (filler, 0) : (x.Values[positions[i]], x.Error[positions[i]]));
        for (var i = 0; i < unknown.Length; i++)
            if (unknown[i]) result.Error[i] = Bounds.Unknown;
        return result;
    }

    public override string Render(IReadOnlyList<string> args)
    {
        var items = NumpyIndexEntry.Render(index, args.Skip(1).ToArray());
        if (!fill) return $"{args[0]}[{items}]";
        var value = fillValue is { } v ? $", fillValue: {v.ToString("R", CultureInfo.InvariantCulture)}" : "";
        return $"{args[0]}.At[{items}].Get(TakeMode.Fill{value})";
    }
}
