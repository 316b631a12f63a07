using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using JaxNet.Lowering;

namespace JaxNet.Primitives;

/// <summary>
/// threefry2x32(k1, k2, x0, x1) -> (y0, y1): the 20-round Threefry-2x32 block function (Salmon et al., SC 2011) of
/// key (k1, k2) on counter words (x0, x1), elementwise on uint32 arrays of one shape (rank-0 operands broadcast), as
/// JAX's primitive of the same name. It is a primitive rather than a chain of lax ops because each round reads both
/// words of the previous one: as separate equations every intermediate has two uses and would be materialised,
/// while this lowering emits the rounds as one shared expression DAG, so a hash of any array of counters is one
/// fused elementwise kernel of uint32 add, xor and rotate (with its consumers fused behind it).
/// </summary>
public sealed class Threefry2x32Primitive() : Primitive("threefry2x32")
{
    private static readonly int[][] Rotations = [[13, 15, 26, 6], [17, 29, 16, 24]];

    /// <summary>Threefry's key-schedule parity constant (Skein's C240 for 32-bit words).</summary>
    private const uint KeyScheduleParity = 0x1BD11BDA;

    public override int OutputCount => 2;

    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        if (inputs.Any(a => a.DType != DType.UInt32))
            throw Error($"operands must be uint32, got {string.Join(", ", inputs.Select(a => a.Str()))}");
        var shape = inputs.Select(a => a.Shape).FirstOrDefault(s => s.Length > 0) ?? [];
        if (inputs.Any(a => a.Rank != 0 && !Shapes.Equal(a.Shape, shape)))
            throw Error($"operands must have one shape or rank 0, got {string.Join(", ", inputs.Select(a => a.Str()))}");
        var result = new ShapedArray(shape, DType.UInt32, false);
        return [result, result];
    }

    internal override LValue[] Lower(LoweringContext context, LValue[] inputs, Params p, ShapedArray[] outputs)
    {
        var shape = outputs[0].Shape;
        var e = inputs.Select(i => context.BroadcastTo(i, shape)).ToArray();
        var (y0, y1) = Rounds<Expr>(e[0], e[1], e[2], e[3],
            (a, b) => new BinaryExpr(BinaryOp.Add, a, b),
            (a, b) => new BinaryExpr(BinaryOp.Xor, a, b),
            (a, r) => new BinaryExpr(BinaryOp.RotateLeft, a, Const(r)),
            Const);
        return [new LValue(outputs[0], y0), new LValue(outputs[1], y1)];

        static Expr Const(uint v) => new ConstExpr(Scalar.FromBits(DType.UInt32, v));
    }

    /// <summary>
    /// The cipher's schedule over any representation of uint32 values: the lowering runs it on expressions, tests
    /// on host integers.
    /// </summary>
    internal static (T, T) Rounds<T>(T k1, T k2, T x0, T x1, Func<T, T, T> add, Func<T, T, T> xor, Func<T, uint, T> rotateLeft,
        Func<uint, T> constant)
    {
        T[] ks = [k1, k2, xor(xor(k1, k2), constant(KeyScheduleParity))];
        x0 = add(x0, ks[0]);
        x1 = add(x1, ks[1]);
        for (var i = 0; i < 5; i++)
        {
            foreach (var r in Rotations[i % 2])
            {
                x0 = add(x0, x1);
                x1 = xor(rotateLeft(x1, (uint)r), x0);
            }
            // Key injection i + 1: the schedule rotates through the three key words and adds the injection count.
            x0 = add(x0, ks[(i + 1) % 3]);
            x1 = add(add(x1, ks[(i + 2) % 3]), constant((uint)(i + 1)));
        }
        return (x0, x1);
    }

    /// <summary>Integer outputs carry no derivative: symbolic zero tangents.</summary>
    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p) =>
        (Bind(p, primals), [null, null]);

    /// <summary>
    /// Elementwise, so batching moves every batch axis to the front and broadcasts the operands to one shape
    /// (JAX's defbroadcasting); rank-0 unbatched operands stay rank 0.
    /// </summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p)
    {
        var first = Array.FindIndex(axes, a => a is not null);
        var size = inputs[first].Shape[axes[first]!.Value];
        var exampleShape = inputs.Select((x, i) => axes[i] is null ? x.Shape : x.Shape.Where((_, d) => d != axes[i]).ToArray())
            .FirstOrDefault(s => s.Length > 0) ?? [];
        int[] full = [size, .. exampleShape];
        var aligned = inputs.Select((x, i) =>
        {
            if (axes[i] is not { } axis)
                return x.Ndim == 0 ? x : Jax.Lax.BroadcastInDim(x, full, [.. Enumerable.Range(1, x.Ndim)]);
            var front = Jax.Lax.Transpose(x, [axis, .. Enumerable.Range(0, x.Ndim).Where(d => d != axis)]);
            return Jax.Lax.BroadcastInDim(front, full, [.. Enumerable.Range(0, front.Ndim)]);
        }).ToArray();
        return (Bind(p, aligned), [0, 0]);
    }
}

public static partial class Prims
{
    public static readonly Threefry2x32Primitive Threefry2x32 = new();
}
