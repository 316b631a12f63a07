namespace JaxNet.Fuzz.Ops.Indexing;

/// <summary><c>x[idx]</c>, NumPy indexing through JaxNet's indexer: operand 0 is x, the others the index's integer arrays
/// (an array's entry out of range is clamped, as JAX reads).</summary>
public sealed class IndexGetFuzzOp(NumpyIndexEntry[] index) : FuzzOp
{
    public override TensorType ResultType(IReadOnlyList<TensorType> args)
    {
        if (args.Count != 1 + index.Count(e => e.Kind == NumpyIndexKind.Array) || args.Skip(1).Any(a => !a.DType.IsInteger()))
            throw Mismatch("index", args);
        return args[0].With(Map(args).Shape);
    }

    private NumpyIndexMap Map(IReadOnlyList<TensorType> args) => new(args[0].Shape, index, args.Skip(1).Select(a => a.Shape).ToArray(), update: false);

    public override NDArray Apply(IReadOnlyList<NDArray> args) => args[0][NumpyIndexEntry.ToItems(index, args.Skip(1).ToArray())];

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics)
    {
        var x = args[0];
        var map = Map(args.Select(a => a.Type).ToArray());
        var (positions, unknown) = map.Positions(args.Skip(1).ToArray());
        var result = x.Gather(x.Type.With(map.Shape), i => positions[i]);
        for (var i = 0; i < unknown.Length; i++)
            if (unknown[i]) result.Error[i] = Bounds.Unknown;
        return result;
    }

    public override string Render(IReadOnlyList<string> args) => $"{args[0]}[{NumpyIndexEntry.Render(index, args.Skip(1).ToArray())}]";
}
