using JaxNet.Core;

namespace JaxNet.Lowering;

/// <summary>
/// Rewrites a jaxpr's complex values into real ones before lowering, so that backends only ever see real kernels
/// (the kernel IR and ABI v1 have no complex types). A complex array of shape S lives on a device as S x 2 values of
/// its component type, real and imaginary parts interleaved (NumPy's layout, so host copies need no conversion).
/// The rewritten jaxpr takes and returns those S x 2 arrays; inside it each complex value is a pair of real arrays
/// (<see cref="Planar"/>), and each equation with complex operands or results is replaced by real primitives on the
/// parts (<see cref="Primitive.ExpandComplex"/>): structural ops apply to both parts, a product becomes four real
/// products, exp becomes exp, cos and sin of the parts. Eager ops and jitted functions take this path alike, since
/// both lower through <see cref="JaxprLowering"/>. The rewrite is itself a trace (the rules bind real primitives),
/// so the result is an ordinary jaxpr that fuses like any other.
/// </summary>
internal static partial class ComplexExpansion
{
    /// <summary>True when some value of <paramref name="jaxpr"/> is complex.</summary>
    public static bool Needed(Jaxpr jaxpr) =>
        jaxpr.ConstVars.Concat(jaxpr.InVars).Any(v => v.Aval.DType.IsComplex())
        || jaxpr.Outputs.Any(a => a.Aval.DType.IsComplex())
        || jaxpr.Eqns.Any(e => e.Inputs.Any(a => a.Aval.DType.IsComplex()) || e.Outputs.Any(v => v.Aval.DType.IsComplex()));

    /// <summary>The storage type of a value: a complex S array is a real S x 2 array.</summary>
    public static ShapedArray Storage(ShapedArray aval) =>
        aval.DType.IsComplex() ? new ShapedArray([.. aval.Shape, 2], aval.DType.RealPart()) : aval;

    /// <summary>
    /// Whether the expansion running on this thread is for a backend with its own Fourier transform kernel
    /// (<see cref="LoweringTarget.NativeFft"/>): the fft rule then binds one planar transform per axis instead of
    /// building it from matrix products. Ambient because the rules' signature is shared by every primitive.
    /// </summary>
    [ThreadStatic] private static bool nativeFft;

    internal static bool NativeFft => nativeFft;

    /// <summary>The real jaxpr computing <paramref name="jaxpr"/> on storage arrays (constants stay first).</summary>
    /// <param name="interleavedFft">The backend's transform kernel also reads and writes complex arrays interleaved
    /// (<see cref="LoweringTarget.InterleavedFft"/>): the fft rule then hands it the stored arrays.</param>
    public static Jaxpr Expand(Jaxpr jaxpr, bool nativeFft = false, bool interleavedFft = false)
    {
        var boundary = jaxpr.ConstVars.Concat(jaxpr.InVars).ToArray();
        var outer = (ComplexExpansion.nativeFft, ComplexExpansion.interleavedFft, interleaved);
        (ComplexExpansion.nativeFft, ComplexExpansion.interleavedFft, interleaved) = (nativeFft, nativeFft && interleavedFft, null);
        ClosedJaxpr closed;
        try
        {
            closed = Tracing.ToJaxpr(args => Run(jaxpr, boundary, args), boundary.Select(v => Storage(v.Aval)).ToArray(), "complex expansion", null);
        }
        finally
        {
            (ComplexExpansion.nativeFft, ComplexExpansion.interleavedFft, interleaved) = outer;
        }
        if (closed.Consts.Length > 0)
            throw new InvalidOperationException("complex expansion: a rule captured a concrete array (rules must build constants from literals and iota)");
        var j = closed.Jaxpr;
        var k = jaxpr.ConstVars.Length;
        return new Jaxpr(j.InVars[..k], j.InVars[k..], j.Eqns, j.Outputs);
    }

