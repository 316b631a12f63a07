using JaxNet.Abstractions.Kernels;

namespace JaxNet.Fuzz.Ops.Indexing;

/// <summary>
/// <c>x.At[idx].Set/Add/Multiply/Min/Max(values)</c>: operand 0 is x, then the index's integer arrays, then the values,
/// which broadcast to the shape of x[idx]. Entries out of range drop their update (JAX's mode 'drop'); where the index
/// names an element more than once every update combines into it, as a scatter does (<see cref="ScatterFuzzOp.Combine"/>).
/// </summary>
public sealed class IndexUpdateFuzzOp(NumpyIndexEntry[] index, ScatterCombiner combiner) : FuzzOp
{
    private int ArrayCount => index.Count(e => e.Kind == NumpyIndexKind.Array);

    public override TensorType ResultType(IReadOnlyList<TensorType> args)
    {
        if (args.Count != 2 + ArrayCount || args.Skip(1).Take(ArrayCount).Any(a => !a.DType.IsInteger()) || args[^1].DType != args[0].DType)
            throw Mismatch($"at-{combiner}", args);
        var target = Map(args).Shape;
        var values = args[^1].Shape;
        if (values.Length > target.Length || values.Where((n, d) => n != 1 && n != target[target.Length - values.Length + d]).Any())
            throw Mismatch($"at-{combiner}", args);
        return args[0];
    }

    private NumpyIndexMap Map(IReadOnlyList<TensorType> args) =>
        new(args[0].Shape, index, args.Skip(1).Take(ArrayCount).Select(a => a.Shape).ToArray(), update: true);

    public override NDArray Apply(IReadOnlyList<NDArray> args)
    {
        var at = args[0].At[NumpyIndexEntry.ToItems(index, args.Skip(1).Take(ArrayCount).ToArray())];
        return combiner switch
        {
            ScatterCombiner.Replace => at.Set(args[^1]),
            ScatterCombiner.Add => at.Add(args[^1]),
            ScatterCombiner.Mul => at.Multiply(args[^1]),
            ScatterCombiner.Min => at.Min(args[^1]),
            _ => at.Max(args[^1]),
        };
    }

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics)
    {
        var x = args[0];
        var map = Map(args.Select(a => a.Type).ToArray());
        var (positions, unknown) = map.Positions(args.Skip(1).Take(ArrayCount).ToArray());
        if (unknown.Any(u => u)) return RefArray.Build(x.Type, _ => (ElementBounds.Placeholder(x.DType), Bounds.Unknown));
        var updates = Broadcast(args[^1], map.Shape);
        var landed = new List<int>?[x.Size];
        for (var u = 0; u < positions.Length; u++)
            if (positions[u] >= 0) (landed[positions[u]] ??= []).Add(u);
        return RefArray.Build(x.Type, i => landed[i] is { } list
            ? ScatterFuzzOp.Combine(combiner, x.Values[i], x.Error[i], list, updates, numerics)
            : (x.Values[i], x.Error[i]));
    }

    /// <summary>The values broadcast (from their trailing dimensions) to <paramref name="shape"/>.</summary>
    private static RefArray Broadcast(RefArray values, int[] shape)
    {
        var point = new int[shape.Length];
        return values.Gather(values.Type.With(shape), i =>
        {
            Layout.Unravel(i, shape, point);
            var flat = 0;
            for (var d = 0; d < values.Shape.Length; d++)
                flat = flat * values.Shape[d] + (values.Shape[d] == 1 ? 0 : point[shape.Length - values.Shape.Length + d]);
            return flat;
        });
    }

    public override string Render(IReadOnlyList<string> args)
    {
        var name = combiner switch
        {
            ScatterCombiner.Replace => "Set",
            ScatterCombiner.Add => "Add",
            ScatterCombiner.Mul => "Multiply",
            _ => combiner.ToString(),
        };
        return $"{args[0]}.At[{NumpyIndexEntry.Render(index, args.Skip(1).Take(ArrayCount).ToArray())}].{name}({args[^1]})";
    }
}
