using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        /// <summary>jax.scipy.interpolate: interpolation on a rectilinear grid.</summary>
        public static class Interpolate
        {
            /// <summary>
            /// jax.scipy.interpolate.RegularGridInterpolator: values given on a rectilinear grid (each axis's points
            /// strictly ascending, unevenly spaced allowed), read at arbitrary points by multilinear or nearest-node
            /// interpolation. <c>values</c> has the grid's shape followed by any trailing value dimensions, which every
            /// result carries. Built from searchsorted, gathers and products, so <see cref="Call(NDArray, string?)"/> is
            /// differentiable in the values, the grid and the points (linear; nearest is piecewise constant in the
            /// points), and it jits and vmaps.
            /// </summary>
            public sealed class RegularGridInterpolator
            {
                /// <summary>The grid's points along each axis, promoted to one real inexact dtype.</summary>
                public IReadOnlyList<NDArray> Grid { get; }

                /// <summary>The values on the grid (integers promoted to the default float, as JAX).</summary>
                public NDArray Values { get; }

                /// <summary>"linear" or "nearest": the default of <see cref="Call(NDArray, string?)"/>.</summary>
                public string Method { get; }

                /// <summary>The value of points outside the grid; null extrapolates (the edge cell's linear function,
                /// or the edge node).</summary>
                public double? FillValue { get; }

                /// <summary>
                /// Checks and keeps the grid. <paramref name="boundsError"/> must be false: JAX does not implement
                /// SciPy's error on points outside the grid (a traced point has no value to test), and neither does
                /// JaxNet. Ascending order is checked when the points are concrete; traced points (the grid passed
                /// through Jit) are taken as given, as JAX takes every grid.
                /// </summary>
                /// <exception cref="ArgumentException">an unknown method, complex or boolean points, or points that are
                /// not strictly ascending.</exception>
                /// <exception cref="ShapeException">more point arrays than values' dimensions, points that are not
                /// vectors, a dimension without points (or with one, for linear), or a count of points unlike values'
                /// length along that dimension.</exception>
                /// <exception cref="NotImplementedException"><paramref name="boundsError"/> is true.</exception>
                public RegularGridInterpolator(IReadOnlyList<NDArray> points, NDArray values, string method = "linear",
                    bool boundsError = false, double? fillValue = double.NaN)
                {
                    CheckMethod(method);
                    if (boundsError)
                        throw new NotImplementedException("RegularGridInterpolator: boundsError = true is not implemented (as in JAX); " +
                            "points outside the grid take fillValue, or are extrapolated with fillValue = null");
                    if (points.Count == 0) throw new ShapeException("RegularGridInterpolator: at least one point array is needed");
                    if (points.Count > values.Ndim)
                        throw new ShapeException($"RegularGridInterpolator: there are {points.Count} point arrays, but values has {values.Ndim} dimensions");
                    for (var d = 0; d < points.Count; d++)
                    {
                        var p = points[d];
                        if (p.DType.IsComplex() || p.DType == DType.Bool)
                            throw new ArgumentException($"RegularGridInterpolator: the points must be real numbers, got {p.DType.NumpyName()} in dimension {d}", nameof(points));
                        if (p.Ndim != 1)
                            throw new ShapeException($"RegularGridInterpolator: the points in dimension {d} must be 1-dimensional, got shape {Shapes.Format(p.Aval.Shape)}");
                        if (p.Aval.Shape[0] != values.Aval.Shape[d])
                            throw new ShapeException($"RegularGridInterpolator: there are {p.Aval.Shape[0]} points and {values.Aval.Shape[d]} values in dimension {d}");
                        if (p.Aval.Shape[0] == 0)
                            throw new ShapeException($"RegularGridInterpolator: dimension {d} has no points");
                    }
                    Grid = Jnp.PromoteInexact([.. points]);
                    for (var d = 0; d < Grid.Count; d++)
                        if (Grid[d].IsConcrete && Grid[d].Size > 1 && !Jnp.All(Jnp.Diff(Grid[d]) > 0).Item<bool>())
                            throw new ArgumentException($"RegularGridInterpolator: the points in dimension {d} must be strictly ascending", nameof(points));
                    Values = Jnp.PromoteInexact(values)[0];
                    Method = method;
                    FillValue = fillValue;
                    CheckSizes(method);
                }

                /// <summary>
                /// The interpolated values at <paramref name="xi"/>, an array [..., ndim] of points (a vector is read as
                /// points of ndim coordinates, as JAX does: with one grid dimension, a vector of points). The result has
                /// shape [..., trailing value dimensions]. A point on a grid node gives that node's value exactly; a
                /// point with a NaN coordinate gives NaN, with either method (SciPy's answer; JAX's nearest would give a
                /// node's value). <paramref name="method"/> overrides the interpolator's.
                /// </summary>
                /// <exception cref="ShapeException">xi's last dimension is not the grid's number of dimensions.</exception>
                /// <exception cref="ArgumentException">complex or boolean xi, or an unknown method.</exception>
                public NDArray Call(NDArray xi, string? method = null)
                {
                    var m = method ?? Method;
                    CheckMethod(m);
                    CheckSizes(m);
                    var ndim = Grid.Count;
                    if (xi.DType.IsComplex() || xi.DType == DType.Bool)
                        throw new ArgumentException($"RegularGridInterpolator: the points must be real numbers, got {xi.DType.NumpyName()}", nameof(xi));
                    if (xi.Ndim == 0) throw new ShapeException("RegularGridInterpolator: xi must be an array of points [..., ndim], got a scalar");
                    if (xi.Ndim == 1)
                    {
                        if (xi.Aval.Shape[0] % ndim != 0)
                            throw new ShapeException($"RegularGridInterpolator: a vector xi of {xi.Aval.Shape[0]} coordinates does not hold points of {ndim} dimensions");
                        xi = Jnp.Reshape(xi, [-1, ndim]);
                    }
                    if (xi.Aval.Shape[^1] != ndim)
                        throw new ShapeException($"RegularGridInterpolator: the requested sample points xi have dimension {xi.Aval.Shape[^1]}, " +
                            $"but this interpolator has dimension {ndim} (xi has shape {Shapes.Format(xi.Aval.Shape)})");
                    var coordinates = Jnp.PromoteInexact([xi, .. Grid]);
                    var outShape = (int[])[.. xi.Aval.Shape[..^1], .. Values.Aval.Shape[ndim..]];
                    return RegularGridEvaluation.Evaluate(coordinates[1..], Values, Jnp.Reshape(coordinates[0], [-1, ndim]), m, FillValue)
                        .Reshape(outShape);
                }

                /// <summary>
                /// <see cref="Call(NDArray, string?)"/> at the points whose coordinate along grid dimension i is
                /// <paramref name="coordinates"/>[i] (SciPy's tuple form; the arrays broadcast together, and the result
                /// has their shape followed by the trailing value dimensions).
                /// </summary>
                public NDArray Call(params NDArray[] coordinates)
                {
                    if (coordinates.Length != Grid.Count)
                        throw new ShapeException($"RegularGridInterpolator: {coordinates.Length} coordinate arrays for a grid of {Grid.Count} dimensions");
                    var broadcast = Jnp.BroadcastArrays("RegularGridInterpolator", Jnp.PromoteInexact(coordinates));
                    return Call(Jnp.Stack(broadcast, -1));
                }

                private static void CheckMethod(string method)
                {
                    if (method is not ("linear" or "nearest"))
                        throw new ArgumentException($"RegularGridInterpolator: method \"{method}\" is not defined; use \"linear\" or \"nearest\"", nameof(method));
                }

                // A linear cell needs two nodes; the nearest node of a single point is that point.
                private void CheckSizes(string method)
                {
                    if (method != "linear") return;
                    for (var d = 0; d < Grid.Count; d++)
                        if (Grid[d].Aval.Shape[0] < 2)
                            throw new ShapeException($"RegularGridInterpolator: linear interpolation needs at least 2 points in each dimension, dimension {d} has 1");
                }
            }
        }
    }
}
