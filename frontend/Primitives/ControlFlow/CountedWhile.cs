using JaxNet.Core;

namespace JaxNet.Primitives;

/// <summary>
/// A while loop that counts: its condition is <c>counter &lt; bound</c> on an integer carry that the body increments
/// by one, against a bound that cannot change (a literal, a constant of the condition, or a carry the body passes on
/// as it is), the loop <c>fori_loop</c> with traced bounds makes. It runs exactly <c>max(bound - counter, 0)</c>
/// times, so the host reads the counter and the bound once and runs the body that often, instead of launching the
/// condition and reading its predicate back every iteration (XLA finds trip counts the same way).
/// </summary>
/// <remarks>The counter is carry <paramref name="counter"/>; the bound is an atom of <paramref name="cond"/>, whose
/// first <paramref name="condConsts"/> inputs are its constants.</remarks>
internal sealed class CountedWhile(int counter, Atom bound, ClosedJaxpr cond, int condConsts)
{
    /// <summary>The loop's counter and bound when <paramref name="p"/> is a while loop that counts; else null.</summary>
    public static CountedWhile? Of(Params p)
    {
        var (nc, nb) = (p.Get<int>("cond_nconsts"), p.Get<int>("body_nconsts"));
        var cond = WhilePrimitive.CondJaxpr(p);
        var body = WhilePrimitive.BodyJaxpr(p).Jaxpr;
        if (cond.Jaxpr.Eqns is not [{ } compare] || compare.Primitive != Prims.Lt || cond.Jaxpr.Outputs[0] != compare.Outputs[0]) return null;
        var carryIn = cond.Jaxpr.InVars[nc..];
        var counter = Array.IndexOf(carryIn, compare.Inputs[0] as Var);
        if (counter < 0 || !carryIn[counter].Aval.DType.IsInteger() || !IncrementsByOne(body, nb, counter)) return null;
        var bound = compare.Inputs[1];
        if (bound is Var v && Array.IndexOf(carryIn, v) is var carried and >= 0)
        {
            if (carried == counter || body.Outputs[carried] != body.InVars[nb + carried]) return null;
        }
        else if (bound is Var constant && !cond.Jaxpr.InVars[..nc].Contains(constant) && !cond.Jaxpr.ConstVars.Contains(constant)) return null;
        return new CountedWhile(counter, bound, cond, nc);
    }

    /// <summary>True when the body's output <paramref name="k"/> is its carry k plus one.</summary>
    private static bool IncrementsByOne(Jaxpr body, int nb, int k)
    {
        var carry = body.InVars[nb + k];
        if (body.Outputs[k] is not Var next || body.Eqns.FirstOrDefault(e => e.Outputs.Contains(next)) is not { } add) return false;
        return add.Primitive == Prims.Add && add.Inputs is [var x, var y] &&
               ((x == carry && IsOne(y)) || (y == carry && IsOne(x)));
    }

    private static bool IsOne(Atom a) => a is Literal { Value.Bits: 1 } one && !one.Value.DType.IsInexact();

    /// <summary>How many times the loop runs from <paramref name="carry"/> (waits for the counter and the bound).</summary>
    public long Trips(NDArray[] condConstValues, NDArray[] carry)
    {
        var from = Integer(carry[counter]);
        var to = bound switch
        {
            Literal literal => literal.Value.Bits,
            Var v when Array.IndexOf(cond.Jaxpr.InVars, v) is var i and >= 0 => Integer(i < condConsts ? condConstValues[i] : carry[i - condConsts]),
            Var v => Integer(cond.Consts[Array.IndexOf(cond.Jaxpr.ConstVars, v)]),
            _ => throw new InvalidOperationException($"the bound of a counted loop is a {bound.GetType().Name}"),
        };
        return Math.Max(to - from, 0);
    }

    private static long Integer(NDArray x) => x.LiteralValue?.Bits ?? x.ToScalars()[0].Bits;
}
