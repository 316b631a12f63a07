
namespace JaxNet.Fuzz.Ops;

/// <summary>lax.concatenate along one dimension of operands that agree in every other.</summary>
public sealed class ConcatenateFuzzOp(int dimension) : FuzzOp
{
    public override TensorType ResultType(IReadOnlyList<TensorType> args)
    {
        if (args.Count < 1 || dimension >= args[0].Rank) throw Mismatch("concatenate", args);
        var first = args[0];
        foreach (var a in args)
            if (a.DType != first.DType || a.Rank != first.Rank || Enumerable.Range(0, a.Rank).Any(d => d != dimension && a.Shape[d] != first.Shape[d]))
                throw Mismatch("concatenate", args);
        var shape = (int[])first.Shape.Clone();
        shape[dimension] = args.Sum(a => a.Shape[dimension]);
        return first.With(shape);
    }

    public override NDArray Apply(IReadOnlyList<NDArray> args) => Lax.Concatenate(args.ToArray(), dimension);

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics)
    {
        var type = ResultType(args.Select(a => a.Type).ToArray());
        var values = new Scalar[type.Size];
        var error = new double[type.Size];
        var point = new int[type.Rank];
        for (var i = 0; i < values.Length; i++)
        {
            Layout.Unravel(i, type.Shape, point);
            var piece = 0;
            while (point[dimension] >= args[piece].Shape[dimension]) point[dimension] -= args[piece++].Shape[dimension];
            var from = Layout.Ravel(point, args[piece].Shape);
            values[i] = args[piece].Values[from];
            error[i] = args[piece].Error[from];
        }
        return new RefArray(type, values, error);
    }

    public override string Render(IReadOnlyList<string> args) => $"Lax.Concatenate([{string.Join(", ", args)}], {dimension})";
}
