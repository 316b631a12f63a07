using System.Numerics;
using System.Runtime.Intrinsics;
using JaxNet.Abstractions;
using JaxNet.Backends.CpuSimd.Kernels.Fft;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// The radix-4 passes whose sub-transforms are narrower than a vector (FftStep.Narrow.cs): the zips they store with,
/// each pass against the same pass on scalar lanes (the same operations in the same order, so the same bits,
/// NaN and infinities included), and whole transforms that take them against a float64 DFT.
/// </summary>
public sealed unsafe class FftZippedPassTests
{
    /// <summary>a and b cut in chunks of <paramref name="chunk"/> and interleaved, by index arithmetic.</summary>
    private static T[] Interleaved<T>(T[] a, T[] b, int chunk) =>
        Enumerable.Range(0, 2 * a.Length).Select(p => (p / chunk % 2 == 0 ? a : b)[p / (2 * chunk) * chunk + p % chunk]).ToArray();

    private static void CheckZips<T, L, TV>() where T : unmanaged, IFloatingPointIeee754<T> where L : IZipLanes<T, TV> where TV : unmanaged
    {
        var count = L.Count;
        var a = Enumerable.Range(0, count).Select(i => T.CreateTruncating(i + 1)).ToArray();
        var b = Enumerable.Range(0, count).Select(i => T.CreateTruncating(-100 - i)).ToArray();
        var zipped = 0;
        for (var chunk = 1; chunk < count; chunk *= 2)
        {
            if (!L.CanZip(chunk)) continue;
            var output = new T[2 * count];
            fixed (T* pa = a, pb = b, po = output)
            {
                var (lo, hi) = L.Zip(L.Load(pa), L.Load(pb), chunk);
                L.Store(lo, po);
                L.Store(hi, po + count);
            }
            Assert.Equal(Interleaved(a, b, chunk), output);
            zipped++;
        }
        // Every chunk below half a vector zips where the instruction set is there at all.
        if (zipped > 0) Assert.Equal(BitOperations.Log2((uint)count), zipped);
    }

    [Fact]
    public void ZipsInterleaveChunksOfEveryWidth()
    {
        CheckZips<float, Lanes128<float>, Vector128<float>>();
        CheckZips<double, Lanes128<double>, Vector128<double>>();
        CheckZips<float, Lanes256<float>, Vector256<float>>();
        CheckZips<double, Lanes256<double>, Vector256<double>>();
        CheckZips<float, Lanes512<float>, Vector512<float>>();
        CheckZips<double, Lanes512<double>, Vector512<double>>();
    }

    /// <summary>One radix-4 pass of span <paramref name="span"/> over n points on scalar lanes and zipped on L's lanes,
    /// with NaN, infinities and signed zeros among the values; false where L cannot take the pass.</summary>
    private static bool PassMatchesScalarLanes<T, L, TV>(int span, int n) where T : unmanaged, IFloatingPointIeee754<T> where L : IZipLanes<T, TV> where TV : unmanaged
    {
        var step = new FftStep<T>(4, span, n);
        if (!Vector128.IsHardwareAccelerated || !step.CanRunNarrow<L, TV>()) return false;
        var random = new Random(n + span);
        var (xr, xi) = (new T[n], new T[n]);
        for (var t = 0; t < n; t++) (xr[t], xi[t]) = (T.CreateTruncating(random.NextDouble() * 2 - 1), T.CreateTruncating(random.NextDouble() * 2 - 1));
        (xr[3], xi[n / 2 + 1], xr[n - 1], xi[5]) = (T.NaN, T.PositiveInfinity, T.NegativeInfinity, T.NegativeZero);
        var (sr, si, zr, zi) = (new T[n], new T[n], new T[n], new T[n]);
        fixed (T* pxr = xr, pxi = xi, psr = sr, psi = si, pzr = zr, pzi = zi)
        {
            step.Run<ScalarLanes<T>, T>(pxr, pxi, psr, psi, 0, n / 4);
            step.RunNarrow<L, TV>(pxr, pxi, pzr, pzi, 0, n / 4);
        }
        Assert.Equal(sr.Select(BitsOf), zr.Select(BitsOf));
        Assert.Equal(si.Select(BitsOf), zi.Select(BitsOf));
        return true;
    }

    private static long BitsOf<T>(T v) where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? BitConverter.SingleToInt32Bits((float)(object)v) : BitConverter.DoubleToInt64Bits((double)(object)v);

