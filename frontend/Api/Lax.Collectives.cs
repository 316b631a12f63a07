using JaxNet.Core;
using JaxNet.Parallel;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Lax
    {
        /// <summary>lax.psum: the sum over the pmapped axis <paramref name="axisName"/> of every member's value (bools
        /// count as int32, as in JAX).</summary>
        public static NDArray Psum(NDArray x, string axisName) =>
            AllReduce(CollectivePrims.Psum, x.DType == DType.Bool ? ConvertElementType(x, DType.Int32) : x, axisName);

        /// <summary>lax.pmean: <see cref="Psum"/> divided by the axis size.</summary>
        public static NDArray Pmean(NDArray x, string axisName) =>
            Div(Psum(Jnp.PromoteInexact(x)[0], axisName), AxisEnv.SizeOf(axisName, "pmean"));

        public static NDArray Pmax(NDArray x, string axisName) => AllReduce(CollectivePrims.Pmax, x, axisName);

        public static NDArray Pmin(NDArray x, string axisName) => AllReduce(CollectivePrims.Pmin, x, axisName);

        /// <summary>lax.all_gather: every member's value, stacked along a new leading axis of the axis size.</summary>
        public static NDArray AllGather(NDArray x, string axisName) =>
            CollectivePrims.AllGather.Bind1(Params.Of(("axis_name", axisName), ("axis_size", AxisEnv.SizeOf(axisName, "all_gather"))), x);

        /// <summary>lax.ppermute: member <c>target</c> receives member <c>source</c>'s value for each pair; members that
        /// no pair targets receive zeros.</summary>
        public static NDArray Ppermute(NDArray x, string axisName, (int Source, int Target)[] perm)
        {
            var size = AxisEnv.SizeOf(axisName, "ppermute");
            foreach (var (source, target) in perm)
                if (source < 0 || source >= size || target < 0 || target >= size)
                    throw new ArgumentException($"ppermute: pair ({source}, {target}) is outside axis '{axisName}' of size {size}", nameof(perm));
            if (perm.Select(x => x.Target).Distinct().Count() != perm.Length || perm.Select(x => x.Source).Distinct().Count() != perm.Length)
                throw new ArgumentException("ppermute: each source and each target may appear once", nameof(perm));
            return CollectivePrims.Ppermute.Bind1(Params.Of(("axis_name", axisName), ("perm", new PermutationPairs(perm))), x);
        }

        /// <summary>lax.axis_index: this member's position along the pmapped axis (int32).</summary>
        public static NDArray AxisIndex(string axisName)
        {
            AxisEnv.SizeOf(axisName, "axis_index");
            return CollectivePrims.AxisIndex.Bind1(Params.Of(("axis_name", axisName)));
        }

        private static NDArray AllReduce(AllReducePrimitive primitive, NDArray x, string axisName)
        {
            AxisEnv.SizeOf(axisName, primitive.Name);
            return primitive.Bind1(Params.Of(("axis_name", axisName)), x);
        }
    }
}
