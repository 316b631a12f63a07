using JaxNet.Abstractions.Kernels;
using JaxNet.Core;

namespace JaxNet.Lowering;

/// <summary>
/// The state of one module being lowered: its buffers (numbered as declared, replanned at the end) and kernels in
/// schedule order, plus the operations primitives use to build fused expressions, apply views, open
/// reductions/contractions and materialise values.
/// </summary>
/// <remarks>
/// Elementwise values materialised without a kernel to fuse into are not emitted at once: they join the
/// <see cref="FusionGroup"/> of their shape, which becomes one multi-output kernel when some other kernel first
/// reads one of its buffers, or at <see cref="Finish"/>. Which of its outputs are written is decided then.
/// </remarks>
internal sealed class LoweringContext(string moduleName)
{
    private readonly List<(BufferRole Role, long Bytes)> buffers = [];
    private readonly List<Kernel> kernels = [];
    private readonly Dictionary<string, int> nameCounts = [];
    private readonly List<FusionGroup> pendingGroups = [];
    private readonly List<(int Position, int Count, FusionGroup Group)> emittedGroups = [];
    private readonly Dictionary<Expr, (int Buffer, int[] Shape)> materialized = new(ReferenceEqualityComparer.Instance);

    /// <summary>How much a reduction's work may grow when it is recomputed to fuse a broadcast consumer.</summary>
    public const long MaxRecomputeFactor = 16;

    /// <summary>
    /// Most output points a recomputed reduction may have. The cpu backend pays about 35 ns per output row, so a
    /// softmax over [128, 10] recomputed per point (1,280 rows of 10) took 45 us where a separate reduction
    /// kernel and a broadcast read take 4.
    /// </summary>
    public const long MaxRecomputePoints = 256;

    /// <summary>The name of a fusion group's kernels until <see cref="Finish"/> numbers them.</summary>
    private const string PlaceholderName = "fusion";

    public string ModuleName { get; } = moduleName;

    public IReadOnlyList<Kernel> Kernels => kernels;

    public IReadOnlyList<(BufferRole Role, long Bytes)> Buffers => buffers;

    public int NewBuffer(BufferRole role, ShapedArray aval) => NewBuffer(role, aval.Size * aval.DType.SizeOf());

    public int NewBuffer(BufferRole role, long bytes)
    {
        buffers.Add((role, bytes));
        return buffers.Count - 1;
    }

