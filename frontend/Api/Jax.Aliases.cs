namespace JaxNet;

/// <summary>
/// JAX's other names for transformations JaxNet has (jax.jacobian, jax.remat) and its small utilities:
/// jax.block_until_ready of a pytree, jax.clear_caches.
/// </summary>
public static partial class Jax
{
    /// <summary>jax.jacobian: <see cref="JacRev(Func{NDArray, NDArray})"/>.</summary>
    public static Func<NDArray, NDArray> Jacobian(Func<NDArray, NDArray> f) => JacRev(f);

    /// <summary>jax.jacobian: <see cref="JacRev(Func{NDArray, NDArray, NDArray}, int)"/>.</summary>
    public static Func<NDArray, NDArray, NDArray> Jacobian(Func<NDArray, NDArray, NDArray> f, int argnums = 0) => JacRev(f, argnums);

    /// <summary>jax.jacobian: <see cref="JacRev(Func{NDArray, NDArray, NDArray, NDArray}, int)"/>.</summary>
    public static Func<NDArray, NDArray, NDArray, NDArray> Jacobian(Func<NDArray, NDArray, NDArray, NDArray> f, int argnums = 0) =>
        JacRev(f, argnums);

    /// <summary>jax.remat: <see cref="Checkpoint(Func{NDArray, NDArray})"/>.</summary>
    public static Func<NDArray, NDArray> Remat(Func<NDArray, NDArray> f) => Checkpoint(f);

    /// <summary>jax.remat: <see cref="Checkpoint(Func{NDArray, NDArray, NDArray})"/>.</summary>
    public static Func<NDArray, NDArray, NDArray> Remat(Func<NDArray, NDArray, NDArray> f) => Checkpoint(f);

    /// <summary>
    /// jax.block_until_ready: waits until every array in <paramref name="tree"/> (a pytree: tuples, lists,
    /// dictionaries, records) has been computed, and returns the tree.
    /// </summary>
    public static T BlockUntilReady<T>(T tree)
    {
        foreach (var leaf in TreeUtil.TreeLeaves(tree)) leaf.BlockUntilReady();
        return tree;
    }

    /// <summary>
    /// jax.clear_caches: forgets every compiled program (eager ops', jitted functions', the samplers'), so the next call
    /// of each traces and compiles again. Arrays and programs already handed out (a <see cref="Compiled"/>) stay valid.
    /// </summary>
    public static void ClearCaches() => Runtime.CompilationCaches.StartNewGeneration();
}
