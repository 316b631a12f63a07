using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Codegen.Loops;

/// <summary>
/// Reads a reshaped or padded operand for a run of consecutive kernel points into a contiguous scratch row,
/// using the index map's own definition (reshape, valid region, offset); the row function then reads the scratch
/// row like any contiguous input. A padded map without a reshape (pad, concatenate, a stack's pieces) is read a
/// row at a time: the outer coordinates decide once whether the row is inside the valid region, and its valid
/// stretch is one block copy between two runs of the pad value, or, for a row that is valid and contiguous
/// throughout, no copy at all. A reshape goes element by element (the slow path).
/// </summary>
internal sealed unsafe class ComplexOperandReader(LoopOperand operand, int[] kernelShape)
{
    private readonly IndexMap map = operand.Complex!;
    private readonly int size = operand.DType.SizeOf();
    private readonly ulong padBits = ElementBits.FromDouble(operand.DType, operand.Complex!.PadValue);

    public int ElementSize => size;

    /// <summary>Where the elements at points coords[..] with the innermost coordinate start, start+1, ... lie in a row:
    /// in <paramref name="scratch"/>, filled here, or, when they are all valid and contiguous, in the source itself.
    /// <paramref name="padded"/> is how many leading elements of the scratch row hold the pad value already (rows
    /// of pad follow one another in a concatenate), kept up to date here.</summary>
    public nint Read(nint source, nint scratch, long* coords, long start, long count, ref long padded)
    {
        if (map.ReshapeTo is null && kernelShape.Length > 0) return ReadRow(source, scratch, coords, start, count, ref padded);
        padded = 0;
        Fill(source, scratch, coords, start, count);
        return scratch;
    }

    private void Fill(nint source, nint scratch, long* coords, long start, long count)
    {
        Span<long> point = stackalloc long[kernelShape.Length];
        Span<long> v = stackalloc long[map.Rank];
        for (var d = 0; d < point.Length; d++) point[d] = coords[d];
        for (long k = 0; k < count; k++)
        {
            if (point.Length > 0) point[^1] = start + k;
            map.Reshape(kernelShape, point, v);
            var bits = map.IsValid(v) ? Read(source + (nint)(map.OffsetOf(v) * size)) : padBits;
            Write(scratch + (nint)(k * size), bits);
        }
    }

    private nint ReadRow(nint source, nint scratch, long* coords, long start, long count, ref long padded)
    {
        var last = kernelShape.Length - 1;
        var offset = map.Offset;
        for (var d = 0; d < last; d++)
        {
            if (map.ValidLo is not null && (coords[d] < map.ValidLo[d] || coords[d] >= map.ValidHi![d]))
            {
                if (padded < count) Pad(scratch, 0, padded = count);
                return scratch;
            }
            offset += map.Strides[d] * coords[d];
        }
        var lo = Math.Clamp(map.ValidLo?[last] ?? start, start, start + count);
        var hi = Math.Clamp(map.ValidHi?[last] ?? start + count, lo, start + count);
        if (lo == hi)
        {
            if (padded < count) Pad(scratch, 0, padded = count);
            return scratch;
        }
        var stride = map.Strides[last];
        var from = source + (nint)((offset + stride * lo) * size);
        if (stride == 1 && lo == start && hi == start + count) return from;
        padded = 0;
        Pad(scratch, 0, lo - start);
        var to = scratch + (nint)((lo - start) * size);
        ElementRuns.Copy(from, stride, to, hi - lo, size);
        Pad(scratch, hi - start, start + count - hi);
        return scratch;
    }

    private void Pad(nint scratch, long first, long count)
    {
        ElementRuns.Fill(scratch + (nint)(first * size), count, size, padBits);
    }

    private ulong Read(nint p) => size switch
    {
        1 => *(byte*)p,
        2 => *(ushort*)p,
        4 => *(uint*)p,
        _ => *(ulong*)p,
    };

    private void Write(nint p, ulong bits)
    {
        switch (size)
        {
            case 1: *(byte*)p = (byte)bits; break;
            case 2: *(ushort*)p = (ushort)bits; break;
            case 4: *(uint*)p = (uint)bits; break;
            default: *(ulong*)p = bits; break;
        }
    }
}
