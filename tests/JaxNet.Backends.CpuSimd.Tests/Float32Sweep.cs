using System.Runtime.Intrinsics;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>Errors of float32 vector routines in ulps of the correctly rounded result, over runs of consecutive floats.</summary>
internal static class Float32Sweep
{
    // The scalar-only rerun (DOTNET_EnableHWIntrinsic=0) has no vector hardware: .NET runs every Vector512 and
    // Vector256 operation lane by lane in software, 20 to 50 times slower, on the same IEEE operations the AVX-512
    // run has already checked over every value of each binade. There the sweeps take every 17th float instead: odd,
    // so the values still fall on every lane and on every residue of the low mantissa bits, and the binade's first
    // value is always among them. The runs with vector hardware keep every value.
    private const int ScalarOnlyStep = 17;

    /// <summary>The distance in bits between two values a sweep visits: 1 (every float) with vector hardware.</summary>
    public static int Step => Vector128.IsHardwareAccelerated ? 1 : ScalarOnlyStep;

    /// <summary>How many values a sweep of the <paramref name="count"/> floats of a run visits.</summary>
    public static int Visited(int count) => (count + Step - 1) / Step;

    /// <summary>The bits of the <paramref name="index"/>th value a sweep from <paramref name="first"/> visits.</summary>
    public static uint At(uint first, int index) => first + (uint)index * (uint)Step;

    /// <summary>|got - expected| in ulps of expected rounded to float32; 0 or infinity where expected is NaN or infinite.</summary>
    public static double Ulps(float got, double expected)
    {
        if (double.IsNaN(expected) || double.IsInfinity(expected)) return got.Equals((float)expected) ? 0 : double.PositiveInfinity;
        var magnitude = MathF.Abs((float)expected);
        var ulp = magnitude == 0 ? float.Epsilon : MathF.BitIncrement(magnitude) - magnitude;
        return Math.Abs(got - expected) / ulp;
    }

    /// <summary>The worst error of <paramref name="routine"/> over the <paramref name="count"/> floats from the bits
    /// <paramref name="first"/> on (every <see cref="Step"/>th), 16 lanes at a time, and the argument where it occurs.</summary>
    public static (double Worst, float At) Worst(uint first, int count, Func<Vector512<float>, Vector512<float>> routine,
        Func<float, double> reference)
    {
        var values = new float[16];
        var (worst, at) = (0.0, 0f);
        var visited = Visited(count);
        for (var i = 0; i < visited; i += 16)
        {
            for (var j = 0; j < 16; j++) values[j] = BitConverter.UInt32BitsToSingle(At(first, Math.Min(i + j, visited - 1)));
            var got = routine(Vector512.Create(values));
            for (var j = 0; j < 16; j++)
            {
                var error = Ulps(got.GetElement(j), reference(values[j]));
                if (error > worst) (worst, at) = (error, values[j]);
            }
        }
        return (worst, at);
    }
}
