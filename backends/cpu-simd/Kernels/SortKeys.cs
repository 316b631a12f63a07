using System.Numerics;
using JaxNet.Backends.CpuSimd.Kernels.Elements;

namespace JaxNet.Backends.CpuSimd.Kernels;

/// <summary>
/// Reads a line of a sort key as longs whose signed order is the IR's total order: integers as they are (uint64 with
/// its top bit flipped, so 2^63 and up sort above 2^63 - 1); floats
/// (through f64, which keeps -0.0 and every f16/bf16/f32 value) by their bits with the negative half flipped, so
/// -inf &lt; ... &lt; -0.0 &lt; +0.0 &lt; ... &lt; +inf, and every NaN (either sign) as the largest key.
/// </summary>
internal abstract class SortKeyReader
{
    public abstract void Read(nint buffer, long offset, long stride, Span<long> keys);

    public static SortKeyReader Create(DType dtype) => ElementDispatch.Visit(dtype, new Factory());

    private sealed class Factory : IElementVisitor<SortKeyReader>
    {
        public SortKeyReader Visit<TS, TV, TC>() where TS : unmanaged where TV : unmanaged, INumber<TV> where TC : IElementCodec<TS, TV> =>
            new Typed<TS, TV, TC>();
    }

    private sealed unsafe class Typed<TS, TV, TC> : SortKeyReader
        where TS : unmanaged where TV : unmanaged, INumber<TV> where TC : IElementCodec<TS, TV>
    {
        public override void Read(nint buffer, long offset, long stride, Span<long> keys)
        {
            var source = (TS*)buffer + offset;
            for (var i = 0; i < keys.Length; i++)
            {
                var value = TC.Load(source[i * stride]);
                keys[i] = ElementDispatch.IsFloatValue<TV>() ? FloatKey(double.CreateTruncating(value))
                    : typeof(TV) == typeof(ulong) ? (long)(ulong.CreateTruncating(value) ^ (1UL << 63))
                    : long.CreateTruncating(value);
            }
        }

        private static long FloatKey(double value)
        {
            if (double.IsNaN(value)) return long.MaxValue;
            var bits = BitConverter.DoubleToInt64Bits(value);
            return bits >= 0 ? bits : bits ^ long.MaxValue;
        }
    }
}

/// <summary>Orders positions of a line by their keys, lexicographically; equal keys keep their positions' order.</summary>
internal readonly struct LineOrder(long[][] keys, bool descending) : IComparer<int>
{
    public int Compare(int x, int y)
    {
        foreach (var key in keys)
        {
            var order = key[x].CompareTo(key[y]);
            if (order != 0) return descending ? -order : order;
        }
        return x.CompareTo(y);
    }
}
