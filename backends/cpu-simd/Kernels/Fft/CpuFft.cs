using System.Numerics;
using System.Runtime.CompilerServices;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Launch;

namespace JaxNet.Backends.CpuSimd.Kernels.Fft;

/// <summary>
/// The Fourier transform kernel (IR 1.2) on the CPU: each row through a Stockham plan (<see cref="StockhamPlan{T}"/>),
/// or Bluestein's convolution for lengths with a large prime factor. Rows are spread over the cores; a single long row
/// splits each pass instead. The inverse is the forward transform with the real and imaginary parts exchanged on the
/// way in and out (conj(DFT(conj z)) = swap(DFT(swap z))), then the 1/n scale.
/// </summary>
internal static class CpuFft
{
    /// <summary>Points from which a lone row's passes are split over the cores.</summary>
    private const int ParallelRow = 1 << 15;

    public static CompiledKernel Compile(FftKernel k, CompileContext context) => k.Real.DType switch
    {
        DType.Float32 => Create<float>(k, context),
        DType.Float64 => Create<double>(k, context),
        _ => throw new NotSupportedException($"fft of {k.Real.DType.ShortName()} parts"),
    };

    private static CompiledKernel Create<T>(FftKernel k, CompileContext context) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var n = k.Length;
        var plan = n > 1 ? StockhamPlan<T>.TryCreate(n) : null;
        var bluestein = n > 1 && plan is null ? new Bluestein<T>(n) : null;
        var workers = (int)Math.Clamp(k.Rows, 1, Environment.ProcessorCount);
        var perWorker = bluestein?.ScratchLength ?? 2L * n;
        var scratch = k.Rows == 0 ? -1 : context.RequestScratch(Math.Max(1, workers * perWorker) * Unsafe.SizeOf<T>());
        var code = new Typed<T>(k, plan, bluestein, workers, perWorker, scratch);
        var how = plan is not null ? $"Stockham passes of radix {string.Join(" x ", plan.Radices)}"
            : bluestein is not null ? $"Bluestein's convolution over {bluestein.Padded} points" : "copy";
        return new CompiledKernel(k, code, $"fft ({how})", 5.0 * k.Real.ElementCount * Math.Max(1, Math.Log2(Math.Max(n, 2))));
    }

    private sealed unsafe class Typed<T>(FftKernel k, StockhamPlan<T>? plan, Bluestein<T>? bluestein, int workers, long perWorker, int scratch)
        : ICpuKernel where T : unmanaged, IFloatingPointIeee754<T>
    {
        // The imaginary part of a real operand: one row of zeros, read by every row.
        private readonly T[] zeros = k.Imag is null ? GC.AllocateArray<T>(k.Length, pinned: true) : [];

        public void Run(BufferTable buffers)
        {
            var (n, rows) = (k.Length, k.Rows);
            if (rows == 0) return;
            fixed (T* zero = zeros)
            {
                nint inR = buffers[k.Real.Buffer], inI = k.Imag is { } im ? buffers[im.Buffer] : (nint)zero;
                nint outR = buffers[k.OutReal], outI = buffers[k.OutImag];
                var rowStride = k.Imag is null ? 0 : 1;
                if (k.Inverse) (inR, inI, outR, outI) = (inI, inR, outI, outR);
                // With a real operand the zero row is read for every row (stride 0), whichever part it feeds.
                var (strideR, strideI) = k.Inverse ? (rowStride, 1) : (1, rowStride);
                var work = buffers[scratch];
                void Row(long row, int worker, bool parallel)
                {
                    var xr = (T*)inR + row * n * strideR;
                    var xi = (T*)inI + row * n * strideI;
                    var yr = (T*)outR + row * n;
                    var yi = (T*)outI + row * n;
                    var s = (T*)work + worker * perWorker;
                    if (plan is not null) plan.Forward(xr, xi, yr, yi, s, s + n, parallel);
                    else if (bluestein is not null) bluestein.Forward(xr, xi, yr, yi, s, parallel);
                    else
                    {
                        new Span<T>(xr, n).CopyTo(new Span<T>(yr, n));
                        new Span<T>(xi, n).CopyTo(new Span<T>(yi, n));
                    }
                    if (k.Inverse && n > 1) Scale(yr, yi, n);
                }
                if (rows == 1) Row(0, 0, n >= ParallelRow);
                else
                {
                    var per = (rows + workers - 1) / workers;
                    CpuParallel.For(workers, w =>
                    {
                        for (var row = w * per; row < Math.Min(rows, (w + 1) * per); row++) Row(row, w, false);
                    });
                }
            }
        }

        private static void Scale(T* yr, T* yi, int n)
        {
            var scale = T.One / T.CreateTruncating(n);
            foreach (var part in new[] { (nint)yr, (nint)yi })
            {
                var values = new Span<T>((T*)part, n);
                var vectors = System.Runtime.InteropServices.MemoryMarshal.Cast<T, Vector<T>>(values);
                for (var i = 0; i < vectors.Length; i++) vectors[i] *= scale;
                for (var i = vectors.Length * Vector<T>.Count; i < n; i++) values[i] *= scale;
            }
        }
    }
}
