using System.Runtime.Intrinsics;
using JaxNet.Backends.CpuSimd.Codegen.Vector;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// Every transcendental the vector helpers compute (rather than sending lane by lane to ScalarMath) gives a lane the
/// bits that lane's input gives alone, whatever its neighbours, and the same bits on both widths: the scalar path
/// (VectorLane) computes one value in an otherwise constant vector and must agree with the kernels' vector lanes.
/// (pow and atan2: TranscendentalKernelTests.) .NET's vector float64 exp, sin and cos and float32 sin and cos switch the whole vector to another routine for
/// some neighbours (large, NaN, infinite, or all small), which this catches.
/// </summary>
public sealed class LaneIndependenceTests
{
    private static readonly Dictionary<string, (Func<Vector512<double>, Vector512<double>> Wide, Func<Vector256<double>, Vector256<double>> Narrow)> Float64 = new()
    {
        ["exp"] = (Math512.Exp, Math256.Exp),
        ["log"] = (Simd512.Log, Simd256.Log),
        ["logistic"] = (Math512.Logistic, Math256.Logistic),
        ["sin"] = (Math512.Sin, Math256.Sin),
        ["cos"] = (Math512.Cos, Math256.Cos),
        ["tan"] = (Math512.Tan, Math256.Tan),
        ["expm1"] = (Math512.Expm1, Math256.Expm1),
        ["exp2"] = (Math512.Exp2, Math256.Exp2),
        ["asinh"] = (Math512.Asinh, Math256.Asinh),
        ["acosh"] = (Math512.Acosh, Math256.Acosh),
        ["atanh"] = (Math512.Atanh, Math256.Atanh),
        ["log1p"] = (Math512.Log1p, Math256.Log1p),
        ["tanh"] = (Math512.Tanh, Math256.Tanh),
        ["sinh"] = (Math512.Sinh, Math256.Sinh),
        ["cosh"] = (Math512.Cosh, Math256.Cosh),
        ["asin"] = (Math512.Asin, Math256.Asin),
        ["acos"] = (Math512.Acos, Math256.Acos),
        ["atan"] = (Math512.Atan, Math256.Atan),
        ["erf"] = (Math512.Erf, Math256.Erf),
        ["cbrt"] = (Math512.Cbrt, Math256.Cbrt),
        ["erfinv"] = (Math512.ErfInv, Math256.ErfInv),
        ["lgamma"] = (Math512.Lgamma, Math256.Lgamma),
        ["digamma"] = (Math512.Digamma, Math256.Digamma),
    };

    private static readonly Dictionary<string, (Func<Vector512<float>, Vector512<float>> Wide, Func<Vector256<float>, Vector256<float>> Narrow)> Float32 = new()
    {
        ["exp"] = (Math512.Exp, Math256.Exp),
        ["log"] = (Math512.Log, Math256.Log),
        ["logistic"] = (Math512.Logistic, Math256.Logistic),
        ["tanh"] = (Math512.Tanh, Math256.Tanh),
        ["sin"] = (Math512.Sin, Math256.Sin),
        ["cos"] = (Math512.Cos, Math256.Cos),
        ["tan"] = (Math512.Tan, Math256.Tan),
        ["expm1"] = (Math512.Expm1, Math256.Expm1),
        ["exp2"] = (Math512.Exp2, Math256.Exp2),
        ["asinh"] = (Math512.Asinh, Math256.Asinh),
        ["acosh"] = (Math512.Acosh, Math256.Acosh),
        ["atanh"] = (Math512.Atanh, Math256.Atanh),
        ["log1p"] = (Math512.Log1p, Math256.Log1p),
        ["sinh"] = (Math512.Sinh, Math256.Sinh),
        ["cosh"] = (Math512.Cosh, Math256.Cosh),
        ["asin"] = (Math512.Asin, Math256.Asin),
        ["acos"] = (Math512.Acos, Math256.Acos),
        ["atan"] = (Math512.Atan, Math256.Atan),
        ["erf"] = (Math512.Erf, Math256.Erf),
        ["cbrt"] = (Math512.Cbrt, Math256.Cbrt),
        ["erfinv"] = (Math512.ErfInv, Math256.ErfInv),
        ["lgamma"] = (Math512.Lgamma, Math256.Lgamma),
        ["digamma"] = (Math512.Digamma, Math256.Digamma),
    };

    private static readonly double[] Neighbours =
        [0.1, 1e-20, 0, -0d, 2, -5, 700, 800, -800, 1e7, 1e10, 1e300, 5e-324, double.NaN, double.PositiveInfinity, double.NegativeInfinity];

    private static double[] Targets()
    {
        var rng = new Random(17);
        return Enumerable.Range(0, 300).Select(_ => (rng.NextDouble() - 0.3) * Math.Pow(10, rng.Next(-8, 8)))
            .Concat([0.7, 1, 100, 709.5, -745.5, 1e9, 1e12, -0d, 1e-310, double.NaN, double.PositiveInfinity]).ToArray();
    }

    public static TheoryData<string> Float64Functions() => [.. Float64.Keys];

    public static TheoryData<string> Float32Functions() => [.. Float32.Keys];

    [Theory]
    [MemberData(nameof(Float64Functions))]
    public void A_float64_lane_depends_on_its_own_input_only(string function)
    {
        var (wide, narrow) = Float64[function];
        foreach (var target in Targets())
        {
            var alone = Bits(wide(Vector512.Create(target)).GetElement(0));
            Assert.Equal(alone, Bits(narrow(Vector256.Create(target)).GetElement(0)));
            foreach (var neighbour in Neighbours)
            {
                Assert.Equal(alone, Bits(wide(Vector512.Create(neighbour).WithElement(3, target)).GetElement(3)));
                Assert.Equal(alone, Bits(narrow(Vector256.Create(neighbour).WithElement(1, target)).GetElement(1)));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Float32Functions))]
    public void A_float32_lane_depends_on_its_own_input_only(string function)
    {
        var (wide, narrow) = Float32[function];
        foreach (var target in Targets().Select(t => (float)t))
        {
            var alone = BitConverter.SingleToInt32Bits(wide(Vector512.Create(target)).GetElement(0));
            Assert.Equal(alone, BitConverter.SingleToInt32Bits(narrow(Vector256.Create(target)).GetElement(0)));
            foreach (var neighbour in Neighbours.Select(n => (float)n))
            {
                Assert.Equal(alone, BitConverter.SingleToInt32Bits(wide(Vector512.Create(neighbour).WithElement(5, target)).GetElement(5)));
                Assert.Equal(alone, BitConverter.SingleToInt32Bits(narrow(Vector256.Create(neighbour).WithElement(6, target)).GetElement(6)));
            }
        }
    }

    private static long Bits(double x) => BitConverter.DoubleToInt64Bits(x);
}
