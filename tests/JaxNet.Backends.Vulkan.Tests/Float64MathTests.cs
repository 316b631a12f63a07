using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Numerics;
using Xunit;
using static JaxNet.Backends.Vulkan.Tests.ModuleRunner;

namespace JaxNet.Backends.Vulkan.Tests;

/// <summary>
/// The software float64 transcendentals of the shaders against .NET's Math (and the conformance suite's
/// float64 references for erf, erfinv, lgamma and digamma) on random values over wide ranges, every special
/// value, subnormals, huge arguments of the trigonometric functions and powers next to overflow.
/// </summary>
public sealed class Float64MathTests
{
    private static bool HasFloat64 => VulkanAvailability.Backend.Capabilities.DTypes.Contains(DType.Float64);

    private static readonly double[] Specials =
    [
        double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, double.Epsilon, -double.Epsilon,
        2.2250738585072014e-308, -2.2250738585072014e-308, 1e-310, double.MaxValue, -double.MaxValue, 1, -1, 0.5, -0.5, 2, 1e-20, -1e-20,
    ];

    private static double[] Unary(UnaryOp op, double[] x)
    {
        var p = new ScalarProgramBuilder();
        var r = p.Unary(op, p.Load(0, DType.Float64));
        int[] shape = [x.Length];
        var k = new ElementwiseKernel(op.ToString(), shape, [Contiguous(0, DType.Float64, shape)], p.Build(r), [1]);
        return Values<double>(Run(k, [Bytes(x)], [x.Length * 8L])[0]);
    }

    private static double[] Binary(BinaryOp op, double[] a, double[] b)
    {
        var p = new ScalarProgramBuilder();
        var r = p.Binary(op, p.Load(0, DType.Float64), p.Load(1, DType.Float64));
        int[] shape = [a.Length];
        var k = new ElementwiseKernel(op.ToString(), shape,
            [Contiguous(0, DType.Float64, shape), Contiguous(1, DType.Float64, shape)], p.Build(r), [2]);
        return Values<double>(Run(k, [Bytes(a), Bytes(b)], [a.Length * 8L])[0]);
    }

    /// <summary>Specials, uniform values in [lo, hi], and log-uniform magnitudes of both signs in [1e-300, hi].</summary>
    private static double[] Inputs(double lo, double hi, int seed, int count = 3000)
    {
        var random = new Random(seed);
        var values = new List<double>(Specials);
        for (var i = 0; i < count; i++) values.Add(lo + (hi - lo) * random.NextDouble());
        var top = Math.Log(Math.Max(Math.Abs(lo), Math.Abs(hi)));
        for (var i = 0; i < count / 2; i++)
        {
            var v = Math.Exp(-690 + (top + 690) * random.NextDouble());
            values.Add(random.Next(2) == 0 ? v : -v);
        }
        return values.ToArray();
    }

    private static void AssertClose(string what, double want, double got, double relative, double absolute = 1e-300)
    {
        if (double.IsNaN(want) || double.IsInfinity(want))
        {
            Assert.True(want.Equals(got), $"{what} = {got:R}, want {want:R}");
            return;
        }
        Assert.True(Math.Abs(got - want) <= absolute + relative * Math.Abs(want), $"{what} = {got:R}, want {want:R}");
    }

    public static TheoryData<string> UnaryCases() => new(UnaryOps.Keys);

