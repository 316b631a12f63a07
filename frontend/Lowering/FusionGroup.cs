using JaxNet.Abstractions.Kernels;

namespace JaxNet.Lowering;

/// <summary>
/// Elementwise values of one shape waiting to become a single multi-output <see cref="ElementwiseKernel"/>.
/// Each value has the buffer it will be written to; other values of the group read it through a plain
/// (contiguous, same-shape) load of that buffer, and at emission such loads are replaced by the value's own
/// expression, so a value shared inside the group is computed once, in registers. Which outputs are really
/// written is decided when the module is finished (<see cref="Build"/> with the live buffers): a value that
/// only the group itself used never reaches memory.
/// </summary>
/// <remarks>
/// Invariant kept by <see cref="LoweringContext"/>: a group's expressions read only buffers already written by
/// emitted kernels, parameters, or the group's own outputs through plain loads. So a group can be emitted at any
/// later point of the schedule, and must be emitted before the first kernel that reads one of its buffers.
/// </remarks>
internal sealed class FusionGroup(int[] shape)
{
    /// <summary>Most expression nodes (constants aside) in one group: each node becomes locals of a compiled loop,
    /// and past about a thousand locals the .NET JIT stops tracking them in registers.</summary>
    public const int MaxNodes = 384;

    /// <summary>Most distinct buffers (inputs and outputs) one kernel touches: a Vulkan shader binds each one, and
    /// devices guarantee few bindings per stage. A group whose live outputs would exceed it is emitted as several
    /// kernels, each recomputing what its outputs need.</summary>
    public const int MaxBuffers = 16;

    /// <summary>Most values one group holds (most are usually read only inside the group and never written).</summary>
    public const int MaxValues = 64;

    private readonly List<(Expr Root, int Buffer)> values = [];
    private readonly HashSet<Expr> nodes = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<int> inputs = [];

    public int[] Shape { get; } = shape;

    public IReadOnlyList<(Expr Root, int Buffer)> Values => values;

    public bool Writes(int buffer) => values.Any(v => v.Buffer == buffer);

    /// <summary>True when <paramref name="load"/> reads one of this group's values element for element.</summary>
    public bool Substitutes(LoadExpr load) =>
        load.IsContiguous(Shape) && values.Any(v => v.Buffer == load.Buffer && v.Root.DType == load.DType);

    /// <summary>Whether adding <paramref name="root"/> keeps the group within the backends' limits.</summary>
    public bool Fits(Expr root)
    {
        var newNodes = 0;
        var newInputs = new HashSet<int>();
        foreach (var e in ExprWalk.PostOrder(root))
        {
            if (e is ConstExpr || nodes.Contains(e)) continue;
            newNodes++;
            if (InputBuffer(e) is { } b && !inputs.Contains(b) && !Writes(b)) newInputs.Add(b);
        }
        return values.Count == 0 ||
               (nodes.Count + newNodes <= MaxNodes && inputs.Count + newInputs.Count < MaxBuffers && values.Count < MaxValues);
    }

    public void Add(Expr root, int buffer)
    {
        foreach (var e in ExprWalk.PostOrder(root))
        {
            if (e is ConstExpr || !nodes.Add(e)) continue;
            if (InputBuffer(e) is { } b && !Writes(b)) inputs.Add(b);
        }
        values.Add((root, buffer));
    }

    /// <summary>
    /// The kernels writing the values whose buffers are <paramref name="live"/> (all when null): one, unless the
    /// buffers it would touch exceed <see cref="MaxBuffers"/>; none when no value is live. Shared
    /// subexpressions, including values read by later values, are emitted once per kernel.
    /// </summary>
    public List<ElementwiseKernel> Build(Func<string> name, Func<int, bool>? live = null)
    {
        var memo = new Dictionary<Expr, Expr>(ReferenceEqualityComparer.Instance);
        var own = new Dictionary<int, Expr>();
        var roots = new List<(Expr Root, int Buffer)>();
        foreach (var (root, buffer) in values)
        {
            var inlined = ExprRewrite.Apply(root, memo,
                l => l.IsContiguous(Shape) && own.TryGetValue(l.Buffer, out var v) && v.DType == l.DType ? v : null);
            own[buffer] = inlined;
            if (live is null || live(buffer)) roots.Add((inlined, buffer));
        }
        var kernels = new List<ElementwiseKernel>();
        for (var start = 0; start < roots.Count;)
        {
            // The longest run of outputs whose inputs and outputs fit the binding limit (at least one output).
            var trial = new ProgramEmitter(Shape);
            var end = start;
            while (end < roots.Count)
            {
                trial.Emit(roots[end].Root);
                if (end > start && trial.Inputs.Count + end - start + 1 > MaxBuffers) break;
                end++;
            }
            var run = roots.GetRange(start, end - start);
            var emitter = new ProgramEmitter(Shape);
            var results = run.Select(r => emitter.Emit(r.Root)).ToArray();
            kernels.Add(new ElementwiseKernel(name(), Shape, emitter.Inputs.ToArray(), emitter.Build(results), run.Select(r => r.Buffer).ToArray()));
            start = end;
        }
        return kernels;
    }

    private static int? InputBuffer(Expr e) => e switch
    {
        LoadExpr l => l.Buffer,
        PendingExpr { Kernel: { IsClosed: true } k } => k.Buffer,
        _ => null,
    };
}
