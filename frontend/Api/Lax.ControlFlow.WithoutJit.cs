using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Lax
    {
        // Control flow as plain C# under Jax.DisableJit, as JAX runs it in Python under jax.disable_jit(): each body call
        // is eager, so prints and breakpoints see every iteration. Nothing is traced, so the carry's types are not
        // checked against the body's results (neither does JAX there).

        private static bool Concrete(NDArray? predicate, NDArray[] values) =>
            predicate?.Tracer is null && values.All(v => v.Tracer is null);

        private static NDArray[] WhileWithoutJit(Func<NDArray[], NDArray> condFn, Func<NDArray[], NDArray[]> bodyFn, NDArray[] carry)
        {
            while (true)
            {
                var go = condFn(carry);
                if (go.Ndim != 0 || go.DType != DType.Bool)
                    throw new ShapeException($"Lax.WhileLoop: cond_fun must return a boolean scalar, got {go.Aval.Str()}");
                if (!go.Item<bool>()) return carry;
                carry = bodyFn(carry);
            }
        }

        private static (NDArray[] Carry, NDArray[] Ys) ScanWithoutJit(Func<NDArray[], NDArray[], (NDArray[] Carry, NDArray[] Y)> f,
            NDArray[] carry, NDArray[] xs, int length, bool reverse)
        {
            if (length == 0)
                throw new ArgumentException("Lax.Scan: a zero-length scan is not supported with jit disabled, because the output type is unknown");
            var ys = new List<NDArray[]>(length);
            for (var step = 0; step < length; step++)
            {
                var i = reverse ? length - 1 - step : step;
                var (next, y) = f(carry, xs.Select(x => IndexInDim(x, i, axis: 0, keepdims: false)).ToArray());
                carry = next;
                ys.Add(y);
            }
            if (reverse) ys.Reverse();
            var stacked = Enumerable.Range(0, ys[0].Length).Select(k => Jnp.Stack(ys.Select(y => y[k]).ToArray())).ToArray();
            return (carry, stacked);
        }
    }
}
