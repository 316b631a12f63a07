using JaxNet.Abstractions.Kernels;

namespace JaxNet.Fuzz.Ops.Indexing;

/// <summary>
/// <c>x.At[idx].Set/Add/Subtract/Multiply/Divide/Power/Min/Max(values)</c> or <c>.Apply(f)</c>: operand 0 is x, then the
/// index's integer arrays, then (but for Apply) the values, which broadcast to the shape of x[idx]. Entries out of range
/// drop their update (JAX's mode 'drop'); where the index names an element more than once every update combines into
/// it, as a scatter does (<see cref="ScatterFuzzOp.Combine"/>): Subtract adds the negated values, Divide and Power take
/// x over (or to) the product of the element's values, as JAX computes them, and Apply applies the unary op
/// <paramref name="function"/> once to each element named.
/// </summary>
public sealed class IndexUpdateFuzzOp(NumpyIndexEntry[] index, AtMethod method, UnaryOp function = UnaryOp.Neg) : FuzzOp
{
    private int ArrayCount => index.Count(e => e.Kind == NumpyIndexKind.Array);

    private bool HasValues => method != AtMethod.Apply;

    public override bool MultipliesElements => method is AtMethod.Multiply or AtMethod.Divide or AtMethod.Power;

    public override TensorType ResultType(IReadOnlyList<TensorType> args)
    {
        if (args.Count != 1 + ArrayCount + (HasValues ? 1 : 0) || args.Skip(1).Take(ArrayCount).Any(a => !a.DType.IsInteger())
            || HasValues && args[^1].DType != args[0].DType
            || method is AtMethod.Divide or AtMethod.Power && !args[0].DType.IsFloat()
            || method == AtMethod.Apply && !UnaryFuzzOp.DefinedOn(args[0].DType).Contains(function) || method == AtMethod.Apply && function.ResultType(args[0].DType) != args[0].DType)
            throw Mismatch($"at-{method}", args);
        if (!HasValues) return args[0];
        var target = Map(args).Shape;
        var values = args[^1].Shape;
        if (values.Length > target.Length || values.Where((n, d) => n != 1 && n != target[target.Length - values.Length + d]).Any())
            throw Mismatch($"at-{method}", args);
        return args[0];
    }

    private NumpyIndexMap Map(IReadOnlyList<TensorType> args) =>
        new(args[0].Shape, index, args.Skip(1).Take(ArrayCount).Select(a => a.Shape).ToArray(), update: true);

    public override NDArray Apply(IReadOnlyList<NDArray> args)
    {
        var at = args[0].At[NumpyIndexEntry.ToItems(index, args.Skip(1).Take(ArrayCount).ToArray())];
        return method switch
        {
            AtMethod.Set => at.Set(args[^1]),
            AtMethod.Add => at.Add(args[^1]),
            AtMethod.Subtract => at.Subtract(args[^1]),
            AtMethod.Multiply => at.Multiply(args[^1]),
            AtMethod.Divide => at.Divide(args[^1]),
            AtMethod.Power => at.Power(args[^1]),
            AtMethod.Min => at.Min(args[^1]),
            AtMethod.Max => at.Max(args[^1]),
            _ => at.Apply(x => new UnaryFuzzOp(function).Apply([x])),
        };
    }

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics)
    {
        var x = args[0];
        var map = Map(args.Select(a => a.Type).ToArray());
        var (positions, unknown) = map.Positions(args.Skip(1).Take(ArrayCount).ToArray());
        if (unknown.Any(u => u)) return RefArray.Build(x.Type, _ => (ElementBounds.Placeholder(x.DType), Bounds.Unknown));
        var landed = new List<int>?[x.Size];
        for (var u = 0; u < positions.Length; u++)
            if (positions[u] >= 0) (landed[positions[u]] ??= []).Add(u);
        if (method == AtMethod.Apply)
            return RefArray.Build(x.Type, i => landed[i] is null ? (x.Values[i], x.Error[i]) : ElementBounds.Unary(function, x.Values[i], x.Error[i], numerics));
        var updates = Broadcast(args[^1], map.Shape);
        if (method == AtMethod.Subtract)
            updates = RefArray.Build(updates.Type, i => ElementBounds.Unary(UnaryOp.Neg, updates.Values[i], updates.Error[i], numerics));
        if (method is AtMethod.Divide or AtMethod.Power)
        {
            var one = Scalar.FromDouble(x.DType, 1);
            var op = method == AtMethod.Divide ? BinaryOp.Div : BinaryOp.Pow;
            return RefArray.Build(x.Type, i =>
            {
                var (product, error) = landed[i] is { } list ? ScatterFuzzOp.Combine(ScatterCombiner.Mul, one, 0, list, updates, numerics) : (one, 0);
                return ElementBounds.Binary(op, x.Values[i], x.Error[i], product, error, numerics);
            });
        }
        var combiner = Combiner(method);
        return RefArray.Build(x.Type, i => landed[i] is { } list
            ? ScatterFuzzOp.Combine(combiner, x.Values[i], x.Error[i], list, updates, numerics)
            : (x.Values[i], x.Error[i]));
    }

    private static ScatterCombiner Combiner(AtMethod method) => method switch
    {
        AtMethod.Set => ScatterCombiner.Replace,
        AtMethod.Add or AtMethod.Subtract => ScatterCombiner.Add,
        AtMethod.Multiply => ScatterCombiner.Mul,
        AtMethod.Min => ScatterCombiner.Min,
        _ => ScatterCombiner.Max,
    };

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
        var at = $"{args[0]}.At[{NumpyIndexEntry.Render(index, args.Skip(1).Take(ArrayCount).ToArray())}]";
        return method == AtMethod.Apply
            ? $"{at}.Apply(v => {new UnaryFuzzOp(function).Render(["v"])})"
            : $"{at}.{method}({args[^1]})";
    }
}
