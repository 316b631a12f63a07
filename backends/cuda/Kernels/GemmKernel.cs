using ILGPU;
using ILGPU.Runtime;
using JaxNet.Backends.Cuda.Fusion;
using JaxNet.Backends.Cuda.Numerics;

namespace JaxNet.Backends.Cuda.Kernels;

/// <summary>Uniform parameters of a batched GEMM over register-valued, packed operands.</summary>
internal struct GemmParams
{
    public int Batch;
    public int M;
    public int N;
    public int K;
    public DType Accumulator;
}

/// <summary>
/// C[b] = A[b] · B[b] for packed row-major A [batch, m, k] and B [batch, k, n] in slots 0 and 1, writing C
/// [batch, m, n] to slot 2, all as register values of the accumulator dtype. Tiled: each 8×8 group stages
/// 8×8 tiles of A and B in shared memory (64 threads, the emulated device's group size; a GPU wants larger
/// tiles, or cuBLAS). Floats accumulate in double and round once to the accumulator
/// dtype; integers accumulate with 64-bit wraparound and wrap to the accumulator's width.
/// </summary>
internal static class GemmKernel
{
    public const int Tile = 8;

    public static Action<AcceleratorStream, KernelConfig, Slots, GemmParams> Load(Accelerator accelerator) =>
        KernelLoading.Explicit<Slots, GemmParams>(accelerator, Run);

    public static KernelConfig Config(GemmParams p) =>
        new(new Index3D((p.N + Tile - 1) / Tile, (p.M + Tile - 1) / Tile, p.Batch), new Index3D(Tile, Tile, 1));

    private static void Run(Slots slots, GemmParams p)
    {
        var tileA = SharedMemory.Allocate<long>(Tile * Tile);
        var tileB = SharedMemory.Allocate<long>(Tile * Tile);
        var tx = Group.IdxX;
        var ty = Group.IdxY;
        var column = Grid.IdxX * Tile + tx;
        var row = Grid.IdxY * Tile + ty;
        long batch = Grid.IdxZ;
        var isFloat = p.Accumulator.IsFloat();
        double sumF = 0;
        long sumI = 0;
        for (var k0 = 0; k0 < p.K; k0 += Tile)
        {
            var ka = k0 + tx;
            tileA[ty * Tile + tx] = row < p.M && ka < p.K ? slots.LoadRaw(0, (batch * p.M + row) * p.K + ka) : Zero(isFloat);
            var kb = k0 + ty;
            tileB[ty * Tile + tx] = kb < p.K && column < p.N ? slots.LoadRaw(1, (batch * p.K + kb) * p.N + column) : Zero(isFloat);
            Group.Barrier();
            for (var k = 0; k < Tile; k++)
            {
                var a = tileA[ty * Tile + k];
                var b = tileB[k * Tile + tx];
                if (isFloat) sumF += Registers.F(a) * Registers.F(b);
                else sumI = unchecked(sumI + a * b);
            }
            Group.Barrier();
        }
        if (row < p.M && column < p.N)
        {
            var result = isFloat ? Registers.Bits(Registers.Round(sumF, p.Accumulator)) : Registers.Normalize(sumI, p.Accumulator);
            slots.StoreRaw(2, (batch * p.M + row) * p.N + column, result);
        }
    }

    private static long Zero(bool isFloat) => isFloat ? Registers.Bits(0.0) : 0;
}
