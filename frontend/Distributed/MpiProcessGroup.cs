using System.Runtime.InteropServices;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Distributed;

/// <summary>
/// The processes of an <c>mpirun</c> (MPI_COMM_WORLD), or some of them (a communicator split from it), through Open MPI.
/// MPI is initialized for serialized use (MPI_THREAD_SERIALIZED) and every call, on any communicator, is made under
/// one lock of the process; errors come back as exceptions (MPI_ERRORS_RETURN, which split communicators inherit)
/// instead of aborting the job. Counts are C ints in MPI, so larger transfers go in chunks.
/// </summary>
internal sealed unsafe class MpiProcessGroup : IProcessGroup
{
    // Elements per MPI call: well under int.MaxValue bytes for every dtype.
    private const int ChunkBytes = 1 << 30;

    private static readonly Lock Gate = new();
    private static bool finalized;

    private readonly MpiLibrary mpi;
    private readonly IntPtr comm;

    private MpiProcessGroup(MpiLibrary mpi, IntPtr comm, int rank, int size)
    {
        this.mpi = mpi;
        this.comm = comm;
        Rank = rank;
        Size = size;
        Description = mpi.Version();
    }

    public int Rank { get; }

    public int Size { get; }

    public string Description { get; }

    /// <summary>Initializes MPI (once per process: MPI cannot start again after MPI_Finalize) and joins MPI_COMM_WORLD.</summary>
    public static MpiProcessGroup Initialize()
    {
        var mpi = MpiLibrary.Load();
        int initialized, finalized;
        mpi.Check(mpi.Finalized(&finalized), "MPI_Finalized");
        if (finalized != 0) throw new DistributedException("MPI was finalized in this process and cannot be initialized again");
        mpi.Check(mpi.Initialized(&initialized), "MPI_Initialized");
        if (initialized == 0)
        {
            int provided;
            mpi.Check(mpi.InitThread(null, IntPtr.Zero, MpiLibrary.ThreadSerialized, &provided), "MPI_Init_thread");
            if (provided < MpiLibrary.ThreadSerialized)
                throw new DistributedException($"MPI provides thread level {provided}; JaxNet needs MPI_THREAD_SERIALIZED ({MpiLibrary.ThreadSerialized})");
        }
        mpi.Check(mpi.CommSetErrhandler(mpi.CommWorld, mpi.ErrorsReturn), "MPI_Comm_set_errhandler");
        int rank, size;
        mpi.Check(mpi.CommRank(mpi.CommWorld, &rank), "MPI_Comm_rank");
        mpi.Check(mpi.CommSize(mpi.CommWorld, &size), "MPI_Comm_size");
        return new MpiProcessGroup(mpi, mpi.CommWorld, rank, size);
    }

    public IProcessGroup? Subgroup(IReadOnlyList<int> ranks)
    {
        if (ranks.Count == 0 || ranks.Any(r => r < 0 || r >= Size) || ranks.Distinct().Count() != ranks.Count)
            throw new ArgumentException($"a subgroup names distinct processes among {Size}, not ({string.Join(", ", ranks)})", nameof(ranks));
        var order = ranks.ToList().IndexOf(Rank);
        lock (Gate)
        {
            EnsureOpen();
            IntPtr split;
            // The key orders the new communicator's ranks as the list does.
            mpi.Check(mpi.CommSplit(comm, order >= 0 ? 0 : MpiLibrary.Undefined, order, &split), "MPI_Comm_split");
            if (order < 0) return null;
            int rank, size;
            mpi.Check(mpi.CommRank(split, &rank), "MPI_Comm_rank");
            mpi.Check(mpi.CommSize(split, &size), "MPI_Comm_size");
            return split == mpi.CommNull ? null : new MpiProcessGroup(mpi, split, rank, size);
        }
    }

    public void AllReduce(Span<byte> data, DType dtype, ReduceOp op)
    {
        var (type, reduction) = (TypeOf(dtype), OpOf(op, dtype));
        var itemSize = dtype.SizeOf();
        if (data.Length % itemSize != 0) throw new ArgumentException($"{data.Length} bytes is not a whole number of {dtype} elements");
        var chunk = ChunkBytes / itemSize * itemSize;
        lock (Gate)
        {
            EnsureOpen();
            fixed (byte* p = data)
                for (var offset = 0; offset < data.Length; offset += chunk)
                {
                    var count = Math.Min(chunk, data.Length - offset) / itemSize;
                    mpi.Check(mpi.AllReduce(MpiLibrary.InPlace, (IntPtr)(p + offset), count, type, reduction, comm), "MPI_Allreduce");
                }
        }
    }

