using JaxNet.Core;
using JaxNet.Runtime;
using JaxNet.Transforms;

namespace JaxNet.Primitives;

/// <summary>
/// scan[jaxpr, num_consts, num_carry, length, reverse]: inputs (consts..., carry..., xs...), where each x is stacked
/// along a leading axis of <c>length</c>; <c>jaxpr(consts, carry, x[i]) = (carry', y)</c> runs for i = 0..length-1
/// (backwards when reversed), and the results are the final carry and the ys stacked the same way (JAX's scan).
/// Compiled, it is one step program launched <c>length</c> times: the program slices x[i] with dynamic_slice and
/// writes y into the stacked ys with dynamic_update_slice, fused around the body, with the step counter carried on
/// the device (nothing is read back), plus a program that makes the zero-filled ys.
/// </summary>
public sealed class ScanPrimitive() : ControlFlowPrimitive("scan")
{
    public static ClosedJaxpr Body(Params p) => p.Get<ClosedJaxpr>("jaxpr");

    public static Params MakeParams(ClosedJaxpr body, int consts, int carry, int length, bool reverse) => Params.Of(
        ("jaxpr", body), ("num_consts", consts), ("num_carry", carry), ("length", length), ("reverse", reverse));

    private static (int Consts, int Carry, int Length, bool Reverse) Sizes(Params p) =>
        (p.Get<int>("num_consts"), p.Get<int>("num_carry"), p.Get<int>("length"), p.Get<bool>("reverse"));

    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        var (nc, nk, length, _) = Sizes(p);
        var body = Body(p);
        var xs = inputs[(nc + nk)..];
        foreach (var x in xs)
            if (x.Rank == 0 || x.Shape[0] != length)
                throw Error($"every scanned input must have a leading axis of the scan's length {length}, got {x.Str()}");
        var slices = xs.Select(x => x.WithShape(x.Shape[1..])).ToArray();
        ControlFlowTypes.CheckInputs(Name, "f", body.InAvals, [.. inputs[..(nc + nk)], .. slices]);
        var outs = body.OutAvals;
        var carry = inputs[nc..(nc + nk)];
        WhilePrimitive.CheckCarry(carry, outs[..Math.Min(nk, outs.Length)], "scan", "f");
        return [.. carry, .. outs[nk..].Select(y => y.WithShape([length, .. y.Shape]))];
    }

    public override IReadOnlyList<ControlBody> Bodies(Params p)
    {
        var (nc, nk, length, reverse) = Sizes(p);
        var body = Body(p);
        var yAvals = body.OutAvals[nk..].Select(y => new ShapedArray([length, .. y.Shape], y.DType)).ToArray();
        var zeros = Tracing.ToJaxpr(_ => yAvals.Select(y =>
            Jax.Lax.BroadcastInDim(NDArray.FromScalar(Scalar.Of(y.DType, 0), false), y.Shape, [])).ToArray(), [], "scan", null);
        var inAvals = body.InAvals;
        var xAvals = inAvals[(nc + nk)..].Select(x => new ShapedArray([length, .. x.Shape], x.DType)).ToArray();
        ShapedArray counter = new([], DType.Int32);
        var step = Tracing.ToJaxpr(a => Step(body, a, nc, nk, xAvals.Length, length, reverse),
            [.. inAvals[..(nc + nk)].Select(x => x.Strong()), counter, .. xAvals, .. yAvals], "scan", null);
        return [new("zeros", zeros), new("step", step)];
    }

    /// <summary>One iteration: (consts, carry, i, xs, ys) -> (carry', i + 1, ys with y written at the step's row).</summary>
    private static NDArray[] Step(ClosedJaxpr body, NDArray[] a, int nc, int nk, int nx, int length, bool reverse)
    {
        static NDArray Int(long v) => NDArray.FromScalar(Scalar.Of(DType.Int32, v), false);
        var consts = a[..nc];
        var carry = a[nc..(nc + nk)];
        var i = a[nc + nk];
        var xs = a[(nc + nk + 1)..(nc + nk + 1 + nx)];
        var ys = a[(nc + nk + 1 + nx)..];
        var row = reverse ? Jax.Lax.Sub(Int(length - 1), i) : i;
        NDArray[] Start(int rank) => [row, .. Enumerable.Repeat(Int(0), rank - 1)];
        var slices = xs.Select(x => Jax.Lax.Reshape(Jax.Lax.DynamicSlice(x, Start(x.Ndim), [1, .. x.Shape[1..]]), x.Shape[1..])).ToArray();
        var outs = JaxprEval.Eval(body, [.. consts, .. carry, .. slices]);
        var written = ys.Select((y, k) =>
        {
            var value = Jax.Lax.ConvertElementType(outs[nk + k], y.DType);
            return Jax.Lax.DynamicUpdateSlice(y, Jax.Lax.Reshape(value, [1, .. y.Shape[1..]]), Start(y.Ndim));
        }).ToArray();
        var carried = outs[..nk].Select((c, k) => Jax.Lax.ConvertElementType(c, carry[k].DType)).ToArray();
        return [.. carried, Jax.Lax.Add(i, Int(1)), .. written];
    }

    internal override NDArray[] Run(HostProgram[] bodies, NDArray[] inputs, Params p, Device device)
    {
        var (nc, nk, length, _) = Sizes(p);
        var consts = inputs[..nc];
        var xs = inputs[(nc + nk)..];
        var state = (NDArray[])[.. inputs[nc..(nc + nk)], NDArray.FromScalar(Scalar.Of(DType.Int32, 0), false), .. bodies[0].Run(device, [])];
        for (var i = 0; i < length; i++)
        {
            var next = bodies[1].Run(device, [.. consts, .. state[..(nk + 1)], .. xs, .. state[(nk + 1)..]]);
            Release(state, next, inputs);
            state = next;
        }
        return [.. state[..nk], .. state[(nk + 1)..]];
    }

    /// <summary>
    /// Every carry batched along axis 0, batched xs along axis 1 (axis 0 is the scanned one), so that a slice x[i]
    /// is batched along 0 in the body; the ys come out batched along axis 1.
    /// </summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p)
    {
        var size = Batching.Size(inputs, axes);
        var (nc, nk, length, reverse) = Sizes(p);
        var values = inputs.Select((x, i) => i < nc ? (axes[i] is { } a ? Batching.MoveAxis(x, a, 0) : x)
            : i < nc + nk ? Batching.AtFront(x, axes[i], size)
            : axes[i] is { } b ? Batching.MoveAxis(x, b, 1) : x).ToArray();
        var batched = inputs.Select((_, i) => (i >= nc && i < nc + nk) || axes[i] is not null).ToArray();
        var body = BatchingJaxpr.Batch(Body(p), batched, size);
        var outs = Bind(MakeParams(body, nc, nk, length, reverse), values);
        return (outs, outs.Select((_, i) => (int?)(i < nk ? 0 : 1)).ToArray());
    }
}

public static partial class Prims
{
    public static readonly CondPrimitive Cond = new();
    public static readonly WhilePrimitive While = new();
    public static readonly ScanPrimitive Scan = new();
}
