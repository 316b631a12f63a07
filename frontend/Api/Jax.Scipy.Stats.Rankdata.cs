using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Stats
        {
            /// <summary>
            /// scipy.stats.rankdata: the ranks of <paramref name="a"/>'s values from 1, along <paramref name="axis"/>
            /// (null: all of a, flattened). Ties get by <paramref name="method"/> the mean of the ranks they share
            /// ("average", float), the lowest ("min") or highest ("max"), consecutive ranks by distinct value
            /// ("dense"), or distinct ranks in the order they appear ("ordinal"); the integer methods return the default
            /// int. As in JAX, only nan_policy "propagate" is offered, and NaNs rank above everything, each its own value.
            /// </summary>
            /// <exception cref="ArgumentException">An unknown method or nan_policy.</exception>
            /// <exception cref="NotImplementedException">nan_policy "omit" or "raise" (as in JAX).</exception>
            public static NDArray Rankdata(NDArray a, string method = "average", int? axis = null, string nanPolicy = "propagate")
            {
                const string op = "rankdata";
                TiedRuns.CheckNanPolicy(op, nanPolicy);
                if (method is not ("average" or "min" or "max" or "dense" or "ordinal"))
                    throw new ArgumentException($"{op}: unknown method '{method}' (known: average, min, max, dense, ordinal)", nameof(method));
                if (axis is null) return RanksAlongLastAxis(Jnp.Ravel(a), method);
                var ax = Shapes.Axis(axis.Value, a.Ndim, op);
                return Jnp.Moveaxis(RanksAlongLastAxis(Jnp.Moveaxis(a, ax, -1), method), -1, ax);
            }

            private static NDArray RanksAlongLastAxis(NDArray x, string method)
            {
                var rankDType = method == "average" ? TypePromotion.DefaultFloat : TypePromotion.DefaultInt;
                if (x.Size == 0) return Jnp.Zeros(x.Shape, rankDType);
                var last = x.Ndim - 1;
                var index = Lax.BroadcastedIota(DType.Int32, x.Shape, last);
                var (sorted, order) = Lax.SortKeyVal(x, index, last);
                // Where each element landed in the sorted order: the permutation that undoes the sort.
                var position = Lax.SortKeyVal(order, index, last).Values;
                if (method == "ordinal") return Jnp.Astype(position + 1, rankDType);
                var starts = TiedRuns.Starts(sorted, nanEqual: false);
                var sortedRanks = method switch
                {
                    "dense" => Lax.Cumsum(Jnp.Astype(starts, DType.Int32), last),
                    "min" => TiedRuns.FirstIndex(starts) + 1,
                    "max" => TiedRuns.LastIndex(starts) + 1,
                    _ => Jnp.Astype(TiedRuns.FirstIndex(starts) + TiedRuns.LastIndex(starts) + 2, rankDType) / 2,
                };
                return Jnp.Astype(Jnp.TakeAlongAxis(sortedRanks, position, last), rankDType);
            }
        }
    }
}
