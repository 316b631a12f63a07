using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Codegen.Loops;
using JaxNet.Backends.CpuSimd.Launch;

namespace JaxNet.Backends.CpuSimd.Kernels.Elements;

/// <summary>
/// The complex product of two interleaved arrays (<see cref="ComplexProductPattern"/>) on whole vectors of pairs. The
/// generated code walks it as a row of period 2 and builds every lane's real and imaginary formula from four permuted
/// loads, six products and a select: 13 vector operations per vector of results. Here a vector of x's pairs gives its
/// real parts duplicated into both lanes of each pair and its imaginary parts likewise (in-lane shuffles), y's pairs
/// are swapped within each pair, and <c>x_re · y + (x_im · swap(y)) ⊕ sign</c> (the sign flips the even lanes) is the
/// product: 2 loads, 3 shuffles, 4 arithmetic operations. Each part is rounded as the generated code rounds it (two
/// products, then their difference or sum; no fused multiply-add), so the bits are the same.
/// </summary>
internal sealed unsafe class InterleavedComplexProduct : ICpuKernel
{
    private readonly ElementwiseKernel kernel;
    private readonly ComplexProductPattern pattern;
    private readonly long count;
    private readonly int size;

    private InterleavedComplexProduct(ElementwiseKernel kernel, ComplexProductPattern pattern)
    {
        this.kernel = kernel;
        this.pattern = pattern;
        count = kernel.Shape.Aggregate(1L, (a, b) => a * b);
        size = pattern.DType.SizeOf();
    }

    /// <summary>The product kernel for <paramref name="kernel"/>, or null when it is no complex product.</summary>
    public static InterleavedComplexProduct? TryCreate(ElementwiseKernel kernel) =>
        ComplexProductPattern.Match(kernel) is { } pattern ? new InterleavedComplexProduct(kernel, pattern) : null;

    public void Run(BufferTable buffers)
    {
        if (count == 0) return;
        var x = buffers[pattern.XBuffer] + (nint)(pattern.X * size);
        var y = buffers[pattern.YBuffer] + (nint)(pattern.Y * size);
        var output = buffers[kernel.Outputs[0]];
        if (Environment.ProcessorCount == 1 || count < LoopRunner.ParallelElements)
        {
            RunPart(x, y, output, 0, count);
            return;
        }
        // Ranges of 64-element multiples (whole cache lines, whole vectors, whole pairs), a few per core.
        const long alignment = 64;
        var blocks = (count + alignment - 1) / alignment;
        var parts = (int)Math.Min(4 * Environment.ProcessorCount, blocks);
        CpuParallel.For(parts, p => RunPart(x, y, output,
            Math.Min(count, blocks * p / parts * alignment), Math.Min(count, blocks * (p + 1) / parts * alignment)));
    }

    /// <summary>Elements [from, to) of the output (from even).</summary>
    private void RunPart(nint x, nint y, nint output, long from, long to)
    {
        if (pattern.DType == DType.Float32) RunFloat32((float*)x, (float*)y, (float*)output, from, to);
        else RunFloat64((double*)x, (double*)y, (double*)output, from, to);
    }

    // Fully optimised from the first call: a tier-0 body of vector intrinsics runs many times slower, and under
    // load the background tier-up can lag for many calls.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunFloat32(float* x, float* y, float* o, long k, long end)
    {
        if (Avx512F.IsSupported && Vector512.IsHardwareAccelerated)
        {
            var sign = Vector512.Create(-0f, 0f, -0f, 0f, -0f, 0f, -0f, 0f, -0f, 0f, -0f, 0f, -0f, 0f, -0f, 0f);
            for (; k + 16 <= end; k += 16)
            {
                var (a, b) = (Vector512.Load(x + k), Vector512.Load(y + k));
                var cross = Avx512F.DuplicateOddIndexed(a) * Avx512F.Permute4x32(b, 0b10_11_00_01);
                (Avx512F.DuplicateEvenIndexed(a) * b + (cross ^ sign)).Store(o + k);
            }
        }
        else if (Avx.IsSupported && Vector256.IsHardwareAccelerated)
        {
            var sign = Vector256.Create(-0f, 0f, -0f, 0f, -0f, 0f, -0f, 0f);
            for (; k + 8 <= end; k += 8)
            {
                var (a, b) = (Vector256.Load(x + k), Vector256.Load(y + k));
                var cross = Avx.DuplicateOddIndexed(a) * Avx.Permute(b, 0b10_11_00_01);
                (Avx.DuplicateEvenIndexed(a) * b + (cross ^ sign)).Store(o + k);
            }
        }
        for (; k < end; k += 2)
        {
            var (xr, xi, yr, yi) = (x[k], x[k + 1], y[k], y[k + 1]);
            o[k] = xr * yr - xi * yi;
            o[k + 1] = xr * yi + xi * yr;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunFloat64(double* x, double* y, double* o, long k, long end)
    {
        if (Avx512F.IsSupported && Vector512.IsHardwareAccelerated)
        {
            var sign = Vector512.Create(-0d, 0d, -0d, 0d, -0d, 0d, -0d, 0d);
            for (; k + 8 <= end; k += 8)
            {
                var (a, b) = (Vector512.Load(x + k), Vector512.Load(y + k));
                var cross = Avx512F.Permute2x64(a, 0b1111_1111) * Avx512F.Permute2x64(b, 0b0101_0101);
                (Avx512F.DuplicateEvenIndexed(a) * b + (cross ^ sign)).Store(o + k);
            }
        }
        else if (Avx.IsSupported && Vector256.IsHardwareAccelerated)
        {
            var sign = Vector256.Create(-0d, 0d, -0d, 0d);
            for (; k + 4 <= end; k += 4)
            {
                var (a, b) = (Vector256.Load(x + k), Vector256.Load(y + k));
                var cross = Avx.Permute(a, 0b1111) * Avx.Permute(b, 0b0101);
                (Avx.DuplicateEvenIndexed(a) * b + (cross ^ sign)).Store(o + k);
            }
        }
        for (; k < end; k += 2)
        {
            var (xr, xi, yr, yi) = (x[k], x[k + 1], y[k], y[k + 1]);
            o[k] = xr * yr - xi * yi;
            o[k + 1] = xr * yi + xi * yr;
        }
    }
}
