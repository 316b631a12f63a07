using JaxNet.Fuzz.Programs;

namespace JaxNet.Fuzz.Ops;

/// <summary>
/// lax.scan of a body <c>(carry, x) -> (carry, y)</c> over the leading axis of xs (backwards when reversed); the
/// result is the final carry (<c>output</c> 0) or the ys stacked (1). Operands: the initial carry, xs, then the
/// values the body captures.
/// </summary>
public sealed class ScanFuzzOp(FuzzBody body, bool reverse, int output) : FuzzOp
{
    public override IReadOnlyList<FuzzBody> Bodies => [body];

    public override FuzzOp Retyped(Func<DType, DType> retype) => new ScanFuzzOp(body.Retyped(retype), reverse, output);

    public override TensorType ResultType(IReadOnlyList<TensorType> args)
    {
        if (args.Count != 2 + body.CapturedCount || args[1].Rank == 0 || !args[0].Equals(body.ResultTypes[0])
            || !args[1].With(args[1].Shape[1..]).Equals(body.Program.Inputs[1].Type))
            throw Mismatch("scan", args);
        var y = body.ResultTypes[1];
        return output == 0 ? args[0] : y.With([args[1].Shape[0], .. y.Shape]);
    }

    public override NDArray Apply(IReadOnlyList<NDArray> args)
    {
        var captured = args.Skip(2).ToArray();
        var (carry, ys) = Lax.Scan((c, x) =>
        {
            var r = body.Apply([c[0], x[0]], captured);
            return ([r[0]], [r[1]]);
        }, [args[0]], [args[1]], reverse: reverse);
        return output == 0 ? carry[0] : ys[0];
    }

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics)
    {
        var (init, xs) = (args[0], args[1]);
        var captured = args.Skip(2).ToArray();
        var type = ResultType(args.Select(a => a.Type).ToArray());
        var n = xs.Shape[0];
        var sliceSize = n == 0 ? 0 : xs.Size / n;
        var sliceType = xs.Type.With(xs.Shape[1..]);
        var carry = init;
        var ys = new RefArray[n];
        for (var k = 0; k < n; k++)
        {
            var step = reverse ? n - 1 - k : k;
            var x = xs.Gather(sliceType, i => step * sliceSize + i);
            var r = body.Evaluate([carry, x], captured, numerics);
            (carry, ys[step]) = (r[0], r[1]);
        }
        if (output == 0) return carry;
        var ySize = (int)body.ResultTypes[1].Size;
        return RefArray.Build(type, i => (ys[i / ySize].Values[i % ySize], ys[i / ySize].Error[i % ySize]));
    }

    public override string Render(IReadOnlyList<string> args)
    {
        var step = body.Lambda($"{args[0]}_scan", args.Skip(2).ToArray(), r => $"([{r[0]}], [{r[1]}])");
        return $"Lax.Scan((c, x) => ({step})(c[0], x[0]), [{args[0]}], [{args[1]}], reverse: {(reverse ? "true" : "false")}).{(output == 0 ? "Carry" : "Ys")}[0]";
    }
}
