using JaxNet.Runtime;

namespace JaxNet;

public static partial class Jax
{
    /// <summary>
    /// Compiles <paramref name="f"/> (jax.jit): traced once per signature (shapes, dtypes, weak types, static
    /// arguments, backend), simplified, fused into kernels and cached. Arguments listed in
    /// <paramref name="staticArgnums"/> are passed concretely and key the cache by value. Arguments listed in
    /// <paramref name="donateArgnums"/> are given up by the caller (jax.jit's donate_argnums): a result updated from
    /// one (a dynamic_update_slice or scatter of it) is written in its buffer instead of a copy, and the array is spent
    /// (reading it raises ObjectDisposedException); a donation no result can use leaves the array as it was.
    /// </summary>
    public static Func<NDArray, NDArray> Jit(Func<NDArray, NDArray> f, int[]? staticArgnums = null, string? backend = null, int[]? donateArgnums = null)
    {
        var jit = new JitFunction(f, a => [f(a[0])], 1, staticArgnums, backend, donateArgnums);
        return jit.Call1;
    }

    public static Func<NDArray, NDArray, NDArray> Jit(Func<NDArray, NDArray, NDArray> f, int[]? staticArgnums = null, string? backend = null, int[]? donateArgnums = null)
    {
        var jit = new JitFunction(f, a => [f(a[0], a[1])], 2, staticArgnums, backend, donateArgnums);
        return jit.Call2;
    }

    public static Func<NDArray, NDArray, NDArray, NDArray> Jit(Func<NDArray, NDArray, NDArray, NDArray> f, int[]? staticArgnums = null,
        string? backend = null, int[]? donateArgnums = null)
    {
        var jit = new JitFunction(f, a => [f(a[0], a[1], a[2])], 3, staticArgnums, backend, donateArgnums);
        return jit.Call3;
    }

    public static Func<NDArray, NDArray, NDArray, NDArray, NDArray> Jit(Func<NDArray, NDArray, NDArray, NDArray, NDArray> f,
        int[]? staticArgnums = null, string? backend = null, int[]? donateArgnums = null)
    {
        var jit = new JitFunction(f, a => [f(a[0], a[1], a[2], a[3])], 4, staticArgnums, backend, donateArgnums);
        return jit.Call4;
    }

    /// <summary>A function with several results, compiled as one program.</summary>
    public static Func<NDArray[], NDArray[]> Jit(Func<NDArray[], NDArray[]> f, int arity, int[]? staticArgnums = null, string? backend = null, int[]? donateArgnums = null)
    {
        var jit = new JitFunction(f, f, arity, staticArgnums, backend, donateArgnums);
        return jit.Call;
    }
}

/// <summary>Lower, compile and inspect jitted functions (these find the <see cref="JitFunction"/> behind the delegate).</summary>
public static class JitExtensions
{
    public static JitFunction JitInfo(this Delegate jitted) =>
        jitted.Target as JitFunction ?? throw new ArgumentException("the function was not made by Jax.Jit");

    /// <summary>Lowers a jitted pytree function (<see cref="Jax.Jit{TIn, TOut}"/>) for one input.</summary>
    public static Lowered Lower<TIn, TOut>(this Func<TIn, TOut> f, TIn input) where TIn : notnull =>
        Jax.PytreeLowerings.TryGetValue(f, out var lower)
            ? lower(input)
            : throw new ArgumentException("Lower needs a function returned by Jax.Jit", nameof(f));

    public static Lowered Lower(this Func<NDArray, NDArray> f, NDArray x) => f.JitInfo().Lower([x]);

    public static Lowered Lower(this Func<NDArray, NDArray, NDArray> f, NDArray x, NDArray y) => f.JitInfo().Lower([x, y]);

    public static Lowered Lower(this Func<NDArray, NDArray, NDArray, NDArray> f, NDArray x, NDArray y, NDArray z) =>
        f.JitInfo().Lower([x, y, z]);

    public static Lowered Lower(this Func<NDArray, NDArray, NDArray, NDArray, NDArray> f, NDArray x, NDArray y, NDArray z, NDArray w) =>
        f.JitInfo().Lower([x, y, z, w]);
}
