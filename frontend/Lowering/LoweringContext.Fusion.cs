using JaxNet.Abstractions.Kernels;

namespace JaxNet.Lowering;

/// <summary>The multi-output fusion part of the lowering state: pending <see cref="FusionGroup"/>s by shape.</summary>
internal sealed partial class LoweringContext
{
    /// <summary>The name of a fusion group's kernels until <see cref="Finish"/> numbers them.</summary>
    private const string PlaceholderName = "fusion";

    private readonly List<FusionGroup> pendingGroups = [];
    private readonly List<(int Position, int Count, FusionGroup Group)> emittedGroups = [];

    /// <summary>
    /// Emits every pending group and returns the schedule with each group's dead outputs dropped: an output is
    /// live when it is a result or a later kernel reads it. Groups are pruned last to first, so an output read
    /// only by another group's dead output is dead too.
    /// </summary>
    public IReadOnlyList<Kernel> Finish(IEnumerable<int> results)
    {
        while (pendingGroups.Count > 0) Flush(pendingGroups[0]);
        var live = new HashSet<int>(results);
        var groupAt = emittedGroups.ToDictionary(g => g.Position);
        var reversed = new List<Kernel>();
        for (var k = kernels.Count - 1; k >= 0; k--)
        {
            var run = groupAt.TryGetValue(k, out var g)
                ? g.Group.Build(() => PlaceholderName, live.Contains).AsEnumerable<Kernel>().Reverse().ToList()
                : (groupAt.Values.Any(e => k > e.Position && k < e.Position + e.Count) ? [] : [kernels[k]]);
            foreach (var kernel in run) live.UnionWith(kernel.ReadBuffers());
            reversed.AddRange(run);
        }
        reversed.Reverse();
        // Group kernels are named in schedule order once their number is known.
        return reversed.Select(k => k is ElementwiseKernel { Name: PlaceholderName } e ? e with { Name = KernelName("fusion") } : k)
            .ToList();
    }

    /// <summary>
    /// Defers an elementwise value (no open kernel in it) to the fusion group of its shape; returns the buffer it
    /// will be written to. Groups it reads other than through plain loads of the same shape are emitted first.
    /// </summary>
    private int Defer(LValue value, int? into)
    {
        var expr = WithinBuffers(value.Expr, value.Shape, MaxBuffers - 1, NoBuffers);
        FusionGroup? group;
        while (true)
        {
            group = pendingGroups.Find(g => g.Shape.AsSpan().SequenceEqual(value.Shape));
            var blocking = ExprWalk.PostOrder(expr).OfType<LoadExpr>()
                .Select(l => (Load: l, Writer: pendingGroups.Find(g => g.Writes(l.Buffer))))
                .FirstOrDefault(r => r.Writer is { } w && (w != group || !w.Substitutes(r.Load))).Writer;
            if (blocking is null) break;
            Flush(blocking);
        }
        if (group is not null && !group.Fits(expr))
        {
            Flush(group);
            group = null;
        }
        if (group is null)
        {
            group = new FusionGroup(value.Shape, MaxBuffers);
            pendingGroups.Add(group);
        }
        var output = into ?? NewBuffer(BufferRole.Temporary, value.Aval);
        group.Add(expr, output);
        return output;
    }

    /// <summary>The value in memory with its kernel in the schedule now (lax.optimization_barrier): a deferred
    /// elementwise value is otherwise still open to later values of its fusion group, which recompute it.</summary>
    public int MaterializeFenced(LValue value)
    {
        var buffer = Materialize(value);
        FlushGroupWriting(buffer);
        return buffer;
    }

    private void FlushGroupWriting(int buffer)
    {
        if (pendingGroups.Find(g => g.Writes(buffer)) is { } group) Flush(group);
    }

    /// <summary>Puts the group in the schedule with every output; <see cref="Finish"/> prunes the outputs.</summary>
    private void Flush(FusionGroup group)
    {
        pendingGroups.Remove(group);
        var built = group.Build(() => PlaceholderName);
        emittedGroups.Add((kernels.Count, built.Count, group));
        kernels.AddRange(built);
    }

    /// <summary>
    /// For a prologue or an epilogue: values of pending fusion groups that <paramref name="expr"/> reads element
    /// for element are inlined (recomputed there) while it stays within half the <see cref="FusionBudget"/>.
    /// The group then need not be emitted before the reduction or contraction, and its later values can still
    /// absorb them (softmax's exp is read by its row sum and by the gradient that follows). Only groups of
    /// <paramref name="shape"/>, the points <paramref name="expr"/> is evaluated at, qualify: a group's expression is
    /// in its own index space, and a load can read a group of another shape in order (one that differs by where a
    /// size-1 dimension sits) without its points being the group's.
    /// </summary>
    private Expr InlinePending(Expr expr, int[] shape)
    {
        if (pendingGroups.Count == 0) return expr;
        var memo = new Dictionary<Expr, Expr>(ReferenceEqualityComparer.Instance);
        var inlined = ExprRewrite.Apply(expr, memo,
            l => pendingGroups.Where(g => g.Shape.AsSpan().SequenceEqual(shape)).Select(g => g.Inline(l)).FirstOrDefault(e => e is not null));
        if (ReferenceEquals(inlined, expr)) return expr;
        return ExprWalk.PostOrder(inlined).Sum(FusionBudget.Weight) <= FusionBudget.MaxWeight / 2 ? inlined : expr;
    }
}
