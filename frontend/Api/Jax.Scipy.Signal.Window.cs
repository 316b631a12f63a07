using JaxNet.Core;

namespace JaxNet;

/// <summary>
/// The window of jax.scipy.signal's spectral tools: a name SciPy's get_window knows (periodic, as for spectral
/// analysis: "hann", "hamming", "boxcar") or an explicit one-dimensional array whose length sets nperseg.
/// </summary>
public sealed class SignalWindow
{
    private SignalWindow(string? name, NDArray? values) => (Name, Values) = (name, values);

    /// <summary>The window's name, or null for an explicit array.</summary>
    public string? Name { get; }

    /// <summary>The explicit window, or null for a named one.</summary>
    public NDArray? Values { get; }

    public static implicit operator SignalWindow(string name) => new(name, null);

    public static implicit operator SignalWindow(NDArray values) => new(null, values);

    /// <summary>The window as an array of <paramref name="length"/> points in <paramref name="dtype"/>.</summary>
    internal NDArray Resolve(string op, int length, DType dtype)
    {
        if (Values is { } w)
        {
            if (w.Ndim != 1) throw new ShapeException($"{op}: window must be one-dimensional, got shape {Shapes.Format(w.Aval.Shape)}");
            if (w.Aval.Shape[0] != length) throw new ArgumentException($"{op}: the window has {w.Aval.Shape[0]} points but nperseg is {length}");
            return Jnp.Astype(w, dtype);
        }
        // A periodic window of n points is the symmetric one of n + 1 (jnp's hanning, hamming) without its last.
        return Name?.ToLowerInvariant() switch
        {
            "hann" or "hanning" or "han" => Jnp.Astype(Jnp.Hanning(length + 1)[..length], dtype),
            "hamming" or "hamm" or "ham" => Jnp.Astype(Jnp.Hamming(length + 1)[..length], dtype),
            "boxcar" or "box" or "ones" or "rect" or "rectangular" => Jnp.Ones([length], dtype),
            _ => throw new ArgumentException($"{op}: unknown window '{Name}' (known: hann, hamming, boxcar, or an array)", "window"),
        };
    }
}
