using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jnp
{
    /// <summary>
    /// numpy.piecewise as JAX evaluates it: element by element, the function of the last condition that holds
    /// (conditions are broadcast with x), or where none does the extra last function when
    /// <paramref name="funclist"/> has one more entry than <paramref name="condlist"/> (else 0). Each function is
    /// called on single elements (a <c>Jax.Lax.Switch</c> vectorized
    /// over x, so under the batching every function runs on every element and the results are selected); results
    /// take x's dtype. Works under Jit and Grad. A constant choice is written as a function of its element,
    /// <c>_ =&gt; 2.5</c>, or use the overload that takes values.
    /// </summary>
    public static NDArray Piecewise(NDArray x, NDArray[] condlist, Func<NDArray, NDArray>[] funclist)
    {
        var (nc, nf) = (condlist.Length, funclist.Length);
        if (nf != nc && nf != nc + 1)
            throw new ArgumentException($"piecewise: with {nc} condition(s), either {nc} or {nc + 1} functions are expected; got {nf}", nameof(funclist));
        var dtype = x.DType;
        Func<NDArray, NDArray> otherwise = nf == nc + 1 ? funclist[nc] : _ => 0;
        var branches = new[] { otherwise }.Concat(funclist.Take(nc))
            .Select(f => (Func<NDArray, NDArray>)(e => Lax.ConvertElementType(f(e), dtype))).ToArray();
        var conditions = BroadcastArrays([x, .. condlist.Select(ToBool)]);
        // Branch i + 1 for the last condition i that holds, branch 0 where none does.
        NDArray index = Zeros(conditions[0].Shape, DType.Int32);
        for (var i = 0; i < nc; i++) index = Where(conditions[i + 1], i + 1, index);
        return Vectorize((NDArray i, NDArray e) => Lax.Switch(i, branches, e))(index, conditions[0]);
    }

    /// <summary>numpy.piecewise with a constant per condition (and optionally one more for elements where none holds,
    /// else 0), cast to x's dtype.</summary>
    public static NDArray Piecewise(NDArray x, NDArray[] condlist, NDArray[] valuelist) =>
        Piecewise(x, condlist, valuelist.Select(v => (Func<NDArray, NDArray>)(_ => v)).ToArray());
}
