using JaxNet.Core;
using JaxNet.Primitives;

namespace JaxNet.Lowering;

/// <summary>
/// Contractions against an identity matrix, rewritten to the other operand moved into place. JacFwd (and so
/// Hessian) pushes the standard basis, an <c>eq(iota, iota)</c> identity, through every linear map: W @ I costs n^3
/// multiply-adds by zeros and ones and a kernel launch for a value that is W's own elements, transposed at most.
/// The rewrite gives the linear map's exact value: where the operand holds inf or NaN the product would have spread
/// NaN (inf * 0) along its row; the moved operand keeps each element where it is.
/// </summary>
/// <remarks>
/// The identity is tracked through the view-like equations that place it (reshapes, squeezes and broadcasts that
/// only add or remove unit axes, transposes) and through dtype conversions, as the unordered pair of axes along which
/// it is <c>delta(i, j)</c>; every other axis has size 1. Contractions with batch dimensions are left alone.
/// </remarks>
internal sealed class IdentityContraction
{
    /// <summary>An identity: δ(index[A], index[B]) with A &lt; B of equal size n &gt; 1, every other axis of size 1.</summary>
    private readonly record struct Axes(int A, int B);

    private readonly Dictionary<Var, (int[] Shape, int Dimension)> iotas = [];
    private readonly Dictionary<Var, Axes> identities = [];

    /// <summary>Records what <paramref name="eqn"/> tells about iotas and identities, for the equations after it.</summary>
    public void Observe(JaxprEqn eqn)
    {
        if (eqn.Outputs.Length != 1) return;
        var output = eqn.Outputs[0];
        if (ReferenceEquals(eqn.Primitive, Prims.Iota))
        {
            iotas[output] = (eqn.Params.Get<int[]>("shape"), eqn.Params.Get<int>("dimension"));
            return;
        }
        if (ReferenceEquals(eqn.Primitive, Prims.Eq))
        {
            if (eqn.Inputs is [Var x, Var y] && iotas.TryGetValue(x, out var ix) && iotas.TryGetValue(y, out var iy) &&
                Shapes.Equal(ix.Shape, iy.Shape) && ix.Dimension != iy.Dimension)
                Record(output, ix.Shape, Math.Min(ix.Dimension, iy.Dimension), Math.Max(ix.Dimension, iy.Dimension));
            return;
        }
        if (eqn.Inputs is not [Var input] || !identities.TryGetValue(input, out var axes)) return;
        if (ReferenceEquals(eqn.Primitive, Prims.ConvertElementType))
            identities[output] = axes;
        else if (ReferenceEquals(eqn.Primitive, Prims.Transpose))
        {
            var perm = eqn.Params.Get<int[]>("permutation");
            var (a, b) = (Array.IndexOf(perm, axes.A), Array.IndexOf(perm, axes.B));
            identities[output] = new Axes(Math.Min(a, b), Math.Max(a, b));
        }
        else if (eqn.Primitive is ReshapePrimitive or SqueezePrimitive or BroadcastInDimPrimitive)
        {
            // These keep the order of the axes: the two of size n are still the identity's, if nothing else grew.
            var wide = output.Aval.Shape.Select((size, axis) => (size, axis)).Where(d => d.size != 1).ToArray();
            if (wide.Length == 2) Record(output, output.Aval.Shape, wide[0].axis, wide[1].axis);
        }
    }

    private void Record(Var output, int[] shape, int a, int b)
    {
        if (shape[a] != shape[b] || shape[a] < 2) return;
        if (shape.Where((size, axis) => axis != a && axis != b && size != 1).Any()) return;
        identities[output] = new Axes(a, b);
    }

    /// <summary>
    /// The equations that compute <paramref name="eqn"/>'s output without the product, when it is a dot_general with
    /// an identity operand; <paramref name="alias"/> is set instead when the output is the other operand itself.
    /// </summary>
    public bool TryRewrite(JaxprEqn eqn, out List<JaxprEqn> replacement, out Atom? alias)
    {
        replacement = [];
        alias = null;
        if (eqn.Primitive is not DotGeneralPrimitive) return false;
        var d = DotGeneralPrimitive.Dims(eqn.Params);
        if (d.LhsBatch.Length != 0) return false;
        int[] lc = d.LhsContracting, rc = d.RhsContracting;
        if (eqn.Inputs[1] is Var rhs && identities.TryGetValue(rhs, out var ra) &&
            TryPlace(eqn.Inputs[0], lc, rc, ra, otherIsLhs: true, eqn.Outputs[0], replacement, out alias)) return true;
        replacement.Clear();
        return eqn.Inputs[0] is Var lhs && identities.TryGetValue(lhs, out var la) &&
            TryPlace(eqn.Inputs[1], rc, lc, la, otherIsLhs: false, eqn.Outputs[0], replacement, out alias);
    }

    /// <summary>
    /// <paramref name="x"/> contracted with an identity on <paramref name="identityAxes"/>: exactly one of the
    /// identity's two axes must be contracted (with x's axis c), the other stays free. The result is x with c put
    /// where the identity's free axis lands in the output: after x's free axes when x is the lhs, before them when it
    /// is the rhs (the identity's unit axes, and x's contracted unit axes, do not change the element order).
    /// </summary>
    private static bool TryPlace(Atom x, int[] xContracting, int[] identityContracting, Axes identityAxes, bool otherIsLhs,
        Var output, List<JaxprEqn> replacement, out Atom? alias)
    {
        alias = null;
        var pairs = identityContracting.Select((axis, i) => (Identity: axis, X: xContracting[i])).ToArray();
        var onIdentity = pairs.Where(p => p.Identity == identityAxes.A || p.Identity == identityAxes.B).ToArray();
        if (onIdentity.Length != 1) return false;
        var c = onIdentity[0].X;
        var xShape = x.Aval.Shape;
        var free = Enumerable.Range(0, xShape.Length).Where(axis => !xContracting.Contains(axis)).ToArray();
        var units = xContracting.Where(axis => axis != c).ToArray();
        int[] perm = otherIsLhs ? [.. free, c, .. units] : [c, .. free, .. units];
        var current = x;
        if (perm.Where((axis, i) => axis != i).Any())
            current = Emit(replacement, Prims.Transpose, Params.Of(("permutation", perm)), current,
                x.Aval.WithShape(perm.Select(axis => xShape[axis]).ToArray()));
        if (!Shapes.Equal(current.Aval.Shape, output.Aval.Shape))
            current = Emit(replacement, Prims.Reshape, Params.Of(("new_sizes", output.Aval.Shape)), current,
                current.Aval.WithShape(output.Aval.Shape));
        if (current.Aval.DType != output.Aval.DType || current.Aval.Weak != output.Aval.Weak)
            current = Emit(replacement, Prims.ConvertElementType,
                Params.Of(("new_dtype", output.Aval.DType), ("weak_type", output.Aval.Weak)), current, output.Aval);
        if (replacement.Count == 0)
        {
            alias = x;
            return true;
        }
        // The last equation writes the dot_general's own output variable, so nothing downstream needs renaming.
        var last = replacement[^1];
        replacement[^1] = last with { Outputs = [output] };
        return true;
    }

    private static Var Emit(List<JaxprEqn> into, Primitive primitive, Params p, Atom input, ShapedArray aval)
    {
        var v = new Var(aval);
        into.Add(new JaxprEqn(primitive, [input], p, [v]));
        return v;
    }
}
