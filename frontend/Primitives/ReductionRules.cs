using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using JaxNet.Transforms;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Primitives;

/// <summary>JVP rules of the reductions and cumulative reductions (JAX's rules, exact at zeros and ties).</summary>
internal static class ReductionRules
{
    public static (NDArray[], NDArray?[]) ReduceJvp(ReducePrimitive prim, NDArray x, NDArray? t, Params p)
    {
        var y = prim.Bind1(p, x);
        if (t is null || !y.DType.IsInexact()) return ([y], [null]);
        var axes = p.Get<int[]>("axes");
        var tangent = prim.Op switch
        {
            ReduceOp.Sum => prim.Bind1(p, t),
            ReduceOp.Max or ReduceOp.Min => Extremum(x, y, t, axes),
            ReduceOp.Prod => Product(x, t, axes, y.Aval.Shape),
            _ => throw new MissingRuleException(prim.Name, "JVP"),
        };
        return ([y], [tangent]);
    }

    public static (NDArray[], NDArray?[]) CumulativeJvp(CumulativePrimitive prim, NDArray x, NDArray? t, Params p)
    {
        var y = prim.Bind1(p, x);
        if (t is null || !y.DType.IsInexact()) return ([y], [null]);
        if (prim.Op == ReduceOp.Sum) return ([y], [prim.Bind1(p, t)]);
        var (axis, reverse) = (p.Get<int>("axis"), p.Get<bool>("reverse"));
        // The tangent is that of the same scan written as log2(n) combining steps of shifted copies, which JAX's
        // associative_scan-based rule also differentiates: exact at zeros (cumprod) and ties (cummax/cummin).
        Func<NDArray, NDArray, NDArray> combine = prim.Op switch
        {
            ReduceOp.Prod => Lax.Mul,
            ReduceOp.Max => Lax.Max,
            ReduceOp.Min => Lax.Min,
            _ => throw new MissingRuleException(prim.Name, "JVP"),
        };
        var identity = prim.Op switch
        {
            ReduceOp.Prod => 1.0,
            ReduceOp.Max => double.NegativeInfinity,
            _ => double.PositiveInfinity,
        };
        var (_, tangents) = ForwardMode.Jvp(a => [ScanByDoubling(a[0], axis, reverse, combine, identity)], [x], [t], prim.Name);
        return ([y], [tangents[0]]);
    }

    /// <summary>An inclusive scan as ceil(log2 n) steps of combining with a copy shifted by 1, 2, 4, ... (Hillis-Steele).</summary>
    public static NDArray ScanByDoubling(NDArray x, int axis, bool reverse, Func<NDArray, NDArray, NDArray> combine, double identity)
    {
        if (reverse) x = Lax.Rev(x, [axis]);
        var n = x.Aval.Shape[axis];
        for (var shift = 1; shift < n; shift *= 2)
        {
            var config = Enumerable.Range(0, x.Ndim).Select(d => d == axis ? (shift, -shift, 0) : (0, 0, 0)).ToArray();
            x = combine(x, Lax.Pad(x, identity, config));
        }
        return reverse ? Lax.Rev(x, [axis]) : x;
    }

    // Tangent of max/min: the mean of the tangents at the positions that attain the extremum (JAX's rule).
    private static NDArray Extremum(NDArray x, NDArray y, NDArray t, int[] axes)
    {
        var kept = Enumerable.Range(0, x.Ndim).Where(d => !axes.Contains(d)).ToArray();
        var extremum = Lax.BroadcastInDim(y, x.Aval.Shape, kept);
        var location = Lax.ConvertElementType(Lax.Eq(x, extremum), x.DType);
        var counts = Lax.ReduceSum(location, axes);
        if (x.DType is DType.Float16 or DType.BFloat16)
        {
            // The kernel IR lets a backend compute float16 and bfloat16 in float32 and round only on store, so an x
            // fused into this rule's kernels may never equal the stored, rounded extremum (no location: 0 / 0, found
            // by the float16 derivative fuzzer). Then the elements within the rounding of it are its locations.
            var rounding = Lax.Max(Lax.Mul(Lax.Abs(extremum), Narrow(Jnp.Finfo(x.DType).Eps, x.DType)),
                Narrow(Jnp.Finfo(x.DType).SmallestSubnormal, x.DType));
            var near = Lax.ConvertElementType(Lax.Le(Lax.Abs(Lax.Sub(x, extremum)), rounding), x.DType);
            var missed = Lax.BroadcastInDim(Lax.Eq(counts, Narrow(0, x.DType)), x.Aval.Shape, kept);
            location = Lax.Select(missed, near, location);
            counts = Lax.ReduceSum(location, axes);
        }
        return Lax.Div(Lax.ReduceSum(Lax.Mul(t, location), axes), counts);
    }

    private static NDArray Narrow(double value, DType dtype) => Lax.ConvertElementType(Jnp.Scalar(value), dtype);

    // Tangent of a product: sum of t_i times the product of all other elements (exclusive prefix times suffix).
    private static NDArray Product(NDArray x, NDArray t, int[] axes, int[] outShape)
    {
        var kept = Enumerable.Range(0, x.Ndim).Where(d => !axes.Contains(d)).ToArray();
        var perm = kept.Concat(axes.OrderBy(a => a)).ToArray();
        var n = axes.Aggregate(1, (size, a) => size * x.Aval.Shape[a]);
        int[] flat = [.. kept.Select(d => x.Aval.Shape[d]), n];
        NDArray Flatten(NDArray v) => Lax.Reshape(Lax.Transpose(v, perm), flat);
        var (xs, ts) = (Flatten(x), Flatten(t));
        var last = flat.Length - 1;
        (int, int, int)[] Shift(int low, int high) => flat.Select((_, d) => d == last ? (low, high, 0) : (0, 0, 0)).ToArray();
        var before = Lax.Pad(Lax.Cumprod(xs, last), 1.0, Shift(1, -1));
        var after = Lax.Pad(Lax.Cumprod(xs, last, reverse: true), 1.0, Shift(-1, 1));
        return Lax.Reshape(Lax.ReduceSum(Lax.Mul(ts, Lax.Mul(before, after)), [last]), outShape);
    }
}
