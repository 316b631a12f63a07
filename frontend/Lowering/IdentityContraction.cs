using JaxNet.Core;
using JaxNet.Primitives;

namespace JaxNet.Lowering;

/// <summary>
/// Contractions against an identity matrix, or a diagonal one, rewritten to the other operand moved into place (and
/// scaled). JacFwd (and so Hessian) pushes the standard basis, an <c>eq(iota, iota)</c> identity, through every
/// linear map: W @ I costs n^3 multiply-adds by zeros and ones and a kernel launch for a value that is W's own
/// elements, transposed at most. JacRev pulls the basis back through an elementwise function first, so its linear
/// maps meet <c>I * f'(x)</c>, a diagonal matrix: diag(s) @ W is s[:, None] * W, n^2 products instead of n^3.
/// The rewrite gives the linear map's exact value: where the operand (or the scale) holds inf or NaN the product
/// would have spread NaN (inf * 0) along its row or column; the rewrite keeps each such element in its own place.
/// </summary>
/// <remarks>
/// The identity is tracked through the view-like equations that place it (reshapes, squeezes and broadcasts that
/// only add or remove unit axes, transposes) and through dtype conversions, as the unordered pair of axes along which
/// it is <c>delta(i, j)</c>; every other axis has size 1. A product of an identity with a value broadcast along one
/// of its two axes (or a scalar) is a diagonal matrix, tracked the same way with its diagonal; it is not tracked
/// through a conversion. Contractions with batch dimensions are left alone.
/// </remarks>
internal sealed class IdentityContraction
{
    /// <summary>
    /// An identity: δ(index[A], index[B]) with A &lt; B of equal size n &gt; 1, every other axis of size 1; a diagonal
    /// matrix when <paramref name="Scale"/> gives the factors its diagonal was made with, in order.
    /// </summary>
    private readonly record struct Axes(int A, int B, Factor[]? Scale = null);

    /// <summary>
    /// One factor of a diagonal: a scalar, or a vector of the diagonal's n elements (of any rank, its other axes of
    /// size 1), that the identity was multiplied or divided by.
    /// </summary>
    private readonly record struct Factor(Atom Value, bool Divides);

    private readonly Dictionary<Var, (int[] Shape, int Dimension)> iotas = [];
    private readonly Dictionary<Var, Axes> identities = [];

