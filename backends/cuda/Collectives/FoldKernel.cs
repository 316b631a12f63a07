using System.Reflection;
using ILGPU;
using ILGPU.Runtime;
using JaxNet.Backends.Cuda.Kernels;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Cuda.Collectives;

/// <summary>Where a fold runs: members' blocks are <see cref="Stride"/> elements apart; elements
/// [<see cref="Offset"/>, Offset + launch size) of block 0 receive the fold over the <see cref="Members"/> blocks.</summary>
internal struct FoldParams
{
    public int Members;
    public long Stride;
    public long Offset;
    public ReduceOp Op;
}

/// <summary>
/// The collectives' reduction on the GPU: the members' inputs, gathered one after another into one buffer, are
/// folded elementwise in member order into the first block, one thread per element.
/// </summary>
internal static class FoldKernel
{
    // ILGPU's launch sizes are ints: longer folds run as several launches.
    private const int MaxLaunch = 1 << 30;

    /// <summary>Folds <paramref name="count"/> elements: data[i] = op over m of data[m * stride + i].</summary>
    public delegate void Launcher(AcceleratorStream stream, ArrayView<byte> data, int members, long stride, long count, ReduceOp op);

    /// <summary>Compiles the fold of a dtype for an accelerator.</summary>
    public static Launcher Load(Accelerator accelerator, DType dtype)
    {
        var (element, fold) = Types(dtype);
        var load = typeof(FoldKernel).GetMethod(nameof(LoadTyped), BindingFlags.NonPublic | BindingFlags.Static)!;
        return (Launcher)load.MakeGenericMethod(element, fold).Invoke(null, [accelerator])!;
    }

    /// <summary>The kernel method of a dtype's fold (for compiling it to PTX without a GPU).</summary>
    public static MethodInfo Kernel(DType dtype)
    {
        var (element, fold) = Types(dtype);
        return typeof(FoldKernel).GetMethod(nameof(Run), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(element, fold);
    }

    /// <summary>The storage type of a dtype's elements and its <see cref="IElementFold{T}"/>.</summary>
    private static (Type Element, Type Fold) Types(DType dtype) => dtype switch
    {
        DType.Float32 => (typeof(float), typeof(Float32Fold)),
        DType.Float64 => (typeof(double), typeof(Float64Fold)),
        DType.Float16 => (typeof(ushort), typeof(Float16Fold)),
        DType.BFloat16 => (typeof(ushort), typeof(BFloat16Fold)),
        DType.Int32 => (typeof(int), typeof(Int32Fold)),
        DType.UInt32 => (typeof(uint), typeof(UInt32Fold)),
        DType.Int64 => (typeof(long), typeof(Int64Fold)),
        DType.UInt8 => (typeof(byte), typeof(UInt8Fold)),
        DType.Int8 => (typeof(sbyte), typeof(Int8Fold)),
        DType.Int16 => (typeof(short), typeof(Int16Fold)),
        DType.UInt16 => (typeof(ushort), typeof(UInt16Fold)),
        DType.UInt64 => (typeof(ulong), typeof(UInt64Fold)),
        DType.Bool => (typeof(byte), typeof(BoolFold)),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "cuda: no collective fold for this dtype"),
    };

    private static Launcher LoadTyped<T, TFold>(Accelerator accelerator) where T : unmanaged where TFold : struct, IElementFold<T>
    {
        var kernel = KernelLoading.AutoGrouped<ArrayView<T>, FoldParams>(accelerator, Run<T, TFold>);
        return (stream, data, members, stride, count, op) =>
        {
            var typed = data.Cast<T>();
            for (long offset = 0; offset < count; offset += MaxLaunch)
            {
                var p = new FoldParams { Members = members, Stride = stride, Offset = offset, Op = op };
                kernel(stream, (int)Math.Min(MaxLaunch, count - offset), typed, p);
            }
        };
    }

    private static void Run<T, TFold>(Index1D index, ArrayView<T> data, FoldParams p) where T : unmanaged where TFold : struct, IElementFold<T>
    {
        var i = p.Offset + index;
        var fold = default(TFold);
        var acc = data[i];
        for (var m = 1; m < p.Members; m++) acc = fold.Combine(acc, data[m * p.Stride + i], p.Op);
        data[i] = acc;
    }
}
