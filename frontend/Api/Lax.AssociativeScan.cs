using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Lax
    {
        /// <summary>
        /// lax.associative_scan: the inclusive scan <c>[a, fn(a, b), fn(fn(a, b), c), ...]</c> of
        /// <paramref name="elems"/> along <paramref name="axis"/>, computed in parallel as JAX does (Blelloch's
        /// odd/even recursion: combine adjacent pairs, scan those, combine the results with the even elements, and
        /// interleave), so about 2 log2(n) calls of <paramref name="fn"/> on whole slices instead of n sequential
        /// steps. <paramref name="fn"/> must be associative (not necessarily commutative) and elementwise over the axis:
        /// it gets and returns arrays shaped like the elems with a shorter axis. With <paramref name="reverse"/> the scan
        /// runs from the end: <c>[..., fn(fn(z, y), x), fn(z, y), z]</c>. Built from slices, pads and selects, it works
        /// under Jit, Grad and Vmap as <paramref name="fn"/> does.
        /// </summary>
        /// <exception cref="ArgumentException">No arrays, or <paramref name="fn"/> returning other shapes or dtypes.</exception>
        /// <exception cref="ShapeException">Arrays of different lengths along the axis, or an axis out of range.</exception>
        public static NDArray[] AssociativeScan(Func<NDArray[], NDArray[], NDArray[]> fn, NDArray[] elems, bool reverse = false, int axis = 0)
        {
            if (elems.Length == 0) throw new ArgumentException("Lax.AssociativeScan needs at least one array", nameof(elems));
            var a = Shapes.Axis(axis, elems[0].Ndim, "Lax.AssociativeScan");
            if (elems.Any(e => e.Ndim != elems[0].Ndim || e.Shape[a] != elems[0].Shape[a]))
                throw new ShapeException($"Lax.AssociativeScan: the arrays must have one length along axis {a}, got " +
                    string.Join(", ", elems.Select(e => e.Aval.Str())));
            NDArray[] Flip(NDArray[] xs) => reverse ? xs.Select(x => Rev(x, [a])).ToArray() : xs;
            return Flip(BlellochScan(CheckedScanCombine(fn), Flip(elems), a));
        }

        /// <inheritdoc cref="AssociativeScan(Func{NDArray[], NDArray[], NDArray[]}, NDArray[], bool, int)"/>
        public static NDArray AssociativeScan(Func<NDArray, NDArray, NDArray> fn, NDArray elems, bool reverse = false, int axis = 0) =>
            AssociativeScan((x, y) => [fn(x[0], y[0])], [elems], reverse, axis)[0];

        /// <summary>associative_scan of a pytree (a tuple, record, list, ... of arrays), flattened to its leaves.</summary>
        /// <inheritdoc cref="AssociativeScan(Func{NDArray[], NDArray[], NDArray[]}, NDArray[], bool, int)"/>
        public static T AssociativeScan<T>(Func<T, T, T> fn, T elems, bool reverse = false, int axis = 0) where T : notnull
        {
            var (leaves, treeDef) = TreeUtil.TreeFlatten(elems);
            T Tree(NDArray[] xs) => TreeUtil.TreeUnflatten<T>(treeDef, xs);
            var scanned = AssociativeScan((x, y) => TreeUtil.TreeLeaves(fn(Tree(x), Tree(y))).ToArray(), leaves.ToArray(), reverse, axis);
            return Tree(scanned);
        }

        /// <summary>lax.cumlogsumexp: <c>log(cumsum(exp(x)))</c> along an axis without overflow, an associative scan of
        /// <see cref="Jnp.Logaddexp"/> (as JAX computes it off TPU).</summary>
        /// <exception cref="ArgumentException">A dtype that is not floating point.</exception>
        public static NDArray Cumlogsumexp(NDArray x, int axis = 0, bool reverse = false)
        {
            if (!x.DType.IsFloat()) throw new ArgumentException($"Lax.Cumlogsumexp needs a floating-point array, got {x.Aval.Str()}", nameof(x));
            return AssociativeScan(Jnp.Logaddexp, x, reverse, axis);
        }

        private static NDArray[] BlellochScan(Func<NDArray[], NDArray[], NDArray[]> combine, NDArray[] elems, int axis)
        {
            var n = elems[0].Shape[axis];
            if (n < 2) return elems;
            NDArray[] Slices(NDArray[] xs, int start, int limit, int stride = 1) =>
                xs.Select(x => SliceInDim(x, start, limit, stride, axis)).ToArray();
            // Element 2i + 1 of the scan is the scan of the pairwise combinations at i; element 2i + 2 is that
            // combined with element 2i + 2 of the input.
            var odd = BlellochScan(combine, combine(Slices(elems, 0, n - 1, 2), Slices(elems, 1, n, 2)), axis);
            var first = Slices(elems, 0, 1);
            var even = n == 2 ? first
                : combine(n % 2 == 0 ? Slices(odd, 0, odd[0].Shape[axis] - 1) : odd, Slices(elems, 2, n, 2))
                    .Select((e, i) => Concatenate([first[i], e], axis)).ToArray();
            return even.Select((e, i) => Interleave(e, odd[i], axis)).ToArray();
        }

        // [a0, b0, a1, b1, ...] where a is as long as b or one longer: the pairs (a_i, b_i) side by side on a new axis,
        // merged into the scanned one (JAX pads both into alternate places and adds them; interior padding is not a
        // view here, so that would copy each twice).
        private static NDArray Interleave(NDArray a, NDArray b, int axis)
        {
            var length = b.Shape[axis];
            var head = a.Shape[axis] == length ? a : SliceInDim(a, 0, length, 1, axis);
            var pairs = Concatenate([ExpandDims(head, [axis + 1]), ExpandDims(b, [axis + 1])], axis + 1);
            var shape = a.Shape;
            shape[axis] = 2 * length;
            var merged = Reshape(pairs, shape);
            return a.Shape[axis] == length ? merged : Concatenate([merged, SliceInDim(a, length, length + 1, 1, axis)], axis);
        }

        private static Func<NDArray[], NDArray[], NDArray[]> CheckedScanCombine(Func<NDArray[], NDArray[], NDArray[]> fn) => (x, y) =>
        {
            var result = fn(x, y);
            if (result.Length != x.Length || result.Where((r, i) => !Shapes.Equal(r.Aval.Shape, x[i].Aval.Shape) || r.DType != x[i].DType).Any())
                throw new ArgumentException($"Lax.AssociativeScan: fn must return arrays like its arguments ({string.Join(", ", x.Select(v => v.Aval.Str()))}), " +
                    $"got ({string.Join(", ", result.Select(v => v.Aval.Str()))})");
            return result;
        };
    }
}
