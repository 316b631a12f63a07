using JaxNet.Core;
using JaxNet.Primitives;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Lax
    {
        /// <summary>
        /// lax.reduce of one operand: <paramref name="computation"/> folded over <paramref name="dimensions"/>, starting
        /// from <paramref name="initValue"/> (a scalar; a weakly typed one takes the operand's dtype). As JAX does, a lax
        /// or jnp add, multiply, max, min, bitwise and/or/xor passed as the method itself (<c>Jax.Lax.Add</c>, not a
        /// lambda) with its identity as the init value (0; 1; -inf or the lowest integer; +inf or the highest; all ones;
        /// 0; 0) is the dedicated reduction (reduce_sum, ..., reduce_xor, with their derivatives). Anything else is the
        /// general <c>reduce</c> primitive: see <see cref="Reduce(NDArray[], NDArray[], Func{NDArray[], NDArray[], NDArray[]}, int[])"/>.
        /// </summary>
        public static NDArray Reduce(NDArray operand, NDArray initValue, Func<NDArray, NDArray, NDArray> computation, int[] dimensions)
        {
            var init = ReduceInit(operand, initValue);
            if (ReduceMonoids.Reducer(computation, init) is { } reducer) return reducer(operand, dimensions);
            return Reduce([operand], [init], (a, b) => [computation(a[0], b[0])], dimensions)[0];
        }

        /// <summary>
        /// lax.reduce of several operands of one shape at once (a (value, index) pair for an argmax, say):
        /// <paramref name="computation"/> takes (accumulators, elements), one scalar of each operand's dtype, and
        /// returns the new accumulators. It is traced once on scalars, as JAX traces its Python callable, and must not
        /// close over traced values (JAX's error). The result has the <paramref name="dimensions"/> removed; where they
        /// hold no element it is the init values.
        /// <para>
        /// The general reduce is computed as a tree: halves of the reduced elements are combined elementwise until one
        /// is left, which is combined with the init values once. That costs about one combiner application per element,
        /// in log2(n) elementwise kernels (fused under Jit) that any backend runs; the combiner must be associative and
        /// commutative, as XLA requires, since the order is not row-major. Its JVP is the tree differentiated through
        /// the combiner, as JAX's; init values with a tangent are refused (NotImplementedException), as in JAX, and so
        /// are batched init values under Vmap. Complex operands are not supported.
        /// </para>
        /// </summary>
        /// <exception cref="ArgumentException">Operand and init value counts differ.</exception>
        /// <exception cref="ShapeException">Operands of different shapes, non-scalar init values, dtypes that differ
        /// from the init values', dimensions out of range or repeated, or a computation returning anything but one scalar
        /// per operand of its dtype.</exception>
        public static NDArray[] Reduce(NDArray[] operands, NDArray[] initValues, Func<NDArray[], NDArray[], NDArray[]> computation,
            int[] dimensions)
        {
            if (operands.Length != initValues.Length)
                throw new ArgumentException($"Must have same total number of operands as init_values: {operands.Length} vs. {initValues.Length}");
            if (operands.Length == 0) throw new ArgumentException("lax.reduce: needs at least one operand");
            var inits = operands.Select((o, i) => ReduceInit(o, initValues[i])).ToArray();
            var k = operands.Length;
            var scalars = inits.Select(i => new ShapedArray([], i.DType)).ToArray();
            var traced = ClosureTracing.Trace(args => computation(args[..k], args[k..]), [.. scalars, .. scalars], "reduce", null);
            if (traced.Hoisted.Length > 0)
                throw new NotImplementedException("Reduction computations can't close over Tracers.");
            return Prims.GeneralReduce.Bind(Params.Of(("computation", traced.Jaxpr), ("dimensions", dimensions)), [.. operands, .. inits]);
        }

        /// <summary>The bitwise exclusive or over <paramref name="axes"/> of a bool or integer array (lax.reduce_xor): for
        /// bool, whether an odd number of elements are true; 0 (false) over no elements.</summary>
        public static NDArray ReduceXor(NDArray x, int[] axes) =>
            axes.Length == 0 && !x.DType.IsInexact() ? x : Prims.ReduceXor.Bind1(Params.Of(("axes", axes)), x);

        private static NDArray ReduceInit(NDArray operand, NDArray initValue)
        {
            if (initValue.Ndim != 0) throw new ShapeException($"reduce: reduce found non-scalar initial value: {initValue.Aval.Str()}");
            return initValue.WeakType && initValue.DType != operand.DType ? ConvertElementType(initValue, operand.DType) : initValue;
        }
    }
}
