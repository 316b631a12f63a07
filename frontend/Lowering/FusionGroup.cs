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
internal sealed class FusionGroup(int[] shape, int maxBuffers)
{
    /// <summary>Most values one group holds (most are usually read only inside the group and never written).</summary>
    public const int MaxValues = 256;

    private readonly List<(Expr Root, int Buffer)> values = [];
    private readonly HashSet<Expr> nodes = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<int> inputs = [];
    private int weight;
    private readonly Dictionary<Expr, Expr> inlineMemo = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<int, Expr> inlined = [];
    private int inlinedCount;

    public int[] Shape { get; } = shape;

    public IReadOnlyList<(Expr Root, int Buffer)> Values => values;

    public bool Writes(int buffer) => values.Any(v => v.Buffer == buffer);

    /// <summary>True when <paramref name="load"/> reads one of this group's values element for element.</summary>
    public bool Substitutes(LoadExpr load) =>
        load.IsContiguous(Shape) && values.Any(v => v.Buffer == load.Buffer && v.Root.DType == load.DType);

    /// <summary>Whether adding <paramref name="root"/> keeps the group within <see cref="FusionBudget"/> and its buffer limit.</summary>
    public bool Fits(Expr root)
    {
        var added = 0;
        var newInputs = new HashSet<int>();
        foreach (var e in ExprWalk.PostOrder(root))
        {
            if (nodes.Contains(e)) continue;
            added += FusionBudget.Weight(e);
            if (FusionBudget.InputBuffer(e) is { } b && !inputs.Contains(b) && !Writes(b)) newInputs.Add(b);
        }
        return values.Count == 0 || (weight + added <= FusionBudget.MaxWeight &&
            inputs.Count + newInputs.Count < maxBuffers && values.Count < MaxValues);
    }

    public void Add(Expr root, int buffer)
    {
        foreach (var e in ExprWalk.PostOrder(root))
        {
            if (!nodes.Add(e)) continue;
            weight += FusionBudget.Weight(e);
            if (FusionBudget.InputBuffer(e) is { } b && !Writes(b)) inputs.Add(b);
        }
        values.Add((root, buffer));
    }

    /// <summary>
    /// The expression of the value <paramref name="load"/> reads element for element, with the group's other
    /// values it reads inlined too; null when it reads none of them. It reads only buffers already written.
    /// </summary>
    public Expr? Inline(LoadExpr load)
    {
        if (!Substitutes(load)) return null;
        InlineAll();
        return inlined[load.Buffer];
    }

    /// <summary>Each value's expression with the group's values it reads replaced by their expressions.</summary>
    private void InlineAll()
    {
        // Values are only appended, so the forms built by earlier calls stay valid.
        for (; inlinedCount < values.Count; inlinedCount++)
        {
            var (root, buffer) = values[inlinedCount];
            inlined[buffer] = ExprRewrite.Apply(root, inlineMemo,
                l => l.IsContiguous(Shape) && inlined.TryGetValue(l.Buffer, out var v) && v.DType == l.DType ? v : null);
        }
    }

    /// <summary>
    /// The kernels writing the values whose buffers are <paramref name="live"/> (all when null): one, unless the
    /// buffers it would touch exceed the group's limit; none when no value is live. Shared
    /// subexpressions, including values read by later values, are emitted once per kernel.
    /// </summary>
    public List<ElementwiseKernel> Build(Func<string> name, Func<int, bool>? live = null)
    {
        InlineAll();
        var roots = values.Where(v => live is null || live(v.Buffer)).Select(v => (Root: inlined[v.Buffer], v.Buffer)).ToList();
        var kernels = new List<ElementwiseKernel>();
        for (var start = 0; start < roots.Count;)
        {
            // The longest run of outputs whose inputs and outputs fit the binding limit (at least one output).
            var trial = new ProgramEmitter(Shape);
            var end = start;
            while (end < roots.Count)
            {
                trial.Emit(roots[end].Root);
                if (end > start && trial.Inputs.Count + end - start + 1 > maxBuffers) break;
                end++;
            }
            var run = roots.GetRange(start, end - start);
            var emitter = new ProgramEmitter(Shape);
            var results = run.Select(r => emitter.Emit(r.Root)).ToArray();
            var outputs = run.Select(r => r.Buffer).ToArray();
            kernels.Add(new ElementwiseKernel(name(), Shape, emitter.Inputs.ToArray(), emitter.Build(results), outputs));
            start = end;
        }
        return kernels;
    }
}
