using System.Runtime.CompilerServices;
using JaxNet.Abstractions.Kernels;

namespace JaxNet;

public sealed partial class NDArray
{
    /// <summary>
    /// NumPy indexing: <c>x[1]</c>, <c>x[.., 0]</c>, <c>x[1..3]</c>, <c>x[^1]</c>, <c>x[IndexItem.Slice(null, null, -2)]</c>,
    /// <c>x[IndexItem.NewAxis]</c>, <c>x[IndexItem.Ellipsis, 0]</c>, integer arrays (<c>x[idx]</c>, <c>x[rows, cols]</c>)
    /// and boolean masks (<c>x[x &gt; 0]</c>, outside Jit). Integers remove their axis; ranges keep it; missing trailing
    /// entries take the whole axis. An integer out of range is an error; an index array's entry out of range is
    /// clamped, as JAX does (<c>x.At[idx].Get(TakeMode.Fill)</c> gives the fill value instead). Named Index in IL so
    /// that <see cref="At"/> can have JAX's name.
    /// </summary>
    [IndexerName("Index")]
    public NDArray this[params IndexItem[] items]
    {
        get
        {
            // x[d] of an array whose rows stay on their devices (pmap's results): row d where it is, not owned.
            if (items.Length == 1 && shards is not null && items[0].Kind == IndexItem.IndexKind.Position
                && items[0].Position.GetOffset(aval.Shape[0]) is var r && r >= 0 && r < aval.Shape[0])
                return shards[r].ReshapedView(shards[r].Shape) ?? shards[r];
            return NumpyIndex.Get(this, items, IndexMode.Clip, double.NaN);
        }
    }
}
