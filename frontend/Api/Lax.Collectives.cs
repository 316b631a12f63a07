using JaxNet.Core;
using JaxNet.Parallel;

namespace JaxNet;

public static partial class Jax
{
    /// <remarks>
    /// Every collective takes one axis name or a tuple of them (<c>("data", "model")</c>, JAX's <c>('data', 'model')</c>):
    /// a tuple runs as one collective over the group of members that differ only along its axes, numbered row-major
    /// over them in the order given (the first name major), so <c>AxisIndex(("data", "model"))</c> is
    /// d·|model| + m and a ppermute over the tuple pairs those indices. A named vmap's axis is a batching level of its
    /// own: a tuple that reaches one runs psum, pmean, pmax, pmin, all_gather and axis_index one axis at a time (the
    /// same values), and refuses ppermute, all_to_all and psum_scatter.
    /// </remarks>
    public static partial class Lax
    {
        /// <summary>lax.psum: the sum over the pmapped axis <paramref name="axisName"/> of every member's value (bools
        /// count as int32, as in JAX).</summary>
        public static NDArray Psum(NDArray x, string axisName) => Psum(x, (AxisNames)axisName);

        /// <summary>lax.psum over a tuple of axes: the sum over every member that differs only along them, one
        /// all-reduce over that group.</summary>
        public static NDArray Psum(NDArray x, AxisNames axisNames) =>
            AllReduce(CollectivePrims.Psum, x.DType == DType.Bool ? ConvertElementType(x, DType.Int32) : x, axisNames);

        /// <summary>lax.pmean: <see cref="Psum(NDArray, string)"/> divided by the axis size.</summary>
        public static NDArray Pmean(NDArray x, string axisName) => Pmean(x, (AxisNames)axisName);

        /// <summary>lax.pmean over a tuple of axes: <see cref="Psum(NDArray, AxisNames)"/> divided by the number of
        /// members it sums.</summary>
        public static NDArray Pmean(NDArray x, AxisNames axisNames) =>
            Div(Psum(Jnp.PromoteInexact(x)[0], axisNames), AxisEnv.SizeOf(axisNames, "pmean"));

        public static NDArray Pmax(NDArray x, string axisName) => Pmax(x, (AxisNames)axisName);

        public static NDArray Pmax(NDArray x, AxisNames axisNames) => AllReduce(CollectivePrims.Pmax, x, axisNames);

        public static NDArray Pmin(NDArray x, string axisName) => Pmin(x, (AxisNames)axisName);

        public static NDArray Pmin(NDArray x, AxisNames axisNames) => AllReduce(CollectivePrims.Pmin, x, axisNames);

        /// <summary>lax.all_gather: every member's value, stacked along a new axis <paramref name="axis"/> of the axis
        /// size, or, <paramref name="tiled"/>, joined in member order along the existing axis <paramref name="axis"/>.</summary>
        public static NDArray AllGather(NDArray x, string axisName, int axis = 0, bool tiled = false) => AllGather(x, (AxisNames)axisName, axis, tiled);

        /// <summary>lax.all_gather over a tuple of axes: the values of every member that differs only along them, in
        /// row-major order of the tuple (the first name major), gathered at once.</summary>
        public static NDArray AllGather(NDArray x, AxisNames axisNames, int axis = 0, bool tiled = false)
        {
            var size = AxisEnv.SizeOf(axisNames, "all_gather");
            if (PerVmapAxis(axisNames))
            {
                // The last axis gathered first, so that the first ends up major.
                var stacked = axisNames.Names.Reverse().Aggregate(x, (v, name) => AllGather(v, name));
                return PlaceGathered(Reshape(stacked, [size, .. x.Shape]), x, axis, tiled);
            }
            return PlaceGathered(CollectivePrims.AllGather.Bind1(Params.Of(("axis_name", axisNames), ("axis_size", size)), x), x, axis, tiled);
        }

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
        /// lax.psum_scatter: the sum over <paramref name="axisNames"/> of every member's value, of which member i keeps
        /// part i along <paramref name="scatterDimension"/>: untiled (JAX's default) that dimension must have the axis
        /// size and goes away; <paramref name="tiled"/>, it is split into equal chunks and member i keeps chunk i. Over a
        /// tuple of axes, i is the member's row-major index over them.
        /// </summary>
        public static NDArray PsumScatter(NDArray x, AxisNames axisNames, int scatterDimension = 0, bool tiled = false)
        {
            var size = OneGroupSize(axisNames, "psum_scatter");
            var dimension = Shapes.Axis(scatterDimension, x.Ndim, "psum_scatter");
            if (!tiled && x.Shape[dimension] != size)
                throw new ShapeException($"psum_scatter: axis {scatterDimension} of shape {Shapes.Format(x.Shape)} must have the size of " +
                    $"{AxesPhrase(axisNames)} ({size}) unless tiled is true");
            var summed = x.DType == DType.Bool ? ConvertElementType(x, DType.Int32) : x;
            var scattered = CollectivePrims.ReduceScatter.Bind1(
                Params.Of(("axis_name", axisNames), ("axis_size", size), ("scatter_dimension", dimension)), summed);
            return tiled ? scattered : Jnp.Squeeze(scattered, dimension);
        }

