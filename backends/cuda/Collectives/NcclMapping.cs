using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Cuda.Collectives;

/// <summary>
/// How a collective maps onto NCCL, as pure functions. The enum values are those of <c>nccl.h</c>
/// (NVIDIA/nccl src/nccl.h.in: <c>ncclDataType_t</c> ncclInt8 = 0, ncclUint8 = 1, ncclInt32 = 2, ncclUint32 = 3,
/// ncclInt64 = 4, ncclUint64 = 5, ncclFloat16 = 6, ncclFloat32 = 7, ncclFloat64 = 8, ncclBfloat16 = 9 (from NCCL
/// 2.10, built with CUDA 11); <c>ncclRedOp_t</c> ncclSum = 0, ncclProd = 1, ncclMax = 2, ncclMin = 3, ncclAvg = 4).
/// </summary>
internal static class NcclMapping
{
    public const int Int8 = 0;
    public const int Uint8 = 1;
    public const int Int32 = 2;
    public const int Uint32 = 3;
    public const int Int64 = 4;
    public const int Uint64 = 5;
    public const int Float16 = 6;
    public const int Float32 = 7;
    public const int Float64 = 8;
    public const int Bfloat16 = 9;

    public const int Sum = 0;
    public const int Prod = 1;
    public const int Max = 2;
    public const int Min = 3;

    /// <summary>NCCL_VERSION(2, 10, 0): the first release with ncclBfloat16.</summary>
    public const int Bfloat16Version = 21000;

    /// <summary>
    /// The NCCL (datatype, op) that computes the IR's reduction of <paramref name="dtype"/> with
    /// <paramref name="op"/>, or null when NCCL has none and the peer path must run it:
    /// float Max and Min (NCCL uses fmaxf/fminf and __hmax/__hmin, which drop NaN where the IR propagates it and
    /// may pick either zero; src/device/reduce_kernel.h), bf16 before NCCL 2.10, int16 and uint16 (nccl.h has no
    /// 16-bit integer type), and ops other than Sum, Prod,
    /// Max and Min. Bool is a byte holding 0 or 1, so its or (Sum, Max) is ncclMax and its and (Prod, Min) ncclMin
    /// on ncclUint8.
    /// </summary>
    public static (int DataType, int Op)? Reduction(ReduceOp op, DType dtype, int ncclVersion)
    {
        if (op is not (ReduceOp.Sum or ReduceOp.Prod or ReduceOp.Max or ReduceOp.Min)) return null;
        if (dtype == DType.Bool) return (Uint8, op is ReduceOp.Sum or ReduceOp.Max ? Max : Min);
        var ncclOp = op switch { ReduceOp.Sum => Sum, ReduceOp.Prod => Prod, ReduceOp.Max => Max, _ => Min };
        if (dtype.IsFloat() && op is ReduceOp.Max or ReduceOp.Min) return null;
        return dtype switch
        {
            DType.UInt8 => (Uint8, ncclOp),
            DType.Int32 => (Int32, ncclOp),
            DType.UInt32 => (Uint32, ncclOp),
            DType.Int64 => (Int64, ncclOp),
            DType.Int8 => (Int8, ncclOp),
            DType.UInt64 => (Uint64, ncclOp),
            DType.Float16 => (Float16, ncclOp),
            DType.Float32 => (Float32, ncclOp),
            DType.Float64 => (Float64, ncclOp),
            DType.BFloat16 when ncclVersion >= Bfloat16Version => (Bfloat16, ncclOp),
            _ => null,
        };
    }

    /// <summary>Data movement (gather, broadcast, send and receive) copies bytes: any dtype moves as
    /// <paramref name="count"/> × its size ncclUint8 elements.</summary>
    public static (int DataType, long Count) Movement(DType dtype, long count) => (Uint8, count * dtype.SizeOf());

    /// <summary>The version integer ncclGetVersion reports, as text (2.21.5 for 22105; 2.8.4 for 2804).</summary>
    public static string VersionText(int code) => code < 10000
        ? $"{code / 1000}.{code / 100 % 10}.{code % 100}"
        : $"{code / 10000}.{code / 100 % 100}.{code % 100}";

    /// <summary>
    /// The sends and receives of an all-to-all as NCCL point-to-point calls: member g sends its chunk j to member j
    /// and receives member j's chunk g into its chunk j (byte offsets into g's input and output).
    /// </summary>
    public static IEnumerable<(int Member, int Peer, long SendOffset, long ReceiveOffset)> AllToAllTransfers(int size, long chunkBytes)
    {
        for (var g = 0; g < size; g++)
            for (var j = 0; j < size; j++)
                yield return (g, j, j * chunkBytes, j * chunkBytes);
    }
}
