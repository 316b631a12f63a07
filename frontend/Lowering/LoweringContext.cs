using JaxNet.Abstractions;
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
/// No kernel touches more than <paramref name="maxBuffers"/> distinct buffers (the target backend's limit, see
/// <see cref="FusionBudget.MaxBuffersFor"/>).
/// </remarks>
internal sealed partial class LoweringContext(string moduleName, int maxBuffers)
{
    private readonly List<(BufferRole Role, long Bytes)> buffers = [];
    private readonly List<Kernel> kernels = [];
    private readonly Dictionary<string, int> nameCounts = [];
    private readonly Dictionary<Expr, (int Buffer, int[] Shape)> materialized = new(ReferenceEqualityComparer.Instance);

    /// <summary>How much a reduction's work may grow when it is recomputed to fuse a broadcast consumer.</summary>
    public const long MaxRecomputeFactor = 16;

    /// <summary>
    /// Most output points a recomputed reduction may have. The cpu backend pays about 35 ns per output row, so a
    /// softmax over [128, 10] recomputed per point (1,280 rows of 10) took 45 us where a separate reduction
    /// kernel and a broadcast read take 4.
    /// </summary>
    public const long MaxRecomputePoints = 256;

    public string ModuleName { get; } = moduleName;

    /// <summary>Most distinct buffers (read and written) one kernel of this module may touch.</summary>
    public int MaxBuffers { get; } = maxBuffers >= BackendCapabilities.MinKernelBuffers ? maxBuffers
        : throw new ArgumentOutOfRangeException(nameof(maxBuffers), maxBuffers, $"kernels need at least {BackendCapabilities.MinKernelBuffers} buffers");

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
        var viewed = TryView(expr, view);
        // A reshape that strides cannot express leaves its loads re-splitting every point's index (ReshapeTo), which
        // a backend evaluates point by point: the pooled [64, 64, 7, 7] activations flattened for a dense layer took
        // 40 times as long per element as the same pool unflattened. A computed value is cheaper written in its own
        // shape, whose buffer the reshape then reads with plain strides.
        if (viewed is not null && view is ReshapeView && expr is not LoadExpr && ReadsThroughReshape(viewed)) viewed = null;
        return viewed ?? TryView(MaterializeExpr(value), view)
            ?? throw new InvalidOperationException($"view {view.GetType().Name} cannot apply to a contiguous buffer");
    }

    private static bool ReadsThroughReshape(Expr expr) => ExprWalk.PostOrder(expr).Any(e => e is LoadExpr { Map.ReshapeTo: not null });

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
                PendingExpr { Kernel: OpenContraction { IsClosed: false } c } when c.Through(view) is { } arranged => new PendingExpr(arranged),
                PendingExpr p => view.Compose(IndexMap.Identity(p.Kernel.OutputShape)) is { } m
                    ? new LoadExpr(Close(p.Kernel), p.DType, m) : null,
                UnaryExpr u => new UnaryExpr(u.Op, memo[u.X]),
                BinaryExpr b => new BinaryExpr(b.Op, memo[b.A], memo[b.B]),
                SelectExpr s => new SelectExpr(memo[s.Predicate], memo[s.OnTrue], memo[s.OnFalse]),
                ConvertExpr c => new ConvertExpr(memo[c.X], c.DType),
                BitcastExpr c => new BitcastExpr(memo[c.X], c.DType),
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
            var kernel = open[0];
            if (EpilogueWithinLimit(kernel, expr, shape) is not { } withinLimit)
            {
                // Too many buffers for one kernel: the kernel's value goes to memory, and the rest is elementwise.
                Close(kernel);
                return Materialize(value, into);
            }
            var output = into ?? NewBuffer(BufferRole.Temporary, value.Aval);
            var emitter = new ProgramEmitter(shape, kernel);
            var result = emitter.Emit(withinLimit);
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

    /// <summary>An expression with every open kernel closed (for prologues, which cannot hold another kernel), to be
    /// evaluated at the points of <paramref name="shape"/>, reading at most one buffer fewer than a kernel may touch.</summary>
    public Expr Closed(Expr expr, int[] shape)
    {
        foreach (var k in ExprWalk.OpenKernels(expr)) Close(k);
        return WithinBuffers(InlinePending(expr, shape), shape, MaxBuffers - 1, NoBuffers);
    }
}
