using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Codegen.Loops;

/// <summary>
/// Reads a reshaped or padded operand for a run of consecutive kernel points into a contiguous scratch row,
/// using the index map's own definition (reshape, valid region, offset). This is the slow path; the row
/// function then reads the scratch row like any contiguous input.
/// </summary>
internal sealed unsafe class ComplexOperandReader(LoopOperand operand, int[] kernelShape)
{
    private readonly IndexMap map = operand.Complex!;
    private readonly int size = operand.DType.SizeOf();
    private readonly ulong padBits = ElementBits.FromDouble(operand.DType, operand.Complex!.PadValue);

    public int ElementSize => size;

    /// <summary>Fills <paramref name="scratch"/> with the elements at points coords[..] with the innermost coordinate start, start+1, ...</summary>
    public void Fill(nint source, nint scratch, long* coords, long start, long count)
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
