using JaxNet.Core;

namespace JaxNet.Transforms;

/// <summary>
/// The JVP of a closed jaxpr as a new closed jaxpr (JAX's ad.jvp_jaxpr), for the JVP rules of control-flow
/// primitives. The result takes (primals..., tangents of the inputs flagged nonzero...) and returns (primal outputs...,
/// tangents of the outputs that are nonzero...). An output flagged in <c>instantiate</c> always gets a tangent (zeros
/// when it does not depend on a nonzero tangent), so that loop carries and cond branches agree on their tangents.
/// Only floating-point values have tangents: flags of other values are ignored.
/// </summary>
internal static class JvpJaxpr
{
    public static (ClosedJaxpr Jaxpr, bool[] OutNonzero) Jvp(ClosedJaxpr closed, bool[] nonzero, bool[] instantiate)
    {
        var inAvals = closed.InAvals;
        var outAvals = closed.OutAvals;
        var inNonzero = nonzero.Select((z, i) => z && Tangents.HasTangentSpace(inAvals[i])).ToArray();
        var outNonzero = new bool[outAvals.Length];
        var jaxpr = Tracing.ToJaxpr(args =>
        {
            var primals = args[..inAvals.Length];
            var tangents = JaxprRewrite.Scatter(inNonzero, args[inAvals.Length..]);
            var (primalsOut, tangentsOut) = ForwardMode.Jvp(a => JaxprEval.Eval(closed, a), primals, tangents, "jvp_jaxpr");
            var kept = new List<NDArray>();
            for (var i = 0; i < primalsOut.Length; i++)
            {
                if (!Tangents.HasTangentSpace(outAvals[i])) continue;
                var t = tangentsOut[i] ?? (instantiate[i] ? Tangents.Zeros(outAvals[i].Strong()) : null);
                outNonzero[i] = t is not null;
                if (t is not null) kept.Add(t);
            }
            return [.. primalsOut, .. kept];
        }, [.. inAvals, .. JaxprRewrite.Pick(inAvals, inNonzero).Select(a => a.Strong())], "jvp", null);
        return (jaxpr, outNonzero);
    }

    /// <summary>Which of <paramref name="values"/>' tangents are nonzero: non-null tangents of floating-point values.</summary>
    public static bool[] Nonzero(NDArray[] values, NDArray?[] tangents) =>
        tangents.Select((t, i) => t is not null && Tangents.HasTangentSpace(values[i].Aval)).ToArray();
}
