using JaxNet.Conformance.Numerics;
using JaxNet.Abstractions.Kernels;
using JaxNet.Fuzz.Derivatives;
using JaxNet.Fuzz.Generation;
using JaxNet.Fuzz.Numerics;
using JaxNet.Fuzz.Ops;
using JaxNet.Fuzz.Programs;
using JaxNet.Fuzz.Running;
using JaxNet.Fuzz.Values;
using JaxNet.Testing;
using Xunit.Abstractions;

namespace JaxNet.Tests.Api;

/// <summary>
/// The fuzzer's float32, float16 and bfloat16 derivatives (<c>jaxnet fuzz --family derivatives-f32</c>,
/// <c>derivatives-f16</c>, <c>derivatives-bf16</c>): differences of the program's float64 twin, with bounds for the
/// narrow type's rounding relative to the terms: for float32 tight enough to catch a derivative rule off by 1e-4 and
/// loose enough for a correct backend's float32 rounding; for float16 and bfloat16 as coarse as their rounding, which
/// still catches a rule that is plainly wrong.
/// </summary>
[Collection(nameof(X64Collection))]
public class NarrowFloatDerivativeFuzzTests(ITestOutputHelper output)
{
    private static Target On(RunMode mode) => FuzzAssert.On("cpu", mode);

    [Fact]
    public void Float32_derivatives_on_the_cpu_backend_under_jit_vmap_and_eagerly_match_the_twins_differences() =>
        FuzzAssert.NoFailures(output, FuzzFamily.Derivatives32, [On(RunMode.Jit), On(RunMode.Vmap), On(RunMode.Eager)],
            Enumerable.Range(1, 40), FuzzOptions.Derivatives(DType.Float32));

    [Fact]
    public void The_twin_is_the_same_program_in_float64()
    {
        var program = FuzzFamily.Derivatives32.Generate(3, FuzzOptions.Derivatives(DType.Float32));
        Assert.Contains(program.Inputs, x => x.DType == DType.Float32);
        var twin = FiniteDifferences.Twin(program);
        Assert.DoesNotContain(Enumerable.Range(0, twin.ValueCount), v => twin.TypeOf(v).DType == DType.Float32);
        Assert.Equal(program.Render().Replace("f32", "f64").Replace("DType.Float32", "DType.Float64"), twin.Render());
    }

    [Fact]
    public void A_float32_derivative_off_by_a_ten_thousandth_is_caught_and_the_right_one_passes()
    {
        var type = new TensorType(DType.Float32, [256]);
        var x = RefArray.Exact(type, Enumerable.Range(0, 256).Select(i => Scalar.FromDouble(DType.Float32, Math.Sin(i) * 2)).ToArray());
        FuzzProgram With(FuzzOp op) => new([x], [new(op, [0], type), new(new ReduceFuzzOp(ReduceOp.Sum, [0]), [1], type.With([]))], [2]);
        // tanh with a JVP rule off by 1e-4: in float32 that is some 1700 ulps, far above rounding.
        var wrong = DerivativeCheck.Run(With(new UnaryWithScaledJvp(UnaryOp.Tanh, 1.0001)), On(RunMode.Jit));
        Assert.Equal(CheckOutcome.Mismatch, wrong.Outcome);
        var right = DerivativeCheck.Run(With(new UnaryFuzzOp(UnaryOp.Tanh)), On(RunMode.Jit));
        Assert.True(right.Outcome == CheckOutcome.Passed && right.Compared > 0, right.Message);
    }

    [Fact]
    public void Float16_derivatives_on_the_cpu_backend_match_the_twins_differences() =>
        FuzzAssert.NoFailures(output, FuzzFamily.Derivatives16, [On(RunMode.Jit), On(RunMode.Eager)], Enumerable.Range(1, 30),
            FuzzOptions.Derivatives(DType.Float16));

    [Fact]
    public void Bfloat16_derivatives_on_the_cpu_backend_match_the_twins_differences() =>
        FuzzAssert.NoFailures(output, FuzzFamily.DerivativesBf16, [On(RunMode.Jit), On(RunMode.Eager)], Enumerable.Range(1, 30),
            FuzzOptions.Derivatives(DType.BFloat16));

    [Theory]
    [InlineData(DType.Float16)]
    [InlineData(DType.BFloat16)]
    public void The_twin_is_the_same_program_in_float64_and_every_float_input_is_differentiated(DType dtype)
    {
        var program = FuzzFamily.Parse(dtype == DType.Float16 ? "derivatives-f16" : "derivatives-bf16").Generate(3, FuzzOptions.Derivatives(dtype));
        Assert.Contains(program.Inputs, x => x.DType == dtype);
        var twin = FiniteDifferences.Twin(program);
        Assert.DoesNotContain(Enumerable.Range(0, twin.ValueCount), v => twin.TypeOf(v).DType == dtype);
        Assert.All(Enumerable.Range(0, program.Inputs.Count).Where(k => program.Inputs[k].DType == dtype),
            k => Assert.True(FiniteDifferences.IsDifferentiable(program, k)));
    }

    [Theory]
    [InlineData(DType.Float16)]
    [InlineData(DType.BFloat16)]
    public void A_wrong_derivative_is_caught_and_the_right_one_passes_with_elements_compared(DType dtype)
    {
        var type = new TensorType(dtype, [64]);
        var x = RefArray.Exact(type, Enumerable.Range(0, 64).Select(i => Scalar.FromDouble(dtype, Math.Sin(i))).ToArray());
        FuzzProgram With(FuzzOp op) => new([x], [new(op, [0], type)], [1]);
        // A tanh rule that doubles the tangent.
        Assert.Equal(CheckOutcome.Mismatch, DerivativeCheck.Run(With(new UnaryWithScaledJvp(UnaryOp.Tanh, 2)), On(RunMode.Jit)).Outcome);
        var right = DerivativeCheck.Run(With(new UnaryFuzzOp(UnaryOp.Tanh)), On(RunMode.Jit));
        Assert.True(right.Outcome == CheckOutcome.Passed && right.Compared > 0, right.Message);
    }
}
