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

        /// <summary>lax.all_gather: every member's value, stacked along a new axis <paramref name="axis"/> of the axis
        /// size, or, <paramref name="tiled"/>, joined in member order along the existing axis <paramref name="axis"/>.</summary>
        public static NDArray AllGather(NDArray x, string axisName, int axis = 0, bool tiled = false) =>
            PlaceGathered(GatherStacked(x, axisName), x, axis, tiled);

        /// <summary>lax.all_gather over a tuple of axes: the values of every member that differs only along them, in
        /// row-major order of the tuple (the first name major). One gather per axis, the last first.</summary>
        public static NDArray AllGather(NDArray x, AxisNames axisNames, int axis = 0, bool tiled = false)
        {
            var stacked = x;
            foreach (var name in axisNames.Names.Reverse()) stacked = GatherStacked(stacked, name);
            var members = stacked.Shape[..axisNames.Names.Count].Aggregate(1, (a, b) => a * b);
            return PlaceGathered(Reshape(stacked, [members, .. x.Shape]), x, axis, tiled);
        }

        private static NDArray GatherStacked(NDArray x, string axisName) =>
            CollectivePrims.AllGather.Bind1(Params.Of(("axis_name", axisName), ("axis_size", AxisEnv.SizeOf(axisName, "all_gather"))), x);

        /// <summary>The members' values, stacked along a new leading axis, moved to <paramref name="axis"/> or joined
        /// along it (<paramref name="tiled"/>).</summary>
        private static NDArray PlaceGathered(NDArray stacked, NDArray x, int axis, bool tiled)
        {
            if (!tiled) return axis == 0 ? stacked : Jnp.Moveaxis(stacked, 0, Shapes.Axis(axis, x.Ndim + 1, "all_gather"));
            if (x.Ndim == 0) throw new ShapeException("all_gather: a tiled gather joins along an axis, and a scalar has none");
            var along = Shapes.Axis(axis, x.Ndim, "all_gather");
            var joined = (int[])x.Shape.Clone();
            joined[along] *= stacked.Shape[0];
            return Reshape(along == 0 ? stacked : Jnp.Moveaxis(stacked, 0, along), joined);
        }

        /// <summary>
        /// lax.psum_scatter: the sum over <paramref name="axisName"/> of every member's value, of which member i keeps
        /// part i along <paramref name="scatterDimension"/>: untiled (JAX's default) that dimension must have the axis
        /// size and goes away; <paramref name="tiled"/>, it is split into equal chunks and member i keeps chunk i.
        /// </summary>
        public static NDArray PsumScatter(NDArray x, string axisName, int scatterDimension = 0, bool tiled = false)
        {
            var size = AxisEnv.SizeOf(axisName, "psum_scatter");
            var dimension = Shapes.Axis(scatterDimension, x.Ndim, "psum_scatter");
            if (!tiled && x.Shape[dimension] != size)
                throw new ShapeException($"psum_scatter: axis {scatterDimension} of shape {Shapes.Format(x.Shape)} must have the size of axis " +
                    $"'{axisName}' ({size}) unless tiled is true");
            var summed = x.DType == DType.Bool ? ConvertElementType(x, DType.Int32) : x;
            var scattered = CollectivePrims.ReduceScatter.Bind1(
                Params.Of(("axis_name", axisName), ("axis_size", size), ("scatter_dimension", dimension)), summed);
            return tiled ? scattered : Jnp.Squeeze(scattered, dimension);
        }

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

        /// <summary>
        /// lax.all_to_all: each member splits its value along <paramref name="splitAxis"/> into one chunk per member of
        /// <paramref name="axisName"/>, sends chunk j to member j, and joins what it receives in member order along
        /// <paramref name="concatAxis"/>. Tiled, the split axis shrinks and the concatenated one grows by the axis size;
        /// untiled (JAX's default), the split axis must have the axis size and moves to <paramref name="concatAxis"/>.
        /// </summary>
        public static NDArray AllToAll(NDArray x, string axisName, int splitAxis, int concatAxis, bool tiled = false)
        {
            var size = AxisEnv.SizeOf(axisName, "all_to_all");
            var rank = x.Ndim;
            var split = Shapes.Axis(splitAxis, rank, "all_to_all");
            var concat = Shapes.Axis(concatAxis, rank, "all_to_all");
            if (tiled) return Exchange(x, axisName, size, split, concat);
            if (x.Shape[split] != size)
                throw new ShapeException($"all_to_all: axis {splitAxis} of shape {Shapes.Format(x.Shape)} must have the size of axis '{axisName}' " +
                    $"({size}) unless tiled is true");
            // A new unit axis at concatAxis receives the chunks; the split axis, left with one row, goes away.
            var widened = Jnp.ExpandDims(x, concat);
            var splitAfter = concat <= split ? split + 1 : split;
            return Jnp.Squeeze(Exchange(widened, axisName, size, splitAfter, concat), splitAfter);
        }

        private static NDArray Exchange(NDArray x, string axisName, int size, int split, int concat) =>
            CollectivePrims.AllToAll.Bind1(Params.Of(("axis_name", axisName), ("axis_size", size), ("split_axis", split), ("concat_axis", concat)), x);

        /// <summary>lax.axis_index: this member's position along the pmapped axis (int32).</summary>
        public static NDArray AxisIndex(string axisName)
        {
            AxisEnv.SizeOf(axisName, "axis_index");
            return CollectivePrims.AxisIndex.Bind1(Params.Of(("axis_name", axisName)));
        }

        /// <summary>lax.axis_index over a tuple of axes: the member's row-major position in their grid (the first name
        /// major), as all_gather over the same tuple orders the members.</summary>
        public static NDArray AxisIndex(AxisNames axisNames) => axisNames.Names.Skip(1).Aggregate(AxisIndex(axisNames.Names[0]),
            (index, name) => Add(Mul(index, Jnp.Array(AxisEnv.SizeOf(name, "axis_index"))), AxisIndex(name)));

        /// <summary>lax.psum over a tuple of axes: the sum over every member that differs only along them (one psum
        /// per axis).</summary>
        public static NDArray Psum(NDArray x, AxisNames axisNames) => axisNames.Names.Aggregate(x, Psum);

        /// <summary>lax.pmean over a tuple of axes: <see cref="Psum(NDArray, AxisNames)"/> divided by the number of
        /// members it sums.</summary>
        public static NDArray Pmean(NDArray x, AxisNames axisNames) =>
            Div(Psum(Jnp.PromoteInexact(x)[0], axisNames), axisNames.Names.Aggregate(1, (n, name) => n * AxisEnv.SizeOf(name, "pmean")));

        public static NDArray Pmax(NDArray x, AxisNames axisNames) => axisNames.Names.Aggregate(x, Pmax);

        public static NDArray Pmin(NDArray x, AxisNames axisNames) => axisNames.Names.Aggregate(x, Pmin);

        private static NDArray AllReduce(AllReducePrimitive primitive, NDArray x, string axisName)
        {
            AxisEnv.SizeOf(axisName, primitive.Name);
            return primitive.Bind1(Params.Of(("axis_name", axisName)), x);
        }
    }
}