    private static NDArray[] Run(Jaxpr jaxpr, Var[] boundary, NDArray[] args)
    {
        var env = new Dictionary<Var, Planar>();
        for (var i = 0; i < boundary.Length; i++) env[boundary[i]] = Unpack(args[i], boundary[i].Aval);
        foreach (var eqn in jaxpr.Eqns)
        {
            var inputs = eqn.Inputs.Select(a => Read(env, a)).ToArray();
            var outAvals = eqn.Outputs.Select(o => o.Aval).ToArray();
            Planar[] outputs;
            if (inputs.Any(x => x.IsComplex) || outAvals.Any(a => a.DType.IsComplex()))
            {
                outputs = eqn.Primitive.ExpandComplex(inputs, eqn.Params, outAvals);
                Check(eqn, outputs, outAvals);
            }
            else outputs = eqn.Primitive.Bind(eqn.Params, inputs.Select(x => x.Re).ToArray()).Select(Planar.Real).ToArray();
            for (var k = 0; k < outputs.Length; k++) env[eqn.Outputs[k]] = outputs[k];
        }
        return jaxpr.Outputs.Select(a => Pack(Read(env, a), a.Aval)).ToArray();
    }

    private static Planar Read(Dictionary<Var, Planar> env, Atom atom)
    {
        if (atom is Var v) return env[v];
        var literal = (Literal)atom;
        var value = literal.Value;
        if (!value.DType.IsComplex()) return Planar.Real(NDArray.FromScalar(value, literal.Aval.Weak));
        var part = value.DType.RealPart();
        return Planar.Complex(NDArray.FromScalar(Scalar.Of(part, value.Value), literal.Aval.Weak),
            NDArray.FromScalar(Scalar.Of(part, value.Imag), literal.Aval.Weak));
    }

    // Parts of an interleaved S x 2 array: two strided slices, which the lowering reads in place.
    private static Planar Unpack(NDArray stored, ShapedArray aval)
    {
        if (!aval.DType.IsComplex()) return Planar.Real(stored);
        return Parts(stored, aval.Shape, owned: false);
    }

    // The pairs written back: each point of S x 2 selects its part, both parts read through broadcasts (views), so
    // the producers of both fuse into the one kernel that writes the result.
    private static NDArray Pack(Planar value, ShapedArray aval)
    {
        if (!aval.DType.IsComplex()) return value.Re;
        if (StoredResult(value) is { } stored) return stored;
        int[] shape = [.. aval.Shape, 2];
        var dims = Enumerable.Range(0, aval.Rank).ToArray();
        NDArray Spread(NDArray part) => Jax.Lax.BroadcastInDim(part, shape, part.Ndim == 0 ? [] : dims);
        var isReal = Jax.Lax.Eq(Jax.Lax.BroadcastedIota(DType.Int32, shape, aval.Rank), Jnp.Zeros(shape, DType.Int32));
        return Jax.Lax.Select(isReal, Spread(value.Re), Spread(value.ImOrZero));
    }

    // A rule that returns the wrong kind of value would lower garbage: fail here, naming the primitive.
    private static void Check(JaxprEqn eqn, Planar[] outputs, ShapedArray[] avals)
    {
        if (outputs.Length != avals.Length)
            throw new InvalidOperationException($"complex expansion of {eqn.Primitive.Name} gave {outputs.Length} results for {avals.Length}");
        for (var i = 0; i < avals.Length; i++)
        {
            var expected = avals[i].DType.RealPart();
            var o = outputs[i];
            if (o.IsComplex != avals[i].DType.IsComplex() || o.Re.DType != expected || (o.Im is { } im && im.DType != expected)
                || !Shapes.Equal(o.Re.Aval.Shape, avals[i].Shape))
                throw new InvalidOperationException(
                    $"complex expansion of {eqn.Primitive.Name} gave {o.Re.Aval.Str()}{(o.IsComplex ? " pairs" : "")} for {avals[i].Str()}");
        }
    }
}