    /// <summary>Values that vary along one axis at most: a broadcast of a vector (Axis) or of a scalar (Axis -1).</summary>
    private readonly Dictionary<Var, (Atom Source, int Axis)> broadcasts = [];

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
        if (ReferenceEquals(eqn.Primitive, Prims.Mul) || ReferenceEquals(eqn.Primitive, Prims.Div))
        {
            ObserveScaling(eqn, output, divides: ReferenceEquals(eqn.Primitive, Prims.Div));
            return;
        }
        if (eqn.Primitive is BroadcastInDimPrimitive && eqn.Inputs is [var source])
        {
            var wide = Enumerable.Range(0, source.Aval.Shape.Length).Where(axis => source.Aval.Shape[axis] != 1).ToArray();
            if (wide.Length <= 1)
                broadcasts[output] = (source, wide.Length == 0 ? -1 : eqn.Params.Get<int[]>("broadcast_dimensions")[wide[0]]);
        }
        if (eqn.Inputs is not [Var input] || !identities.TryGetValue(input, out var axes)) return;
        if (ReferenceEquals(eqn.Primitive, Prims.ConvertElementType))
        {
            if (axes.Scale is null) identities[output] = axes;
        }
        else if (ReferenceEquals(eqn.Primitive, Prims.Transpose))
        {
            var perm = eqn.Params.Get<int[]>("permutation");
            var (a, b) = (Array.IndexOf(perm, axes.A), Array.IndexOf(perm, axes.B));
            identities[output] = axes with { A = Math.Min(a, b), B = Math.Max(a, b) };
        }
        else if (eqn.Primitive is ReshapePrimitive or SqueezePrimitive or BroadcastInDimPrimitive)
        {
            // These keep the order of the axes: the two of size n are still the identity's, if nothing else grew.
            var wide = output.Aval.Shape.Select((size, axis) => (size, axis)).Where(d => d.size != 1).ToArray();
            if (wide.Length == 2) Record(output, output.Aval.Shape, wide[0].axis, wide[1].axis, axes.Scale);
        }
    }

    /// <summary>
    /// An identity (or diagonal) times a scalar or a vector broadcast along one of its two axes, or divided by one:
    /// on the diagonal index[A] = index[B], so either axis gives the same element.
    /// </summary>
    private void ObserveScaling(JaxprEqn eqn, Var output, bool divides)
    {
        if (eqn.Inputs.Length != 2) return;
        for (var side = 0; side < (divides ? 1 : 2); side++)
        {
            if (eqn.Inputs[side] is not Var identity || !identities.TryGetValue(identity, out var axes)) continue;
            var other = eqn.Inputs[1 - side];
            if (other.Aval.DType != output.Aval.DType) continue;
            Atom factor;
            if (other.Aval.Shape.Length == 0) factor = other;
            else if (other is Var v && broadcasts.TryGetValue(v, out var b) && (b.Axis == -1 || b.Axis == axes.A || b.Axis == axes.B))
                factor = b.Source;
            else continue;
            identities[output] = axes with { Scale = [.. axes.Scale ?? [], new Factor(factor, divides)] };
            return;
        }
    }

    private void Record(Var output, int[] shape, int a, int b, Factor[]? scale = null)
    {
        if (shape[a] != shape[b] || shape[a] < 2) return;
        if (shape.Where((size, axis) => axis != a && axis != b && size != 1).Any()) return;
        identities[output] = new Axes(a, b, scale);
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
        if (identityAxes.Scale is { } factors && factors.Any(f => f.Value.Aval.DType != x.Aval.DType)) return false;
        if (perm.Where((axis, i) => axis != i).Any())
            current = Emit(replacement, Prims.Transpose, Params.Of(("permutation", perm)), [current],
                x.Aval.WithShape(perm.Select(axis => xShape[axis]).ToArray()));
        if (identityAxes.Scale is { } scale)
        {
            var diagonal = Diagonal(replacement, scale, xShape[c]);
            // The diagonal's element i multiplies x's slice i along c, the axis the identity's free axis became.
            var shape = current.Aval.Shape;
            int[] dims = diagonal.Aval.Shape.Length == 0 ? [] : [otherIsLhs ? free.Length : 0];
            var spread = Emit(replacement, Prims.BroadcastInDim,
                Params.Of(("shape", shape), ("broadcast_dimensions", dims)), [diagonal], diagonal.Aval.WithShape(shape));
            current = Emit(replacement, Prims.Mul, Params.Empty, [current, spread],
                current.Aval.WithDType(current.Aval.DType, current.Aval.Weak && diagonal.Aval.Weak));
        }
        if (!Shapes.Equal(current.Aval.Shape, output.Aval.Shape))
            current = Emit(replacement, Prims.Reshape, Params.Of(("new_sizes", output.Aval.Shape)), [current],
                current.Aval.WithShape(output.Aval.Shape));
        if (current.Aval.DType != output.Aval.DType || current.Aval.Weak != output.Aval.Weak)
            current = Emit(replacement, Prims.ConvertElementType,
                Params.Of(("new_dtype", output.Aval.DType), ("weak_type", output.Aval.Weak)), [current], output.Aval);
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

    /// <summary>
    /// The diagonal's values, a scalar or a vector of <paramref name="n"/>, computed from its factors in the order
    /// they were applied to the identity's ones, so that each element is rounded as the dense diagonal's was.
    /// </summary>
    private static Atom Diagonal(List<JaxprEqn> into, Factor[] factors, int n)
    {
        Atom? diagonal = null;
        foreach (var factor in factors)
        {
            var value = factor.Value;
            var rank = value.Aval.Shape.Any(size => size != 1) ? 1 : 0;
            if (value.Aval.Shape.Length != rank)
                value = Emit(into, Prims.Reshape, Params.Of(("new_sizes", rank == 0 ? Array.Empty<int>() : [n])), [value],
                    value.Aval.WithShape(rank == 0 ? [] : [n]));
            if (diagonal is null && !factor.Divides)
            {
                diagonal = value;
                continue;
            }
            diagonal ??= new Literal(Scalar.Of(value.Aval.DType, 1), value.Aval.WithShape([]));
            (diagonal, value) = (SpreadTo(into, diagonal, value), SpreadTo(into, value, diagonal));
            var shape = diagonal.Aval.Shape.Length >= value.Aval.Shape.Length ? diagonal.Aval.Shape : value.Aval.Shape;
            var aval = new ShapedArray(shape, value.Aval.DType, diagonal.Aval.Weak && value.Aval.Weak);
            diagonal = Emit(into, factor.Divides ? Prims.Div : Prims.Mul, Params.Empty, [diagonal, value], aval);
        }
        return diagonal!;
    }

    /// <summary>
    /// <paramref name="x"/> broadcast to <paramref name="like"/>'s shape when it is a scalar variable and that is a
    /// vector (a scalar literal operand broadcasts by itself, as in JAX's jaxprs).
    /// </summary>
    private static Atom SpreadTo(List<JaxprEqn> into, Atom x, Atom like) =>
        x.Aval.Shape.Length != 0 || like.Aval.Shape.Length == 0 || x is Literal ? x
            : Emit(into, Prims.BroadcastInDim, Params.Of(("shape", like.Aval.Shape), ("broadcast_dimensions", Array.Empty<int>())),
                [x], x.Aval.WithShape(like.Aval.Shape));

    private static Var Emit(List<JaxprEqn> into, Primitive primitive, Params p, Atom[] inputs, ShapedArray aval)
    {
        var v = new Var(aval);
        into.Add(new JaxprEqn(primitive, inputs, p, [v]));
        return v;
    }
}
