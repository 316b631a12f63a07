using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Lowering;

/// <summary>
/// How large one fused elementwise program may grow. The cpu backend compiles a program into one .NET method
/// whose ops are calls to vector helpers the JIT inlines, within an inlining budget per method. A transcendental
/// helper is large (tanh: a polynomial, an exp and a division): once the budget is spent, the rest become calls,
/// and each op then costs 2-4x as much. Measured on 1,000 and 1,000,000 floats: one kernel of 4 tanh took 12 and
/// 12,000 us where 4 kernels of one tanh took 7 and 4,900; chains of negations fuse freely (16 in 0.7 us). So
/// a tanh weighs more than half the budget, an exp-like op a sixth, arithmetic almost nothing. Rechecked with the
/// float32 tanh (cpu-simd's VectorMath.Float32Math.cs) on the 126-op grad chain: tanh weights of 384, 200, 128 and 64
/// gave 85, 44, 23 and 11 kernels and 26.0, 23.9, 32.3 and 56.5 us. Vulkan binds
/// every buffer a kernel touches, and the cuda backend passes them in one fixed struct: hence a limit on buffers,
/// <see cref="MaxBuffers"/> or the backend's own when tighter (<see cref="MaxBuffersFor"/>).
/// </summary>
internal static class FusionBudget
{
    /// <summary>Most weight (see <see cref="Weight"/>) one program may carry.</summary>
    public const int MaxWeight = 384;

    /// <summary>Most distinct buffers (inputs and outputs) one kernel touches when the backend allows more.</summary>
    public const int MaxBuffers = 32;

    /// <summary>The buffer limit of kernels lowered for a backend: its <see cref="BackendCapabilities.MaxKernelBuffers"/> if tighter.</summary>
    public static int MaxBuffersFor(BackendCapabilities capabilities) => Math.Min(MaxBuffers, capabilities.MaxKernelBuffers ?? MaxBuffers);

    /// <summary>The cost of one expression node in the budget.</summary>
    public static int Weight(Expr e) => e switch
    {
        ConstExpr => 0,
        UnaryExpr { Op: UnaryOp.Tanh or UnaryOp.Sinh or UnaryOp.Cosh or UnaryOp.Asinh or UnaryOp.Acosh or UnaryOp.Atanh } => 200,
        UnaryExpr { Op: UnaryOp.Exp or UnaryOp.Exp2 or UnaryOp.Expm1 or UnaryOp.Log or UnaryOp.Log1p or UnaryOp.Logistic } => 64,
        UnaryExpr u when u.Op is >= UnaryOp.Sin and <= UnaryOp.Digamma => 96,
        BinaryExpr { Op: BinaryOp.Pow or BinaryOp.Atan2 or BinaryOp.Rem or BinaryOp.NextAfter } => 96,
        _ => 2,
    };

    /// <summary>
    /// True when the expression is an elementwise program (no open kernel in it) over the budget on its own
    /// (weight, or buffers read with one left for the output, of at most <paramref name="maxBuffers"/>).
    /// </summary>
    public static bool Exceeds(Expr root, int maxBuffers)
    {
        if (root is LoadExpr or ConstExpr or IotaExpr) return false;
        var weight = 0;
        var buffers = new HashSet<int>();
        foreach (var e in ExprWalk.PostOrder(root))
        {
            if (e is PendingExpr { Kernel.IsClosed: false }) return false;
            weight += Weight(e);
            if (InputBuffer(e) is { } b) buffers.Add(b);
        }
        return weight > MaxWeight || buffers.Count >= maxBuffers;
    }

    /// <summary>The buffer a leaf reads, if it reads one.</summary>
    public static int? InputBuffer(Expr e) => e switch
    {
        LoadExpr l => l.Buffer,
        PendingExpr { Kernel: { IsClosed: true } k } => k.Buffer,
        _ => null,
    };
}
