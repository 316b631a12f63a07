using System.Runtime.InteropServices;
using System.Text;

namespace JaxNet.Distributed;

/// <summary>
/// A thin binding to Open MPI's <c>libmpi.so.40</c> (Debian's openmpi-bin), found at run time: function pointers from
/// <see cref="NativeLibrary"/> for the calls the process group makes. Signatures follow <c>mpi.h</c> of Open MPI 4:
/// every call returns an error code (0 = MPI_SUCCESS); communicators, datatypes, operations and requests are pointers,
/// and the predefined ones are the addresses of the library's <c>ompi_mpi_*</c> globals (MPI_COMM_WORLD is
/// <c>&amp;ompi_mpi_comm_world</c>). MPICH's ABI (integer handles) is different and is refused with that reason.
/// MPI.NET is not used: it looks for Windows' msmpi.dll.
/// </summary>
internal sealed unsafe class MpiLibrary
{
    private static readonly string[] LibraryNames = ["libmpi.so.40", "libmpi.so"];

    /// <summary>Open MPI's MPI_IN_PLACE, <c>(void *) 1</c>.</summary>
    public static readonly IntPtr InPlace = 1;

    public const int ThreadSerialized = 2;

    /// <summary>Open MPI's MPI_UNDEFINED: the color of a process that joins no communicator in MPI_Comm_split.</summary>
    public const int Undefined = -32766;

    public readonly delegate* unmanaged<int*, int> Initialized;
    public readonly delegate* unmanaged<int*, int> Finalized;
    public readonly delegate* unmanaged<int*, IntPtr, int, int*, int> InitThread;
    public readonly delegate* unmanaged<int> FinalizeMpi;
    public readonly delegate* unmanaged<IntPtr, int*, int> CommRank;
    public readonly delegate* unmanaged<IntPtr, int*, int> CommSize;
    public readonly delegate* unmanaged<IntPtr, IntPtr, int> CommSetErrhandler;
    public readonly delegate* unmanaged<IntPtr, IntPtr, int, IntPtr, IntPtr, IntPtr, int> AllReduce;
    public readonly delegate* unmanaged<IntPtr, int, IntPtr, IntPtr, int, IntPtr, IntPtr, int> AllGather;
    public readonly delegate* unmanaged<IntPtr, int, IntPtr, int, int, IntPtr, IntPtr*, int> Isend;
    public readonly delegate* unmanaged<IntPtr, int, IntPtr, int, int, IntPtr, IntPtr*, int> Irecv;
    public readonly delegate* unmanaged<int, IntPtr*, IntPtr, int> WaitAll;
    public readonly delegate* unmanaged<IntPtr, int, int, IntPtr*, int> CommSplit;
    private readonly delegate* unmanaged<int, byte*, int*, int> errorString;
    private readonly delegate* unmanaged<byte*, int*, int> libraryVersion;

