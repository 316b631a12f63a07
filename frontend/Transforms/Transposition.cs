using JaxNet.Core;

namespace JaxNet.Transforms;

/// <summary>
/// Transposition of a linear jaxpr (Autodidax's backward_pass): walks the equations backwards, giving each linear
/// primitive the cotangents of its outputs and accumulating the cotangents of its linear inputs. Constants are
/// the known operands (non-linear coefficients). Equations whose outputs received no cotangent are skipped.
/// </summary>
internal static class Transposition
{
    /// <summary>Cotangents of the jaxpr's inputs (null: zero) given those of its outputs (null: zero).</summary>
    public static NDArray?[] BackwardPass(Jaxpr jaxpr, NDArray[] consts, NDArray?[] cotangents)
    {
        var known = new Dictionary<Var, NDArray>();
        for (var i = 0; i < consts.Length; i++) known[jaxpr.ConstVars[i]] = consts[i];
        var cts = new Dictionary<Var, NDArray>();
        void Accumulate(Atom atom, NDArray? ct)
        {
            if (ct is null || atom is not Var v || known.ContainsKey(v)) return;
            cts[v] = cts.TryGetValue(v, out var previous) ? Jax.Lax.Add(previous, ct) : ct;
        }
        for (var i = 0; i < cotangents.Length; i++) Accumulate(jaxpr.Outputs[i], cotangents[i]);
        for (var e = jaxpr.Eqns.Length - 1; e >= 0; e--)
        {
            var eqn = jaxpr.Eqns[e];
            if (!eqn.Outputs.Any(cts.ContainsKey)) continue;
            var outCts = eqn.Outputs.Select(o => cts.Remove(o, out var ct) ? ct : Tangents.Zeros(o.Aval)).ToArray();
            var operands = eqn.Inputs.Select(a => a switch
            {
                Literal l => NDArray.FromScalar(l.Value, l.Aval.Weak),
                Var v when known.TryGetValue(v, out var value) => value,
                _ => null,
            }).ToArray();
            var inCts = eqn.Primitive.Transpose(outCts, operands, eqn.Inputs.Select(a => a.Aval).ToArray(), eqn.Params);
            for (var i = 0; i < eqn.Inputs.Length; i++)
                if (operands[i] is null) Accumulate(eqn.Inputs[i], inCts[i]);
        }
        return jaxpr.InVars.Select(v => cts.GetValueOrDefault(v)).ToArray();
    }
}
