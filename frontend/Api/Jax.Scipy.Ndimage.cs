using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        /// <summary>jax.scipy.ndimage: interpolation of an array at arbitrary coordinates.</summary>
        public static class Ndimage
        {
            /// <summary>
            /// jax.scipy.ndimage.map_coordinates: <paramref name="input"/> interpolated at the points whose coordinate
            /// along axis i is <paramref name="coordinates"/>[i] (one array per axis of the input, of any shape, broadcast
            /// together; the result has their shape and the input's dtype). <paramref name="order"/> 0 takes the nearest
            /// element, rounding halves away from zero as JAX does (−0.5 → −1, 2.5 → 3; SciPy rounds halves up);
            /// order 1 is multilinear. <paramref name="mode"/> says how the input extends past its edges:
            /// "constant" (<paramref name="cval"/> there, interpolated with the edge elements, as SciPy's
            /// "grid-constant"; SciPy's "constant" stops interpolating at the edge, the difference JAX documents),
            /// "nearest" (the edge element), "wrap" (periodically, as SciPy's "grid-wrap"), "mirror" (reflected about
            /// the edge elements' centres: d c b | a b c d | c b a) and "reflect" (about the edges: b a | a b c d | d c).
            /// Integer inputs are rounded (halves away from zero) before the cast back. A NaN coordinate gives NaN in a
            /// floating input. Differentiable in the input and, for order 1, in the coordinates (order 0 is piecewise
            /// constant: its derivative is 0); it jits and vmaps, as its pieces are gathers, wheres and products.
            /// </summary>
            /// <exception cref="ArgumentException">a number of coordinate arrays other than the input's rank, complex or
            /// boolean coordinates, a 0-d input, or an empty input read at some point.</exception>
            /// <exception cref="NotSupportedException">an order other than 0 or 1, or an unknown mode.</exception>
            public static NDArray MapCoordinates(NDArray input, IReadOnlyList<NDArray> coordinates, int order, string mode = "constant",
                double cval = 0.0)
            {
                if (coordinates.Count != input.Ndim)
                    throw new ArgumentException($"map_coordinates: coordinates must be a sequence of length input.ndim, but {coordinates.Count} != {input.Ndim}",
                        nameof(coordinates));
                if (input.Ndim == 0) throw new ArgumentException("map_coordinates: the input needs at least one dimension", nameof(input));
                if (order is not (0 or 1))
                    throw new NotSupportedException($"map_coordinates: only order 0 (nearest) and 1 (linear) are supported, got order {order}");
                var fixIndex = ExtensionModes.IndexFixer(mode);
                foreach (var c in coordinates)
                    if (c.DType.IsComplex() || c.DType == DType.Bool)
                        throw new ArgumentException($"map_coordinates: coordinates must be real numbers, got {c.DType.NumpyName()}", nameof(coordinates));
                var points = Jnp.BroadcastArrays("map_coordinates", Jnp.PromoteInexact([.. coordinates]));
                if (input.Size == 0 && points[0].Size != 0)
                    throw new ArgumentException($"map_coordinates: cannot interpolate in an empty input of shape {Shapes.Format(input.Shape)}", nameof(input));

                var fill = Jnp.Array(cval).Astype(input.DType);
                var constant = mode == "constant";
                var nodesPerAxis = points.Select((c, axis) => Nodes(c, order).Select(node =>
                {
                    var size = input.Shape[axis];
                    var inside = constant ? Jnp.GreaterEqual(node.Index, 0) & Jnp.Less(node.Index, size) : null;
                    return new Node(fixIndex(node.Index, size), node.Weight, inside);
                }).ToArray()).ToArray();

                NDArray? result = null;
                foreach (var corner in Corners(nodesPerAxis))
                {
                    var value = input[[.. corner.Select(n => (IndexItem)n.Index)]];
                    var inside = corner.Select(n => n.Inside).OfType<NDArray>().Aggregate((NDArray?)null, (all, v) => all is null ? v : all & v);
                    if (inside is not null) value = Jnp.Where(inside, value, fill);
                    var weight = corner.Select(n => n.Weight).OfType<NDArray>().Aggregate((NDArray?)null, (all, w) => all is null ? w : all * w);
                    var term = weight is null ? value : weight * value;
                    result = result is null ? term : result + term;
                }
                if (!input.DType.IsInexact()) return (result!.DType.IsInexact() ? Lax.Round(result) : result).Astype(input.DType);
                var anyNan = points.Select(Jnp.IsNan).Aggregate((a, b) => a | b);
                return Jnp.Where(anyNan, double.NaN, result!).Astype(input.DType);
            }

            // A neighbour along one axis: its index (extended by the mode), its weight (none for order 0) and, in
            // "constant" mode, whether the unextended index lies inside the axis.
            private sealed record Node(NDArray Index, NDArray? Weight, NDArray? Inside);

            private static (NDArray Index, NDArray? Weight)[] Nodes(NDArray coordinate, int order)
            {
                if (order == 0) return [(Lax.Round(coordinate).Astype(DType.Int32), null)];
                var lower = Jnp.Floor(coordinate);
                var upperWeight = coordinate - lower;
                var index = lower.Astype(DType.Int32);
                return [(index, 1 - upperWeight), (index + 1, upperWeight)];
            }

            // Every choice of one neighbour per axis: the 2^ndim corners of the cell for order 1, one point for order 0.
            private static IEnumerable<Node[]> Corners(Node[][] nodesPerAxis) =>
                nodesPerAxis.Aggregate(new[] { Array.Empty<Node>() }.AsEnumerable(),
                    (prefixes, nodes) => prefixes.SelectMany(prefix => nodes.Select(node => (Node[])[.. prefix, node])));
        }
    }
}
