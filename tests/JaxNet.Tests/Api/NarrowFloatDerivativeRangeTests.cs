using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Numerics;
using JaxNet.Fuzz.Derivatives;
using JaxNet.Fuzz.Numerics;
using JaxNet.Fuzz.Ops;
using JaxNet.Fuzz.Programs;
using JaxNet.Fuzz.Running;
using JaxNet.Fuzz.Values;
using JaxNet.Testing;

namespace JaxNet.Tests.Api;

/// <summary>
/// Where the float16 and bfloat16 derivative reference cannot judge a backend: a derivative rule whose intermediate
/// overflows the narrow type (derivatives-f16 seed 281: atan2's x^2 + y^2), and a value whose every bit cancelled, so
/// that its tangent did too (derivatives-bf16 seed 148: a softmax of exp(8.625) - 5568). Both rules of JAX are right;
/// what was wrong was the reference's claim to know the narrow result.
/// </summary>
[Collection(nameof(X64Collection))]
public class NarrowFloatDerivativeRangeTests
{
    private static Target On(RunMode mode) => FuzzAssert.On("cpu", mode);

    /// <summary>atan2(y, x) of a float16 scalar x and [37, 7] of y, all y equal.</summary>
    private static FuzzProgram Atan2Of(double y, double x, DType dtype)
    {
        var (scalar, rows) = (new TensorType(dtype, []), new TensorType(dtype, [37, 7]));
        var xs = RefArray.Exact(scalar, [Scalar.FromDouble(dtype, x)]);
        var ys = RefArray.Exact(rows, Enumerable.Repeat(Scalar.FromDouble(dtype, y), 37 * 7).ToArray());
        return new FuzzProgram([xs, ys], [new(new BinaryFuzzOp(BinaryOp.Atan2), [1, 0], rows)], [2]);
    }

    [Fact]
    public void Atan2s_rule_overflowing_float16_leaves_the_derivative_unknown_rather_than_failing_a_right_backend()
    {
        // 946.5^2 overflows float16 (largest 65504), so the rule's y / (x^2 + y^2) is 0 where the derivative is 5.8e-4.
        var program = Atan2Of(946.5, -0.517578125, DType.Float16);
        Assert.True(RuleIntermediates.OverflowNarrowDtype(program, HostInterpreter.Run(program, NumericsModel.Ieee)));
        foreach (var mode in new[] { RunMode.Eager, RunMode.Jit })
        {
            var result = DerivativeCheck.Run(program, On(mode));
            Assert.True(result.Outcome == CheckOutcome.Passed, $"{mode}: {result.Message}");
        }
    }

    [Fact]
    public void Atan2s_rule_within_float16s_range_is_still_checked_element_by_element()
    {
        var program = Atan2Of(100, -0.517578125, DType.Float16);
        Assert.False(RuleIntermediates.OverflowNarrowDtype(program, HostInterpreter.Run(program, NumericsModel.Ieee)));
        var result = DerivativeCheck.Run(program, On(RunMode.Eager));
        Assert.True(result.Outcome == CheckOutcome.Passed && result.Compared > 2 * 37 * 7, result.Message);
    }

    [Theory]
    [InlineData(UnaryOp.Asinh, 300.0, true)]
    [InlineData(UnaryOp.Asinh, 200.0, false)]
    [InlineData(UnaryOp.Atan, -300.0, true)]
    [InlineData(UnaryOp.Acosh, 300.0, true)]
    [InlineData(UnaryOp.Digamma, 300.0, true)]
    [InlineData(UnaryOp.Sin, 30000.0, false)]
    public void A_unary_rules_float16_intermediates_are_range_checked(UnaryOp op, double x, bool overflows)
    {
        var type = new TensorType(DType.Float16, [3]);
        var input = RefArray.Exact(type, [Scalar.FromDouble(DType.Float16, 0.5), Scalar.FromDouble(DType.Float16, x), Scalar.FromDouble(DType.Float16, 1.5)]);
        var program = new FuzzProgram([input], [new(new UnaryFuzzOp(op), [0], type)], [1]);
        Assert.Equal(overflows, RuleIntermediates.OverflowNarrowDtype(program, HostInterpreter.Run(program, NumericsModel.Ieee)));
    }

    /// <summary>softmax(exp(x0) - x1) over 426 elements, as derivatives-bf16 seed 148 minimised.</summary>
    private static FuzzProgram SoftmaxOfExpMinus(double x0, double x1, DType dtype)
    {
        var (one, row) = (new TensorType(dtype, [1]), new TensorType(dtype, [1, 426]));
        var a = RefArray.Exact(one, [Scalar.FromDouble(dtype, x0)]);
        var b = RefArray.Exact(row, Enumerable.Repeat(Scalar.FromDouble(dtype, x1), 426).ToArray());
        return new FuzzProgram([a, b],
        [
            new(new BroadcastFuzzOp([1, 426], [0]), [0], row),
            new(new UnaryFuzzOp(UnaryOp.Exp), [2], row),
            new(new BinaryFuzzOp(BinaryOp.Sub), [3, 1], row),
            new(new UnaryFuzzOp(UnaryOp.Exp), [4], row),
            new(new ReduceFuzzOp(ReduceOp.Sum, [1]), [5], one),
            new(new BroadcastFuzzOp([1, 426], [0]), [6], row),
            new(new BinaryFuzzOp(BinaryOp.Div), [5, 7], row),
        ], [8]);
    }

