using System.Numerics;

namespace JaxNet.Backends.CpuSimd.Kernels.Fft;

/// <summary>
/// The same pass along an axis that is not the last: element t of the transform is a row of <c>width</c> columns,
/// <c>xs</c> (input) or <c>ys</c> (output) elements apart, and the lanes run along the columns, where every lane of a
/// butterfly shares its twiddle. Columns past the last whole group of lanes take the scalar instantiation.
/// </summary>
internal sealed unsafe partial class FftStep<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Butterflies j in [from, to) over columns [0, width), whole groups of <typeparamref name="L"/>'s lanes only.</summary>
    public void RunColumns<L, TV>(T* xr, T* xi, long xs, T* yr, T* yi, long ys, int width, int from, int to)
        where L : ILanes<T, TV> where TV : unmanaged
    {
        fixed (T* wr = twiddleRe, wi = twiddleIm)
        {
            if (Radix == 4) Radix4Columns<L, TV>(xr, xi, xs, yr, yi, ys, wr, wi, width, from, to);
            else GeneralColumns<L, TV>(xr, xi, xs, yr, yi, ys, wr, wi, width, from, to);
        }
    }

    private void Radix4Columns<L, TV>(T* xr, T* xi, long xs, T* yr, T* yi, long ys, T* wr, T* wi, int width, int from, int to)
        where L : ILanes<T, TV> where TV : unmanaged
    {
        var (m, span) = (Length / 4, Span);
        var whole = width / L.Count * L.Count;
        for (var j = from; j < to; j++)
        {
            var k = j % span;
            var o = (j - k) * 4 + k;
            var (c1r, c1i) = (L.Splat(wr[k]), L.Splat(wi[k]));
            var (c2r, c2i) = (L.Splat(wr[span + k]), L.Splat(wi[span + k]));
            var (c3r, c3i) = (L.Splat(wr[2 * span + k]), L.Splat(wi[2 * span + k]));
            T* x0r = xr + j * xs, x0i = xi + j * xs, x1r = x0r + m * xs, x1i = x0i + m * xs;
            T* x2r = x1r + m * xs, x2i = x1i + m * xs, x3r = x2r + m * xs, x3i = x2i + m * xs;
            T* y0r = yr + o * ys, y0i = yi + o * ys, y1r = y0r + span * ys, y1i = y0i + span * ys;
            T* y2r = y1r + span * ys, y2i = y1i + span * ys, y3r = y2r + span * ys, y3i = y2i + span * ys;
            for (var i = 0; i < whole; i += L.Count)
            {
                TV a0r = L.Load(x0r + i), a0i = L.Load(x0i + i), a1r = L.Load(x1r + i), a1i = L.Load(x1i + i);
                TV a2r = L.Load(x2r + i), a2i = L.Load(x2i + i), a3r = L.Load(x3r + i), a3i = L.Load(x3i + i);
                if (span > 1)
                {
                    Twiddle<L, TV>(ref a1r, ref a1i, c1r, c1i);
                    Twiddle<L, TV>(ref a2r, ref a2i, c2r, c2i);
                    Twiddle<L, TV>(ref a3r, ref a3i, c3r, c3i);
                }
                TV t0r = L.Add(a0r, a2r), t0i = L.Add(a0i, a2i), t1r = L.Sub(a0r, a2r), t1i = L.Sub(a0i, a2i);
                TV t2r = L.Add(a1r, a3r), t2i = L.Add(a1i, a3i), t3r = L.Sub(a1r, a3r), t3i = L.Sub(a1i, a3i);
                L.Store(L.Add(t0r, t2r), y0r + i);
                L.Store(L.Add(t0i, t2i), y0i + i);
                L.Store(L.Add(t1r, t3i), y1r + i);
                L.Store(L.Sub(t1i, t3r), y1i + i);
                L.Store(L.Sub(t0r, t2r), y2r + i);
                L.Store(L.Sub(t0i, t2i), y2i + i);
                L.Store(L.Sub(t1r, t3i), y3r + i);
                L.Store(L.Add(t1i, t3r), y3i + i);
            }
        }
    }

    private void GeneralColumns<L, TV>(T* xr, T* xi, long xs, T* yr, T* yi, long ys, T* wr, T* wi, int width, int from, int to)
        where L : ILanes<T, TV> where TV : unmanaged
    {
        var (p, span) = (Radix, Span);
        var m = Length / p;
        var whole = width / L.Count * L.Count;
        var ar = stackalloc TV[p];
        var ai = stackalloc TV[p];
        for (var j = from; j < to; j++)
        {
            var k = j % span;
            var o = (j - k) * p + k;
            for (var i = 0; i < whole; i += L.Count)
            {
                for (var r = 0; r < p; r++)
                {
                    var at = (j + (long)r * m) * xs + i;
                    (ar[r], ai[r]) = (L.Load(xr + at), L.Load(xi + at));
                    if (r == 0 || span == 1) continue;
                    Twiddle<L, TV>(ref ar[r], ref ai[r], L.Splat(wr[(r - 1) * span + k]), L.Splat(wi[(r - 1) * span + k]));
                }
                for (var q = 0; q < p; q++)
                {
                    var (sr, si) = DftTerm<L, TV>(ar, ai, q);
                    var target = (o + (long)q * span) * ys + i;
                    L.Store(sr, yr + target);
                    L.Store(si, yi + target);
                }
            }
        }
    }
}
