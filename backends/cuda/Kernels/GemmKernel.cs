using ILGPU;
using ILGPU.Runtime;
using JaxNet.Backends.Cuda.Fusion;

namespace JaxNet.Backends.Cuda.Kernels;

/// <summary>
/// Uniform parameters of a batched row-major GEMM C[b] = A[b] · B[b]: A [batch, m, k] and B [batch, k, n] packed
/// densely in <see cref="Input"/> (or stored transposed, [batch, k, m] and [batch, n, k], where
/// <see cref="TransA"/> and <see cref="TransB"/> are 1), C written in <see cref="Output"/> with row stride
/// <see cref="LdC"/> and batch stride <see cref="StrideC"/> (so that a convolution can write a slice of its
/// output's columns).
/// </summary>
internal struct GemmParams
{
    public int Batch;
    public int M;
    public int N;
    public int K;
    public long LdC;
    public long StrideC;
    public int TransA;
    public int TransB;
    public DType Input;
    public DType Output;

    /// <summary>A dense GEMM: C is [batch, m, n] row-major.</summary>
    public static GemmParams Dense(int batch, int m, int n, int k, DType input, DType output) => new()
    {
        Batch = batch,
        M = m,
        N = n,
        K = k,
        LdC = n,
        StrideC = (long)m * n,
        Input = input,
        Output = output,
    };
}

/// <summary>
/// The ILGPU GEMM (emulation, integers, and GPUs without cuBLAS): A, B and C in slots 0, 1 and 2, in the storage
/// dtypes <see cref="GemmParams.Input"/> and <see cref="GemmParams.Output"/>. Tiled: each 8×8 group stages 8×8
/// tiles of A and B in shared memory as register values (64 threads, the emulated device's group size).
/// Floats accumulate in double and round once when C is stored; integers accumulate with 64-bit wraparound and
/// wrap to C's width on the store. Only typed loads and stores, + and *: nothing the PTX backend lacks.
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
        var isFloat = p.Output.IsFloat();
        const long zero = 0; // 0 and +0.0 have all-zero bits in every register class
        double sumF = 0;
        long sumI = 0;
        for (var k0 = 0; k0 < p.K; k0 += Tile)
        {
            var ka = k0 + tx;
            var atA = p.TransA == 0 ? (batch * p.M + row) * p.K + ka : (batch * p.K + ka) * p.M + row;
            tileA[ty * Tile + tx] = row < p.M && ka < p.K ? slots.Load(0, atA, p.Input) : zero;
            var kb = k0 + ty;
            var atB = p.TransB == 0 ? (batch * p.K + kb) * p.N + column : (batch * p.N + column) * p.K + kb;
            tileB[ty * Tile + tx] = kb < p.K && column < p.N ? slots.Load(1, atB, p.Input) : zero;
            Group.Barrier();
            for (var k = 0; k < Tile; k++)
            {
                var a = tileA[ty * Tile + k];
                var b = tileB[k * Tile + tx];
                if (isFloat) sumF += Numerics.Registers.FloatValue(a, p.Input) * Numerics.Registers.FloatValue(b, p.Input);
                else sumI = unchecked(sumI + a * b);
            }
            Group.Barrier();
        }
        if (row < p.M && column < p.N)
            slots.Store(2, batch * p.StrideC + row * p.LdC + column, p.Output, isFloat ? Numerics.Registers.FromDouble(sumF, p.Output) : sumI);
    }
}