    public byte[] AllGather(ReadOnlySpan<byte> mine)
    {
        var length = mine.Length;
        var result = new byte[(long)length * Size];
        lock (Gate)
        {
            EnsureOpen();
            if (length <= ChunkBytes / Size)
            {
                fixed (byte* send = mine)
                fixed (byte* receive = result)
                    mpi.Check(mpi.AllGather((IntPtr)send, length, mpi.Byte, (IntPtr)receive, length, mpi.Byte, comm), "MPI_Allgather");
                return result;
            }
            // Chunk by chunk: each round gathers every rank's next piece, then places the pieces.
            var piece = ChunkBytes / Size;
            var staging = new byte[(long)piece * Size];
            for (var offset = 0; offset < length; offset += piece)
            {
                var count = Math.Min(piece, length - offset);
                fixed (byte* send = mine[offset..])
                fixed (byte* receive = staging)
                    mpi.Check(mpi.AllGather((IntPtr)send, count, mpi.Byte, (IntPtr)receive, count, mpi.Byte, comm), "MPI_Allgather");
                for (var r = 0; r < Size; r++)
                    staging.AsSpan(r * count, count).CopyTo(result.AsSpan((int)((long)r * length + offset), count));
            }
            return result;
        }
    }

    public void Exchange(IReadOnlyList<Message> sends, IReadOnlyList<Message> receives)
    {
        foreach (var m in sends.Concat(receives))
            if (m.Peer < 0 || m.Peer >= Size) throw new ArgumentOutOfRangeException(nameof(sends), $"no process {m.Peer} among {Size}");
        var pins = new List<GCHandle>();
        var requests = new List<IntPtr>();
        lock (Gate)
        {
            EnsureOpen();
            try
            {
                // Receives first, so that no send waits for a receive that is not posted yet.
                foreach (var m in receives) Post(m, pins, requests, receive: true);
                foreach (var m in sends) Post(m, pins, requests, receive: false);
                var all = requests.ToArray();
                fixed (IntPtr* r = all)
                    mpi.Check(mpi.WaitAll(all.Length, r, IntPtr.Zero), "MPI_Waitall");
            }
            finally
            {
                foreach (var pin in pins) pin.Free();
            }
        }
    }

    private void Post(Message message, List<GCHandle> pins, List<IntPtr> requests, bool receive)
    {
        var pin = GCHandle.Alloc(message.Data, GCHandleType.Pinned);
        pins.Add(pin);
        var start = (byte*)pin.AddrOfPinnedObject();
        // Pieces between one pair with one tag arrive in the order they were sent (MPI's non-overtaking rule).
        for (var offset = 0; offset < message.Data.Length || offset == 0; offset += ChunkBytes)
        {
            var count = Math.Min(ChunkBytes, message.Data.Length - offset);
            IntPtr request;
            if (receive)
                mpi.Check(mpi.Irecv((IntPtr)(start + offset), count, mpi.Byte, message.Peer, message.Tag, comm, &request), "MPI_Irecv");
            else
                mpi.Check(mpi.Isend((IntPtr)(start + offset), count, mpi.Byte, message.Peer, message.Tag, comm, &request), "MPI_Isend");
            requests.Add(request);
            if (message.Data.Length == 0) break;
        }
    }

    /// <summary>MPI_Finalize: every process calls it before it exits; no MPI call may follow.</summary>
    public void Shutdown()
    {
        lock (Gate)
        {
            if (finalized) return;
            finalized = true;
            mpi.Check(mpi.FinalizeMpi(), "MPI_Finalize");
        }
    }

    private void EnsureOpen()
    {
        if (finalized) throw new DistributedException("the process group was shut down (Jax.Distributed.Shutdown)");
    }

    private IntPtr TypeOf(DType dtype) => dtype switch
    {
        DType.Float32 => mpi.Float,
        DType.Float64 => mpi.Double,
        DType.Int32 => mpi.Int32,
        DType.Int64 => mpi.Int64,
        DType.UInt32 => mpi.UInt32,
        DType.UInt8 => mpi.UInt8,
        DType.Bool => mpi.Bool,
        _ => throw new NotSupportedException($"MPI has no {dtype} type: reduce {dtype} as float32"),
    };

    private IntPtr OpOf(ReduceOp op, DType dtype) => (op, dtype) switch
    {
        (ReduceOp.Sum, not DType.Bool) => mpi.OpSum,
        (ReduceOp.Max, not DType.Bool) => mpi.OpMax,
        (ReduceOp.Min, not DType.Bool) => mpi.OpMin,
        (ReduceOp.Max or ReduceOp.Or, DType.Bool) => mpi.OpLor,
        (ReduceOp.Min or ReduceOp.And, DType.Bool) => mpi.OpLand,
        _ => throw new NotSupportedException($"all-reduce {op} of {dtype} across processes"),
    };
}
