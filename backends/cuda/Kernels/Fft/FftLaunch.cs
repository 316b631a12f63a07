using System.Runtime.CompilerServices;
using ILGPU;
using ILGPU.Runtime;

namespace JaxNet.Backends.Cuda.Kernels.Fft;

/// <summary>The launch signature every transform kernel shares: threads, views, geometry, the stores' scale.</summary>
internal delegate void FftLaunch<T>(AcceleratorStream stream, Index1D threads, FftViews<T> views, FftGeometry geometry, T scale)
    where T : unmanaged;

internal static class FftLaunches
{
    /// <summary>A transform kernel loaded for an accelerator (through the PTX check of emulated devices).</summary>
    public static FftLaunch<T> Load<T>(Accelerator accelerator, Action<Index1D, FftViews<T>, FftGeometry, T> kernel) where T : unmanaged =>
        new(KernelLoading.AutoGrouped(accelerator, kernel));
}

/// <summary>
/// The two parts of a complex block in device memory, point t's at Re[t·Stride] and Im[t·Stride]: separate parts
/// (stride 1), or (IR 1.3) one array of interleaved (re, im) pairs seen as two views one element apart (stride 2).
/// </summary>
internal readonly record struct FftPart<T>(ArrayView<T> Re, ArrayView<T> Im, int Stride = 1) where T : unmanaged
{
    public FftPart<T> Swapped => new(Im, Re, Stride);

    /// <summary>The <paramref name="points"/> complex values stored interleaved in <paramref name="pairs"/>.</summary>
    public static FftPart<T> Interleaved(ArrayView<T> pairs, long points) =>
        new(pairs.SubView(0, 2 * points), pairs.SubView(1, 2 * points - 1), 2);
}

/// <summary>
/// What one launch of a transform's kernels reads and writes, as one kernel parameter: a complex input and output
/// (two parts each) and a table of complex constants (twiddles, or Bluestein's chirp or spectrum), interleaved
/// (re, im). The data are [rows, points, <see cref="FftGeometry.Inner"/>] blocks: element (row, t, c) lies at
/// (row·points + t)·Inner + c.
/// </summary>
internal struct FftViews<T> where T : unmanaged
{
    public ArrayView<T> InRe;
    public ArrayView<T> InIm;
    public ArrayView<T> OutRe;
    public ArrayView<T> OutIm;
    public ArrayView<T> Table;

    /// <summary>The parts' element strides: 2 where they are interleaved (<see cref="FftPart{T}.Stride"/>).</summary>
    public int InStride;
    public int OutStride;

    /// <summary>A launch reading <paramref name="from"/> and writing <paramref name="to"/>, with a table.</summary>
    public static FftViews<T> Of(FftPart<T> from, FftPart<T> to, ArrayView<T> table) =>
        new() { InRe = from.Re, InIm = from.Im, OutRe = to.Re, OutIm = to.Im, Table = table, InStride = from.Stride, OutStride = to.Stride };

    /// <summary>Input element <paramref name="at"/>; a part flagged zero (a real operand) reads no memory.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly Cx<T> Load(long at, FftGeometry g) =>
        new(g.ZeroRe != 0 ? default : InRe[at * InStride], g.ZeroIm != 0 ? default : InIm[at * InStride]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Store(long at, Cx<T> value)
    {
        OutRe[at * OutStride] = value.Re;
        OutIm[at * OutStride] = value.Im;
    }

    /// <summary>Table entry <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly Cx<T> Entry(long index) => new(Table[2 * index], Table[2 * index + 1]);
}

/// <summary>
/// The shape a launch works on and what it does at its ends: <see cref="Length"/> points along the transformed axis,
/// <see cref="Inner"/> its stride, and input parts that are zero (read from no buffer). (The scale applied to every
/// stored value, the inverse's 1/n in the last launch and 1 elsewhere, is a kernel parameter of the parts' type.) A Stockham pass adds its radix, the span of
/// the sub-transforms it combines and its step through the twiddle table; Bluestein's launches their padded length.
/// </summary>
internal struct FftGeometry
{
    public int Length;
    public int Inner;
    public int ZeroRe;
    public int ZeroIm;

    /// <summary>Stockham passes: butterfly size, points per sub-transform before the pass, Length / Radix, and the
    /// table step Length / (Span · Radix) (the table holds e^(-2πi·t / Length)).</summary>
    public int Radix;
    public int Span;
    public int Butterflies;
    public int TableStep;

    /// <summary>Bluestein: the power-of-two length of its convolution.</summary>
    public int Padded;

    /// <summary>Element (row, t, c) of a block of <paramref name="points"/> points per row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly long At(long row, long points, long t, long c) => (row * points + t) * Inner + c;

    /// <summary>Splits a thread index over [rows, <paramref name="points"/>, Inner] into (row, t, c).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly long Split(long thread, long points, out long t, out long c)
    {
        var u = IndexMath.Divide(thread, Inner);
        c = thread - u * Inner;
        var row = IndexMath.Divide(u, points);
        t = u - row * points;
        return row;
    }
}
