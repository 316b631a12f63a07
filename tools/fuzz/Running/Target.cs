namespace JaxNet.Fuzz.Running;

/// <summary>How a program is run: traced and compiled whole, op by op, or vmapped over a batch and compiled.</summary>
public enum RunMode
{
    /// <summary>Jax.Jit on the backend: the frontend fuses the program into a few kernels.</summary>
    Jit,

    /// <summary>Op by op on the default backend: one small kernel per primitive.</summary>
    Eager,

    /// <summary>Jax.Jit(Jax.Vmap(f)) on the backend over two batch elements, some inputs unbatched: the batching rules.</summary>
    Vmap,
}

/// <summary>Where and how a program runs, and what the backend's numerics allow.</summary>
public sealed record Target(string Backend, RunMode Mode, NumericsModel Numerics)
{
    public override string ToString() => $"{Backend} ({Mode.ToString().ToLowerInvariant()})";
}
