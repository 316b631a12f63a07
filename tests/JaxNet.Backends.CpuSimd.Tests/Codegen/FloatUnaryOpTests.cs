using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Tests.Codegen;

/// <summary>Every float unary op on every float dtype against float64 references, on every vector path.</summary>
public sealed class FloatUnaryOpTests
{
    /// <summary>37 values: more than two vectors plus a tail, with NaN, infinities and signed zeros among them.</summary>
    internal static readonly double[] Values =
    [
        -10.5, -3.7, -2.5, -1.5, -1, -0.75, -0.5, -0.3, -0.0, 0.0, 0.2, 0.5, 0.9, 1, 1.5, 2.5, 3.3, 7.25, 12,
        0.999, -0.999, 1e-3, 2, 4.5, 5.5, -5.5, double.NaN, double.PositiveInfinity, double.NegativeInfinity,
        100, -100, 0.7, 30, -30, 0.1, 3.14159, 1e-7,
    ];

    private static readonly Dictionary<UnaryOp, Func<double, double>> References = new()
    {
        [UnaryOp.Neg] = x => -x,
        [UnaryOp.Abs] = Math.Abs,
        [UnaryOp.Sign] = x => x > 0 ? 1 : x < 0 ? -1 : x,
        [UnaryOp.Floor] = Math.Floor,
        [UnaryOp.Ceil] = Math.Ceiling,
        [UnaryOp.Round] = x => Math.Round(x, MidpointRounding.AwayFromZero),
        [UnaryOp.RoundEven] = x => Math.Round(x, MidpointRounding.ToEven),
        [UnaryOp.Sqrt] = Math.Sqrt,
        [UnaryOp.Rsqrt] = x => 1 / Math.Sqrt(x),
        [UnaryOp.Cbrt] = Math.Cbrt,
        [UnaryOp.Exp] = Math.Exp,
        [UnaryOp.Exp2] = x => Math.Pow(2, x),
        [UnaryOp.Log] = Math.Log,
        [UnaryOp.Log1p] = x => x == 1e-7 ? 9.9999995000000333e-8 : Math.Log(1 + x),
        [UnaryOp.Expm1] = x => x == 1e-7 ? 1.0000000500000017e-7 : x == 1e-3 ? 1.0005001667083417e-3 : Math.Exp(x) - 1,
        [UnaryOp.Sin] = Math.Sin,
        [UnaryOp.Cos] = Math.Cos,
        [UnaryOp.Tan] = Math.Tan,
        [UnaryOp.Asin] = Math.Asin,
        [UnaryOp.Acos] = Math.Acos,
        [UnaryOp.Atan] = Math.Atan,
        [UnaryOp.Sinh] = Math.Sinh,
        [UnaryOp.Cosh] = Math.Cosh,
        [UnaryOp.Tanh] = Math.Tanh,
        [UnaryOp.Asinh] = Math.Asinh,
        [UnaryOp.Acosh] = Math.Acosh,
        [UnaryOp.Atanh] = Math.Atanh,
        [UnaryOp.Logistic] = x => 1 / (1 + Math.Exp(-x)),
    };

