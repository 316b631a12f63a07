using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>
/// <c>x.At[idx]</c>: the pure equivalents of NumPy's in-place <c>x[idx] = v</c>, <c>x[idx] += v</c>, ... Where an
/// index repeats, Add, Multiply, Min and Max combine every update (unlike NumPy's in-place operators); Set keeps
/// one of them, unspecified which (as in JAX). Values broadcast to the shape <c>x[idx]</c> has and are cast to x's
/// dtype. An index out of range drops its update (JAX's default <c>mode='drop'</c>, <see cref="TakeMode.Fill"/>
/// here) or goes to the nearest element with <see cref="TakeMode.Clip"/>. Everything is differentiable and works
/// under Jit and Vmap; a boolean mask needs known values, as in JAX.
/// </summary>
public sealed class IndexUpdate
{
    private readonly NDArray array;
    private readonly IndexItem[] items;

    internal IndexUpdate(NDArray array, IndexItem[] items)
    {
        this.array = array;
        this.items = items;
    }

    /// <summary>x[idx]; an index array's entry out of range is clamped, or gives <paramref name="fillValue"/> (NaN for
    /// inexact dtypes by default) with <see cref="TakeMode.Fill"/>.</summary>
    public NDArray Get(TakeMode mode = TakeMode.Clip, double? fillValue = null) =>
        NumpyIndex.Get(array, items, GatherMode(mode, "get"), fillValue ?? double.NaN);

    public NDArray Set(NDArray values, TakeMode mode = TakeMode.Fill) => Scatter(values, ScatterCombiner.Replace, mode, "set");

    public NDArray Add(NDArray values, TakeMode mode = TakeMode.Fill) => Scatter(values, ScatterCombiner.Add, mode, "add");

    public NDArray Subtract(NDArray values, TakeMode mode = TakeMode.Fill) =>
        Scatter(Jnp.Negative(Cast(values, "subtract")), ScatterCombiner.Add, mode, "subtract");

    public NDArray Multiply(NDArray values, TakeMode mode = TakeMode.Fill) => Scatter(values, ScatterCombiner.Mul, mode, "multiply");

    /// <summary>x divided by the product of the values at each index (as JAX computes it: x / ones.at[idx].multiply(v)).</summary>
    public NDArray Divide(NDArray values, TakeMode mode = TakeMode.Fill) =>
        Jnp.Divide(array, Jnp.OnesLike(array).At[items].Multiply(values, mode));

    /// <summary>x to the power of the product of the values at each index (as JAX computes it).</summary>
    public NDArray Power(NDArray values, TakeMode mode = TakeMode.Fill) =>
        Jnp.Power(array, Jnp.OnesLike(array).At[items].Multiply(values, mode));

    public NDArray Min(NDArray values, TakeMode mode = TakeMode.Fill) => Scatter(values, ScatterCombiner.Min, mode, "min");

    public NDArray Max(NDArray values, TakeMode mode = TakeMode.Fill) => Scatter(values, ScatterCombiner.Max, mode, "max");

    /// <summary>f applied to the elements at the index (once each, however often the index names them). An entry out of
    /// range (an integer too, as in the other updates) reads a clamped element and drops its update, or with
    /// <see cref="TakeMode.Clip"/> goes to the nearest element.</summary>
    public NDArray Apply(Func<NDArray, NDArray> f, TakeMode mode = TakeMode.Fill)
    {
        // With no elements every entry is out of range: nothing to read, and every update would drop.
        if (array.Size == 0) return array;
        return Set(f(NumpyIndex.Get(array, items, IndexMode.Clip, double.NaN, integersAsArrays: true)), mode);
    }

    private NDArray Scatter(NDArray values, ScatterCombiner combiner, TakeMode mode, string op)
    {
        var shape = array.Aval.Shape;
        // Every element's flat position, indexed like x: where the updates go, and -1 where they fall outside.
        var size = checked((int)array.Size);
        var flatPositions = Lax.Reshape(Lax.Iota(DType.Int32, size), shape);
        var positions = NumpyIndex.Get(flatPositions, items, GatherMode(mode, op), -1, integersAsArrays: true);
        var target = positions.Aval.Shape;
        var cast = Cast(values, op);
        if (!BroadcastsTo(cast.Aval.Shape, target))
            throw new ShapeException($"x.At[...].{Name(op)}: values of shape {Shapes.Format(cast.Aval.Shape)} do not broadcast to the indexed shape {Shapes.Format(target)}");
        var count = checked((int)positions.Size);
        if (count == 0) return array;
        var updates = Lax.Reshape(Jnp.BroadcastTo(cast, target), [count]);
        var scattered = Lax.Scatter(Lax.Reshape(array, [size]), Lax.Reshape(positions, [count, 1]), updates, [], [0], [0], combiner, IndexMode.FillOrDrop);
        return Lax.Reshape(scattered, shape);
    }

    private static bool BroadcastsTo(int[] from, int[] to) =>
        from.Length <= to.Length && from.Select((n, i) => n == 1 || n == to[to.Length - from.Length + i]).All(ok => ok);

    private NDArray Cast(NDArray values, string op) =>
        values.DType == array.DType ? values
        : values.DType.IsComplex() && !array.DType.IsComplex()
            ? throw new ArgumentException($"x.At[...].{Name(op)}: complex values cannot go into a {array.DType.NumpyName()} array")
            : Jnp.Astype(values, array.DType);

    private static IndexMode GatherMode(TakeMode mode, string op) => mode switch
    {
        TakeMode.Fill => IndexMode.FillOrDrop,
        TakeMode.Clip => IndexMode.Clip,
        _ => throw new ArgumentException($"x.At[...].{Name(op)}: mode {mode} is not supported (Fill drops, or fills on Get; Clip clamps)", nameof(mode)),
    };

    private static string Name(string op) => op[..1].ToUpperInvariant() + op[1..];
}