    [Fact]
    public void A_tangent_through_a_value_whose_bits_all_cancelled_is_not_held_to_the_transposition_identity()
    {
        // In bfloat16, exp(8.625) is 5568 and 5568 t0 - t1 loses t1 altogether (spacing 32), so J v is 0 and
        // <J v, u> = <v, u J> fails by far more than rounding of the inner products' terms would.
        var bf16 = DerivativeCheck.Run(SoftmaxOfExpMinus(8.625, 5568, DType.BFloat16), On(RunMode.Eager));
        Assert.True(bf16.Outcome == CheckOutcome.Passed, bf16.Message);
        // The rules are right: in float64 the same program's derivatives, the identity included, are compared and hold.
        var f64 = DerivativeCheck.Run(SoftmaxOfExpMinus(8.625, 5568, DType.Float64), On(RunMode.Eager));
        Assert.True(f64.Outcome == CheckOutcome.Passed && f64.Compared > 426, f64.Message);
    }

    [Fact]
    public void A_float32_tangent_that_cancels_at_an_intermediate_is_allowed_that_intermediates_rounding()
    {
        // In float32, exp(8.625) - 5568 is 1.16: twelve bits cancel, and the JVP of that subtraction, 5569 t0 - t1,
        // keeps a few ulps of 5569 in a tangent of order 1, so J v through the softmax is rightly some 0.5% off; the
        // allowance has to follow the intermediate tangent's terms, not the output's.
        foreach (var mode in new[] { RunMode.Eager, RunMode.Jit })
        {
            var result = DerivativeCheck.Run(SoftmaxOfExpMinus(8.625, 5568, DType.Float32), On(mode));
            Assert.True(result.Outcome == CheckOutcome.Passed && result.Compared > 2 * 426, $"{mode}: {result.Message}");
        }
    }

    /// <summary>cosh(x) * c of float16 x and a float16 scalar c, as derivatives-f16 seed 404 minimised.</summary>
    private static FuzzProgram CoshTimes(double[] xs, double c)
    {
        var (row, scalar) = (new TensorType(DType.Float16, [xs.Length]), new TensorType(DType.Float16, []));
        var x = RefArray.Exact(row, xs.Select(v => Scalar.FromDouble(DType.Float16, v)).ToArray());
        var constant = RefArray.Exact(scalar, [Scalar.FromDouble(DType.Float16, c)]);
        return new FuzzProgram([x, constant],
        [
            new(new UnaryFuzzOp(UnaryOp.Cosh), [0], row),
            new(new BinaryFuzzOp(BinaryOp.Mul), [2, 1], row),
        ], [3]);
    }

    [Fact]
    public void A_value_that_overflows_only_in_float16_is_unknown_to_the_ops_a_backend_may_fuse_after_it()
    {
        // cosh(12.85) is 1.9e5, past float16's 65504 but not float32's: a fused kernel computes in float32 and rounds
        // on store (as the kernel IR allows), so the product with -0.0367 is -6988, while float16 at every op gives -inf.
        var program = CoshTimes([0.5, 12.8515625, 2.90234375, 100, 4.1640625], -0.036651611328125);
        var product = HostInterpreter.Run(program, NumericsModel.Ieee)[3];
        Assert.True(product.IsUnknown(1), $"cosh(12.85) * -0.0367 claimed {product.Values[1].Float} ± {product.Error[1]}");
        // cosh(100) is 1.3e43, past float32's range too: -inf on every backend, and still checked as such.
        Assert.True(double.IsNegativeInfinity(product.Values[3].Float) && product.Error[3] == 0, $"{product.Error[3]}");
        Assert.True(new[] { 0, 2, 4 }.All(i => !product.IsUnknown(i)));
        foreach (var mode in new[] { RunMode.Eager, RunMode.Jit, RunMode.Vmap })
        {
            var result = DerivativeCheck.Run(program, On(mode));
            Assert.True(result.Outcome == CheckOutcome.Passed && result.Compared > 0, $"{mode}: {result.Message}");
        }
    }

    [Fact]
    public void The_middle_of_an_odd_number_of_tied_sort_keys_is_not_claimed_differentiable()
    {
        // Along any one direction the middle of five tied keys moves with the median of their directions (no kink), but
        // that is not linear in the direction, and the sort's rule gives one key's tangent (derivatives-bf16 seed 452).
        var type = new TensorType(DType.BFloat16, [9]);
        double[] keys = [1.5, 0.0325, 0.0325, 2.25, 0.0325, 0.0325, 0.75, 0.0325, 3.0];
        var x = RefArray.Exact(type, keys.Select(k => Scalar.FromDouble(DType.BFloat16, k)).ToArray());
        var program = new FuzzProgram([x], [new(new SortFuzzOp(0, isStable: true, numKeys: 1, descending: true, output: 0), [0], type)], [1]);
        var result = DerivativeCheck.Run(program, On(RunMode.Eager));
        Assert.True(result.Outcome == CheckOutcome.Passed && result.Compared > 4, result.Message);
    }
}
