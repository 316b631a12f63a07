namespace JaxNet.Backends.CpuSimd.Codegen;

/// <summary>Runs of elements of 1, 2, 4 or 8 bytes filled with one value or copied from a strided source, whatever
/// their type: padding, identities and piecewise copies move bits and never look at values.</summary>
internal static unsafe class ElementRuns
{
    /// <summary>Elements per span: a span is indexed by int.</summary>
    private const long SpanLimit = 1 << 30;

    /// <summary>Writes <paramref name="count"/> copies of <paramref name="bits"/> (one element) from <paramref name="to"/> on.</summary>
    public static void Fill(nint to, long count, int size, ulong bits)
    {
        for (long done = 0; done < count; done += SpanLimit)
        {
            var at = (void*)(to + (nint)(done * size));
            var length = (int)Math.Min(SpanLimit, count - done);
            switch (size)
            {
                case 1: new Span<byte>(at, length).Fill((byte)bits); break;
                case 2: new Span<ushort>(at, length).Fill((ushort)bits); break;
                case 4: new Span<uint>(at, length).Fill((uint)bits); break;
                default: new Span<ulong>(at, length).Fill(bits); break;
            }
        }
    }

    /// <summary>Copies <paramref name="count"/> elements, the k-th from <c>from + k·stride</c> (a stride in elements: 1
    /// is a block copy, 0 repeats one element, a negative stride reads backwards).</summary>
    public static void Copy(nint from, long stride, nint to, long count, int size)
    {
        if (count <= 0) return;
        if (stride == 1)
        {
            Buffer.MemoryCopy((void*)from, (void*)to, count * size, count * size);
            return;
        }
        if (stride == 0)
        {
            Fill(to, count, size, Read(from, size));
            return;
        }
        switch (size)
        {
            case 1: Gather((byte*)from, stride, (byte*)to, count); break;
            case 2: Gather((ushort*)from, stride, (ushort*)to, count); break;
            case 4: Gather((uint*)from, stride, (uint*)to, count); break;
            default: Gather((ulong*)from, stride, (ulong*)to, count); break;
        }
    }

    private static void Gather<T>(T* from, long stride, T* to, long count)
        where T : unmanaged
    {
        for (long k = 0; k < count; k++) to[k] = from[k * stride];
    }

    private static ulong Read(nint at, int size) => size switch
    {
        1 => *(byte*)at,
        2 => *(ushort*)at,
        4 => *(uint*)at,
        _ => *(ulong*)at,
    };
}
