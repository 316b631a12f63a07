using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Codegen.Emit;
using JaxNet.Backends.CpuSimd.Tests.Codegen;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// A kernel computing one of the float transcendentals that now have vector forms (expm1, exp2, log1p, asinh, acosh, atanh, tanh, sinh, cosh,
/// asin, acos, atan, erf, cbrt, erfinv, lgamma, digamma, pow, atan2) gives the same bits on its 16-lane vectors, its 8-lane vectors, its tail and
/// its scalar path, for every value among ordinary, special and huge ones (a value meets each path by shifting the
/// input one position). The accuracy of the routines: ExpLogFamilyTests, InverseTrigonometryTests, ErfTests, SpecialFunctionVectorTests.
/// </summary>
public sealed class TranscendentalKernelTests
{
    private static readonly double[] Special =
        [-0d, 0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1, -1, 1e300, -1e-310, 5e-324, 709.9, -800, 0.875, 6.2];

    public static TheoryData<UnaryOp, DType> UnaryCases()
    {
        var data = new TheoryData<UnaryOp, DType>();
        foreach (var op in new[] { UnaryOp.Expm1, UnaryOp.Exp2, UnaryOp.Log1p, UnaryOp.Asinh, UnaryOp.Acosh, UnaryOp.Atanh, UnaryOp.Tanh, UnaryOp.Sinh, UnaryOp.Cosh, UnaryOp.Asin, UnaryOp.Acos, UnaryOp.Atan, UnaryOp.Erf, UnaryOp.Cbrt, UnaryOp.ErfInv, UnaryOp.Lgamma, UnaryOp.Digamma })
            foreach (var dtype in new[] { DType.Float64, DType.Float32 })
                data.Add(op, dtype);
        return data;
    }

    [Theory]
    [MemberData(nameof(UnaryCases))]
    public void A_unary_kernel_gives_the_same_bits_on_every_path(UnaryOp op, DType dtype)
    {
        AssertHasVectorForms(op.ToString(), 1, dtype);
        var values = Values(51);
        AssertSameOnEveryPath(dtype, values, null, (b, u, _) => b.Unary(op, u));
    }

    [Theory]
    [InlineData(BinaryOp.Pow, DType.Float64)]
    [InlineData(BinaryOp.Pow, DType.Float32)]
    [InlineData(BinaryOp.Atan2, DType.Float64)]
    [InlineData(BinaryOp.Atan2, DType.Float32)]
    public void A_binary_kernel_gives_the_same_bits_on_every_path(BinaryOp op, DType dtype)
    {
        AssertHasVectorForms(op.ToString(), 2, dtype);
        // Pow's bases are mostly positive so that most lanes take the vector route; the special ones do not.
        var bases = Values(52).Select((v, i) => i % 5 == 0 ? v : Math.Abs(v)).ToArray();
        var exponents = Values(53).Select((v, i) => i % 7 == 0 ? Math.Round(v) : v / 100).ToArray();
        AssertSameOnEveryPath(dtype, bases, exponents, (b, u, v) => b.Binary(op, u, v));
    }

    /// <summary>Both widths have the op as a vector helper where the emitter looks (so the kernel does not fall back to lane-by-lane calls).</summary>
    private static void AssertHasVectorForms(string name, int arity, DType dtype)
    {
        foreach (var width in new[] { VectorWidth.Bits512, VectorWidth.Bits256 })
        {
            var layout = LaneLayout.Choose([dtype], width);
            Assert.NotNull(layout.FindHelper(name, Enumerable.Repeat(layout.VectorType(dtype), arity).ToArray()));
        }
    }

    /// <summary>661 values: ordinary ones of many sizes with the special ones shuffled among them.</summary>
    private static double[] Values(int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, 640).Select(_ => (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-4, 3)))
            .Concat(Special).Concat(Special.Take(7)).OrderBy(_ => rng.Next()).ToArray();
    }

    private static void AssertSameOnEveryPath(DType dtype, double[] a, double[]? b, Func<ScalarProgramBuilder, int, int, int> body)
    {
        var results = new List<long[]>();
        foreach (var shift in new[] { 0, 1 })
            foreach (var width in new[] { 512, 256, 0 })
            {
                var shiftedA = a[shift..].Concat(a[..shift]).ToArray();
                using var x = NativeTensor.Of(dtype, shiftedA);
                using var y = NativeTensor.Empty(dtype, a.Length);
                if (b is null)
                {
                    CodegenRun.Elementwise(CodegenRun.Map1D(a.Length, dtype, (p, u) => body(p, u, -1)), width, x, y);
                }
                else
                {
                    using var x2 = NativeTensor.Of(dtype, b[shift..].Concat(b[..shift]).ToArray());
                    CodegenRun.Elementwise(CodegenRun.Zip1D(a.Length, dtype, body), width, x, x2, y);
                }
                var bits = Enumerable.Range(0, a.Length).Select(i => y.Bits(i)).ToArray();
                results.Add(bits[^shift..].Concat(bits[..^shift]).ToArray());
            }
        foreach (var other in results.Skip(1)) Assert.Equal(results[0], other);
    }
}
