using System.Numerics;
using System.Runtime.CompilerServices;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Launch;

namespace JaxNet.Backends.CpuSimd.Kernels.Fft;

/// <summary>
/// The Fourier transform kernel (IR 1.2) on the CPU: a Stockham plan (<see cref="StockhamPlan{T}"/>), or Bluestein's
/// convolution for lengths with a large prime factor. The shape is seen as [outer, n, inner]. Along the last axis
/// (inner = 1) rows are spread over the cores and a single long row splits each pass instead; along another axis the
/// lanes run across the inner columns, and blocks of columns are spread over the cores. The inverse is the forward
/// transform with the real and imaginary parts exchanged on the way in and out (conj(DFT(conj z)) = swap(DFT(swap z))),
/// then the 1/n scale.
/// </summary>
internal static class CpuFft
{
    /// <summary>Points from which a lone row's passes are split over the cores.</summary>
    private const int ParallelRow = 1 << 15;

    /// <summary>Fewest columns a core is given (a block narrower than this costs more in passes than it saves).</summary>
    private const int MinColumns = 64;

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
        var layout = WorkLayout.Of(k.Outer, k.Inner, n);
        // Scratch per core: a second buffer for the passes (a block of columns, compact), and for Bluestein its three
        // padded rows, plus a gathered column in and out when the axis is not the last; then the separated parts of
        // an interleaved operand and of an interleaved result, a block each.
        var passes = (bluestein?.ScratchLength ?? 2L * n * layout.Width) + (bluestein is not null && k.Inner > 1 ? 4L * n : 0);
        var staged = ((k.InterleavedOperand ? 1 : 0) + (k.InterleavedResult ? 1 : 0)) * 2L * n * layout.Width;
        var perWorker = passes + staged;
        var scratch = layout.Units == 0 ? -1 : context.RequestScratch(Math.Max(1, layout.Workers * perWorker) * Unsafe.SizeOf<T>());
        var code = new Typed<T>(k, plan, bluestein, layout, perWorker, passes, scratch);
        var how = plan is not null ? $"Stockham passes of radix {string.Join(" x ", plan.Radices)}{(plan.ZippedPasses > 0 ? $", {plan.ZippedPasses} zipped" : "")}"
            : bluestein is not null ? $"Bluestein's convolution over {bluestein.Padded} points" : "copy";
        var along = k.Inner == 1 ? "rows" : $"columns in blocks of {layout.Width}";
        var parts = (k.InterleavedOperand, k.InterleavedResult) switch
        {
            (true, true) => "; interleaved in and out",
            (true, false) => "; interleaved in",
            (false, true) => "; interleaved out",
            _ => "",
        };
        return new CompiledKernel(k, code, $"fft ({how}; {along}{parts})", 5.0 * k.ComplexCount * Math.Max(1, Math.Log2(Math.Max(n, 2))));
    }

    /// <summary>How the [outer, n, inner] work is cut: units of (outer block, columns of <see cref="Width"/>), run by up
    /// to <see cref="Workers"/> cores, each with its own scratch.</summary>
    private sealed record WorkLayout(long Outer, long Inner, int Width, int ChunksPerBlock, int Workers)
    {
        public long Units => Outer * ChunksPerBlock;

        public static WorkLayout Of(long outer, long inner, int n)
        {
            var cores = Environment.ProcessorCount;
            if (outer * inner * n == 0) return new(outer, inner, 1, 0, 1);
            if (inner == 1) return new(outer, 1, 1, 1, (int)Math.Clamp(outer, 1, cores));
            var chunks = outer >= cores ? 1 : (int)Math.Clamp(Math.Min(cores, inner / MinColumns), 1, cores);
            var width = (int)((inner + chunks - 1) / chunks + 15) / 16 * 16;
            width = (int)Math.Min(width, inner);
            chunks = (int)((inner + width - 1) / width);
            return new(outer, inner, width, chunks, (int)Math.Clamp(outer * chunks, 1, cores));
        }
    }

    private sealed unsafe class Typed<T>(FftKernel k, StockhamPlan<T>? plan, Bluestein<T>? bluestein, WorkLayout layout, long perWorker, long passes, int scratch)
        : ICpuKernel where T : unmanaged, IFloatingPointIeee754<T>
    {
        // The imaginary part of a real operand: one block of zeros, read for every block.
        private readonly T[] zeros = k.Imag is null && !k.InterleavedOperand ? GC.AllocateArray<T>((int)Math.Max(0, k.Length * k.Inner), pinned: true) : [];

        public void Run(BufferTable buffers)
        {
            if (layout.Units == 0) return;
            fixed (T* zero = zeros)
            {
                var io = new Buffers(buffers[k.Real.Buffer], k.Imag is { } im ? buffers[im.Buffer] : (nint)zero, buffers[k.OutReal], buffers[k.OutImag]);
                var work = (T*)buffers[scratch];
                if (layout.Units == 1) Unit(io, 0, work, parallel: layout.Inner == 1 && k.Length >= ParallelRow);
                else
                {
                    var per = (layout.Units + layout.Workers - 1) / layout.Workers;
                    var pw = (nint)work;
                    CpuParallel.For(layout.Workers, w =>
                    {
                        for (var u = w * per; u < Math.Min(layout.Units, (w + 1) * per); u++) Unit(io, u, (T*)pw + w * perWorker, parallel: false);
                    });
                }
            }
        }

        /// <summary>The launch's buffers: the operand (both parts when interleaved), its imaginary part (the block of zeros
        /// for a real operand; unused when interleaved), and the result's parts (one buffer when interleaved).</summary>
        private readonly record struct Buffers(nint Real, nint Imag, nint OutReal, nint OutImag)
        {
            public T* Re => (T*)Real;

            public T* Im => (T*)Imag;

            public T* OutRe => (T*)OutReal;

            public T* OutIm => (T*)OutImag;
        }

        private void Unit(Buffers io, long unit, T* s, bool parallel)
        {
            var n = k.Length;
            var (outer, chunk) = (unit / layout.ChunksPerBlock, (int)(unit % layout.ChunksPerBlock));
            var column = (long)chunk * layout.Width;
            var width = (int)Math.Min(layout.Width, layout.Inner - column);
            var stride = layout.Inner;
            var first = outer * n * stride + column;
            var staged = s + passes;
            // Where the separate parts are read and written, and the step from one point of the axis to the next: the
            // buffers themselves, or a block of width columns in scratch for an interleaved side.
            T* xr, xi, yr, yi;
            long xs, ys;
            if (k.InterleavedOperand)
            {
                xr = staged;
                xi = staged + (long)n * width;
                xs = width;
                Split(io.Re + 2 * first, 2 * stride, xr, xi, width, parallel);
                staged += 2L * n * width;
            }
            else
            {
                xr = io.Re + first;
                xi = k.Imag is null ? io.Im + column : io.Im + first;
                xs = stride;
            }
            if (k.InterleavedResult)
            {
                yr = staged;
                yi = staged + (long)n * width;
                ys = width;
            }
            else
            {
                yr = io.OutRe + first;
                yi = io.OutIm + first;
                ys = stride;
            }
            // The inverse is the forward transform with the parts exchanged on the way in and out.
            if (k.Inverse)
            {
                Transform(xi, xr, xs, yi, yr, ys, width, s, parallel);
                if (n > 1) Scale(yr, yi, ys, width);
            }
            else Transform(xr, xi, xs, yr, yi, ys, width, s, parallel);
            if (k.InterleavedResult) Join(yr, yi, io.OutRe + 2 * first, 2 * stride, width, parallel);
        }

        private void Transform(T* xr, T* xi, long xs, T* yr, T* yi, long ys, int width, T* s, bool parallel)
        {
            var n = k.Length;
            if (xs == 1 && ys == 1)
            {
                if (plan is not null) plan.Forward(xr, xi, yr, yi, s, s + n, parallel);
                else if (bluestein is not null) bluestein.Forward(xr, xi, yr, yi, s, parallel);
                else Copy(xr, xi, yr, yi, 1, 1, 1);
            }
            else if (plan is not null) plan.ForwardColumns(xr, xi, xs, yr, yi, ys, s, s + (long)n * width, width);
            else if (bluestein is not null) ColumnsByBluestein(xr, xi, xs, yr, yi, ys, width, s);
            else Copy(xr, xi, yr, yi, xs, ys, width);
        }

        // The n points of a block, each a run of width complex values 2·stride elements after the last, into separate
        // parts (rows width apart). A block of one column is a row (the axis is the last); a lone long row is split in
        // pieces over the cores.
        private void Split(T* x, long pitch, T* re, T* im, int width, bool parallel)
        {
            if (width == 1 && parallel)
            {
                var (px, pr, pi) = ((nint)x, (nint)re, (nint)im);
                Pieces(k.Length, (from, count) => Interleaving.Split((T*)px + 2 * from, (T*)pr + from, (T*)pi + from, count));
            }
            else if (width == 1) Interleaving.Split(x, re, im, k.Length);
            else Interleaving.Split(x, pitch, re, im, width, k.Length, width);
        }

        private void Join(T* re, T* im, T* y, long pitch, int width, bool parallel)
        {
            if (width == 1 && parallel)
            {
                var (pr, pi, py) = ((nint)re, (nint)im, (nint)y);
                Pieces(k.Length, (from, count) => Interleaving.Join((T*)pr + from, (T*)pi + from, (T*)py + 2 * from, count));
            }
            else if (width == 1) Interleaving.Join(re, im, y, k.Length);
            else Interleaving.Join(re, im, width, y, pitch, k.Length, width);
        }

        private static void Pieces(int length, Action<long, long> piece)
        {
            var cores = Environment.ProcessorCount;
            var per = ((long)length + cores - 1) / cores;
            CpuParallel.For(cores, c =>
            {
                var from = Math.Min(length, c * per);
                piece(from, Math.Min(length, from + per) - from);
            });
        }

        private void Copy(T* xr, T* xi, T* yr, T* yi, long xs, long ys, int width)
        {
            for (var t = 0; t < k.Length; t++)
            {
                new Span<T>(xr + t * xs, width).CopyTo(new Span<T>(yr + t * ys, width));
                new Span<T>(xi + t * xs, width).CopyTo(new Span<T>(yi + t * ys, width));
            }
        }

        // Each column gathered into a row, transformed, and scattered back: Bluestein's lengths are rare along an
        // inner axis, and its passes are over its own padded rows anyway.
        private void ColumnsByBluestein(T* xr, T* xi, long xs, T* yr, T* yi, long ys, int width, T* s)
        {
            var n = k.Length;
            T* ar = s, ai = s + n, br = s + 2 * n, bi = s + 3 * n, work = s + 4 * n;
            for (var c = 0; c < width; c++)
            {
                for (var t = 0; t < n; t++) (ar[t], ai[t]) = (xr[t * xs + c], xi[t * xs + c]);
                bluestein!.Forward(ar, ai, br, bi, work, parallel: false);
                for (var t = 0; t < n; t++) (yr[t * ys + c], yi[t * ys + c]) = (br[t], bi[t]);
            }
        }

        private void Scale(T* yr, T* yi, long stride, int width)
        {
            var scale = T.One / T.CreateTruncating(k.Length);
            // A row's n points are contiguous; a block of columns is n runs of width.
            var (runs, run) = stride == 1 ? (1, k.Length) : (k.Length, width);
            for (var t = 0; t < runs; t++)
            {
                Scale(new Span<T>(yr + t * stride, run), scale);
                Scale(new Span<T>(yi + t * stride, run), scale);
            }
        }

        private static void Scale(Span<T> values, T scale)
        {
            var vectors = System.Runtime.InteropServices.MemoryMarshal.Cast<T, Vector<T>>(values);
            for (var i = 0; i < vectors.Length; i++) vectors[i] *= scale;
            for (var i = vectors.Length * Vector<T>.Count; i < values.Length; i++) values[i] *= scale;
        }
    }
}
