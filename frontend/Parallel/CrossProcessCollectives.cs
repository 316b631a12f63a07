using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using JaxNet.Distributed;

namespace JaxNet.Parallel;

/// <summary>
/// The part of a collective that crosses processes, through the run's <see cref="IProcessGroup"/> (MPI): values go
/// through host memory. Every process calls these in the same order with the same shapes, as SPMD programs do.
/// </summary>
internal static class CrossProcessCollectives
{
    /// <summary>
    /// Every local device gets, for each operand, the reduction over all processes of <paramref name="localTotals"/>[k]
    /// (this process's members already combined, on the first device): result[k][d]. Operands that MPI reduces
    /// natively travel together, one MPI_Allreduce per dtype, so a training step's gradients cost one call.
    /// </summary>
    public static NDArray[][] AllReduce(ReduceOp op, NDArray[] localTotals, AxisMembers axis)
    {
        var group = axis.Group!;
        var first = axis.Devices[0];
        var totals = (NDArray[])localTotals.Clone();
        var native = Enumerable.Range(0, totals.Length)
            .Where(k => totals[k].Size > 0 && ReducesNatively(op, totals[k].DType)).GroupBy(k => totals[k].DType);
        foreach (var sameType in native)
        {
            var indices = sameType.ToArray();
            var packed = Concat(indices.Select(k => totals[k].ToBytes()).ToArray());
            group.AllReduce(packed, sameType.Key, op);
            var offset = 0;
            foreach (var k in indices)
            {
                var length = (int)totals[k].Size * sameType.Key.SizeOf();
                totals[k] = Upload(packed.AsSpan(offset, length), totals[k].Aval.Strong(), first);
                offset += length;
            }
        }
        for (var k = 0; k < totals.Length; k++)
        {
            if (totals[k].Size == 0 || ReducesNatively(op, totals[k].DType)) continue;
            // Floating max and min keep NaN as XLA does, and MPI has no 16-bit floats: every process folds all
            // processes' values itself, in rank order, so all get the same bits.
            var aval = totals[k].Aval.Strong();
            var all = Upload(group.AllGather(totals[k].ToBytes()), aval.WithShape([group.Size, .. aval.Shape]), first);
            totals[k] = Row(all, 0);
            for (var r = 1; r < group.Size; r++) totals[k] = Collectives.Combine(op, totals[k], Row(all, r));
        }
        return totals.Select(t => axis.Devices.Select(d => Jax.DevicePut(t, d)).ToArray()).ToArray();
    }

    /// <summary>All members' values (this process's <paramref name="placed"/> and every other's), stacked in axis
    /// order, on every local device.</summary>
    public static NDArray[] AllGather(NDArray[] placed, AxisMembers axis)
    {
        var aval = placed[0].Aval.Strong();
        var mine = Concat(placed.Select(m => m.ToBytes()).ToArray());
        var all = axis.Group!.AllGather(mine);
        var gathered = aval.WithShape([axis.Size, .. aval.Shape]);
        return axis.Devices.Select(d => Upload(all, gathered, d)).ToArray();
    }

    /// <summary>Completes a ppermute whose pairs within this process are done (<paramref name="results"/>): sends this
    /// process's sources to other processes' targets and receives its targets from other processes' sources.</summary>
    public static NDArray[] Permute(NDArray[] placed, NDArray[] results, PermutationPairs perm, AxisMembers axis)
    {
        var aval = placed[0].Aval.Strong();
        var sends = new List<Message>();
        var receives = new List<(int Target, Message Message)>();
        // A message's tag is its target member, so that several pairs between two processes stay apart.
        foreach (var (source, target) in perm.Pairs)
        {
            if (axis.IsLocal(source) && !axis.IsLocal(target))
                sends.Add(new Message(axis.ProcessOf(target), target, placed[source - axis.First].ToBytes()));
            else if (!axis.IsLocal(source) && axis.IsLocal(target))
                receives.Add((target, new Message(axis.ProcessOf(source), target, new byte[aval.Size * aval.DType.SizeOf()])));
        }
        axis.Group!.Exchange(sends, receives.Select(r => r.Message).ToArray());
        results = (NDArray[])results.Clone();
        foreach (var (target, message) in receives)
            results[target - axis.First] = Upload(message.Data, aval, axis.Devices[target - axis.First]);
        return results;
    }

    /// <summary>Completes an all_to_all whose chunks within this process are in <paramref name="received"/>: one message
    /// to each other process with every local member's chunks for that process's members (source-major), and one
    /// from each with its members' chunks for this process's.</summary>
    public static void AllToAll(NDArray[] placed, Func<NDArray, int, NDArray> chunk, NDArray[][] received, AxisMembers axis)
    {
        var (group, local) = (axis.Group!, axis.Count);
        var chunkAval = chunk(placed[0], 0).Aval.Strong();
        var chunkBytes = (int)(chunkAval.Size * chunkAval.DType.SizeOf());
        var sends = new List<Message>();
        var receives = new List<(int Process, Message Message)>();
        for (var q = 0; q < group.Size; q++)
        {
            if (q == group.Rank) continue;
            var parts = placed.SelectMany(x => Enumerable.Range(q * local, local).Select(t => chunk(x, t).ToBytes())).ToArray();
            sends.Add(new Message(q, AllToAllTag, Concat(parts)));
            receives.Add((q, new Message(q, AllToAllTag, new byte[local * local * chunkBytes])));
        }
        group.Exchange(sends, receives.Select(r => r.Message).ToArray());
        foreach (var (q, message) in receives)
            for (var s = 0; s < local; s++)
                for (var r = 0; r < local; r++)
                    received[r][q * local + s] = Upload(message.Data.AsSpan((s * local + r) * chunkBytes, chunkBytes), chunkAval, axis.Devices[r]);
    }

    // ppermute tags its messages with the target member; an all_to_all's one message per pair of processes needs no
    // tag of its own, as every exchange completes before the next begins, but a distinct one reads better in traces.
    private const int AllToAllTag = 32767;

    private static bool ReducesNatively(ReduceOp op, DType dtype) =>
        op == ReduceOp.Sum ? dtype is not (DType.Float16 or DType.BFloat16 or DType.Bool) && !dtype.IsComplex() : !dtype.IsInexact();

    private static NDArray Upload(ReadOnlySpan<byte> bytes, ShapedArray aval, Device device) => NDArray.FromDevice(device.Upload(bytes), aval);

    private static byte[] Concat(byte[][] parts)
    {
        var all = new byte[parts.Sum(p => (long)p.Length)];
        var offset = 0;
        foreach (var part in parts)
        {
            part.CopyTo(all, offset);
            offset += part.Length;
        }
        return all;
    }

    private static NDArray Row(NDArray x, int r) => Jax.Lax.Reshape(Jax.Lax.SliceInDim(x, r, r + 1, 1, 0), x.Shape[1..]);
}
