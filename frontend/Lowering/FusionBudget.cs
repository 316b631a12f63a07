using JaxNet.Abstractions.Kernels;

namespace JaxNet.Lowering;

/// <summary>
/// How large one fused elementwise program may grow. The cpu backend compiles a program into one .NET method
/// whose ops are inlined vector helpers; past about 512 locals the .NET JIT stops inlining, and every op becomes
/// a call (a chain of 20 tanh on 1,000 floats then runs 7x slower than two kernels of 10). A transcendental
/// helper inlines to dozens of locals, an arithmetic op to about two. The budget is that limit in those units,
/// with headroom. Vulkan binds every buffer a kernel touches, and devices guarantee few bindings per stage:
/// hence <see cref="MaxBuffers"/>.
/// </summary>
internal static class FusionBudget
{
    /// <summary>Most weight (see <see cref="Weight"/>) one program may carry.</summary>
    public const int MaxWeight = 384;

    /// <summary>Most distinct buffers (inputs and outputs) one kernel touches.</summary>
    public const int MaxBuffers = 16;

    /// <summary>The cost of one expression node in the budget: about the locals its compiled form needs.</summary>
    public static int Weight(Expr e) => e switch
    {
        ConstExpr => 0,
        UnaryExpr u when IsTranscendental(u.Op) => 24,
        BinaryExpr { Op: BinaryOp.Pow or BinaryOp.Atan2 or BinaryOp.Rem or BinaryOp.NextAfter } => 24,
        _ => 2,
    };

    /// <summary>True when the expression alone is over the budget (weight or buffers read).</summary>
    public static bool Exceeds(Expr root)
    {
        var weight = 0;
        var buffers = new HashSet<int>();
        foreach (var e in ExprWalk.PostOrder(root))
        {
            weight += Weight(e);
            if (InputBuffer(e) is { } b) buffers.Add(b);
        }
        return weight > MaxWeight || buffers.Count >= MaxBuffers;
    }

    /// <summary>The buffer a leaf reads, if it reads one.</summary>
    public static int? InputBuffer(Expr e) => e switch
    {
        LoadExpr l => l.Buffer,
        PendingExpr { Kernel: { IsClosed: true } k } => k.Buffer,
        _ => null,
    };

    private static bool IsTranscendental(UnaryOp op) => op is >= UnaryOp.Exp and <= UnaryOp.Digamma;
}