    /// <summary>Each op: its reference, its input range, and the relative and absolute error allowed.</summary>
    private static readonly Dictionary<string, (UnaryOp Op, Func<double, double> Reference, double Lo, double Hi, double Rel, double Abs)> UnaryOps = new()
    {
        ["exp"] = (UnaryOp.Exp, Math.Exp, -745, 710, 4e-16, 1e-320),
        ["exp2"] = (UnaryOp.Exp2, x => Math.Pow(2, x), -1075, 1024, 4e-16, 1e-320),
        ["expm1"] = (UnaryOp.Expm1, Expm1, -50, 710, 1e-15, 1e-320),
        ["log"] = (UnaryOp.Log, Math.Log, -1, 1e300, 4e-16, 0),
        ["log1p"] = (UnaryOp.Log1p, Log1p, -1.5, 1e300, 1e-15, 0),
        ["logistic"] = (UnaryOp.Logistic, x => 1 / (1 + Math.Exp(-x)), -800, 800, 1e-15, 1e-320),
        ["sin"] = (UnaryOp.Sin, Math.Sin, -1e22, 1e22, 1e-15, 1e-300),
        ["cos"] = (UnaryOp.Cos, Math.Cos, -1e22, 1e22, 1e-15, 1e-300),
        ["tan"] = (UnaryOp.Tan, Math.Tan, -1e22, 1e22, 2e-15, 1e-300),
        ["asin"] = (UnaryOp.Asin, Math.Asin, -1.1, 1.1, 1e-15, 1e-300),
        ["acos"] = (UnaryOp.Acos, Math.Acos, -1.1, 1.1, 1e-15, 1e-300),
        ["atan"] = (UnaryOp.Atan, Math.Atan, -1e10, 1e10, 1e-15, 1e-300),
        ["sinh"] = (UnaryOp.Sinh, Math.Sinh, -711, 711, 1e-15, 1e-300),
        ["cosh"] = (UnaryOp.Cosh, Math.Cosh, -711, 711, 1e-15, 1e-300),
        ["tanh"] = (UnaryOp.Tanh, Math.Tanh, -30, 30, 1e-15, 1e-300),
        ["asinh"] = (UnaryOp.Asinh, Math.Asinh, -1e300, 1e300, 1e-15, 1e-300),
        ["acosh"] = (UnaryOp.Acosh, Math.Acosh, 0.9, 1e300, 1e-15, 1e-300),
        ["atanh"] = (UnaryOp.Atanh, Math.Atanh, -1.1, 1.1, 1e-15, 1e-300),
        // .NET's Math.Cbrt is itself off by up to about 3e-16 (checked exactly in rationals).
        ["cbrt"] = (UnaryOp.Cbrt, Math.Cbrt, -1e300, 1e300, 1e-15, 0),
        ["erf"] = (UnaryOp.Erf, SpecialFunctions.Erf, -7, 7, 2e-15, 1e-300),
        // erfinv near |y| = 1 inherits erfc's conditioning at x ~ 2 (an ulp of erf moves x by ~1e-14), here and in the reference.
        ["erfinv"] = (UnaryOp.ErfInv, SpecialFunctions.ErfInv, -1.05, 1.05, 1e-13, 1e-300),
        // lgamma and digamma: the reference itself is good to about 1e-14 absolute (see SpecialFunctions).
        ["lgamma"] = (UnaryOp.Lgamma, SpecialFunctions.Lgamma, -30, 1e6, 1e-13, 1e-13),
        ["digamma"] = (UnaryOp.Digamma, SpecialFunctions.Digamma, -30, 1e6, 1e-13, 1e-13),
    };

    [VulkanTheory]
    [MemberData(nameof(UnaryCases))]
    public void UnaryMatchesMath(string name)
    {
        if (!HasFloat64) return; // a device without shaderFloat64
        var (op, reference, lo, hi, rel, abs) = UnaryOps[name];
        var x = Inputs(lo, hi, name.GetHashCode(StringComparison.Ordinal) & 0xFFFF);
        var got = Unary(op, x);
        for (var i = 0; i < x.Length; i++) AssertClose($"{name}({x[i]:R})", reference(x[i]), got[i], rel, abs);
    }

    [VulkanFact]
    public void SinCosTanReduceTheHardestArgumentsAndMultiplesOfPiOverTwo()
    {
        if (!HasFloat64) return;
        // Doubles closest to multiples of pi/2 (the reduction cancels about 60 bits there), powers of two, and the largest.
        var x = new List<double> { 6381956970095103 * Math.Pow(2, 797), 5.319372648326541e255, 1.0e22, 8.98846567431158e307,
            double.MaxValue, 1048576, 1048575.9999999999, Math.PI / 2, Math.PI, 3 * Math.PI / 2, 1e6 * Math.PI };
        for (var e = -20; e <= 1023; e += 7) x.Add(Math.ScaleB(1.0, e));
        for (var k = 1; k < 3000; k++) x.Add(k * (Math.PI / 2));
        var xs = x.SelectMany(v => new[] { v, -v }).ToArray();
        foreach (var (op, reference) in new (UnaryOp, Func<double, double>)[] { (UnaryOp.Sin, Math.Sin), (UnaryOp.Cos, Math.Cos), (UnaryOp.Tan, Math.Tan) })
        {
            var got = Unary(op, xs);
            for (var i = 0; i < xs.Length; i++) AssertClose($"{op}({xs[i]:R})", reference(xs[i]), got[i], 2e-15, 1e-300);
        }
    }

