using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Numerics;
using JaxNet.Fuzz.Derivatives;
using JaxNet.Fuzz.Ops;
using JaxNet.Fuzz.Programs;
using JaxNet.Fuzz.Running;
using JaxNet.Fuzz.Values;
using JaxNet.Testing;

namespace JaxNet.Tests.Api;

/// <summary>
/// The float32 derivative allowance follows the rounding of the intermediate tangents (<see cref="TangentRounding"/>):
/// a tangent that cancels on its way to an output keeps the rounding of its terms, which a correct backend is allowed,
/// while a rule off by a ten-thousandth in the terms that cancel is still far outside it.
/// </summary>
[Collection(nameof(X64Collection))]
public class NarrowFloatTangentRoundingTests
{
    private static Target On(RunMode mode) => FuzzAssert.On("cpu", mode);

    private const int Size = 64;

    /// <summary>exp(x) - exp(x + 2^-10) of float32 x from 8 to 9, with <paramref name="secondExp"/> as the second exp: J v
    /// is some -5.4 t, from terms of 5569 t that cancel (as the values do), while the second derivative cancels too.</summary>
    private static FuzzProgram ExpDifference(FuzzOp secondExp)
    {
        var (row, scalar) = (new TensorType(DType.Float32, [Size]), new TensorType(DType.Float32, []));
        var x = RefArray.Exact(row, Enumerable.Range(0, Size).Select(i => Scalar.FromDouble(DType.Float32, 8 + i / (double)Size)).ToArray());
        return new FuzzProgram([x],
        [
            new(new ConstantFuzzOp(Scalar.FromDouble(DType.Float32, 1.0 / 1024), []), [], scalar),
            new(new BinaryFuzzOp(BinaryOp.Add), [0, 1], row),
            new(new UnaryFuzzOp(UnaryOp.Exp), [0], row),
            new(secondExp, [2], row),
            new(new BinaryFuzzOp(BinaryOp.Sub), [3, 4], row),
        ], [5]);
    }

    [Fact]
    public void The_rounding_of_a_tangent_that_cancels_is_allowed_and_every_element_is_still_checked()
    {
        foreach (var mode in new[] { RunMode.Eager, RunMode.Jit, RunMode.Vmap })
        {
            var result = DerivativeCheck.Run(ExpDifference(new UnaryFuzzOp(UnaryOp.Exp)), On(mode));
            Assert.True(result.Outcome == CheckOutcome.Passed && result.Compared >= 2 * Size && result.Unknown == 0,
                $"{mode}: {result.Message} ({result.Compared} compared, {result.Unknown} unknown)");
        }
    }

    [Theory]
    [InlineData(1.0001)]
    [InlineData(0.9999)]
    [InlineData(2)]
    public void A_rule_off_by_a_factor_in_the_terms_that_cancel_is_still_caught(double factor)
    {
        // exp's rule off by 1e-4 moves 5569 t by 0.56 t; the allowance for rounding the terms is some 16 ulps of 5569
        // per op along the way, a few hundredths.
        foreach (var mode in new[] { RunMode.Eager, RunMode.Jit })
        {
            var result = DerivativeCheck.Run(ExpDifference(new UnaryWithScaledJvp(UnaryOp.Exp, factor)), On(mode));
            Assert.True(result.Outcome == CheckOutcome.Mismatch && result.Message.Contains("J v of output 0", StringComparison.Ordinal),
                $"{mode}: {result.Outcome} {result.Message}");
        }
    }

    [Fact]
    public void The_bound_is_the_rounding_of_the_terms_carried_through_the_ops_after_them()
    {
        // Along v = 1 the second exp's tangent is 5575 and the first's 5569: each op rounds its terms by 16 u, and the
        // subtraction's terms are both, so the bound is at least 16 u (5569 + 5575 + 5575) and a few times that at most.
        var program = ExpDifference(new UnaryFuzzOp(UnaryOp.Exp));
        var ones = RefArray.Exact(program.Inputs[0].Type, Enumerable.Repeat(Scalar.FromDouble(DType.Float32, 1), Size).ToArray());
        var (_, rounding) = FiniteDifferences.JvpAndRounding(program, [ones]);
        var u = 16 * Math.Pow(2, -24);
        var terms = Math.Exp(8) + 2 * Math.Exp(8 + 1.0 / 1024);
        Assert.InRange(rounding[0][0], u * terms, 4 * u * terms);
        // The float64 program's own rounding is below what the differences resolve: no allowance is added for it.
        var (_, none) = FiniteDifferences.JvpAndRounding(program.Retyped(_ => DType.Float64), [ones]);
        Assert.All(none[0], r => Assert.Equal(0, r));
    }
}