    [Theory]
    [InlineData(1, 64)]
    [InlineData(1, 1024)]
    [InlineData(2, 128)]
    [InlineData(4, 256)]
    [InlineData(4, 64 * 3)]
    [InlineData(8, 512)]
    public void AZippedPassGivesTheBitsOfTheScalarPass(int span, int n)
    {
        var ran = new[]
        {
            PassMatchesScalarLanes<float, Lanes512<float>, Vector512<float>>(span, n),
            PassMatchesScalarLanes<double, Lanes512<double>, Vector512<double>>(span, n),
            PassMatchesScalarLanes<float, Lanes256<float>, Vector256<float>>(span, n),
            PassMatchesScalarLanes<double, Lanes256<double>, Vector256<double>>(span, n),
            PassMatchesScalarLanes<float, Lanes128<float>, Vector128<float>>(span, n),
            PassMatchesScalarLanes<double, Lanes128<double>, Vector128<double>>(span, n),
        };
        // With SSE2 the 128-bit pass takes every span below its lanes (4 floats; 2 doubles).
        if (System.Runtime.Intrinsics.X86.Sse2.IsSupported && Vector128.IsHardwareAccelerated) Assert.Equal(span < 4, ran[4]);
    }

    [Fact]
    public void APassThatCannotFillWholeVectorsIsNotZipped()
    {
        // 4 butterflies do not fill a vector of 8 floats; span 4 is already as wide as 4 floats; radix 2 never zips.
        Assert.False(new FftStep<float>(4, 1, 16).CanRunNarrow<Lanes256<float>, Vector256<float>>());
        Assert.False(new FftStep<float>(4, 4, 64).CanRunNarrow<Lanes128<float>, Vector128<float>>());
        Assert.False(new FftStep<float>(2, 1, 64).CanRunNarrow<Lanes128<float>, Vector128<float>>());
        Assert.False(new FftStep<double>(4, 3, 48).CanRunNarrow<Lanes512<double>, Vector512<double>>());
    }

    [Fact]
    public void PlansZipTheirNarrowFirstPassesWhereVectorsAreThere()
    {
        var zipped = StockhamPlan<float>.TryCreate(1024)!.ZippedPasses;
        if (Vector512.IsHardwareAccelerated) Assert.Equal(2, zipped); // spans 1 and 4 on 16 lanes
        else if (Vector256.IsHardwareAccelerated) Assert.Equal(2, zipped); // spans 1 and 4 on 8 lanes
        else if (Vector128.IsHardwareAccelerated) Assert.Equal(1, zipped);
        else Assert.Equal(0, zipped);
    }

    [Theory]
    [InlineData(64)]
    [InlineData(256)]
    [InlineData(1024)]
    [InlineData(48)]
    [InlineData(320)]
    [InlineData(16 * 9 * 7)]
    public void TransformsWithZippedPassesMatchAFloat64Dft(int n)
    {
        var random = new Random(n);
        var (re, im) = (new double[2 * n], new double[2 * n]);
        for (var t = 0; t < re.Length; t++) (re[t], im[t]) = (random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1);
        var (er, ei) = FftKernelTests.Dft(re, im, n, inverse: false);
        var largest = er.Zip(ei, (a, b) => Complex.Abs(new Complex(a, b))).Max();
        var bound = 2 * Math.Log2(n);
        var (fr, fi) = FftKernelTests.Run(DType.Float32, Array.ConvertAll(re, v => (float)v), Array.ConvertAll(im, v => (float)v), [2, n], inverse: false);
        var (dr, di) = FftKernelTests.Run(DType.Float64, re, im, [2, n], inverse: false);
        for (var t = 0; t < re.Length; t++)
        {
            Assert.InRange(Complex.Abs(new Complex(er[t] - fr[t], ei[t] - fi[t])) / largest, 0, bound * 1.2e-7);
            Assert.InRange(Complex.Abs(new Complex(er[t] - dr[t], ei[t] - di[t])) / largest, 0, bound * 2.3e-16);
        }
    }

    [Fact]
    public void AnInfinityPoisonsItsRowOnly()
    {
        var (re, im) = (new float[2 * 256], new float[2 * 256]);
        for (var t = 0; t < re.Length; t++) (re[t], im[t]) = (MathF.Sin(t), MathF.Cos(3 * t));
        re[256 + 17] = float.PositiveInfinity;
        var (yr, yi) = FftKernelTests.Run(DType.Float32, re, im, [2, 256], inverse: false);
        Assert.All(yr[..256].Concat(yi[..256]), v => Assert.True(float.IsFinite(v)));
        // Every bin of the second row sees the infinity (times a root of unity: ±inf, or NaN where inf·0 or inf - inf).
        Assert.All(Enumerable.Range(256, 256), t => Assert.False(float.IsFinite(yr[t]) && float.IsFinite(yi[t])));
    }
}
