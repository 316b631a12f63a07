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
    /// <summary>Every local device gets the reduction over all processes of <paramref name="localTotal"/> (this
    /// process's members already combined, on the first device).</summary>
    public static NDArray[] AllReduce(ReduceOp op, NDArray localTotal, AxisMembers axis)
    {
        var group = axis.Group!;
        var aval = localTotal.Aval.Strong();
        var first = axis.Devices[0];
        NDArray total;
        if (aval.Size == 0) total = localTotal;
        else if (ReducesNatively(op, aval.DType))
        {
            var bytes = localTotal.ToBytes();
            group.AllReduce(bytes, aval.DType, op);
            total = Upload(bytes, aval, first);
        }
        else
        {
            // Floating max and min keep NaN as XLA does, and MPI has no 16-bit floats: every process folds all
            // processes' values itself, in rank order, so all get the same bits.
            var all = Upload(group.AllGather(localTotal.ToBytes()), aval.WithShape([group.Size, .. aval.Shape]), first);
            total = Row(all, 0);
            for (var r = 1; r < group.Size; r++) total = Collectives.Combine(op, total, Row(all, r));
        }
        return axis.Devices.Select(d => Jax.DevicePut(total, d)).ToArray();
    }

    /// <summary>All members' values (this process's <paramref name="placed"/> and every other's), stacked in axis
    /// order, on every local device.</summary>
    public static NDArray[] AllGather(NDArray[] placed, AxisMembers axis)
    {
        var aval = placed[0].Aval.Strong();
        var mine = placed.SelectMany(m => m.ToBytes()).ToArray();
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

    private static bool ReducesNatively(ReduceOp op, DType dtype) =>
        op == ReduceOp.Sum ? dtype is not (DType.Float16 or DType.BFloat16 or DType.Bool) : !dtype.IsFloat();

    private static NDArray Upload(byte[] bytes, ShapedArray aval, Device device) => NDArray.FromDevice(device.Upload(bytes), aval);

    private static NDArray Row(NDArray x, int r) => Jax.Lax.Reshape(Jax.Lax.SliceInDim(x, r, r + 1, 1, 0), x.Shape[1..]);
}
