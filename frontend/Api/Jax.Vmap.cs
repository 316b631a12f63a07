using JaxNet.Transforms;

namespace JaxNet;

public static partial class Jax
{
    /// <summary>
    /// Vectorizing map (jax.vmap): a function of one example becomes a function of a batch. Each argument is mapped
    /// along its in axis (null: not mapped, the same for every example; negative axes count from the end); the
    /// result carries the batch along <paramref name="outAxes"/>. The function is traced once with batch tracers and
    /// every primitive runs batched (a matrix-vector product becomes one matrix-matrix product), not in a loop.
    /// Composes with every transformation, itself included (vmap of vmap). An int in axis applies to every
    /// argument; per-argument axes are an array (<c>inAxes: [null, 0]</c>), and a null array maps nothing (an error, as in JAX).
    /// With <c>axisName</c>, collectives over that name (<see cref="Lax.Psum"/>, <see cref="Lax.AxisIndex"/>, ...) act
    /// along the batch axis, each batch element playing a pmap member.
    /// </summary>
    public static Func<NDArray, NDArray> Vmap(Func<NDArray, NDArray> f, int inAxes = 0, int outAxes = 0, string? axisName = null) =>
        Vmap(f, [inAxes], outAxes, axisName);

    /// <inheritdoc cref="Vmap(Func{NDArray, NDArray}, int, int)"/>
    public static Func<NDArray, NDArray> Vmap(Func<NDArray, NDArray> f, int?[]? inAxes, int outAxes = 0, string? axisName = null)
    {
        var names = ArgumentNames(f, 1);
        return x => BatchingVmap.Apply(a => [f(a[0])], [x], inAxes, [outAxes], f.Method.Name, names, axisName)[0];
    }

    /// <inheritdoc cref="Vmap(Func{NDArray, NDArray}, int, int)"/>
    public static Func<NDArray, NDArray, NDArray> Vmap(Func<NDArray, NDArray, NDArray> f, int inAxes = 0, int outAxes = 0,
        string? axisName = null) => Vmap(f, [inAxes, inAxes], outAxes, axisName);

    /// <inheritdoc cref="Vmap(Func{NDArray, NDArray}, int, int)"/>
    public static Func<NDArray, NDArray, NDArray> Vmap(Func<NDArray, NDArray, NDArray> f, int?[]? inAxes, int outAxes = 0,
        string? axisName = null)
    {
        var names = ArgumentNames(f, 2);
        return (x, y) => BatchingVmap.Apply(a => [f(a[0], a[1])], [x, y], inAxes, [outAxes], f.Method.Name, names, axisName)[0];
    }

    /// <inheritdoc cref="Vmap(Func{NDArray, NDArray}, int, int)"/>
    public static Func<NDArray, NDArray, NDArray, NDArray> Vmap(Func<NDArray, NDArray, NDArray, NDArray> f, int inAxes = 0,
        int outAxes = 0, string? axisName = null) => Vmap(f, [inAxes, inAxes, inAxes], outAxes, axisName);

    /// <inheritdoc cref="Vmap(Func{NDArray, NDArray}, int, int)"/>
    public static Func<NDArray, NDArray, NDArray, NDArray> Vmap(Func<NDArray, NDArray, NDArray, NDArray> f, int?[]? inAxes, int outAxes = 0,
        string? axisName = null)
    {
        var names = ArgumentNames(f, 3);
        return (x, y, z) => BatchingVmap.Apply(a => [f(a[0], a[1], a[2])], [x, y, z], inAxes, [outAxes], f.Method.Name, names, axisName)[0];
    }

    /// <inheritdoc cref="Vmap(Func{NDArray, NDArray}, int, int)"/>
    public static Func<NDArray, NDArray, NDArray, NDArray, NDArray> Vmap(Func<NDArray, NDArray, NDArray, NDArray, NDArray> f,
        int inAxes = 0, int outAxes = 0, string? axisName = null) => Vmap(f, [inAxes, inAxes, inAxes, inAxes], outAxes, axisName);

    /// <inheritdoc cref="Vmap(Func{NDArray, NDArray}, int, int)"/>
    public static Func<NDArray, NDArray, NDArray, NDArray, NDArray> Vmap(Func<NDArray, NDArray, NDArray, NDArray, NDArray> f,
        int?[]? inAxes, int outAxes = 0, string? axisName = null)
    {
        var names = ArgumentNames(f, 4);
        return (x, y, z, w) =>
            BatchingVmap.Apply(a => [f(a[0], a[1], a[2], a[3])], [x, y, z, w], inAxes, [outAxes], f.Method.Name, names, axisName)[0];
    }

    /// <summary>Vmap of a function of several arguments and results, with one in axis per argument and one out axis per result.</summary>
    public static Func<NDArray[], NDArray[]> Vmap(Func<NDArray[], NDArray[]> f, int?[] inAxes, int[] outAxes, string? axisName = null)
    {
        var names = Enumerable.Range(0, inAxes.Length).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return args => BatchingVmap.Apply(f, args, inAxes, outAxes, f.Method.Name, names, axisName);
    }

    // The C# parameter names (lambdas keep theirs), so that errors say "argument x", as JAX's do.
    private static string[] ArgumentNames(Delegate f, int arity)
    {
        var parameters = f.Method.GetParameters();
        return Enumerable.Range(0, arity).Select(i => i < parameters.Length && parameters[i].Name is { Length: > 0 } n
            ? n : i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }
}
