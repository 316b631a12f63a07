using JaxNet.Abstractions.Kernels;
using JaxNet.Fuzz.Ops;
using JaxNet.Fuzz.Programs;

namespace JaxNet.Fuzz.Generation;

internal static partial class OpGenerators
{
    /// <summary>The most iterations of a generated loop and the longest scan: the bounds compound with every iteration
    /// and the interpreter (and the finite differences, a dozen times) runs each.</summary>
    private const int MaxTrips = 4;

    /// <summary>
    /// A body over parameters of <paramref name="parameters"/>: one to three ops drawn from the program's own makers
    /// (control flow nested one level less deep), returning values of <paramref name="results"/> (null: the type of
    /// the last value made). Null when the options allow no more nesting.
    /// </summary>
    private static FuzzBody? Body(ProgramBuilder b, TensorType[] parameters, TensorType?[] results)
    {
        if (b.Options.ControlFlowDepth <= 0) return null;
        var body = new ProgramBuilder(b.Random, b.Options with { ControlFlowDepth = b.Options.ControlFlowDepth - 1 }) { Makers = b.Makers };
        foreach (var type in parameters) body.Input(type);
        ProgramGenerator.MakeOps(body, b.Makers, b.Random.Next(1, 4));
        var outputs = results.Select(t => Result(body, t ?? body.TypeOf(body.Count - 1), parameters.Length)).ToArray();
        return body.BuildBody(parameters.Length, outputs);
    }

    /// <summary>The last value of <paramref name="type"/> an op made in the body; else one made from a parameter of
    /// that type (plus a captured value, or not), or a captured value.</summary>
    private static int Result(ProgramBuilder body, TensorType type, int parameters)
    {
        for (var s = body.Count - 1; s >= parameters; s--)
            if (body.IsNode(s) && body.TypeOf(s).Equals(type)) return s;
        var parameter = Enumerable.Range(0, parameters).LastOrDefault(s => body.TypeOf(s).Equals(type), -1);
        if (parameter < 0) return body.Input(type);
        // (An op on a parameter past the size cap, a concatenation's say, is refused: then the captured value.)
        return (type.DType == DType.Bool
            ? body.Add(new UnaryFuzzOp(UnaryOp.Not), parameter)
            : body.Add(new BinaryFuzzOp(BinaryOp.Add), parameter, body.Input(type))) ?? body.Input(type);
    }

    /// <summary>The values a body captures, as new inputs of the enclosing program.</summary>
    private static int[] Capture(ProgramBuilder b, FuzzBody body) => body.Captured.Select(b.Input).ToArray();

    /// <summary>The first element of <paramref name="x"/> as a rank-0 value (which differs between the batch elements
    /// of a vmapped run, whose second element has its inputs reversed).</summary>
    private static int? FirstElement(ProgramBuilder b, int x)
    {
        var shape = b.TypeOf(x).Shape;
        var slice = b.Add(new SliceFuzzOp(new int[shape.Length], shape.Select(_ => 1).ToArray(), shape.Select(_ => 1).ToArray()), x);
        return slice is { } s ? b.Add(new ReshapeFuzzOp([]), s) : null;
    }

    /// <summary>A predicate for a cond: a bool input's first element, an integer value's (compared with zero by
    /// Lax.Cond itself), or a value's first element compared with a constant.</summary>
    private static int? Predicate(ProgramBuilder b)
    {
        if (b.Chance(0.3)) return FirstElement(b, b.Input(new TensorType(DType.Bool, [2])));
        if (b.Pick(t => t.Size > 0 && t.DType != DType.Bool) is not { } x || FirstElement(b, x) is not { } first) return null;
        var dtype = b.TypeOf(first).DType;
        if (!dtype.IsFloat() && b.Chance(0.5)) return first;
        return b.Add(new BinaryFuzzOp(b.Choose([BinaryOp.Gt, BinaryOp.Lt])), first, Constant(b, dtype, null));
    }

    public static int? Cond(ProgramBuilder b)
    {
        var x = b.Pick();
        var type = b.TypeOf(x);
        if (Predicate(b) is not { } predicate || Body(b, [type], [null]) is not { } onTrue) return null;
        var onFalse = Body(b, [type], [onTrue.ResultTypes[0]])!;
        return b.Add(new CondFuzzOp(onTrue, onFalse), [predicate, x, .. Capture(b, onTrue), .. Capture(b, onFalse)]);
    }

    /// <summary>A fori_loop with a static trip count, one with array bounds, or a while_loop on a counter; the dynamic
    /// counts come from an int32[2] input (its first element, so the batch elements of a vmapped run differ).</summary>
    public static int? Loop(ProgramBuilder b)
    {
        var x = b.Pick();
        var type = b.TypeOf(x);
        if (Body(b, [new TensorType(DType.Int32, []), type], [type]) is not { } body) return null;
        var kind = b.Choose(Enum.GetValues<LoopKind>());
        int[] bounds = [];
        if (kind != LoopKind.StaticFori)
        {
            var counts = Enumerable.Range(0, 2).Select(_ => Scalar.FromInteger(DType.Int32, b.Random.Next(-1, MaxTrips + 1))).ToArray();
            bounds = [b.Input(RefArray.Exact(new TensorType(DType.Int32, [2]), counts))];
        }
        return b.Add(new LoopFuzzOp(body, kind, b.Random.Next(0, MaxTrips + 1)), [x, .. bounds, .. Capture(b, body)]);
    }

    /// <summary>A scan over a value of the program with a short leading axis, or over a fresh input.</summary>
    public static int? Scan(ProgramBuilder b)
    {
        var carry = b.Pick();
        var xs = b.Pick(t => t.Rank >= 1 && t.Shape[0] <= MaxTrips + 1 && b.Chance(0.5));
        if (xs is null)
        {
            int[] slice = b.Chance(0.5) ? b.TypeOf(carry).Shape : RandomShapes.Of(b.Random, Math.Max(1, b.Options.MaxElements / (MaxTrips + 1)));
            xs = b.Input(new TensorType(b.Choose(b.Options.DTypes), [b.Random.Next(0, MaxTrips + 1), .. slice]));
        }
        var xsType = b.TypeOf(xs.Value);
        if (Body(b, [b.TypeOf(carry), xsType.With(xsType.Shape[1..])], [b.TypeOf(carry), null]) is not { } body) return null;
        return b.Add(new ScanFuzzOp(body, b.Chance(0.3), b.Random.Next(2)), [carry, xs.Value, .. Capture(b, body)]);
    }
}
