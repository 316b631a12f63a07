using System.Globalization;
using JaxNet.Core;
using JaxNet.Transforms;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Lax
    {
        /// <summary>
        /// lax.composite: <paramref name="decomposition"/> as a named operation. Staged (inside Jit, MakeJaxpr, a loop
        /// body), the call is one equation <c>composite[name=..., attributes=..., version=...]</c> holding the traced
        /// decomposition, so a printed jaxpr shows the operation by name, as JAX's composite does in StableHLO. No
        /// JaxNet backend has kernels of its own for composites, so lowering inlines the decomposition before fusion:
        /// the kernels are those of the decomposition. Differentiation and vmap go through the decomposition (its
        /// JVP, its transpose, its batching; under vmap the batched decomposition is staged as a composite again).
        /// Outside Jit and MakeJaxpr the decomposition simply runs. Attributes are strings, booleans, integers or floats;
        /// they describe the operation and do not reach the decomposition.
        /// </summary>
        /// <exception cref="ArgumentException">An empty name, a negative version, or an attribute of another type.</exception>
        public static Func<NDArray[], NDArray[]> Composite(Func<NDArray[], NDArray[]> decomposition, string name,
            IReadOnlyDictionary<string, object>? attributes = null, int version = 0)
        {
            ArgumentNullException.ThrowIfNull(decomposition);
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("composite: a name is needed", nameof(name));
            ArgumentOutOfRangeException.ThrowIfNegative(version);
            var attrs = new CompositeAttributes(attributes ?? new Dictionary<string, object>());
            return args => CallComposite(decomposition, name, attrs, version, args);
        }

        /// <summary><see cref="Composite(Func{NDArray[], NDArray[]}, string, IReadOnlyDictionary{string, object}?, int)"/>
        /// of one array to one array.</summary>
        public static Func<NDArray, NDArray> Composite(Func<NDArray, NDArray> decomposition, string name,
            IReadOnlyDictionary<string, object>? attributes = null, int version = 0)
        {
            ArgumentNullException.ThrowIfNull(decomposition);
            var composite = Composite(a => [decomposition(a[0])], name, attributes, version);
            return x => composite([x])[0];
        }

        private static NDArray[] CallComposite(Func<NDArray[], NDArray[]> f, string name, CompositeAttributes attributes, int version, NDArray[] args)
        {
            ArgumentNullException.ThrowIfNull(args);
            // Bound whenever a staging trace is recording, even under a vmap or JVP above it: their rules go through the
            // decomposition, and a vmap's stages the batched decomposition as a composite again.
            if (!TraceStack.Staging) return f(args);
            // A vmap on top stages the batched decomposition one level down (binding the composite on its tracers would
            // send the batching rule back here for ever).
            if (CustomDerivatives.TopBatch(args) is { } batch)
                return CustomDerivatives.Rebatch(batch.Trace, CallComposite(batch.Axes.All(a => a is null) ? f : CustomDerivatives.Vmapped(f, batch.Axes),
                    name, attributes, version, batch.Values), batched: batch.Axes.Any(a => a is not null));
            var (call, closedOver) = CustomCallPrimitive.TraceClosed(f, args);
            Func<NDArray[], NDArray[]> all = a => JaxprEval.Eval(call, a);
            var rules = new CustomCallRules((p, t) => ForwardMode.Jvp(all, p, t, name),
                a => CallComposite(all, name, attributes, version, a));
            return CustomCallPrimitive.Composite.Bind(Params.Of(("name", name), ("attributes", attributes), ("version", version),
                ("call_jaxpr", call), ("num_consts", closedOver.Length), ("rules", rules)), [.. closedOver, .. args]);
        }
    }
}

/// <summary>A composite's attributes as a primitive parameter: compared by value, printed sorted by key.</summary>
internal sealed class CompositeAttributes : IEquatable<CompositeAttributes>
{
    private readonly KeyValuePair<string, object>[] sorted;

    public CompositeAttributes(IReadOnlyDictionary<string, object> attributes)
    {
        foreach (var (key, value) in attributes)
            if (value is not (string or bool or int or long or float or double))
                throw new ArgumentException($"composite: attribute '{key}' is a {value?.GetType().Name ?? "null"}; " +
                    "attributes are strings, booleans, integers or floats", nameof(attributes));
        sorted = attributes.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToArray();
    }

    public bool Equals(CompositeAttributes? other) =>
        other is not null && sorted.Length == other.sorted.Length
        && sorted.Zip(other.sorted).All(p => p.First.Key == p.Second.Key && p.First.Value.Equals(p.Second.Value));

    public override bool Equals(object? obj) => obj is CompositeAttributes a && Equals(a);

    public override int GetHashCode() => sorted.Aggregate(sorted.Length, (h, kv) => HashCode.Combine(h, kv.Key, kv.Value));

    public override string ToString() =>
        "{" + string.Join(", ", sorted.Select(kv => kv.Key + "=" + Format(kv.Value))) + "}";

    private static string Format(object value) => value switch
    {
        string s => "'" + s + "'",
        bool b => b ? "True" : "False",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
