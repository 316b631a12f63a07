using System.Numerics;
using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Kernels.Fft;

/// <summary>
/// The same pass of radix 4 when its sub-transforms (<see cref="Span"/> points) are narrower than a vector, as in a
/// plan's first passes: a vector of butterflies j then holds whole groups of Span lanes, each group's twiddles the
/// same (<see cref="tiledRe"/>), and butterfly output q of group g belongs at (4g + q)·Span. The outputs are zipped
/// in chunks of Span before four whole-vector stores, instead of the scalar or narrow lanes that
/// <see cref="Run{L, TV}"/> would take. (Radix 2 never needs this: FftRadices puts it after every 4, where the span
/// leaves too few butterflies for whole vectors or is already as wide as one.)
/// </summary>
internal sealed unsafe partial class FftStep<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Lanes of the widest vector, the period of the tiled twiddles.</summary>
    private static readonly int Tile = 64 / Unsafe.SizeOf<T>();

    // Row r - 1 holds w^(r·(l mod Span)) for l < Tile, when Span divides Tile: the twiddles of any vector of
    // butterflies that starts at a multiple of its lanes' count.
    private readonly T[] tiledRe;
    private readonly T[] tiledIm;

    /// <summary>Whether <see cref="RunNarrow{L, TV}"/> serves this pass on <typeparamref name="L"/>'s lanes.</summary>
    public bool CanRunNarrow<L, TV>()
        where L : IZipLanes<T, TV> where TV : unmanaged
    {
        var lanes = L.Count;
        return Radix == 4 && Span < lanes && lanes % Span == 0 && lanes <= Tile && Length / Radix % lanes == 0 && L.CanZip(Span);
    }

    /// <summary>Butterflies j in [from, to), multiples of <typeparamref name="L"/>'s count; only where <see cref="CanRunNarrow{L, TV}"/>.</summary>
    public void RunNarrow<L, TV>(T* xr, T* xi, T* yr, T* yi, int from, int to)
        where L : IZipLanes<T, TV> where TV : unmanaged
    {
        fixed (T* wr = tiledRe, wi = tiledIm) Radix4Narrow<L, TV>(xr, xi, yr, yi, wr, wi, from, to);
    }

    private static (T[] Re, T[] Im) TileTwiddles(int radix, int span, T[] twiddleRe, T[] twiddleIm)
    {
        if (radix != 4 || span == 1 || Tile % span != 0) return ([], []);
        var (re, im) = (GC.AllocateArray<T>((radix - 1) * Tile, pinned: true), GC.AllocateArray<T>((radix - 1) * Tile, pinned: true));
        for (var r = 0; r < radix - 1; r++)
            for (var l = 0; l < Tile; l++)
                (re[r * Tile + l], im[r * Tile + l]) = (twiddleRe[r * span + l % span], twiddleIm[r * span + l % span]);
        return (re, im);
    }

    private void Radix4Narrow<L, TV>(T* xr, T* xi, T* yr, T* yi, T* wr, T* wi, int from, int to)
        where L : IZipLanes<T, TV> where TV : unmanaged
    {
        var (m, span, twiddled) = (Length / 4, Span, Span > 1);
        TV c1r = default, c1i = default, c2r = default, c2i = default, c3r = default, c3i = default;
        if (twiddled)
            (c1r, c1i, c2r, c2i, c3r, c3i) = (L.Load(wr), L.Load(wi), L.Load(wr + Tile), L.Load(wi + Tile), L.Load(wr + 2 * Tile), L.Load(wi + 2 * Tile));
        for (var j = from; j < to; j += L.Count)
        {
            TV a0r = L.Load(xr + j), a0i = L.Load(xi + j);
            TV a1r = L.Load(xr + j + m), a1i = L.Load(xi + j + m);
            TV a2r = L.Load(xr + j + 2 * m), a2i = L.Load(xi + j + 2 * m);
            TV a3r = L.Load(xr + j + 3 * m), a3i = L.Load(xi + j + 3 * m);
            if (twiddled)
            {
                Twiddle<L, TV>(ref a1r, ref a1i, c1r, c1i);
                Twiddle<L, TV>(ref a2r, ref a2i, c2r, c2i);
                Twiddle<L, TV>(ref a3r, ref a3i, c3r, c3i);
            }
            TV t0r = L.Add(a0r, a2r), t0i = L.Add(a0i, a2i), t1r = L.Sub(a0r, a2r), t1i = L.Sub(a0i, a2i);
            TV t2r = L.Add(a1r, a3r), t2i = L.Add(a1i, a3i), t3r = L.Sub(a1r, a3r), t3i = L.Sub(a1i, a3i);
            // The butterflies of Radix4, b1 = t1 - i·t3 and b3 = t1 + i·t3, stored four-way interleaved.
            Store4<L, TV>(L.Add(t0r, t2r), L.Add(t1r, t3i), L.Sub(t0r, t2r), L.Sub(t1r, t3i), yr + 4 * j, span);
            Store4<L, TV>(L.Add(t0i, t2i), L.Sub(t1i, t3r), L.Sub(t0i, t2i), L.Add(t1i, t3r), yi + 4 * j, span);
        }
    }

    // b0..b3 interleaved in chunks of span (b0's first chunk, b1's, b2's, b3's, then the second chunks): zipping b0
    // with b2 and b1 with b3, then the two results with each other.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store4<L, TV>(TV b0, TV b1, TV b2, TV b3, T* y, int span)
        where L : IZipLanes<T, TV> where TV : unmanaged
    {
        var (p0, p1) = L.Zip(b0, b2, span);
        var (q0, q1) = L.Zip(b1, b3, span);
        var (o0, o1) = L.Zip(p0, q0, span);
        var (o2, o3) = L.Zip(p1, q1, span);
        L.Store(o0, y);
        L.Store(o1, y + L.Count);
        L.Store(o2, y + 2 * L.Count);
        L.Store(o3, y + 3 * L.Count);
    }
}
