using System.Numerics;
using System.Runtime.InteropServices;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Vulkan.Collectives;

/// <summary>Elementwise reduction of equally long byte arrays holding elements of a dtype (for collectives).</summary>
internal static class HostReduction
{
    public static byte[] Reduce(ReduceOp op, DType dtype, byte[][] members)
    {
        var result = (byte[])members[0].Clone();
        for (var m = 1; m < members.Length; m++)
        {
            switch (dtype)
            {
                case DType.Float32: Fold<float>(op, result, members[m]); break;
                case DType.Float64: Fold<double>(op, result, members[m]); break;
                case DType.Float16: Fold<Half>(op, result, members[m]); break;
                case DType.Int32: Fold<int>(op, result, members[m]); break;
                case DType.UInt32: Fold<uint>(op, result, members[m]); break;
                case DType.Int64: Fold<long>(op, result, members[m]); break;
                case DType.UInt8: Fold<byte>(op, result, members[m]); break;
                case DType.Int8: Fold<sbyte>(op, result, members[m]); break;
                case DType.Int16: Fold<short>(op, result, members[m]); break;
                case DType.UInt16: Fold<ushort>(op, result, members[m]); break;
                case DType.UInt64: Fold<ulong>(op, result, members[m]); break;
                case DType.Bool: FoldBool(op, result, members[m]); break;
                case DType.BFloat16: FoldBFloat16(op, result, members[m]); break;
                default: throw new NotSupportedException($"collective reduction of {dtype.ShortName()}");
            }
        }
        return result;
    }

    private static void Fold<T>(ReduceOp op, byte[] acc, byte[] other) where T : unmanaged, INumber<T>
    {
        var a = MemoryMarshal.Cast<byte, T>(acc.AsSpan());
        var b = MemoryMarshal.Cast<byte, T>(other.AsSpan());
        for (var i = 0; i < a.Length; i++) a[i] = Combine(op, a[i], b[i]);
    }

    private static T Combine<T>(ReduceOp op, T a, T b) where T : INumber<T> => op switch
    {
        ReduceOp.Sum => unchecked(a + b),
        ReduceOp.Prod => unchecked(a * b),
        // NaN-propagating, as the kernel IR's max and min.
        ReduceOp.Max => T.IsNaN(a) || T.IsNaN(b) ? a + b : T.Max(a, b),
        ReduceOp.Min => T.IsNaN(a) || T.IsNaN(b) ? a + b : T.Min(a, b),
        _ => throw new NotSupportedException($"collective reduction {op}"),
    };

    private static void FoldBool(ReduceOp op, byte[] acc, byte[] other)
    {
        for (var i = 0; i < acc.Length; i++)
            acc[i] = op is ReduceOp.Prod or ReduceOp.Min or ReduceOp.And
                ? (byte)(acc[i] != 0 && other[i] != 0 ? 1 : 0)
                : (byte)(acc[i] != 0 || other[i] != 0 ? 1 : 0);
    }

    private static void FoldBFloat16(ReduceOp op, byte[] acc, byte[] other)
    {
        var a = MemoryMarshal.Cast<byte, ushort>(acc.AsSpan());
        var b = MemoryMarshal.Cast<byte, ushort>(other.AsSpan());
        for (var i = 0; i < a.Length; i++)
            a[i] = Codegen.BFloat16Bits.FromFloat(Combine(op, Codegen.BFloat16Bits.ToFloat(a[i]), Codegen.BFloat16Bits.ToFloat(b[i])));
    }
}
