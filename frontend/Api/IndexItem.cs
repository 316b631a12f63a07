namespace JaxNet;

/// <summary>
/// One entry of a NumPy index, for <c>x[...]</c> and <c>x.At[...]</c>: an integer (removes its axis; ^1 counts from
/// the end), a <see cref="Range"/> (<c>1..3</c>, <c>..</c>), a strided slice (<see cref="Slice"/>, NumPy's
/// <c>start:stop:step</c>, steps may be negative), <see cref="NewAxis"/>, <see cref="Ellipsis"/>, or an array: integers
/// (advanced indexing, broadcast together with the other integer arrays) or booleans (a mask; its values must be
/// known, so not under Jit, as in JAX).
/// </summary>
public readonly struct IndexItem
{
    private IndexItem(IndexKind kind, Index position = default, Range span = default, int? start = null, int? stop = null,
        int step = 1, NDArray? array = null)
    {
        Kind = kind;
        Position = position;
        Span = span;
        Start = start;
        Stop = stop;
        Step = step;
        Array = array;
    }

    internal enum IndexKind
    {
        Position,
        Span,
        Strided,
        NewAxis,
        Ellipsis,
        Array,
    }

    internal IndexKind Kind { get; }

    internal Index Position { get; }

    internal Range Span { get; }

    internal int? Start { get; }

    internal int? Stop { get; }

    internal int Step { get; }

    internal NDArray? Array { get; }

    /// <summary>NumPy's <c>None</c> / <c>np.newaxis</c>: a new axis of size 1 at this place.</summary>
    public static IndexItem NewAxis => new(IndexKind.NewAxis);

    /// <summary>NumPy's <c>...</c>: as many whole axes as the other entries leave.</summary>
    public static IndexItem Ellipsis => new(IndexKind.Ellipsis);

    /// <summary>
    /// NumPy's <c>start:stop:step</c>: null bounds mean the end the step walks from or to; negative bounds count from
    /// the end; a negative step walks backwards (<c>Slice(null, null, -1)</c> reverses the axis).
    /// </summary>
    public static IndexItem Slice(int? start, int? stop, int step = 1) =>
        step == 0 ? throw new ArgumentException("a slice step cannot be zero", nameof(step)) : new(IndexKind.Strided, start: start, stop: stop, step: step);

    public static implicit operator IndexItem(int i) => new(IndexKind.Position, position: i < 0 ? Index.FromEnd(-i) : Index.FromStart(i));

    public static implicit operator IndexItem(Index i) => new(IndexKind.Position, position: i);

    public static implicit operator IndexItem(Range r) => new(IndexKind.Span, span: r);

    public static implicit operator IndexItem(NDArray indices) => new(IndexKind.Array, array: indices);

    public static implicit operator IndexItem(int[] indices) => new(IndexKind.Array, array: Jnp.Array(indices));

    public static implicit operator IndexItem(bool[] mask) => new(IndexKind.Array, array: Jnp.Array(mask));
}
