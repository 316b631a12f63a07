using System.Runtime.InteropServices;

namespace JaxNet.Backends.CpuSimd.Tests.Codegen;

/// <summary>
/// Elements that end exactly where an inaccessible page begins (Linux: mmap + mprotect), so that a kernel reading
/// one element past them faults instead of reading whatever follows.
/// </summary>
internal sealed unsafe partial class GuardedBuffer : IDisposable
{
    private const int ProtNone = 0, ProtReadWrite = 3, MapPrivateAnonymous = 0x22;

    private readonly nint mapping;
    private readonly nuint mappingBytes;

    public GuardedBuffer(DType dtype, double[] values)
    {
        var page = (nuint)Environment.SystemPageSize;
        var bytes = (nuint)(values.Length * dtype.SizeOf());
        var dataPages = (bytes + page - 1) / page;
        mappingBytes = (dataPages + 1) * page;
        mapping = Mmap(0, mappingBytes, ProtReadWrite, MapPrivateAnonymous, -1, 0);
        if (mapping == -1) throw new InvalidOperationException("mmap failed");
        if (Mprotect(mapping + (nint)(dataPages * page), page, ProtNone) != 0) throw new InvalidOperationException("mprotect failed");
        Address = mapping + (nint)(dataPages * page - bytes);
        for (var i = 0; i < values.Length; i++)
        {
            if (dtype == DType.Float32) ((float*)Address)[i] = (float)values[i];
            else if (dtype == DType.Int32) ((int*)Address)[i] = (int)values[i];
            else ((double*)Address)[i] = values[i];
        }
    }

    public nint Address { get; }

    public void Dispose() => _ = Munmap(mapping, mappingBytes);

    [LibraryImport("libc", EntryPoint = "mmap")]
    private static partial nint Mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "mprotect")]
    private static partial int Mprotect(nint address, nuint length, int protection);

    [LibraryImport("libc", EntryPoint = "munmap")]
    private static partial int Munmap(nint address, nuint length);
}
