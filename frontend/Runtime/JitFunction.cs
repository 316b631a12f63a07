using JaxNet.Abstractions;
using JaxNet.Core;
using JaxNet.Lowering;
using JaxNet.Runtime;

namespace JaxNet;

/// <summary>
/// The state behind a jitted function: its cache of compiled programs by signature, a trace counter (a cache hit
/// traces nothing) and the reason of the last retrace, also written to the log at level info.
/// </summary>
public sealed class JitFunction
{
    private readonly Delegate original;
    private readonly Func<NDArray[], NDArray[]> body;
    private readonly int arity;
    private readonly HashSet<int> staticArgnums;
    private readonly string? backendName;
    private readonly Dictionary<(JitSignature, IBackend), Lowered> cache = [];
    private readonly Lock gate = new();
    private JitSignature? last;
    private int cacheGeneration = CompilationCaches.Generation;

    internal JitFunction(Delegate original, Func<NDArray[], NDArray[]> body, int arity, int[]? staticArgnums, string? backend,
        int[]? donateArgnums = null)
    {
        this.original = original;
        this.body = body;
        this.arity = arity;
        this.staticArgnums = [.. (staticArgnums ?? []).Select(i => i < 0 ? i + arity : i)];
        backendName = backend;
        Name = original.Method.Name;
        var donate = (donateArgnums ?? []).Select(i => i < 0 ? i + arity : i).ToHashSet();
        if (donate.Any(i => i < 0 || i >= arity))
            throw new ArgumentException($"jit of {Name}: donateArgnums {string.Join(", ", donateArgnums!)} must name arguments of its {arity}");
        if (donate.FirstOrDefault(this.staticArgnums.Contains, -1) is var both and >= 0)
            throw new ArgumentException($"jit of {Name}: argument {both} is both static and donated; a static argument has no buffer to give");
        var dynamic = Enumerable.Range(0, arity).Where(i => !this.staticArgnums.Contains(i)).ToArray();
        donated = dynamic.Select(donate.Contains).ToArray();
        donatedPositions = Enumerable.Range(0, donated.Length).Where(i => donated[i]).ToHashSet();
    }

    /// <summary>Per dynamic argument (static ones left out), whether the caller gives its buffer up.</summary>
    private readonly bool[] donated;

    /// <summary>The positions <see cref="donated"/> marks, for the lowering.</summary>
    private readonly HashSet<int> donatedPositions;

    /// <summary>The user function's name, used in logs and errors.</summary>
    public string Name { get; }

    /// <summary>How many times the function has been traced.</summary>
    public int TraceCount { get; private set; }

    /// <summary>Number of compiled signatures.</summary>
    public int CacheSize
    {
        get { lock (gate) return cache.Count; }
    }

    /// <summary>Why the last trace happened after the first one ("argument 0 changed shape from f32[3] to f32[4]"), else null.</summary>
    public string? LastRetraceReason { get; private set; }

    internal NDArray Call1(NDArray x) => Call([x])[0];

    internal NDArray Call2(NDArray x, NDArray y) => Call([x, y])[0];

    internal NDArray Call3(NDArray x, NDArray y, NDArray z) => Call([x, y, z])[0];

    internal NDArray Call4(NDArray x, NDArray y, NDArray z, NDArray w) => Call([x, y, z, w])[0];

    internal NDArray[] Call(NDArray[] args)
    {
        if (args.Length != arity) throw new ArgumentException($"{Name} takes {arity} arguments, got {args.Length}");
        // Under another transformation the function is traced inline into the outer program; with jit disabled it
        // runs op by op.
        if (Jax.RunsWithoutJit || TraceStack.Depth > 0 || args.Any(a => a.Tracer is not null)) return body(args);
        var dynamicArgs = args.Where((_, i) => !staticArgnums.Contains(i)).ToArray();
        var placement = PlacementOf(dynamicArgs);
        var lowered = Lower(args, placement.Device.Backend);
        return placement.Mark(lowered.Compile().ExecuteOn(placement.Device, dynamicArgs, donated), dynamicArgs);
    }

    /// <summary>
    /// Where a call runs: on the device of its committed arguments (the program compiled once per backend serves every
    /// device of it), else on the first device of the jit's backend, or the default device (<see cref="Device.Default"/>) when it names none. A backend named in Jax.Jit wins over committed
    /// arguments on another backend, which are copied to it.
    /// </summary>
    private Placement PlacementOf(NDArray[] dynamicArgs)
    {
        var placement = Placement.Of(dynamicArgs, ToString(), uncommittedMustAgree: false);
        var named = backendName is null ? null : BackendRegistry.Default.Get(backendName);
        if (placement.Committed && (named is null || ReferenceEquals(named, placement.Device.Backend))) return placement;
        return new Placement(named is null ? Device.Default : Device.Of(named, 0), false);
    }

    /// <summary>Traces (or finds in the cache) and lowers the function for arguments like <paramref name="args"/>.</summary>
    public Lowered Lower(NDArray[] args) =>
        Lower(args, PlacementOf(args.Where((_, i) => !staticArgnums.Contains(i)).ToArray()).Device.Backend);

    private Lowered Lower(NDArray[] args, IBackend backend)
    {
        var signature = JitSignature.Of(args, staticArgnums, backend.Platform);
        lock (gate)
        {
            if (cacheGeneration != CompilationCaches.Generation)
            {
                cache.Clear();
                cacheGeneration = CompilationCaches.Generation;
            }
            if (cache.TryGetValue((signature, backend), out var hit)) return hit;
            if (last is not null)
            {
                LastRetraceReason = signature.DifferenceFrom(last);
                RuntimeLog.Info($"retracing {Name}: {LastRetraceReason}");
            }
            last = signature;
            TraceCount++;
            var dynamicIndices = Enumerable.Range(0, args.Length).Where(i => !staticArgnums.Contains(i)).ToArray();
            var avals = dynamicIndices.Select(i => args[i].Aval).ToArray();
            ClosedJaxpr jaxpr;
            using (LoweringPlatform.Use(backend.Platform))
                jaxpr = Tracing.ToJaxpr(traced =>
                {
                    var full = (NDArray[])args.Clone();
                    for (var k = 0; k < dynamicIndices.Length; k++) full[dynamicIndices[k]] = traced[k];
                    return body(full);
                }, avals, "jit", Name);
            var lowered = Lowered.Of(jaxpr, "jit_" + Sanitize(Name), Device.Of(backend, 0), donatedPositions);
            cache[(signature, backend)] = lowered;
            return lowered;
        }
    }

    /// <summary>A function name as a module name: letters and digits, the rest underscores.</summary>
    internal static string Sanitize(string name) => new(name.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray());

    public override string ToString() => $"jit({original.Method.Name})";
}
