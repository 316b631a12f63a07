using JaxNet.Core;
using JaxNet.Parallel;
using JaxNet.Runtime;
using JaxNet.Transforms;

namespace JaxNet.Lowering;

/// <summary>
/// Jaxpr-to-jaxpr clean-up before lowering: constant folding (equations whose inputs are all known are evaluated
/// once, at compile time, when that does not grow the constants), contractions against an identity matrix replaced by
/// the other operand (<see cref="IdentityContraction"/>), reductions over unit axes replaced by reshapes
/// (<see cref="TrivialReduction"/>), common-subexpression elimination and dead-code elimination. Primitives are pure, so an equation whose results are unused can always go.
/// </summary>
internal static class Simplifier
{
    /// <summary>Largest result, in elements, that folding may create from non-scalar constants.</summary>
    private const long MaxFoldedElements = 1 << 16;

    public static ClosedJaxpr Simplify(ClosedJaxpr closed)
    {
        closed = CustomCallPrimitive.Inline(closed);
        var jaxpr = closed.Jaxpr;
        var known = new Dictionary<Var, NDArray>();
        for (var i = 0; i < jaxpr.ConstVars.Length; i++) known[jaxpr.ConstVars[i]] = closed.Consts[i];
        var subst = new Dictionary<Var, Atom>();
        Atom Sub(Atom a) => a is Var v && subst.TryGetValue(v, out var s) ? s : a;

        var seen = new Dictionary<EqnKey, Var[]>();
        var eqns = new List<JaxprEqn>();
        var identities = new IdentityContraction();
        foreach (var original in jaxpr.Eqns)
        {
            var eqn = original with { Inputs = original.Inputs.Select(Sub).ToArray() };
            if (eqn.Primitive.HasEffect)
            {
                eqns.Add(eqn);
                continue;
            }
            if (TryFold(eqn, known, subst)) continue;
            if (TrivialReduction.TryRewrite(eqn, out var reshape, out var same))
            {
                if (same is not null)
                {
                    subst[eqn.Outputs[0]] = same;
                    continue;
                }
                eqn = reshape!;
            }
            if (identities.TryRewrite(eqn, out var replacement, out var alias))
            {
                if (alias is not null) subst[eqn.Outputs[0]] = alias;
                eqns.AddRange(replacement);
                continue;
            }
            identities.Observe(eqn);
            var key = new EqnKey(eqn);
            if (seen.TryGetValue(key, out var previous))
            {
                for (var i = 0; i < eqn.Outputs.Length; i++) subst[eqn.Outputs[i]] = previous[i];
                continue;
            }
            seen[key] = eqn.Outputs;
            eqns.Add(eqn);
        }
        var outputs = jaxpr.Outputs.Select(Sub).ToArray();
        eqns = EliminateDeadCode(eqns, outputs);
        var used = new HashSet<Var>(eqns.SelectMany(e => e.Inputs).Concat(outputs).OfType<Var>());
        var constVars = known.Keys.Where(used.Contains).ToArray();
        var simplified = new Jaxpr(constVars, jaxpr.InVars, eqns.ToArray(), outputs);
        return new ClosedJaxpr(simplified, constVars.Select(v => known[v]).ToArray());
    }

    private static bool TryFold(JaxprEqn eqn, Dictionary<Var, NDArray> known, Dictionary<Var, Atom> subst)
    {
        // A collective's value depends on the other members' operands, not on its own constant one.
        if (eqn.Inputs.Length == 0 || eqn.Outputs.Length != 1 || eqn.Primitive is CollectivePrimitive) return false;
        var values = new NDArray[eqn.Inputs.Length];
        long largestInput = 0;
        for (var i = 0; i < values.Length; i++)
        {
            switch (eqn.Inputs[i])
            {
                case Literal lit:
                    values[i] = NDArray.FromScalar(lit.Value, lit.Aval.Weak);
                    break;
                case Var v when known.TryGetValue(v, out var value) && value.IsConcrete:
                    values[i] = value;
                    largestInput = Math.Max(largestInput, value.Size);
                    break;
                default:
                    return false;
            }
        }
        var output = eqn.Outputs[0];
        var scalarResult = output.Aval.Rank == 0;
        if (!scalarResult && (output.Aval.Size > Math.Max(largestInput, 1) || output.Aval.Size > MaxFoldedElements)) return false;
        var result = EagerDispatch.Apply(eqn.Primitive, values, eqn.Params)[0];
        if (scalarResult)
            subst[output] = new Literal(result.ToScalars()[0], output.Aval);
        else
            known[output] = result;
        return true;
    }

    private static List<JaxprEqn> EliminateDeadCode(List<JaxprEqn> eqns, Atom[] outputs)
    {
        var live = new HashSet<Var>(outputs.OfType<Var>());
        var kept = new List<JaxprEqn>();
        for (var i = eqns.Count - 1; i >= 0; i--)
        {
            var eqn = eqns[i];
            if (!eqn.Primitive.HasEffect && !eqn.Outputs.Any(live.Contains)) continue;
            kept.Add(eqn);
            foreach (var v in eqn.Inputs.OfType<Var>()) live.Add(v);
        }
        kept.Reverse();
        return kept;
    }

    /// <summary>Identity of an equation for CSE: primitive, params and inputs (variables by identity, literals by value).</summary>
    private readonly struct EqnKey(JaxprEqn eqn) : IEquatable<EqnKey>
    {
        private readonly JaxprEqn eqn = eqn;

        public bool Equals(EqnKey other)
        {
            var o = other.eqn;
            if (!ReferenceEquals(eqn.Primitive, o.Primitive) || eqn.Inputs.Length != o.Inputs.Length || !eqn.Params.Equals(o.Params)) return false;
            for (var i = 0; i < eqn.Inputs.Length; i++)
            {
                var (a, b) = (eqn.Inputs[i], o.Inputs[i]);
                if (a is Literal la && b is Literal lb ? !(la.Value.Equals(lb.Value) && la.Aval.Equals(lb.Aval)) : !ReferenceEquals(a, b)) return false;
            }
            return true;
        }

        public override bool Equals(object? obj) => obj is EqnKey k && Equals(k);

        public override int GetHashCode()
        {
            var h = new HashCode();
            h.Add(eqn.Primitive);
            h.Add(eqn.Params.GetHashCode());
            foreach (var a in eqn.Inputs) h.Add(a is Literal l ? l.Value.GetHashCode() : a.GetHashCode());
            return h.ToHashCode();
        }
    }
}
