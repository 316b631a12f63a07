using System.Numerics;
using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Kernels.Elements;

/// <summary>
/// Copies a strided view of one dtype into a contiguous row-major array of another dtype, converting each element
/// (through the value types: integers wrap, floats to integers saturate, Bool becomes 0/1). This is how kernels
/// normalise operands into the layout and type they compute in, and write results back.
/// </summary>
internal abstract class StridedConverter
{
    /// <summary>
    /// Writes <c>dst[i] = convert(src[offset + sum_d strides[d] * i[d]])</c> for every point <c>i</c> of
    /// <paramref name="shape"/>, row-major. Offsets and strides are in source elements.
    /// </summary>
    public abstract void Run(nint source, long offset, ReadOnlySpan<long> strides, ReadOnlySpan<int> shape, nint destination);

    public static StridedConverter Create(DType from, DType to) =>
        ElementDispatch.Visit(from, new OuterVisitor(to));

    private sealed class OuterVisitor(DType to) : IElementVisitor<StridedConverter>
    {
        public StridedConverter Visit<TS, TSV, TSC>()
            where TS : unmanaged where TSV : unmanaged, INumber<TSV> where TSC : IElementCodec<TS, TSV> =>
            ElementDispatch.Visit(to, new InnerVisitor<TS, TSV, TSC>());
    }

    private sealed class InnerVisitor<TS, TSV, TSC> : IElementVisitor<StridedConverter>
        where TS : unmanaged where TSV : unmanaged, INumber<TSV> where TSC : IElementCodec<TS, TSV>
    {
        public StridedConverter Visit<TD, TDV, TDC>()
            where TD : unmanaged where TDV : unmanaged, INumber<TDV> where TDC : IElementCodec<TD, TDV> =>
            new Typed<TS, TSV, TSC, TD, TDV, TDC>();
    }

    private sealed unsafe class Typed<TS, TSV, TSC, TD, TDV, TDC> : StridedConverter
        where TS : unmanaged where TSV : unmanaged, INumber<TSV> where TSC : IElementCodec<TS, TSV>
        where TD : unmanaged where TDV : unmanaged, INumber<TDV> where TDC : IElementCodec<TD, TDV>
    {
        public override void Run(nint source, long offset, ReadOnlySpan<long> strides, ReadOnlySpan<int> shape, nint destination)
        {
            long count = 1;
            foreach (var s in shape) count *= s;
            if (count == 0) return;
            var src = (TS*)source + offset;
            var dst = (TD*)destination;
            var rank = shape.Length;
            if (rank == 0)
            {
                *dst = Convert(*src);
                return;
            }
            int inner = shape[rank - 1];
            long innerStride = strides[rank - 1];
            Span<long> index = stackalloc long[rank];
            long outer = count / inner;
            long srcOffset = 0;
            for (long o = 0; o < outer; o++)
            {
                CopyLine(src + srcOffset, innerStride, dst, inner);
                dst += inner;
                for (var d = rank - 2; d >= 0; d--)
                {
                    srcOffset += strides[d];
                    if (++index[d] < shape[d]) break;
                    srcOffset -= strides[d] * shape[d];
                    index[d] = 0;
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void CopyLine(TS* src, long stride, TD* dst, int count)
        {
            if (typeof(TS) == typeof(TD) && typeof(TSC) == typeof(TDC) && stride == 1)
            {
                Buffer.MemoryCopy(src, dst, (long)count * sizeof(TD), (long)count * sizeof(TD));
                return;
            }
            for (var i = 0; i < count; i++) dst[i] = Convert(src[i * stride]);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static TD Convert(TS x) => TDC.Store(TDV.CreateTruncating(TSC.Load(x)));
    }
}
