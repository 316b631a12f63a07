using System.Collections.Concurrent;
using ILGPU;
using ILGPU.Runtime;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Driver;
using JaxNet.Backends.Cuda.Memory;

namespace JaxNet.Backends.Cuda.Collectives;

/// <summary>
/// Collectives by peer copies, on any CUDA devices ILGPU drives and in emulation: each call (1) waits for every
/// member's stream, so the inputs are final; (2) copies the inputs it needs into one gather buffer on a root
/// device, in the root's stream (device-to-device copies, through ILGPU's unified-address copy: direct peer access
/// where the plugin enabled it, else the driver stages through host memory); (3) reduces there with
/// <see cref="FoldKernel"/>; (4) copies each member's result from the root into its output, in the member's
/// stream; and (5) waits for those streams before it frees the gather buffer. The call therefore returns with the
/// work done (a completed event), and the gather happens before any output is written, so outputs may alias
/// inputs. This is the portable path; <see cref="NcclCollectives"/> is the asynchronous one.
/// </summary>
internal sealed class PeerCollectives
{
    private readonly ConcurrentDictionary<(int Device, DType DType), FoldKernel.Launcher> folds = new();

    /// <summary>One piece of a member's result: <see cref="Bytes"/> bytes from the gather buffer at
    /// <see cref="From"/> to the member's output at <see cref="To"/>.</summary>
    private readonly record struct Piece(long From, long To, long Bytes);

    public void AllReduce(ReduceOp op, DType dtype, CollectiveGroup group, long count)
    {
        var bytes = count * dtype.SizeOf();
        Run(group, 0, AllMembers(group), bytes, (root, gather) => Fold(root, gather, dtype, group.Size, count, count, op),
            _ => [new Piece(0, 0, bytes)]);
    }

    public void AllGather(DType dtype, CollectiveGroup group, long countPerMember)
    {
        var bytes = countPerMember * dtype.SizeOf();
        Run(group, 0, AllMembers(group), bytes, null, _ => [new Piece(0, 0, bytes * group.Size)]);
    }

    public void ReduceScatter(ReduceOp op, DType dtype, CollectiveGroup group, long countPerMember)
    {
        var block = countPerMember * dtype.SizeOf();
        var input = countPerMember * group.Size;
        Run(group, 0, AllMembers(group), block * group.Size,
            (root, gather) => Fold(root, gather, dtype, group.Size, input, input, op),
            g => [new Piece(g * block, 0, block)]);
    }

    public void AllToAll(DType dtype, CollectiveGroup group, long chunkCount)
    {
        var chunk = chunkCount * dtype.SizeOf();
        var size = group.Size;
        // The gather buffer holds input j at j * size * chunk; output g's chunk j is input j's chunk g.
        Run(group, 0, AllMembers(group), chunk * size, null,
            g => Enumerable.Range(0, size).Select(j => new Piece(((long)j * size + g) * chunk, j * chunk, chunk)).ToArray());
    }

    public void Permute(DType dtype, CollectiveGroup group, IReadOnlyList<SourceTargetPair> pairs, long count)
    {
        var bytes = count * dtype.SizeOf();
        var source = new int[group.Size];
        Array.Fill(source, -1);
        foreach (var pair in pairs) source[pair.Target] = pair.Source;
        var senders = source.Where(s => s >= 0).Distinct().Order().ToArray();
        var slot = new Dictionary<int, int>();
        for (var i = 0; i < senders.Length; i++) slot[senders[i]] = i;
        // A member nobody sends to gets zeros (no pieces, zero-filled).
        Run(group, 0, senders, bytes, null, g => source[g] < 0 ? [] : [new Piece(slot[source[g]] * bytes, 0, bytes)],
            zeroFill: g => source[g] < 0);
    }

    public void Broadcast(DType dtype, int root, CollectiveGroup group, long count)
    {
        var bytes = count * dtype.SizeOf();
        Run(group, root, [root], bytes, null, _ => [new Piece(0, 0, bytes)]);
    }

    private static int[] AllMembers(CollectiveGroup group) => Enumerable.Range(0, group.Size).ToArray();

    /// <summary>
    /// Gathers the first <paramref name="bytesPerMember"/> bytes of the listed members' inputs, in that order, into
    /// a buffer on member <paramref name="rootMember"/>'s device, runs <paramref name="reduce"/> there, then writes
    /// each member's pieces (or zeros) into its output.
    /// </summary>
    private void Run(CollectiveGroup group, int rootMember, int[] gathered, long bytesPerMember,
        Action<CudaDevice, ArrayView<byte>>? reduce, Func<int, Piece[]> pieces, Func<int, bool>? zeroFill = null)
    {
        foreach (var d in group.Devices) d.Stream.Synchronize();
        var root = group.Devices[rootMember];
        var total = bytesPerMember * gathered.Length;
        var block = total > 0 ? root.Allocator.Allocate(total) : null;
        try
        {
            ArrayView<byte> gather = block is null ? default : block.View.SubView(0, total);
            lock (root.Gate)
            {
                root.Accelerator.Bind();
                for (var i = 0; i < gathered.Length && bytesPerMember > 0; i++)
                    group.Inputs[gathered[i]].View.SubView(0, bytesPerMember).CopyTo(root.Stream, gather.SubView(i * bytesPerMember, bytesPerMember));
                if (reduce is not null && total > 0) reduce(root, gather);
            }
            root.Stream.Synchronize();
            for (var g = 0; g < group.Size; g++)
            {
                var device = group.Devices[g];
                var output = group.Outputs[g];
                lock (device.Gate)
                {
                    device.Accelerator.Bind();
                    if (zeroFill?.Invoke(g) == true && bytesPerMember > 0)
                        output.View.SubView(0, bytesPerMember).MemSetToZero(device.Stream);
                    foreach (var piece in pieces(g))
                        if (piece.Bytes > 0) gather.SubView(piece.From, piece.Bytes).CopyTo(device.Stream, output.View.SubView(piece.To, piece.Bytes));
                }
            }
            foreach (var d in group.Devices) d.Stream.Synchronize();
        }
        catch
        {
            // Copies already issued may still read the gather buffer: let them finish before it is reused.
            foreach (var d in group.Devices) WaitQuietly(d);
            throw;
        }
        finally
        {
            if (block is not null) root.Allocator.Free(block);
        }
    }

    private static void WaitQuietly(CudaDevice device)
    {
        try
        {
            device.Stream.Synchronize();
        }
        catch (Exception)
        {
            // The error that matters is the one being rethrown.
        }
    }

    private void Fold(CudaDevice root, ArrayView<byte> gather, DType dtype, int members, long stride, long count, ReduceOp op)
    {
        var launch = folds.GetOrAdd((root.Id, dtype), key => FoldKernel.Load(root.Accelerator, key.DType));
        launch(root.Stream, gather, members, stride, count, op);
    }
}