    private static readonly UnaryOp[] ExactOps =
        [UnaryOp.Neg, UnaryOp.Abs, UnaryOp.Sign, UnaryOp.Floor, UnaryOp.Ceil, UnaryOp.Round, UnaryOp.RoundEven, UnaryOp.Sqrt];

    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void Every_float_unary_op_matches_its_reference(int width)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64, DType.Float16, DType.BFloat16 })
            foreach (var (op, reference) in References)
            {
                using var x = NativeTensor.Of(dtype, Values);
                using var y = NativeTensor.Empty(dtype, Values.Length);
                CodegenRun.Elementwise(CodegenRun.Map1D(Values.Length, dtype, (b, v) => b.Unary(op, v)), width, x, y);
                using var expectedStorage = NativeTensor.Of(dtype, x.ToArray().Select(reference).ToArray());
                var (relative, absolute) = Tolerance(dtype, op);
                for (var i = 0; i < Values.Length; i++)
                    CodegenRun.AssertClose(expectedStorage[i], y[i], relative, absolute, $"{op}({x[i]}) {dtype} width {width}");
            }
    }

    private static (double Relative, double Absolute) Tolerance(DType dtype, UnaryOp op)
    {
        if (ExactOps.Contains(op)) return (0, 0);
        return dtype switch
        {
            DType.Float64 => (1e-14, 1e-15),
            DType.Float32 => (4e-6, 1e-6),
            DType.Float16 => (2e-3, 1e-3),
            _ => (1.6e-2, 1e-2),
        };
    }

    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void IsFinite_is_false_only_for_nan_and_infinities(int width)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64, DType.Float16, DType.BFloat16 })
        {
            using var x = NativeTensor.Of(dtype, Values);
            using var y = NativeTensor.Empty(DType.Bool, Values.Length);
            CodegenRun.Elementwise(CodegenRun.Map1D(Values.Length, dtype, (b, v) => b.Unary(UnaryOp.IsFinite, v)), width, x, y);
            for (var i = 0; i < Values.Length; i++) Assert.Equal(double.IsFinite(Values[i]) ? 1 : 0, y.Bits(i));
        }
    }

    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void Negating_zero_gives_negative_zero(int width)
    {
        using var x = NativeTensor.Of(DType.Float32, Enumerable.Repeat(0.0, 20).ToArray());
        using var y = NativeTensor.Empty(DType.Float32, 20);
        CodegenRun.Elementwise(CodegenRun.Map1D(20, DType.Float32, (b, v) => b.Unary(UnaryOp.Neg, v)), width, x, y);
        Assert.All(y.ToArray(), v => Assert.True(double.IsNegative(v) && v == 0));
    }

    [Theory]
    [InlineData(UnaryOp.Erf, 0.5, 0.5204998778130465)]
    [InlineData(UnaryOp.Erf, 1.0, 0.8427007929497149)]
    [InlineData(UnaryOp.Erf, 2.0, 0.9953222650189527)]
    [InlineData(UnaryOp.Erf, 3.0, 0.9999779095030014)]
    [InlineData(UnaryOp.Erf, -0.1, -0.1124629160182849)]
    [InlineData(UnaryOp.Erf, 1e-10, 1.1283791670955126e-10)]
    [InlineData(UnaryOp.ErfInv, 0.5, 0.4769362762044699)]
    [InlineData(UnaryOp.ErfInv, 0.9, 1.1630871536766743)]
    [InlineData(UnaryOp.ErfInv, 0.999, 2.3267537655135246)]
    [InlineData(UnaryOp.ErfInv, -0.3, -0.2724627147267544)]
    [InlineData(UnaryOp.ErfInv, 1.0, double.PositiveInfinity)]
    [InlineData(UnaryOp.ErfInv, 1.5, double.NaN)]
    [InlineData(UnaryOp.Lgamma, 0.5, 0.5723649429247001)]
    [InlineData(UnaryOp.Lgamma, 3.0, 0.6931471805599453)]
    [InlineData(UnaryOp.Lgamma, 10.0, 12.801827480081469)]
    [InlineData(UnaryOp.Lgamma, 100.0, 359.1342053695754)]
    [InlineData(UnaryOp.Lgamma, -0.5, 1.2655121234846454)]
    [InlineData(UnaryOp.Lgamma, -2.0, double.PositiveInfinity)]
    [InlineData(UnaryOp.Digamma, 1.0, -0.5772156649015329)]
    [InlineData(UnaryOp.Digamma, 0.5, -1.9635100260214235)]
    [InlineData(UnaryOp.Digamma, 2.0, 0.42278433509846713)]
    [InlineData(UnaryOp.Digamma, 10.0, 2.251752589066721)]
    [InlineData(UnaryOp.Digamma, -0.5, 0.03648997397857652)]
    [InlineData(UnaryOp.Digamma, -3.0, double.NaN)]
    public void Special_functions_match_known_values(UnaryOp op, double x, double expected)
    {
        foreach (var width in new[] { 512, 256, 0 })
            foreach (var dtype in new[] { DType.Float64, DType.Float32 })
            {
                var count = 19;
                using var input = NativeTensor.Of(dtype, Enumerable.Repeat(x, count).ToArray());
                using var output = NativeTensor.Empty(dtype, count);
                CodegenRun.Elementwise(CodegenRun.Map1D(count, dtype, (b, v) => b.Unary(op, v)), width, input, output);
                var relative = dtype == DType.Float64 ? 1e-13 : 2e-6;
                var target = dtype == DType.Float64 ? expected : (float)expected;
                if (dtype == DType.Float32 && (float)x != x) continue; // the float32 input differs; covered by float64
                for (var i = 0; i < count; i++) CodegenRun.AssertClose(target, output[i], relative, 1e-15, $"{op}({x}) {dtype}");
            }
    }

    [Fact]
    public void ErfInv_inverts_erf_across_its_range()
    {
        var xs = Enumerable.Range(-60, 121).Select(i => i / 10.0).Where(x => Math.Abs(x) <= 4).ToArray();
        var b = new ScalarProgramBuilder();
        var result = b.Unary(UnaryOp.ErfInv, b.Unary(UnaryOp.Erf, b.Load(0, DType.Float64)));
        var kernel = new ElementwiseKernel("erfinv_erf", [xs.Length], [new MappedInput(0, DType.Float64, IndexMap.Identity([xs.Length]))], b.Build(result), [1]);
        using var x = NativeTensor.Of(DType.Float64, xs);
        using var y = NativeTensor.Empty(DType.Float64, xs.Length);
        CodegenRun.Elementwise(kernel, 512, x, y);
        for (var i = 0; i < xs.Length; i++)
            CodegenRun.AssertClose(xs[i], y[i], 1e-8, 1e-15, $"erfinv(erf({xs[i]}))");
    }
}
