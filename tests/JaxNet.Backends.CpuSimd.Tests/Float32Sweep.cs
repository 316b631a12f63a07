using System.Runtime.Intrinsics;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>Errors of float32 vector routines in ulps of the correctly rounded result, over runs of consecutive floats.</summary>
internal static class Float32Sweep
{
    /// <summary>|got - expected| in ulps of expected rounded to float32; 0 or infinity where expected is NaN or infinite.</summary>
    public static double Ulps(float got, double expected)
    {
        if (double.IsNaN(expected) || double.IsInfinity(expected)) return got.Equals((float)expected) ? 0 : double.PositiveInfinity;
        var magnitude = MathF.Abs((float)expected);
        var ulp = magnitude == 0 ? float.Epsilon : MathF.BitIncrement(magnitude) - magnitude;
        return Math.Abs(got - expected) / ulp;
    }

    /// <summary>The worst error of <paramref name="routine"/> over the <paramref name="count"/> floats from the bits
    /// <paramref name="first"/> on, 16 lanes at a time, and the argument where it occurs.</summary>
    public static (double Worst, float At) Worst(uint first, int count, Func<Vector512<float>, Vector512<float>> routine,
        Func<float, double> reference)
    {
        var values = new float[16];
        var (worst, at) = (0.0, 0f);
        for (var i = 0; i < count; i += 16)
        {
            for (var j = 0; j < 16; j++) values[j] = BitConverter.UInt32BitsToSingle(first + (uint)Math.Min(i + j, count - 1));
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
