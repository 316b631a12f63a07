using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Stats
        {
            /// <summary>
            /// scipy.stats.mode: the most frequent value along <paramref name="axis"/> (null: of all of a) and how often it
            /// occurs; of several equally frequent values the smallest. NaNs count as one value (jnp.unique's equal_nan),
            /// which sorts last. An empty axis gives NaN and a count of 0, both of the default float, as JAX.
            /// <paramref name="keepdims"/> keeps the reduced axis (all axes for null) with length 1.
            /// </summary>
            /// <exception cref="ArgumentException">An unknown nan_policy.</exception>
            /// <exception cref="NotImplementedException">nan_policy "omit" or "raise" (as in JAX).</exception>
            public static (NDArray Mode, NDArray Count) Mode(NDArray a, int? axis = 0, string nanPolicy = "propagate", bool keepdims = false)
            {
                const string op = "mode";
                TiedRuns.CheckNanPolicy(op, nanPolicy);
                var x = Jnp.Atleast1d(a);
                NDArray rows;
                int[] resultShape;
                if (axis is null)
                {
                    rows = Jnp.Ravel(x);
                    resultShape = keepdims ? Enumerable.Repeat(1, x.Ndim).ToArray() : [];
                }
                else
                {
                    var ax = Shapes.Axis(axis.Value, x.Ndim, op);
                    rows = Jnp.Moveaxis(x, ax, -1);
                    resultShape = keepdims ? x.Shape.Select((s, i) => i == ax ? 1 : s).ToArray() : x.Shape.Where((_, i) => i != ax).ToArray();
                }
                if (rows.Aval.Shape[^1] == 0)
                    return (Jnp.Full(resultShape, double.NaN, TypePromotion.DefaultFloat), Jnp.Zeros(resultShape, TypePromotion.DefaultFloat));
                var last = rows.Ndim - 1;
                var sorted = Lax.Sort(rows, last);
                // The count of each run so far; it peaks at the run's last element, so the first peak belongs to the
                // smallest of the most frequent values.
                var running = Lax.BroadcastedIota(DType.Int32, sorted.Shape, last) - TiedRuns.FirstIndex(TiedRuns.Starts(sorted, nanEqual: true)) + 1;
                var peak = Jnp.ExpandDims(Lax.Argmax(running, last), last);
                var mode = Jnp.TakeAlongAxis(sorted, peak, last);
                var count = Jnp.Max(running, last);
                return (mode.Reshape(resultShape), Jnp.Astype(count, TypePromotion.DefaultInt).Reshape(resultShape));
            }
        }
    }
}
