using JaxNet.Fuzz.Programs;

namespace JaxNet.Fuzz.Ops;

/// <summary>How a loop's trip count is given.</summary>
public enum LoopKind
{
    /// <summary>lax.fori_loop(0, n) with a static n: a scan, so reverse mode works.</summary>
    StaticFori,

    /// <summary>lax.fori_loop with array bounds: a while loop over (i, upper, carry).</summary>
    DynamicFori,

    /// <summary>lax.while_loop over (i, carry) while i &lt; n.</summary>
    While,
}

/// <summary>
/// A loop <c>for i in [0, n): carry = body(i, carry)</c> whose body takes an int32 counter and the carry and returns
/// the carry's type. Operands: the initial carry, then (for a dynamic trip count) an int32[2] whose first element is
/// n (under Vmap the batch elements may take different counts, and the loop runs until all have finished), then the
/// values the body captures. JAX cannot reverse-differentiate the dynamic kinds (<see cref="IsDynamic"/>).
/// </summary>
public sealed class LoopFuzzOp(FuzzBody body, LoopKind kind, int trips) : FuzzOp
{
    public override IReadOnlyList<FuzzBody> Bodies => [body];

    public override FuzzOp Retyped(Func<DType, DType> retype) => new LoopFuzzOp(body.Retyped(retype), kind, trips);

    public bool IsDynamic => kind != LoopKind.StaticFori;

    private int Fixed => IsDynamic ? 2 : 1;

    public override TensorType ResultType(IReadOnlyList<TensorType> args)
    {
        if (args.Count != Fixed + body.CapturedCount || !args[0].Equals(body.ResultTypes[0])
            || IsDynamic && !args[1].Equals(new TensorType(DType.Int32, [2])))
            throw Mismatch(kind.ToString(), args);
        return args[0];
    }

    public override NDArray Apply(IReadOnlyList<NDArray> args)
    {
        var captured = args.Skip(Fixed).ToArray();
        NDArray Step(NDArray i, NDArray carry) => body.Apply([i, carry], captured)[0];
        if (kind == LoopKind.StaticFori) return Lax.ForiLoop(0, trips, Step, args[0]);
        var upper = Lax.Reshape(Lax.Slice(args[1], [0], [1]), []);
        var zero = Lax.ConvertElementType(Jnp.Scalar(0), DType.Int32);
        if (kind == LoopKind.DynamicFori) return Lax.ForiLoop(zero, upper, Step, args[0]);
        var one = Lax.ConvertElementType(Jnp.Scalar(1), DType.Int32);
        return Lax.WhileLoop(c => Lax.Lt(c[0], upper), c => [Lax.Add(c[0], one), Step(c[0], c[1])], [zero, args[0]])[1];
    }

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics)
    {
        var captured = args.Skip(Fixed).ToArray();
        var n = IsDynamic ? args[1].Values[0].Bits : trips;
        var carry = args[0];
        for (var i = 0; i < n; i++)
            carry = body.Evaluate([RefArray.Exact(new TensorType(DType.Int32, []), [Scalar.FromInteger(DType.Int32, i)]), carry], captured, numerics)[0];
        return carry;
    }

    public override string Render(IReadOnlyList<string> args)
    {
        var captured = args.Skip(Fixed).ToArray();
        var step = body.Lambda($"{args[0]}_loop", captured, r => r[0]);
        var upper = IsDynamic ? $"Lax.Reshape(Lax.Slice({args[1]}, [0], [1]), [])" : "";
        const string zero = "Lax.ConvertElementType(Jnp.Scalar(0), DType.Int32)", one = "Lax.ConvertElementType(Jnp.Scalar(1), DType.Int32)";
        return kind switch
        {
            LoopKind.StaticFori => $"Lax.ForiLoop(0, {trips}, {step}, {args[0]})",
            LoopKind.DynamicFori => $"Lax.ForiLoop({zero}, {upper}, {step}, {args[0]})",
            _ => $"Lax.WhileLoop(c => Lax.Lt(c[0], {upper}), c => [Lax.Add(c[0], {one}), ({step})(c[0], c[1])], [{zero}, {args[0]}])[1]",
        };
    }
}
