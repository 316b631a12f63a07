using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jnp
{
    /// <summary>
    /// numpy.fromfunction as JAX builds it: the array of <paramref name="shape"/> whose element at (i, j, ...) is
    /// f(i, j, ...), with f vmapped once per dimension, so it is called on scalar coordinates of
    /// <paramref name="dtype"/> (the default float by default) and may be written for single elements.
    /// </summary>
    public static NDArray Fromfunction(Func<NDArray[], NDArray> f, int[] shape, DType? dtype = null)
    {
        if (shape.Any(d => d < 0)) throw new ShapeException($"fromfunction: negative dimension in shape {Shapes.Format(shape)}");
        var type = dtype ?? TypePromotion.DefaultFloat;
        Func<NDArray[], NDArray[]> mapped = c => [f(c)];
        // The last dimension is mapped innermost, so the first coordinate indexes the result's first axis.
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            var axes = new int?[shape.Length];
            axes[d] = 0;
            mapped = Jax.Vmap(mapped, axes, [0]);
        }
        return mapped(shape.Select(n => Lax.Iota(type, n)).ToArray())[0];
    }

    /// <inheritdoc cref="Fromfunction(Func{NDArray[], NDArray}, int[], DType?)"/>
    public static NDArray Fromfunction(Func<NDArray, NDArray> f, int n, DType? dtype = null) =>
        Fromfunction(c => f(c[0]), [n], dtype);

    /// <inheritdoc cref="Fromfunction(Func{NDArray[], NDArray}, int[], DType?)"/>
    public static NDArray Fromfunction(Func<NDArray, NDArray, NDArray> f, (int Rows, int Cols) shape, DType? dtype = null) =>
        Fromfunction(c => f(c[0], c[1]), [shape.Rows, shape.Cols], dtype);
}
