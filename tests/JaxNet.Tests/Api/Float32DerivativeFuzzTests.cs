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
/// The fuzzer's float32 derivatives (<c>jaxnet fuzz --family derivatives-f32</c>): differences of the program's float64
/// twin, with bounds for float32's rounding relative to the terms, tight enough to catch a derivative rule off by
/// 1e-4 and loose enough for a correct backend's float32 rounding.
/// </summary>
[Collection(nameof(X64Collection))]
public class Float32DerivativeFuzzTests(ITestOutputHelper output)
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

    /// <summary>tanh with a JVP rule off by 1e-4: in float32 that is some 1700 ulps, far above rounding.</summary>
    private sealed class SlightlyWrongTanh : FuzzOp
    {
        private static readonly Func<NDArray, NDArray> Tanh = Jax.CustomJvp(Jax.Lax.Tanh,
            (x, t) =>
            {
                var y = Jax.Lax.Tanh(x);
                var slope = Jax.Lax.Sub(Jnp.OnesLike(y), Jax.Lax.Mul(y, y));
                return (y, Jax.Lax.Mul(Jax.Lax.Mul(slope, t), Jax.Lax.ConvertElementType(Jnp.Scalar(1.0001), x.DType)));
            });

        public override TensorType ResultType(IReadOnlyList<TensorType> args) => args[0];

        public override NDArray Apply(IReadOnlyList<NDArray> args) => Tanh(args[0]);

        public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics) => new UnaryFuzzOp(UnaryOp.Tanh).Evaluate(args, numerics);

        public override string Render(IReadOnlyList<string> args) => $"SlightlyWrongTanh({args[0]})";
    }

    [Fact]
    public void A_float32_derivative_off_by_a_ten_thousandth_is_caught_and_the_right_one_passes()
    {
        var type = new TensorType(DType.Float32, [256]);
        var x = RefArray.Exact(type, Enumerable.Range(0, 256).Select(i => Scalar.FromDouble(DType.Float32, Math.Sin(i) * 2)).ToArray());
        FuzzProgram With(FuzzOp op) => new([x], [new(op, [0], type), new(new ReduceFuzzOp(ReduceOp.Sum, [0]), [1], type.With([]))], [2]);
        var wrong = DerivativeCheck.Run(With(new SlightlyWrongTanh()), On(RunMode.Jit));
        Assert.Equal(CheckOutcome.Mismatch, wrong.Outcome);
        var right = DerivativeCheck.Run(With(new UnaryFuzzOp(UnaryOp.Tanh)), On(RunMode.Jit));
        Assert.True(right.Outcome == CheckOutcome.Passed && right.Compared > 0, right.Message);
    }
}
