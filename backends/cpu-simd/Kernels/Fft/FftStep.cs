using System.Numerics;
using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Kernels.Fft;

/// <summary>
/// One pass of a Stockham autosort transform: radix <see cref="Radix"/> butterflies that combine sub-transforms of
/// <see cref="Span"/> points into ones of Span·Radix points, reading x and writing y in natural order (no bit
/// reversal). Point j of the m = n / Radix butterflies reads x[j + r·m], multiplies by the twiddle
/// w^(r·k) (w = e^(-2πi / (Span·Radix)), k = j mod Span), takes the Radix-point DFT and writes y[(j - k)·Radix + k + q·Span].
/// Consecutive j share their sub-transform while k runs, so a group of lanes that stays inside one (Span a multiple of
/// its count) loads, multiplies and stores whole vectors.
/// </summary>
internal sealed unsafe partial class FftStep<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] twiddleRe;
    private readonly T[] twiddleIm;
    private readonly T[] rootCos;
    private readonly T[] rootSin;

    public FftStep(int radix, int span, int length)
    {
        Radix = radix;
        Span = span;
        Length = length;
        // Row r - 1 holds w^(r·k) for k < Span, from exact integer phases: the angle is computed once, in float64.
        var whole = (long)span * radix;
        twiddleRe = GC.AllocateArray<T>((radix - 1) * span, pinned: true);
        twiddleIm = GC.AllocateArray<T>((radix - 1) * span, pinned: true);
        for (var r = 1; r < radix; r++)
            for (var k = 0; k < span; k++)
            {
                var (sin, cos) = double.SinCosPi(-2.0 * ((long)r * k % whole) / whole);
                twiddleRe[(r - 1) * span + k] = T.CreateTruncating(cos);
                twiddleIm[(r - 1) * span + k] = T.CreateTruncating(sin);
            }
        (tiledRe, tiledIm) = TileTwiddles(radix, span, twiddleRe, twiddleIm);
        // The radix's own roots, e^(-2πi·t / Radix), for the general butterfly.
        rootCos = new T[radix];
        rootSin = new T[radix];
        for (var t = 0; t < radix; t++)
        {
            var (sin, cos) = double.SinCosPi(-2.0 * t / radix);
            rootCos[t] = T.CreateTruncating(cos);
            rootSin[t] = T.CreateTruncating(sin);
        }
    }

    public int Radix { get; }

    /// <summary>Points of each sub-transform this pass starts from (1 for the first pass).</summary>
    public int Span { get; }

    /// <summary>Points of the whole transform.</summary>
    public int Length { get; }

    /// <summary>Butterflies j in [from, to); from and to are multiples of the lanes' count, which divides <see cref="Span"/>.</summary>
    public void Run<L, TV>(T* xr, T* xi, T* yr, T* yi, int from, int to)
        where L : ILanes<T, TV> where TV : unmanaged
    {
        var n = Length;
        fixed (T* wr = twiddleRe, wi = twiddleIm)
        {
            switch (Radix)
            {
                case 4: Radix4<L, TV>(xr, xi, yr, yi, wr, wi, n, from, to); break;
                case 2: Radix2<L, TV>(xr, xi, yr, yi, wr, wi, n, from, to); break;
                default: General<L, TV>(xr, xi, yr, yi, wr, wi, n, from, to); break;
            }
        }
    }

    /// <summary>(re, im) times the twiddle (cr, ci), in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Twiddle<L, TV>(ref TV re, ref TV im, TV cr, TV ci)
        where L : ILanes<T, TV> where TV : unmanaged
    {
        var r = L.Sub(L.Mul(re, cr), L.Mul(im, ci));
        im = L.Add(L.Mul(re, ci), L.Mul(im, cr));
        re = r;
    }

    private void Radix4<L, TV>(T* xr, T* xi, T* yr, T* yi, T* wr, T* wi, int n, int from, int to)
        where L : ILanes<T, TV> where TV : unmanaged
    {
        var (m, span) = (n / 4, Span);
        for (var j = from; j < to; j += L.Count)
        {
            var k = j % span;
            var o = (j - k) * 4 + k;
            TV a0r = L.Load(xr + j), a0i = L.Load(xi + j);
            TV a1r = L.Load(xr + j + m), a1i = L.Load(xi + j + m);
            TV a2r = L.Load(xr + j + 2 * m), a2i = L.Load(xi + j + 2 * m);
            TV a3r = L.Load(xr + j + 3 * m), a3i = L.Load(xi + j + 3 * m);
            if (span > 1)
            {
                Twiddle<L, TV>(ref a1r, ref a1i, L.Load(wr + k), L.Load(wi + k));
                Twiddle<L, TV>(ref a2r, ref a2i, L.Load(wr + span + k), L.Load(wi + span + k));
                Twiddle<L, TV>(ref a3r, ref a3i, L.Load(wr + 2 * span + k), L.Load(wi + 2 * span + k));
            }
            TV t0r = L.Add(a0r, a2r), t0i = L.Add(a0i, a2i), t1r = L.Sub(a0r, a2r), t1i = L.Sub(a0i, a2i);
            TV t2r = L.Add(a1r, a3r), t2i = L.Add(a1i, a3i), t3r = L.Sub(a1r, a3r), t3i = L.Sub(a1i, a3i);
            // b1 = t1 - i·t3 and b3 = t1 + i·t3: the forward quarter turn.
            L.Store(L.Add(t0r, t2r), yr + o);
            L.Store(L.Add(t0i, t2i), yi + o);
            L.Store(L.Add(t1r, t3i), yr + o + span);
            L.Store(L.Sub(t1i, t3r), yi + o + span);
            L.Store(L.Sub(t0r, t2r), yr + o + 2 * span);
            L.Store(L.Sub(t0i, t2i), yi + o + 2 * span);
            L.Store(L.Sub(t1r, t3i), yr + o + 3 * span);
            L.Store(L.Add(t1i, t3r), yi + o + 3 * span);
        }
    }

    private void Radix2<L, TV>(T* xr, T* xi, T* yr, T* yi, T* wr, T* wi, int n, int from, int to)
        where L : ILanes<T, TV> where TV : unmanaged
    {
        var (m, span) = (n / 2, Span);
        for (var j = from; j < to; j += L.Count)
        {
            var k = j % span;
            var o = (j - k) * 2 + k;
            TV a0r = L.Load(xr + j), a0i = L.Load(xi + j);
            TV a1r = L.Load(xr + j + m), a1i = L.Load(xi + j + m);
            if (span > 1) Twiddle<L, TV>(ref a1r, ref a1i, L.Load(wr + k), L.Load(wi + k));
            L.Store(L.Add(a0r, a1r), yr + o);
            L.Store(L.Add(a0i, a1i), yi + o);
            L.Store(L.Sub(a0r, a1r), yr + o + span);
            L.Store(L.Sub(a0i, a1i), yi + o + span);
        }
    }

    /// <summary>Any radix by its DFT matrix: Radix² complex products per butterfly, for the odd primes of a length.</summary>
    private void General<L, TV>(T* xr, T* xi, T* yr, T* yi, T* wr, T* wi, int n, int from, int to)
        where L : ILanes<T, TV> where TV : unmanaged
    {
        var (p, span) = (Radix, Span);
        var m = n / p;
        var ar = stackalloc TV[p];
        var ai = stackalloc TV[p];
        for (var j = from; j < to; j += L.Count)
        {
            var k = j % span;
            var o = (j - k) * p + k;
            for (var r = 0; r < p; r++)
            {
                ar[r] = L.Load(xr + j + r * m);
                ai[r] = L.Load(xi + j + r * m);
                if (r > 0 && span > 1) Twiddle<L, TV>(ref ar[r], ref ai[r], L.Load(wr + (r - 1) * span + k), L.Load(wi + (r - 1) * span + k));
            }
            for (var q = 0; q < p; q++)
            {
                var (sr, si) = DftTerm<L, TV>(ar, ai, q);
                L.Store(sr, yr + o + q * span);
                L.Store(si, yi + o + q * span);
            }
        }
    }

    /// <summary>Output q of the Radix-point DFT of (ar, ai): Σ a_r·e^(-2πi·qr/Radix), the root's index reduced mod Radix.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (TV Re, TV Im) DftTerm<L, TV>(TV* ar, TV* ai, int q)
        where L : ILanes<T, TV> where TV : unmanaged
    {
        TV sr = ar[0], si = ai[0];
        for (var r = 1; r < Radix; r++)
        {
            var t = q * r % Radix;
            var (c, s) = (L.Splat(rootCos[t]), L.Splat(rootSin[t]));
            sr = L.Add(sr, L.Sub(L.Mul(ar[r], c), L.Mul(ai[r], s)));
            si = L.Add(si, L.Add(L.Mul(ar[r], s), L.Mul(ai[r], c)));
        }
        return (sr, si);
    }
}