        /// <summary>lax.ppermute: member <c>target</c> receives member <c>source</c>'s value for each pair; members that
        /// no pair targets receive zeros. Over a tuple of axes, sources and targets are row-major indices over them.</summary>
        public static NDArray Ppermute(NDArray x, AxisNames axisNames, (int Source, int Target)[] perm)
        {
            var size = OneGroupSize(axisNames, "ppermute");
            foreach (var (source, target) in perm)
                if (source < 0 || source >= size || target < 0 || target >= size)
                    throw new ArgumentException($"ppermute: pair ({source}, {target}) is outside {AxesPhrase(axisNames)} of size {size}", nameof(perm));
            if (perm.Select(x => x.Target).Distinct().Count() != perm.Length || perm.Select(x => x.Source).Distinct().Count() != perm.Length)
                throw new ArgumentException("ppermute: each source and each target may appear once", nameof(perm));
            return CollectivePrims.Ppermute.Bind1(Params.Of(("axis_name", axisNames), ("perm", new PermutationPairs(perm))), x);
        }

        /// <summary>
        /// lax.all_to_all: each member splits its value along <paramref name="splitAxis"/> into one chunk per member of
        /// <paramref name="axisNames"/>, sends chunk j to member j, and joins what it receives in member order along
        /// <paramref name="concatAxis"/>. Tiled, the split axis shrinks and the concatenated one grows by the axis size;
        /// untiled (JAX's default), the split axis must have the axis size and moves to <paramref name="concatAxis"/>.
        /// Over a tuple of axes, j is the member's row-major index over them.
        /// </summary>
        public static NDArray AllToAll(NDArray x, AxisNames axisNames, int splitAxis, int concatAxis, bool tiled = false)
        {
            var size = OneGroupSize(axisNames, "all_to_all");
            var rank = x.Ndim;
            var split = Shapes.Axis(splitAxis, rank, "all_to_all");
            var concat = Shapes.Axis(concatAxis, rank, "all_to_all");
            if (tiled) return Exchange(x, axisNames, size, split, concat);
            if (x.Shape[split] != size)
                throw new ShapeException($"all_to_all: axis {splitAxis} of shape {Shapes.Format(x.Shape)} must have the size of " +
                    $"{AxesPhrase(axisNames)} ({size}) unless tiled is true");
            // A new unit axis at concatAxis receives the chunks; the split axis, left with one row, goes away.
            var widened = Jnp.ExpandDims(x, concat);
            var splitAfter = concat <= split ? split + 1 : split;
            return Jnp.Squeeze(Exchange(widened, axisNames, size, splitAfter, concat), splitAfter);
        }

        private static NDArray Exchange(NDArray x, AxisNames axisNames, int size, int split, int concat) =>
            CollectivePrims.AllToAll.Bind1(Params.Of(("axis_name", axisNames), ("axis_size", size), ("split_axis", split), ("concat_axis", concat)), x);

        /// <summary>lax.axis_index: this member's position along the pmapped axis (int32).</summary>
        public static NDArray AxisIndex(string axisName) => AxisIndex((AxisNames)axisName);

        /// <summary>lax.axis_index over a tuple of axes: the member's row-major position in their grid (the first name
        /// major), as all_gather over the same tuple orders the members.</summary>
        public static NDArray AxisIndex(AxisNames axisNames)
        {
            AxisEnv.SizeOf(axisNames, "axis_index");
            if (PerVmapAxis(axisNames))
                return axisNames.Names.Skip(1).Aggregate(AxisIndex(axisNames.Names[0]),
                    (index, name) => Add(Mul(index, Jnp.Array(AxisEnv.SizeOf(name, "axis_index"))), AxisIndex(name)));
            return CollectivePrims.AxisIndex.Bind1(Params.Of(("axis_name", axisNames)));
        }

        private static NDArray AllReduce(AllReducePrimitive primitive, NDArray x, AxisNames axisNames)
        {
            AxisEnv.SizeOf(axisNames, primitive.Name);
            if (PerVmapAxis(axisNames)) return axisNames.Names.Aggregate(x, (v, name) => AllReduce(primitive, v, name));
            return primitive.Bind1(Params.Of(("axis_name", axisNames)), x);
        }

        /// <summary>A tuple that reaches a named vmap's axis runs one axis at a time (see the class's remarks).</summary>
        private static bool PerVmapAxis(AxisNames axisNames) => axisNames.Single is null && AxisEnv.ReachesVmap(axisNames);

        /// <summary>The size of the one group a collective that cannot be split per axis runs over.</summary>
        private static int OneGroupSize(AxisNames axisNames, string op)
        {
            var size = AxisEnv.SizeOf(axisNames, op);
            if (PerVmapAxis(axisNames))
                throw new NotSupportedException($"{op} over {axisNames}: a tuple of axes that includes a named vmap's axis is not supported " +
                    "(each vmap is a batching level of its own); name one axis, or use pmap or shard_map axes");
            return size;
        }

        private static string AxesPhrase(AxisNames axisNames) => axisNames.Single is { } name ? $"axis '{name}'" : $"axes {axisNames}";
    }
}