    private MpiLibrary(IntPtr library, string name)
    {
        Library = name;
        IntPtr Export(string symbol) => NativeLibrary.GetExport(library, symbol);
        Initialized = (delegate* unmanaged<int*, int>)Export("MPI_Initialized");
        Finalized = (delegate* unmanaged<int*, int>)Export("MPI_Finalized");
        InitThread = (delegate* unmanaged<int*, IntPtr, int, int*, int>)Export("MPI_Init_thread");
        FinalizeMpi = (delegate* unmanaged<int>)Export("MPI_Finalize");
        CommRank = (delegate* unmanaged<IntPtr, int*, int>)Export("MPI_Comm_rank");
        CommSize = (delegate* unmanaged<IntPtr, int*, int>)Export("MPI_Comm_size");
        CommSetErrhandler = (delegate* unmanaged<IntPtr, IntPtr, int>)Export("MPI_Comm_set_errhandler");
        AllReduce = (delegate* unmanaged<IntPtr, IntPtr, int, IntPtr, IntPtr, IntPtr, int>)Export("MPI_Allreduce");
        AllGather = (delegate* unmanaged<IntPtr, int, IntPtr, IntPtr, int, IntPtr, IntPtr, int>)Export("MPI_Allgather");
        Isend = (delegate* unmanaged<IntPtr, int, IntPtr, int, int, IntPtr, IntPtr*, int>)Export("MPI_Isend");
        Irecv = (delegate* unmanaged<IntPtr, int, IntPtr, int, int, IntPtr, IntPtr*, int>)Export("MPI_Irecv");
        WaitAll = (delegate* unmanaged<int, IntPtr*, IntPtr, int>)Export("MPI_Waitall");
        CommSplit = (delegate* unmanaged<IntPtr, int, int, IntPtr*, int>)Export("MPI_Comm_split");
        errorString = (delegate* unmanaged<int, byte*, int*, int>)Export("MPI_Error_string");
        libraryVersion = (delegate* unmanaged<byte*, int*, int>)Export("MPI_Get_library_version");
        // Open MPI's predefined handles are globals; MPICH has none of these symbols.
        CommWorld = Export("ompi_mpi_comm_world");
        CommNull = Export("ompi_mpi_comm_null");
        ErrorsReturn = Export("ompi_mpi_errors_return");
        Byte = Export("ompi_mpi_byte");
        Float = Export("ompi_mpi_float");
        Double = Export("ompi_mpi_double");
        Int32 = Export("ompi_mpi_int32_t");
        Int64 = Export("ompi_mpi_int64_t");
        UInt32 = Export("ompi_mpi_uint32_t");
        UInt8 = Export("ompi_mpi_uint8_t");
        Bool = Export("ompi_mpi_c_bool");
        OpSum = Export("ompi_mpi_op_sum");
        OpMax = Export("ompi_mpi_op_max");
        OpMin = Export("ompi_mpi_op_min");
        OpLor = Export("ompi_mpi_op_lor");
        OpLand = Export("ompi_mpi_op_land");
    }

    /// <summary>The library's file name.</summary>
    public string Library { get; }

    public IntPtr CommWorld { get; }
    public IntPtr CommNull { get; }
    public IntPtr ErrorsReturn { get; }
    public IntPtr Byte { get; }
    public IntPtr Float { get; }
    public IntPtr Double { get; }
    public IntPtr Int32 { get; }
    public IntPtr Int64 { get; }
    public IntPtr UInt32 { get; }
    public IntPtr UInt8 { get; }
    public IntPtr Bool { get; }
    public IntPtr OpSum { get; }
    public IntPtr OpMax { get; }
    public IntPtr OpMin { get; }
    public IntPtr OpLor { get; }
    public IntPtr OpLand { get; }

    /// <summary>Open MPI, or an exception that says what was looked for and why it is not usable.</summary>
    public static MpiLibrary Load() => Load(LibraryNames);

    /// <summary>The first of <paramref name="names"/> that loads and is Open MPI.</summary>
    internal static MpiLibrary Load(IReadOnlyList<string> names)
    {
        var reasons = new List<string>();
        foreach (var name in names)
        {
            if (!NativeLibrary.TryLoad(name, out var handle))
            {
                reasons.Add($"{name} not found");
                continue;
            }
            try
            {
                return new MpiLibrary(handle, name);
            }
            catch (EntryPointNotFoundException e)
            {
                NativeLibrary.Free(handle);
                reasons.Add($"{name} is not Open MPI ({e.Message})");
            }
        }
        throw new DistributedException("MPI is not available: " + string.Join("; ", reasons) +
            ". Install Open MPI (Debian: apt-get install openmpi-bin) and start the processes with mpirun");
    }

    /// <summary>MPI_Get_library_version's text, first line (e.g. "Open MPI v4.1.4").</summary>
    public string Version()
    {
        var buffer = stackalloc byte[256];
        int length;
        if (libraryVersion(buffer, &length) != 0) return "unknown";
        var text = Encoding.UTF8.GetString(buffer, Math.Clamp(length, 0, 256)).TrimEnd('\0');
        return text.Split('\n', ',')[0].Trim();
    }

    /// <summary>Throws <see cref="DistributedException"/> naming the call and MPI's own message when code is not MPI_SUCCESS.</summary>
    public void Check(int code, string call)
    {
        if (code == 0) return;
        var buffer = stackalloc byte[256];
        int length;
        var message = errorString(code, buffer, &length) == 0
            ? Encoding.UTF8.GetString(buffer, Math.Clamp(length, 0, 256)).TrimEnd('\0')
            : "unknown error";
        throw new DistributedException($"{call} failed with MPI error {code}: {message}");
    }
}
