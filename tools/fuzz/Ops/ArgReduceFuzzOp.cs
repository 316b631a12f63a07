
namespace JaxNet.Fuzz.Ops;

/// <summary>lax.argmax/argmin along one axis (int32): the first of ties, the first NaN.</summary>
public sealed class ArgReduceFuzzOp(bool max, int axis) : FuzzOp
{
    public override TensorType ResultType(IReadOnlyList<TensorType> args)
    {
        if (args.Count != 1 || axis >= args[0].Rank || args[0].Shape[axis] == 0 || args[0].DType == DType.Bool) throw Mismatch("argmax", args);
        return new TensorType(DType.Int32, args[0].Shape.Where((_, d) => d != axis).ToArray());
    }

    public override NDArray Apply(IReadOnlyList<NDArray> args) => max ? Lax.Argmax(args[0], axis) : Lax.Argmin(args[0], axis);

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics)
    {
        var x = args[0];
        var lines = Layout.Lines(x.Shape, [axis]);
        var values = new Scalar[lines.Length];
        var error = new double[lines.Length];
        for (var l = 0; l < lines.Length; l++)
        {
            var index = Pick(lines[l].Select(i => x.Values[i]).ToArray(), lines[l].Select(i => x.Error[i]).ToArray());
            values[l] = Scalar.FromInteger(DType.Int32, Math.Max(index, 0));
            error[l] = index < 0 ? Bounds.Unknown : 0;
        }
        return new RefArray(ResultType([x.Type]), values, error);
    }

    /// <summary>The position of the extreme, or -1 when the bounds leave more than one candidate.</summary>
    private int Pick(Scalar[] v, double[] e)
    {
        if (e.Any(double.IsPositiveInfinity)) return -1;
        var isFloat = v[0].DType.IsFloat();
        var firstNaN = Array.FindIndex(v, s => s.IsNaN);
        if (firstNaN >= 0) return firstNaN;
        var sign = max ? 1 : -1;
        int Compare(int a, int b) => sign * (isFloat ? v[a].Float.CompareTo(v[b].Float) : v[a].Bits.CompareTo(v[b].Bits));
        var best = 0;
        for (var i = 1; i < v.Length; i++)
            if (Compare(i, best) > 0) best = i;
        if (!isFloat || e.All(Bounds.IsExactValue)) return best;
        // Another element whose interval reaches the best's makes the position uncertain.
        var floor = sign * v[best].Float - e[best];
        for (var i = 0; i < v.Length; i++)
            if (i != best && sign * v[i].Float + e[i] >= floor) return -1;
        return best;
    }

    public override string Render(IReadOnlyList<string> args) => $"Lax.{(max ? "Argmax" : "Argmin")}({args[0]}, {axis})";
}
