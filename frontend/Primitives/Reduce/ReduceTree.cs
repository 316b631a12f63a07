using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Primitives;

/// <summary>
/// A reduction by any combiner written with elementwise work only, so every backend can run it: the reduced
/// dimensions are moved to the front and flattened into one axis of n elements, whose first half is combined with
/// its second half (an odd last element is carried along) until one element is left, which is then combined with
/// the init value once. That is log2(n) elementwise applications of the combiner over n/2, n/4, ... elements (about
/// n applications in all, as a loop would make), plus slices and concatenations that fuse into them under Jit;
/// eagerly each level is its own kernels. The combiner must be associative and commutative (XLA asks the same of
/// reduce): the elements are combined in a tree, not in row-major order.
/// </summary>
internal static class ReduceTree
{
    /// <summary>
    /// <paramref name="operands"/> (one shape) reduced over <paramref name="dimensions"/> by <paramref name="combine"/>,
    /// which takes (accumulators, elements) arrays of one shape and returns the combined accumulators. The result is
    /// the init values where the reduced dimensions hold no element.
    /// </summary>
    public static NDArray[] Reduce(NDArray[] operands, NDArray[] inits, Func<NDArray[], NDArray[], NDArray[]> combine, int[] dimensions)
    {
        var shape = operands[0].Shape;
        var reduced = dimensions.Order().ToArray();
        var kept = Enumerable.Range(0, shape.Length).Where(d => !reduced.Contains(d)).ToArray();
        var keptShape = kept.Select(d => shape[d]).ToArray();
        var n = reduced.Aggregate(1, (size, d) => checked(size * shape[d]));
        var accumulators = inits.Select(i => Lax.BroadcastInDim(i, keptShape, [])).ToArray();
        if (n == 0 || keptShape.Contains(0)) return accumulators;
        var xs = operands.Select(x => Lax.Reshape(Lax.Transpose(x, [.. reduced, .. kept]), [n, .. keptShape])).ToArray();
        while (n > 1)
        {
            var half = n / 2;
            var combined = combine(xs.Select(x => Lax.SliceInDim(x, 0, half)).ToArray(), xs.Select(x => Lax.SliceInDim(x, half, 2 * half)).ToArray());
            xs = n % 2 == 0 ? combined : combined.Select((c, i) => Lax.Concatenate([c, Lax.SliceInDim(xs[i], n - 1, n)], 0)).ToArray();
            n = half + n % 2;
        }
        return combine(accumulators, xs.Select(x => Lax.Reshape(x, keptShape)).ToArray());
    }

    /// <summary>
    /// A combiner traced on scalars (a jaxpr of 2k inputs, the accumulators then the elements, and k outputs) applied
    /// to arrays of one shape, element by element: a vmap over the flattened arrays, so that any scalar function
    /// (literals, broadcasts and all) applies as it was traced.
    /// </summary>
    public static Func<NDArray[], NDArray[], NDArray[]> Elementwise(ClosedJaxpr computation) => (accumulators, elements) =>
    {
        var shape = accumulators[0].Shape;
        var size = checked((int)Shapes.Size(shape));
        NDArray[] flat = [.. accumulators.Concat(elements).Select(x => Lax.Reshape(x, [size]))];
        var results = Transforms.BatchingVmap.Apply(args => JaxprEval.Eval(computation, args), flat, [.. flat.Select(_ => (int?)0)],
            new int[computation.OutAvals.Length], "reduce", [.. flat.Select((_, i) => $"#{i}")]);
        return results.Select(r => Lax.Reshape(r, shape)).ToArray();
    };
}