    /// <summary>Appends a kernel to the schedule, after the fusion groups that write what it reads.</summary>
    public void Emit(Kernel kernel)
    {
        foreach (var b in kernel.ReadBuffers()) FlushGroupWriting(b);
        kernels.Add(kernel);
    }

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
        return reversed.Select(k => k is ElementwiseKernel { Name: PlaceholderName } e ? e with { Name = KernelName("fusion") } : k).ToList();
    }

    /// <summary>
    /// Defers an elementwise value (no open kernel in it) to the fusion group of its shape; returns the buffer it
    /// will be written to. Groups it reads other than through plain loads of the same shape are emitted first.
    /// </summary>
    private int Defer(LValue value, int? into)
    {
        var expr = value.Expr;
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
            group = new FusionGroup(value.Shape);
            pendingGroups.Add(group);
        }
        var output = into ?? NewBuffer(BufferRole.Temporary, value.Aval);
        group.Add(expr, output);
        return output;
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

    public string KernelName(string hint)
    {
        nameCounts.TryGetValue(hint, out var n);
        nameCounts[hint] = n + 1;
        return n == 0 ? hint : $"{hint}_{n}";
    }

    /// <summary>A value held contiguously in a buffer.</summary>
    public static LValue InBuffer(int buffer, ShapedArray aval) =>
        new(aval, new LoadExpr(buffer, aval.DType, IndexMap.Identity(aval.Shape)));

    public static LValue Constant(ShapedArray aval, Scalar value) => new(aval, new ConstExpr(value.Convert(aval.DType)));

    /// <summary>The expression of <paramref name="value"/> seen through <paramref name="view"/>; materialises first when needed.</summary>
    public Expr View(LValue value, View view)
    {
        var expr = value.Expr;
        if (!view.Commutes && expr is not LoadExpr && expr is not PendingExpr)
            expr = MaterializeExpr(value);
        return TryView(expr, view) ?? TryView(MaterializeExpr(value), view)
            ?? throw new InvalidOperationException($"view {view.GetType().Name} cannot apply to a contiguous buffer");
    }

    /// <summary>The expression broadcast to <paramref name="shape"/> (trailing dimensions aligned, NumPy style).</summary>
    public Expr BroadcastTo(LValue value, int[] shape)
    {
        if (value.Shape.AsSpan().SequenceEqual(shape)) return value.Expr;
        if (value.Expr is ConstExpr) return value.Expr;
        var lead = shape.Length - value.Shape.Length;
        var dims = Enumerable.Range(lead, value.Shape.Length).ToArray();
        return View(value, AffineView.Broadcast(value.Shape, shape, dims));
    }

    private Expr? TryView(Expr root, View view)
    {
        var memo = new Dictionary<Expr, Expr>(ReferenceEqualityComparer.Instance);
        foreach (var e in ExprWalk.PostOrder(root))
        {
            Expr? mapped = e switch
            {
                LoadExpr l => view.Compose(l.Map) is { } m ? new LoadExpr(l.Buffer, l.DType, m) : null,
                ConstExpr c => view.Commutes ? c : null,
                IotaExpr i => view.ComposeIota(i),
                PendingExpr { Kernel: OpenReduction { IsClosed: false } r } p when view.Commutes &&
                    r.Recompute(view, MaxRecomputeFactor, MaxRecomputePoints) is { } wider => new PendingExpr(wider),
                PendingExpr { Kernel: OpenContraction { IsClosed: false } c } when c.Transposed(view) is { } swapped => new PendingExpr(swapped),
                PendingExpr p => view.Compose(IndexMap.Identity(p.Kernel.OutputShape)) is { } m
                    ? new LoadExpr(Close(p.Kernel), p.DType, m) : null,
                UnaryExpr u => new UnaryExpr(u.Op, memo[u.X]),
                BinaryExpr b => new BinaryExpr(b.Op, memo[b.A], memo[b.B]),
                SelectExpr s => new SelectExpr(memo[s.Predicate], memo[s.OnTrue], memo[s.OnFalse]),
                ConvertExpr c => new ConvertExpr(memo[c.X], c.DType),
                _ => null,
            };
            if (mapped is null) return null;
            memo[e] = mapped;
        }
        return memo[root];
    }

    /// <summary>Emits an open kernel without epilogue; returns its buffer.</summary>
    public int Close(OpenKernel kernel, int? into = null)
    {
        if (kernel.Buffer is { } done)
            return kernel.HoldsRawValue ? done : throw new InvalidOperationException("a kernel closed with an epilogue was read again");
        var output = into ?? NewBuffer(BufferRole.Temporary, Shapes.Size(kernel.OutputShape) * kernel.PlainOutputDType.SizeOf());
        Emit(kernel.Build(KernelName(kernel.NameHint), null, output));
        kernel.MarkClosed(output, withEpilogue: false);
        return output;
    }

    /// <summary>The value in a contiguous buffer: emits whatever kernel computes it (fusing it into an open kernel's epilogue).</summary>
    public int Materialize(LValue value, int? into = null)
    {
        var expr = value.Expr;
        var shape = value.Shape;
        if (expr is LoadExpr load && load.IsContiguous(shape) && load.DType == value.DType && into is null) return load.Buffer;
        // A value left unmaterialised because it is cheap to recompute (relu(x) read by two contractions) is
        // still written once, not once per reader that needs it in memory.
        if (into is null && materialized.TryGetValue(expr, out var done) && done.Shape.AsSpan().SequenceEqual(shape)) return done.Buffer;
        var buffer = MaterializeNew(value, into);
        if (into is null) materialized[expr] = (buffer, shape);
        return buffer;
    }

    private int MaterializeNew(LValue value, int? into)
    {
        var expr = value.Expr;
        var shape = value.Shape;
        if (expr is PendingExpr { Kernel.IsClosed: false } p && p.DType == value.DType) return Close(p.Kernel, into);
        var open = ExprWalk.OpenKernels(expr);
        for (var i = 1; i < open.Count; i++) Close(open[i]);
        if (open.Count > 0)
        {
            var output = into ?? NewBuffer(BufferRole.Temporary, value.Aval);
            var kernel = open[0];
            var emitter = new ProgramEmitter(shape, kernel);
            var result = emitter.Emit(InlinePending(expr));
            var epilogue = new FusedEpilogue(emitter.Build(result), emitter.Inputs.ToArray());
            Emit(kernel.Build(KernelName(kernel.NameHint), epilogue, output));
            kernel.MarkClosed(output, withEpilogue: true);
            return output;
        }
        if (expr is LoadExpr view && view.DType == value.DType && !pendingGroups.Any(g => g.Substitutes(view)))
        {
            var output = into ?? NewBuffer(BufferRole.Temporary, value.Aval);
            Emit(new CopyKernel(KernelName("copy"), new MappedInput(view.Buffer, view.DType, view.Map), shape, output));
            return output;
        }
        return Defer(value, into);
    }

    /// <summary>Materialises and returns the value as a contiguous load.</summary>
    public Expr MaterializeExpr(LValue value) =>
        new LoadExpr(Materialize(value), value.DType, IndexMap.Identity(value.Shape));

    /// <summary>The value as a whole contiguous tensor (operands of contractions, gathers, sorts, ...).</summary>
    public TensorRef Tensor(LValue value) => new(Materialize(value), value.DType, value.Shape);

    /// <summary>An expression with every open kernel closed (for prologues, which cannot hold another kernel).</summary>
    public Expr Closed(Expr expr)
    {
        foreach (var k in ExprWalk.OpenKernels(expr)) Close(k);
        return InlinePending(expr);
    }

    /// <summary>
    /// For a prologue or an epilogue: values of pending fusion groups that <paramref name="expr"/> reads element
    /// for element are inlined (recomputed there) while it stays within half the <see cref="FusionBudget"/>.
    /// The group then need not be emitted before the reduction or contraction, and its later values can still
    /// absorb them (softmax's exp is read by its row sum and by the gradient that follows).
    /// </summary>
    private Expr InlinePending(Expr expr)
    {
        if (pendingGroups.Count == 0) return expr;
        var memo = new Dictionary<Expr, Expr>(ReferenceEqualityComparer.Instance);
        var inlined = ExprRewrite.Apply(expr, memo, l => pendingGroups.Select(g => g.Inline(l)).FirstOrDefault(e => e is not null));
        if (ReferenceEquals(inlined, expr)) return expr;
        return ExprWalk.PostOrder(inlined).Sum(FusionBudget.Weight) <= FusionBudget.MaxWeight / 2 ? inlined : expr;
    }
}
