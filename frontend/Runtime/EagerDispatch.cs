using System.Collections.Concurrent;
using JaxNet.Abstractions;
using JaxNet.Core;
using JaxNet.Lowering;

namespace JaxNet.Runtime;

/// <summary>
/// Eager execution (the bottom of the interpreter stack): a primitive applied to concrete arrays is lowered as a
/// one-equation jaxpr through the same lowering as Jit, compiled once per (primitive, params, avals, backend)
/// and launched. A cache hit hashes only the key's precomputed hashes: no strings, no module text; repeating a
/// primitive's last (params, avals, backend) skips even that, comparing against the entry the primitive keeps.
/// </summary>
internal static class EagerDispatch
{
    private static readonly ConcurrentDictionary<EagerKey, (IExecutable Executable, ShapedArray[] OutAvals)> Cache = new();

    /// <summary>The <see cref="CompilationCaches.Generation"/> the cache's entries belong to.</summary>
    private static int cacheGeneration;

    /// <summary>Number of compilations (cache misses) so far.</summary>
    public static int CompileCount => compileCount;

    private static int compileCount;

    /// <summary>Compilations made by eager ops of the calling thread (unaffected by other threads).</summary>
    public static int CompileCountOnThisThread => threadCompileCount;

    [ThreadStatic] private static int threadCompileCount;

    public static NDArray[] Apply(Primitive primitive, NDArray[] inputs, Params p)
    {
        // Control flow runs on the host, launching its bodies' compiled programs (a pmap on devices of its own).
        if (primitive is Primitives.ControlFlowPrimitive control)
        {
            if (control.PlacesItsInputs) return control.Execute(inputs, p, Device.Default);
            var here = Placement.Of(inputs, primitive.Name);
            return here.Mark(control.Execute(here.MoveHere(inputs), p, here.Device), inputs);
        }
        if (primitive is Transforms.CustomCallPrimitive && Transforms.CustomCallPrimitive.NeedsHost(p))
            return JaxprEval.Eval(p.Get<ClosedJaxpr>("call_jaxpr"), inputs);
        var placement = Placement.Of(inputs, primitive.Name);
        var placed = placement.MoveHere(inputs);
        return placement.Mark(Launch(primitive, placed, p, placement.Device), inputs);
    }

    private static NDArray[] Launch(Primitive primitive, NDArray[] inputs, Params p, Device device)
    {
        if (primitive.LastEagerEntry is LastEntry last && last.Matches(p, inputs, device.Backend))
            return Executor.Run(last.Executable, device, inputs, last.OutAvals);
        if (cacheGeneration != CompilationCaches.Generation)
        {
            Cache.Clear();
            cacheGeneration = CompilationCaches.Generation;
        }
        var avals = new ShapedArray[inputs.Length];
        for (var i = 0; i < inputs.Length; i++) avals[i] = inputs[i].Aval;
        var key = new EagerKey(primitive, p, avals, device.Backend);
        if (!Cache.TryGetValue(key, out var entry))
        {
            entry = Compile(primitive, p, avals, device.Backend);
            Cache.TryAdd(key, entry);
        }
        primitive.LastEagerEntry = new LastEntry(p, avals, device.Backend, entry.Executable, entry.OutAvals);
        return Executor.Run(entry.Executable, device, inputs, entry.OutAvals);
    }

    /// <summary>
    /// <see cref="Apply"/> for one result when the primitive's last compilation fits: no argument or result arrays
    /// (the common eager op, <c>x + y</c>); anything else takes the general path.
    /// </summary>
    public static NDArray ApplySingle(Primitive primitive, ReadOnlySpan<NDArray> inputs, Params p)
    {
        if (primitive is not Primitives.ControlFlowPrimitive && primitive.LastEagerEntry is LastEntry { OutAvals.Length: 1 } last)
        {
            var placement = Placement.Of(inputs, primitive.Name);
            if (!placement.Moves(inputs) && last.Matches(p, inputs, placement.Device.Backend))
                return placement.Mark(Executor.RunSingle(last.Executable, placement.Device, inputs, last.OutAvals[0]));
        }
        return Apply(primitive, inputs.ToArray(), p)[0];
    }

    /// <summary>The one-equation jaxpr eager execution of a primitive lowers.</summary>
    public static Jaxpr OneEquation(Primitive primitive, Params p, ShapedArray[] avals)
    {
        var outAvals = primitive.AbstractEval(avals, p);
        var invars = avals.Select(a => new Var(a)).ToArray();
        var outvars = outAvals.Select(a => new Var(a)).ToArray();
        return new Jaxpr([], invars, [new JaxprEqn(primitive, invars, p, outvars)], outvars);
    }

    private static (IExecutable, ShapedArray[]) Compile(Primitive primitive, Params p, ShapedArray[] avals, IBackend backend)
    {
        var jaxpr = OneEquation(primitive, p, avals);
        var module = JaxprLowering.Lower(jaxpr, primitive.Name.Replace('-', '_'), LoweringTarget.For(backend.Capabilities));
        Interlocked.Increment(ref compileCount);
        threadCompileCount++;
        return (Executor.Compile(backend, module), jaxpr.Outputs.Select(o => o.Aval).ToArray());
    }

    /// <summary>A primitive's last eager compilation and what it was compiled for.</summary>
    private sealed class LastEntry(Params p, ShapedArray[] avals, IBackend backend, IExecutable executable, ShapedArray[] outAvals)
    {
        public IExecutable Executable { get; } = executable;

        public ShapedArray[] OutAvals { get; } = outAvals;

        private readonly int generation = CompilationCaches.Generation;

        public bool Matches(Params other, ReadOnlySpan<NDArray> inputs, IBackend otherBackend)
        {
            if (!ReferenceEquals(backend, otherBackend) || inputs.Length != avals.Length || generation != CompilationCaches.Generation) return false;
            if (!ReferenceEquals(p, other) && !p.Equals(other)) return false;
            for (var i = 0; i < avals.Length; i++)
                if (!avals[i].Equals(inputs[i].Aval)) return false;
            return true;
        }
    }

    private readonly struct EagerKey(Primitive primitive, Params p, ShapedArray[] avals, IBackend backend) : IEquatable<EagerKey>
    {
        private readonly Primitive primitive = primitive;
        private readonly Params p = p;
        private readonly ShapedArray[] avals = avals;
        private readonly IBackend backend = backend;
        private readonly int hash = HashOf(primitive, p, avals, backend);

        public bool Equals(EagerKey other)
        {
            if (hash != other.hash || !ReferenceEquals(primitive, other.primitive) || !ReferenceEquals(backend, other.backend)) return false;
            if (avals.Length != other.avals.Length || !p.Equals(other.p)) return false;
            for (var i = 0; i < avals.Length; i++)
                if (!avals[i].Equals(other.avals[i])) return false;
            return true;
        }

        public override bool Equals(object? obj) => obj is EagerKey k && Equals(k);

        public override int GetHashCode() => hash;

        private static int HashOf(Primitive primitive, Params p, ShapedArray[] avals, IBackend backend)
        {
            var h = new HashCode();
            h.Add(primitive);
            h.Add(p.GetHashCode());
            h.Add(backend);
            foreach (var a in avals) h.Add(a.GetHashCode());
            return h.ToHashCode();
        }
    }
}
