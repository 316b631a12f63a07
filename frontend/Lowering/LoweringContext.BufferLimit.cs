using JaxNet.Abstractions.Kernels;

namespace JaxNet.Lowering;

/// <summary>
/// Keeping kernels within the backend's buffer limit (<see cref="LoweringContext.MaxBuffers"/>). Fusion groups split
/// by themselves (<see cref="FusionGroup"/>); a single expression that reads more buffers than a kernel may touch
/// (a concatenate of 40 arrays, an epilogue adding 20 of them) has parts written to memory first, as XLA's GPU
/// fusion stops at its limit on a fusion's operands.
/// </summary>
internal sealed partial class LoweringContext
{
    /// <summary>No buffers: what an expression that joins no kernel yet reads for free.</summary>
    private static readonly IReadOnlySet<int> NoBuffers = new HashSet<int>();

    /// <summary>
    /// <paramref name="root"/>, evaluated at the points of <paramref name="shape"/>, reading at most
    /// <paramref name="maxReads"/> buffers besides those in <paramref name="free"/> (already read by the kernel it
    /// joins). Bottom-up, a node whose operands together read too many has its widest operands written to memory
    /// (each then reads one buffer) until it fits; an operand that holds an open kernel stays, so the result may
    /// still read too many, which the caller checks.
    /// </summary>
    private Expr WithinBuffers(Expr root, int[] shape, int maxReads, IReadOnlySet<int> free)
    {
        if (Reads(root, free).Count <= maxReads) return root;
        var memo = new Dictionary<Expr, Expr>(ReferenceEqualityComparer.Instance);
        var reads = new Dictionary<Expr, HashSet<int>>(ReferenceEqualityComparer.Instance);
        foreach (var e in ExprWalk.PostOrder(root))
        {
            var operands = ExprWalk.Children(e).Select(c => memo[c]).ToArray();
            var read = ReadsOf(e, operands);
            while (read.Count > maxReads)
            {
                var widest = Enumerable.Range(0, operands.Length)
                    .Where(k => reads[operands[k]].Count > 1 && ExprWalk.OpenKernels(operands[k]).Count == 0)
                    .OrderByDescending(k => reads[operands[k]].Count).FirstOrDefault(-1);
                if (widest < 0) break;
                operands[widest] = WrittenOut(operands[widest], shape);
                reads[operands[widest]] = Reads(operands[widest], free);
                read = ReadsOf(e, operands);
            }
            memo[e] = ExprRewrite.WithChildren(e, operands);
            reads[memo[e]] = read;
        }
        return memo[root];

        HashSet<int> ReadsOf(Expr node, Expr[] operands)
        {
            var set = FusionBudget.InputBuffer(node) is { } b && !free.Contains(b) ? new HashSet<int> { b } : [];
            foreach (var operand in operands) set.UnionWith(reads[operand]);
            return set;
        }
    }

    /// <summary>The value in memory, emitted now (not left in a pending group, whose readers would inline it again).</summary>
    private LoadExpr WrittenOut(Expr expr, int[] shape)
    {
        var buffer = Materialize(new LValue(new Core.ShapedArray(shape, expr.DType), expr));
        FlushGroupWriting(buffer);
        return new LoadExpr(buffer, expr.DType, IndexMap.Identity(shape));
    }

    /// <summary>
    /// The epilogue <paramref name="expr"/> of <paramref name="kernel"/>, with pending values inlined, when the kernel
    /// with it stays within the buffer limit (parts written out first if that is what it takes); null when it cannot.
    /// </summary>
    private Expr? EpilogueWithinLimit(OpenKernel kernel, Expr expr, int[] shape)
    {
        var own = kernel.Build(PlaceholderName, null, 0).ReadBuffers().ToHashSet();
        var maxReads = MaxBuffers - 1 - own.Count;
        if (maxReads < 0) return null;
        var epilogue = WithinBuffers(InlinePending(expr, shape), shape, maxReads, own);
        return Reads(epilogue, own).Count <= maxReads ? epilogue : null;
    }

    /// <summary>The distinct buffers an expression reads, except those in <paramref name="free"/>.</summary>
    private static HashSet<int> Reads(Expr root, IReadOnlySet<int> free) =>
        ExprWalk.PostOrder(root).Select(FusionBudget.InputBuffer).OfType<int>().Where(b => !free.Contains(b)).ToHashSet();
}
