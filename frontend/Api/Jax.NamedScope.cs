using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    /// <summary>
    /// Opens a named scope (jax.named_scope): every operation traced until the result is disposed carries
    /// <paramref name="name"/> in its equation's <see cref="JaxprEqn.NameStack"/>, after the names of the enclosing
    /// scopes, joined with '/'. <c>Jax.MakeJaxpr(f)(x).PrettyPrint(nameStack: true)</c> and
    /// <c>Lowered.Jaxpr.PrettyPrint(nameStack: true)</c> show them, where JAX writes them into the HLO op_name
    /// metadata. Eager operations have no program to annotate, so outside a trace the scope changes nothing.
    /// Unlike JAX, the names do not include the transformations (no "jit(f)/" or "transpose(jvp(...))/" prefix), and
    /// the equations a reverse-mode pass adds after the forward trace has left the scope carry no name.
    /// </summary>
    /// <exception cref="ArgumentException">The name is null, empty or only white space.</exception>
    public static IDisposable NamedScope(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("a named scope needs a non-empty name", nameof(name));
        return NameScopes.Extend(name);
    }

    /// <summary><paramref name="f"/> run inside <see cref="NamedScope"/> of <paramref name="name"/>, or of the method's
    /// name when none is given (jax.named_call).</summary>
    public static Func<NDArray, NDArray> NamedCall(Func<NDArray, NDArray> f, string? name = null)
    {
        var scope = ScopeName(f, name);
        return x =>
        {
            using (NamedScope(scope)) return f(x);
        };
    }

    /// <inheritdoc cref="NamedCall(Func{NDArray, NDArray}, string?)"/>
    public static Func<NDArray, NDArray, NDArray> NamedCall(Func<NDArray, NDArray, NDArray> f, string? name = null)
    {
        var scope = ScopeName(f, name);
        return (x, y) =>
        {
            using (NamedScope(scope)) return f(x, y);
        };
    }

    /// <inheritdoc cref="NamedCall(Func{NDArray, NDArray}, string?)"/>
    public static Func<NDArray[], NDArray[]> NamedCall(Func<NDArray[], NDArray[]> f, string? name = null)
    {
        var scope = ScopeName(f, name);
        return args =>
        {
            using (NamedScope(scope)) return f(args);
        };
    }

    private static string ScopeName(Delegate f, string? name)
    {
        ArgumentNullException.ThrowIfNull(f);
        var scope = name ?? f.Method.Name;
        return string.IsNullOrWhiteSpace(scope)
            ? throw new ArgumentException("a named call needs a non-empty name", nameof(name))
            : scope;
    }
}