    [VulkanFact]
    public void PowMatchesMathWithSpecialsSubnormalsAndNearOverflow()
    {
        if (!HasFloat64) return;
        var a = new List<double>();
        var b = new List<double>();
        // Every pair of specials and a few integers (C99's special cases, signs of odd powers).
        double[] values = [.. Specials, 3, -3, 0.25, -2, 10, 1.0000001];
        double[] exponents = [.. Specials, 3, -3, 0.25, -2, 10, 1.5, 1023, -1074, 0.3333333333333333];
        foreach (var x in values)
            foreach (var y in exponents) { a.Add(x); b.Add(y); }
        // Results next to the overflow threshold and deep in the subnormals.
        foreach (var x in new[] { 2.0, 3.0, 0.5, 10.0, 1.0001, 255.9, 1e-300, double.Epsilon, 7.0 })
        {
            foreach (var target in new[] { 1024.0, -1074.0, -1022.0, 1000.0 })
            {
                var y0 = target / Math.Log2(x);
                for (var k = -50; k <= 50; k++) { a.Add(x); b.Add(y0 * (1 + k * 1e-15)); }
            }
        }
        var random = new Random(5);
        for (var i = 0; i < 3000; i++) { a.Add(Math.Exp(random.NextDouble() * 20 - 10)); b.Add(random.NextDouble() * 80 - 40); }
        var got = Binary(BinaryOp.Pow, a.ToArray(), b.ToArray());
        for (var i = 0; i < a.Count; i++)
        {
            var want = Math.Pow(a[i], b[i]);
            // Within two ulps of the overflow threshold either answer is fair.
            if (Math.Abs(want) > 0.9999999999999996 * double.MaxValue && (double.IsInfinity(got[i]) || double.IsInfinity(want))) continue;
            AssertClose($"pow({a[i]:R}, {b[i]:R})", want, got[i], 2e-15, 2 * double.Epsilon);
        }
    }

    [VulkanFact]
    public void Atan2MatchesMathOnEveryQuadrantAndSpecial()
    {
        if (!HasFloat64) return;
        var a = new List<double>();
        var b = new List<double>();
        foreach (var y in Specials)
            foreach (var x in Specials) { a.Add(y); b.Add(x); }
        var random = new Random(9);
        for (var i = 0; i < 3000; i++)
        {
            a.Add(Math.Exp(random.NextDouble() * 1400 - 700) * (random.Next(2) * 2 - 1));
            b.Add(Math.Exp(random.NextDouble() * 1400 - 700) * (random.Next(2) * 2 - 1));
        }
        var got = Binary(BinaryOp.Atan2, a.ToArray(), b.ToArray());
        for (var i = 0; i < a.Count; i++)
        {
            var want = Math.Atan2(a[i], b[i]);
            AssertClose($"atan2({a[i]:R}, {b[i]:R})", want, got[i], 1e-15, 1e-300);
            if (want == 0) Assert.Equal(double.IsNegative(want), double.IsNegative(got[i]));
        }
    }

    private static double Log1p(double x) => x == 0 || double.IsInfinity(x) || double.IsNaN(x) ? (x == double.NegativeInfinity ? double.NaN : x) : LogOnePlus(x);

    /// <summary>log(1 + x) to a few ulps: the classic correction when 1 + x rounds.</summary>
    private static double LogOnePlus(double x)
    {
        var u = 1 + x;
        return u == 1 ? x : Math.Log(u) * (x / (u - 1));
    }

    private static double Expm1(double x)
    {
        if (Math.Abs(x) >= 0.5 || double.IsNaN(x)) return Math.Exp(x) - 1;
        var u = Math.Exp(x);
        if (u == 1) return x;
        var um1 = u - 1;
        return um1 == -1 ? -1 : um1 * x / Math.Log(u);
    }
}
