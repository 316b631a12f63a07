using System.Numerics;
using System.Runtime.Intrinsics;
using JaxNet.Backends.CpuSimd.Kernels.Gemm;
using JaxNet.Backends.CpuSimd.Kernels.Gemm.Epilogue;
using System.Reflection;
using JaxNet.Backends.CpuSimd.Tests.Codegen;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// The inlined epilogue's edges, for every vector type the GEMM can run on here: the masked load of an operand's
/// last, partial vector reads exactly its elements (the operand ends where an inaccessible page begins, so a read
/// past it faults), and a sweep over a block whose rows end in a partial vector gives every element the program's
/// value and leaves the columns past the block alone.
/// </summary>
public sealed unsafe class TileSweepTests
{
    private const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Static;

    private static void ForEachVectorType(DType dtype, Action<Type> test)
    {
        // The fallback types run everywhere; the AVX ones where the CPU has them (the others run under
        // DOTNET_EnableAVX512=0 and DOTNET_EnableHWIntrinsic=0 in CI's other passes).
        test(dtype == DType.Float32 ? typeof(ScalarOps<float>) : typeof(ScalarOps<double>));
        if (Vector128.IsHardwareAccelerated) test(dtype == DType.Float32 ? typeof(Vector128Ops<float>) : typeof(Vector128Ops<double>));
        if (CpuIsa.HasVector256) test(dtype == DType.Float32 ? typeof(Float256) : typeof(Double256));
        if (CpuIsa.HasVector512) test(dtype == DType.Float32 ? typeof(Float512) : typeof(Double512));
    }

    private static (Type Vector, int Width) Describe(Type ops)
    {
        var vector = ops.GetInterfaces().Single(i => i.Name.StartsWith("ISimdOps", StringComparison.Ordinal)).GetGenericArguments()[1];
        var width = (int)ops.GetProperty("Width")!.GetValue(null)!;
        return (vector, width);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void LoadFirst_reads_only_the_elements_before_the_edge(DType dtype) => ForEachVectorType(dtype, ops =>
    {
        var (_, width) = Describe(ops);
        for (var count = 1; count < width; count++)
        {
            var values = Enumerable.Range(0, count).Select(i => i + 1.5).ToArray();
            using var edge = new GuardedBuffer(dtype, values);
            var lanes = (double[])typeof(TileSweepTests).GetMethod(nameof(LoadFirstLanes), Private)!
                .MakeGenericMethod(dtype == DType.Float32 ? typeof(float) : typeof(double), Describe(ops).Vector, ops)
                .Invoke(null, [edge.Address, count])!;
            Assert.Equal(values.Concat(Enumerable.Repeat(0.0, width - count)), lanes);
        }
    });

    private static double[] LoadFirstLanes<T, TVec, TOps>(nint address, int count)
        where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec>
    {
        var lanes = stackalloc T[TOps.Width];
        TOps.Store(lanes, TOps.LoadFirst((T*)address, count));
        return Enumerable.Range(0, TOps.Width).Select(i => double.CreateTruncating(lanes[i])).ToArray();
    }

    [Theory]
    [InlineData(DType.Float32, 6, 3)]
    [InlineData(DType.Float32, 1, 37)]
    [InlineData(DType.Float64, 5, 11)]
    [InlineData(DType.Float64, 3, 16)]
    public void A_sweep_with_a_ragged_right_edge_matches_float64(DType dtype, int rows, int cols) => ForEachVectorType(dtype, ops =>
    {
        var rng = new Random(rows * 100 + cols);
        // C is a block of a wider matrix (row stride cols + 5), whose columns past the block must stay untouched;
        // the operand's last row ends at the guard page.
        var ldc = cols + 5;
        var c = Enumerable.Range(0, rows * ldc).Select(_ => Math.Round(rng.NextDouble() * 8 - 4, 3)).ToArray();
        var w = Enumerable.Range(0, rows * cols).Select(_ => Math.Round(rng.NextDouble() * 8 - 4, 3)).ToArray();
        w[0] = double.NaN;
        w[^1] = double.PositiveInfinity;
        using var operand = new GuardedBuffer(dtype, w);
        var got = (double[])typeof(TileSweepTests).GetMethod(nameof(SweepSgd), Private)!
            .MakeGenericMethod(dtype == DType.Float32 ? typeof(float) : typeof(double), Describe(ops).Vector, ops)
            .Invoke(null, [c, ldc, rows, cols, operand.Address])!;
        for (var r = 0; r < rows; r++)
            for (var j = 0; j < ldc; j++)
            {
                var before = dtype == DType.Float32 ? (float)c[r * ldc + j] : c[r * ldc + j];
                var expected = j < cols ? w[r * cols + j] - 0.01 * before : before;
                var tolerance = dtype == DType.Float32 ? 1e-6 : 1e-15;
                var actual = got[r * ldc + j];
                Assert.True(actual.Equals(expected) || Math.Abs(actual - expected) <= tolerance * (1 + Math.Abs(expected)),
                    $"{ops.Name} ({r}, {j}): {actual} against {expected}");
            }
    });

    /// <summary>w - 0.01 * acc over the block (the SGD update the MLP's weight gradients end in).</summary>
    private static double[] SweepSgd<T, TVec, TOps>(double[] c, int ldc, int rows, int cols, nint operand)
        where T : unmanaged, INumber<T> where TVec : struct where TOps : ISimdOps<T, TVec>
    {
        var block = c.Select(T.CreateTruncating).ToArray();
        TileOperands ops = default;
        ops.Base[0] = operand;
        ops.RowStride[0] = cols;
        ops.ColStride[0] = 1;
        ops.Constants[0] = 0.01;
        fixed (T* p = block)
        {
            TileSweep<T, TVec, TOps>.Apply<Binary<SubtractOp, Operand<Slot0>, Binary<MultiplyOp, Constant<Slot0>, Accumulator>>>(
                p, ldc, rows, cols, &ops, 0, 0, cols);
        }
        return block.Select(double.CreateTruncating).ToArray();
    }
}
