using System.Runtime.InteropServices;

namespace JaxNet.Backends.Cuda.Collectives;

/// <summary>
/// A thin binding to NCCL 2, found at run time (no link-time dependency), like <see cref="Driver.CuBlas"/>:
/// function pointers from <see cref="NativeLibrary"/> for the calls the collectives make. Signatures follow
/// <c>nccl.h</c> (NVIDIA/nccl src/nccl.h.in): every call returns <c>ncclResult_t</c> (0 = ncclSuccess);
/// <c>size_t</c> counts are <see cref="nuint"/>; communicators and streams are pointers.
/// </summary>
internal sealed unsafe class NcclLibrary
{
    private static readonly string[] LibraryNames = ["libnccl.so.2", "libnccl.so"];

    private readonly delegate* unmanaged<int*, int> getVersion;
    private readonly delegate* unmanaged<IntPtr*, int, int*, int> commInitAll;
    private readonly delegate* unmanaged<IntPtr, int> commDestroy;
    private readonly delegate* unmanaged<int, IntPtr> getErrorString;
    private readonly delegate* unmanaged<int> groupStart;
    private readonly delegate* unmanaged<int> groupEnd;
    private readonly delegate* unmanaged<IntPtr, IntPtr, nuint, int, int, IntPtr, IntPtr, int> allReduce;
    private readonly delegate* unmanaged<IntPtr, IntPtr, nuint, int, IntPtr, IntPtr, int> allGather;
    private readonly delegate* unmanaged<IntPtr, IntPtr, nuint, int, int, IntPtr, IntPtr, int> reduceScatter;
    private readonly delegate* unmanaged<IntPtr, IntPtr, nuint, int, int, IntPtr, IntPtr, int> broadcast;
    private readonly delegate* unmanaged<IntPtr, nuint, int, int, IntPtr, IntPtr, int> send;
    private readonly delegate* unmanaged<IntPtr, nuint, int, int, IntPtr, IntPtr, int> recv;

    private NcclLibrary(IntPtr library, string name)
    {
        Library = name;
        getVersion = (delegate* unmanaged<int*, int>)NativeLibrary.GetExport(library, "ncclGetVersion");
        commInitAll = (delegate* unmanaged<IntPtr*, int, int*, int>)NativeLibrary.GetExport(library, "ncclCommInitAll");
        commDestroy = (delegate* unmanaged<IntPtr, int>)NativeLibrary.GetExport(library, "ncclCommDestroy");
        getErrorString = (delegate* unmanaged<int, IntPtr>)NativeLibrary.GetExport(library, "ncclGetErrorString");
        groupStart = (delegate* unmanaged<int>)NativeLibrary.GetExport(library, "ncclGroupStart");
        groupEnd = (delegate* unmanaged<int>)NativeLibrary.GetExport(library, "ncclGroupEnd");
        allReduce = (delegate* unmanaged<IntPtr, IntPtr, nuint, int, int, IntPtr, IntPtr, int>)NativeLibrary.GetExport(library, "ncclAllReduce");
        allGather = (delegate* unmanaged<IntPtr, IntPtr, nuint, int, IntPtr, IntPtr, int>)NativeLibrary.GetExport(library, "ncclAllGather");
        reduceScatter = (delegate* unmanaged<IntPtr, IntPtr, nuint, int, int, IntPtr, IntPtr, int>)NativeLibrary.GetExport(library, "ncclReduceScatter");
        broadcast = (delegate* unmanaged<IntPtr, IntPtr, nuint, int, int, IntPtr, IntPtr, int>)NativeLibrary.GetExport(library, "ncclBroadcast");
        send = (delegate* unmanaged<IntPtr, nuint, int, int, IntPtr, IntPtr, int>)NativeLibrary.GetExport(library, "ncclSend");
        recv = (delegate* unmanaged<IntPtr, nuint, int, int, IntPtr, IntPtr, int>)NativeLibrary.GetExport(library, "ncclRecv");
        int version;
        Check(getVersion(&version), "ncclGetVersion");
        Version = version;
    }

    /// <summary>The library's file name, for the attributes.</summary>
    public string Library { get; }

    /// <summary>NCCL_VERSION_CODE of the loaded library (e.g. 22105 for 2.21.5).</summary>
    public int Version { get; }

    /// <summary>NCCL when a library with every call is found, else null (collectives then use the peer path).</summary>
    public static NcclLibrary? TryLoad()
    {
        foreach (var name in LibraryNames)
        {
            if (!NativeLibrary.TryLoad(name, out var handle)) continue;
            try
            {
                return new NcclLibrary(handle, name);
            }
            catch (Exception e) when (e is EntryPointNotFoundException or InvalidOperationException)
            {
                NativeLibrary.Free(handle);
            }
        }
        return null;
    }

    /// <summary>One communicator per CUDA device ordinal, ranks in list order (ncclCommInitAll).</summary>
    public IntPtr[] CommInitAll(int[] cudaDevices)
    {
        var comms = new IntPtr[cudaDevices.Length];
        fixed (IntPtr* c = comms)
        fixed (int* d = cudaDevices)
            Check(commInitAll(c, cudaDevices.Length, d), "ncclCommInitAll");
        return comms;
    }

    public void CommDestroy(IntPtr comm) => commDestroy(comm);

    public void GroupStart() => Check(groupStart(), "ncclGroupStart");

    public void GroupEnd() => Check(groupEnd(), "ncclGroupEnd");

    public void AllReduce(IntPtr send, IntPtr receive, long count, int dataType, int op, IntPtr comm, IntPtr stream) =>
        Check(allReduce(send, receive, (nuint)count, dataType, op, comm, stream), "ncclAllReduce");

    public void AllGather(IntPtr send, IntPtr receive, long sendCount, int dataType, IntPtr comm, IntPtr stream) =>
        Check(allGather(send, receive, (nuint)sendCount, dataType, comm, stream), "ncclAllGather");

    public void ReduceScatter(IntPtr send, IntPtr receive, long receiveCount, int dataType, int op, IntPtr comm, IntPtr stream) =>
        Check(reduceScatter(send, receive, (nuint)receiveCount, dataType, op, comm, stream), "ncclReduceScatter");

    public void Broadcast(IntPtr send, IntPtr receive, long count, int dataType, int root, IntPtr comm, IntPtr stream) =>
        Check(broadcast(send, receive, (nuint)count, dataType, root, comm, stream), "ncclBroadcast");

    public void Send(IntPtr buffer, long count, int dataType, int peer, IntPtr comm, IntPtr stream) =>
        Check(send(buffer, (nuint)count, dataType, peer, comm, stream), "ncclSend");

    public void Receive(IntPtr buffer, long count, int dataType, int peer, IntPtr comm, IntPtr stream) =>
        Check(recv(buffer, (nuint)count, dataType, peer, comm, stream), "ncclRecv");

    private void Check(int result, string call)
    {
        if (result == 0) return;
        var text = getErrorString is null ? null : Marshal.PtrToStringUTF8(getErrorString(result));
        throw new NcclException($"{call} failed: ncclResult_t {result} ({text ?? "unknown"})");
    }
}

/// <summary>An NCCL call returned an error.</summary>
internal sealed class NcclException(string message) : Exception(message);
