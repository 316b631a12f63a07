using JaxNet.Bench.Limits;

namespace JaxNet.Bench.Workloads;

/// <summary>
/// <c>Jax.Jit(xs =&gt; Jnp.Concatenate(xs, axis))</c> or <c>Jnp.Stack(xs, axis)</c> of equal arrays, one elementwise
/// kernel whose every input is padded to the output's shape and chosen by coordinate (the layout of concatenate,
/// pad and stack, which pmap's results use). Rows differ by axis (the last, the first, a new middle or last one) and dtype.
/// </summary>
internal sealed class JitJoinWorkload(string key, string title, DType dtype, int[] pieceShape, int pieces, int axis, bool stack,
    bool transposeFirst = false) : FrontendWorkload
{
    public static JitJoinWorkload Concatenate(string key, DType dtype, int axis) =>
        new(key, $"concatenate 2 x [2048,1024] {dtype.ShortName()} on axis {axis} (jit)", dtype, [2048, 1024], 2, axis, false);

    public static JitJoinWorkload Stack(string key) =>
        new(key, "stack 3 x [1024,1024] f32 on axis 1 (jit)", DType.Float32, [1024, 1024], 3, 1, true);

    /// <summary>The first member a transposed view (<c>x.T</c> of a stored [1024,2048] array): read across its rows.</summary>
    public static JitJoinWorkload ConcatenateTransposed(string key) =>
        new(key, "concatenate [x.T, y], 2 x [2048,1024] f32 on axis 1 (jit)", DType.Float32, [2048, 1024], 2, 1, false, transposeFirst: true);

    /// <summary>A new last axis: the members interleaved element by element (x, y, z, x, y, z, ...).</summary>
    public static JitJoinWorkload StackLast(string key) =>
        new(key, "stack 3 x [1024,1024] f32 on a new last axis (jit)", DType.Float32, [1024, 1024], 3, 2, true);

    private int[] OutputShape
    {
        get
        {
            var shape = pieceShape.ToList();
            if (stack) shape.Insert(axis, pieces);
            else shape[axis] *= pieces;
            return shape.ToArray();
        }
    }

    public override string Title => title;

    public override string PeerKey => key;

    public override Unit Unit => Unit.Milliseconds;

    protected override string Implementation => "JaxNet (jit)";

    /// <summary>Every input read once and the output written once, at the STREAM triad's bandwidth.</summary>
    public override Limit? LimitFrom(RooflineFigures roofline)
    {
        var bytes = 2.0 * pieces * pieceShape.Aggregate(1L, (a, b) => a * b) * dtype.SizeOf();
        return roofline.TriadGBs is { } gbs ? new Limit(bytes / (gbs * 1e9) * 1e3, $"{bytes / 1e6:F0} MB moved at the triad bandwidth") : null;
    }

    protected override (Action, Func<string>, NDArray[]) Prepare()
    {
        var count = pieceShape.Aggregate(1, (a, b) => a * b);
        var inputs = Enumerable.Range(0, pieces).Select(p => p == 0 && transposeFirst ? StoredTransposed() : TypedArrays.FromValues(dtype, pieceShape, i => Value(p, i))).ToArray();
        var (call, lower) = Jitted(inputs);
        return (() => Disposed(call()), () =>
        {
            using var result = call();
            var values = TypedArrays.ToDoubles(result);
            var shape = OutputShape;
            for (var flat = 0L; flat < values.Length; flat += 7919)
            {
                var (piece, at) = Source(shape, flat);
                if (values[flat] != Value(piece, at))
                    throw new ResultMismatchException($"{key}: element {flat} = {values[flat]}, expected {Value(piece, at)} (input {piece}, element {at})");
            }
            return $"sampled elements match; {KernelCount(lower())}";
        }, inputs);
    }

    /// <summary>The join jitted over its inputs as separate arguments (Lower takes the fixed-arity forms).</summary>
    private (Func<NDArray> Call, Func<Lowered> Lower) Jitted(NDArray[] xs)
    {
        NDArray Join(params NDArray[] parts)
        {
            if (transposeFirst) parts = [Jnp.Transpose(parts[0]), .. parts[1..]];
            return stack ? Jnp.Stack(parts, axis) : Jnp.Concatenate(parts, axis);
        }
        switch (xs.Length)
        {
            case 2:
                var two = Jax.Jit((NDArray a, NDArray b) => Join(a, b));
                return (() => two(xs[0], xs[1]), () => two.Lower(xs[0], xs[1]));
            case 3:
                var three = Jax.Jit((NDArray a, NDArray b, NDArray c) => Join(a, b, c));
                return (() => three(xs[0], xs[1], xs[2]), () => three.Lower(xs[0], xs[1], xs[2]));
            default:
                throw new ArgumentException($"a join row of {xs.Length} inputs has no jitted form here", nameof(xs));
        }
    }

    /// <summary>The first member stored as its transpose, so that its view <c>x.T</c> holds <c>Value(0, i)</c>.</summary>
    private NDArray StoredTransposed()
    {
        var (rows, cols) = (pieceShape[0], pieceShape[1]);
        return TypedArrays.FromValues(dtype, [cols, rows], i => Value(0, i % rows * cols + i / rows));
    }

    /// <summary>A value every dtype holds exactly: 0/1 for Bool, below 251 for UInt8.</summary>
    private double Value(int piece, long at) => (at * 7 + piece * 3) % (dtype == DType.Bool ? 2 : dtype == DType.UInt8 ? 251 : 1 << 20);

    /// <summary>The input and its element that output element <paramref name="flat"/> comes from.</summary>
    private (int Piece, long At) Source(int[] shape, long flat)
    {
        var coords = new long[shape.Length];
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            coords[d] = flat % shape[d];
            flat /= shape[d];
        }
        var piece = (int)(coords[axis] / (stack ? 1 : pieceShape[axis]));
        var inPiece = coords.ToList();
        if (stack) inPiece.RemoveAt(axis);
        else inPiece[axis] -= piece * pieceShape[axis];
        var at = 0L;
        for (var d = 0; d < pieceShape.Length; d++) at = at * pieceShape[d] + inPiece[d];
        return (piece, at);
    }
}
