using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>
/// append, delete and insert: new arrays with entries added or removed along an axis (of the flattened array when
/// the axis is null), as NumPy's. The positions are static ints, so the result's length is known while tracing:
/// each becomes one gather of a host-computed index list (or a concatenation), differentiable in the values.
/// </summary>
public static partial class Jnp
{
    /// <summary><paramref name="values"/> joined to the end of x along an axis; with a null axis both are
    /// flattened first. Dtypes promote as in <see cref="Concatenate"/>.</summary>
    public static NDArray Append(NDArray x, NDArray values, int? axis = null) =>
        axis is null ? Concatenate([Ravel(x), Ravel(values)], 0) : Concatenate([x, values], axis.Value);

    /// <summary>x without the entry at <paramref name="index"/> along an axis (negative counts from the end).</summary>
    public static NDArray Delete(NDArray x, int index, int? axis = null) => Delete(x, [index], axis);

    /// <summary>x without the entries at <paramref name="indices"/> along an axis; repeated indices delete
    /// once.</summary>
    public static NDArray Delete(NDArray x, int[] indices, int? axis = null)
    {
        var (flat, a) = EditAxis(x, axis);
        var n = flat.Aval.Shape[a];
        var doomed = indices.Select(i => NormalizedPosition(i, n, "delete")).ToHashSet();
        return Take(flat, Array(Enumerable.Range(0, n).Where(i => !doomed.Contains(i)).ToArray()), a, TakeMode.Clip);
    }

    /// <summary>
    /// x with <paramref name="values"/> inserted before position <paramref name="index"/> (0..n; negative
    /// counts from the end) along an axis. As NumPy's, values get leading 1s up to x's rank, their first axis
    /// moves to the insertion axis (its length is how many entries go in) and the rest broadcast against x.
    /// Values take x's dtype.
    /// </summary>
    public static NDArray Insert(NDArray x, int index, NDArray values, int? axis = null)
    {
        var (flat, a) = EditAxis(x, axis);
        var n = flat.Aval.Shape[a];
        var at = index < 0 ? index + n : index;
        if (at < 0 || at > n) throw new IndexOutOfRangeException($"insert: index {index} is out of bounds for axis {a} with size {n}");
        var v = Moveaxis(AtLeastRank(Astype(values, flat.DType), flat.Ndim), 0, a);
        var slot = flat.Shape;
        slot[a] = v.Aval.Shape[a];
        v = BroadcastTo(v, slot);
        return Lax.Concatenate([Lax.SliceInDim(flat, 0, at, 1, a), v, Lax.SliceInDim(flat, at, n, 1, a)], a);
    }

    /// <summary>
    /// x with one entry inserted before each of <paramref name="indices"/> (positions in the original x, 0..n);
    /// values broadcast to one entry per index along the axis. Several entries at one position keep the order of
    /// <paramref name="indices"/>.
    /// </summary>
    public static NDArray Insert(NDArray x, int[] indices, NDArray values, int? axis = null)
    {
        var (flat, a) = EditAxis(x, axis);
        var n = flat.Aval.Shape[a];
        var at = indices.Select(i => i < 0 ? i + n : i).ToArray();
        if (at.Any(i => i < 0 || i > n)) throw new IndexOutOfRangeException($"insert: an index in [{string.Join(", ", indices)}] is out of bounds for axis {a} with size {n}");
        var slot = flat.Shape;
        slot[a] = at.Length;
        var v = BroadcastTo(AtLeastRank(Astype(values, flat.DType), flat.Ndim), slot);
        // Output position of each new entry: its index plus the new entries placed before it (a stable order).
        var order = Enumerable.Range(0, at.Length).OrderBy(j => at[j]).ToArray();
        var source = new int[n + at.Length];
        var isNew = new bool[source.Length];
        for (var rank = 0; rank < order.Length; rank++)
        {
            source[at[order[rank]] + rank] = n + order[rank];
            isNew[at[order[rank]] + rank] = true;
        }
        // The original entries fill the remaining positions in order.
        for (int p = 0, i = 0; p < source.Length; p++)
            if (!isNew[p]) source[p] = i++;
        return Take(Lax.Concatenate([flat, v], a), Array(source), a, TakeMode.Clip);
    }

    private static (NDArray Array, int Axis) EditAxis(NDArray x, int? axis) =>
        axis is null ? (Ravel(x), 0) : (x, Shapes.Axis(axis.Value, x.Ndim, "insert/delete"));

    private static int NormalizedPosition(int i, int n, string op) => i >= -n && i < n
        ? (i < 0 ? i + n : i)
        : throw new IndexOutOfRangeException($"{op}: index {i} is out of bounds for an axis of size {n}");

    private static NDArray AtLeastRank(NDArray x, int rank) =>
        x.Ndim >= rank ? x : Lax.Reshape(x, Enumerable.Repeat(1, rank - x.Ndim).Concat(x.Aval.Shape).ToArray());
}
