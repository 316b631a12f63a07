using System.Numerics;
using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Numerics;
using JaxNet.Fuzz.Numerics;
using JaxNet.Fuzz.Ops;
using JaxNet.Fuzz.Ops.ComplexNumbers;
using JaxNet.Fuzz.Programs;
using JaxNet.Fuzz.Running;
using JaxNet.Fuzz.Values;

namespace JaxNet.Tests.Api;

/// <summary>
/// The complex family's reference (tools/fuzz, `jaxnet fuzz --family complex`): the values JAX defines exactly are
/// claimed exactly, those a correct implementation may give otherwise (XLA's naive product with an infinite part,
/// division by zero) are left unknown, and a complex function a few parts in a million off is caught.
/// </summary>
[Collection(nameof(X64Collection))]
public class ComplexFuzzReferenceTests
{
    private static RefArray Data(DType dtype, params Complex[] values) =>
        RefArray.Exact(new TensorType(dtype, [values.Length]), values.Select(v => ComplexElement.Of(dtype, v)).ToArray());

    private static RefArray Unary(ComplexFunction function, params Complex[] values) =>
        new ComplexUnaryFuzzOp(function).Evaluate([Data(DType.Complex128, values)], NumericsModel.Ieee);

    [Fact]
    public void The_logarithm_of_a_signed_zero_is_minus_infinity_and_its_argument()
    {
        var log = Unary(ComplexFunction.Log, new(0, 0), new(-0.0, 0), new(-0.0, -0.0));
        Assert.All(log.Values, v => Assert.Equal(double.NegativeInfinity, v.Float));
        Assert.Equal([0, Math.PI, -Math.PI], log.Values.Select(ComplexElement.Imaginary));
        Assert.All(log.Error, e => Assert.True(e < 1e-11, $"bound {e}")); // atan2's conformance tolerance
    }

    [Fact]
    public void The_modulus_of_an_infinite_part_is_infinite_beside_nan()
    {
        var abs = Unary(ComplexFunction.Abs, new(double.NaN, double.NegativeInfinity), new(double.NaN, 1), new(3e307, 4e307));
        Assert.Equal([double.PositiveInfinity, double.NaN, 5e307], abs.Values.Select(v => v.Float));
        Assert.Equal(0, abs.Error[0]);
        Assert.Equal(0, abs.Error[1]);
        Assert.True(abs.Error[2] < 1e294, $"bound {abs.Error[2]}");
    }

    [Fact]
    public void A_product_with_an_infinite_part_and_a_quotient_by_zero_are_unknown()
    {
        var x = Data(DType.Complex128, new(double.PositiveInfinity, 0), new(1, 2), new(1, 2));
        var y = Data(DType.Complex128, new(1, 1), Complex.Zero, new(3, -1));
        var product = new ComplexBinaryFuzzOp(BinaryOp.Mul).Evaluate([x, y], NumericsModel.Ieee);
        var quotient = new ComplexBinaryFuzzOp(BinaryOp.Div).Evaluate([x, y], NumericsModel.Ieee);
        Assert.True(product.IsUnknown(0));
        Assert.Equal(new Complex(5, 5), ComplexElement.Value(product.Values[2]));
        Assert.True(product.Error[2] < 1e-300, $"bound {product.Error[2]}"); // exact products: only the subnormals' allowance
        Assert.True(quotient.IsUnknown(1));
        Assert.True(Complex.Abs(ComplexElement.Value(quotient.Values[2]) - new Complex(0.1, 0.7)) < 1e-15);
        Assert.False(quotient.IsUnknown(2));
    }

    [Fact]
    public void A_real_operand_is_promoted_with_a_zero_imaginary_part()
    {
        var real = RefArray.Exact(new TensorType(DType.Float64, []), [Scalar.FromDouble(DType.Float64, 2)]);
        var sum = new ComplexBinaryFuzzOp(BinaryOp.Add).Evaluate([real, Data(DType.Complex64, new Complex(1, -3))], NumericsModel.Ieee);
        Assert.Equal(DType.Complex128, sum.DType);
        Assert.Equal(new Complex(3, -3), ComplexElement.Value(sum.Values[0]));
    }

    /// <summary>sqrt whose JaxNet side is 4 parts in a million too large: a stand-in for a wrong planar formula.</summary>
    private sealed class SlightlyLargeSqrt : FuzzOp
    {
        private readonly ComplexUnaryFuzzOp sqrt = new(ComplexFunction.Sqrt);

        public override TensorType ResultType(IReadOnlyList<TensorType> args) => sqrt.ResultType(args);

        public override NDArray Apply(IReadOnlyList<NDArray> args) =>
            Jax.Lax.Mul(Jax.Lax.Sqrt(args[0]), Jax.Lax.ConvertElementType(Jnp.Array(1.000004), args[0].DType));

        public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics) => sqrt.Evaluate(args, numerics);

        public override string Render(IReadOnlyList<string> args) => $"SlightlyLargeSqrt({args[0]})";
    }

    [Fact]
    public void A_complex_function_a_few_parts_in_a_million_off_is_caught_and_the_right_one_passes()
    {
        var x = Data(DType.Complex64, Enumerable.Range(0, 64).Select(i => new Complex(i - 20.5, 0.25 * i - 3)).ToArray());
        var wrong = new FuzzProgram([x], [new FuzzNode(new SlightlyLargeSqrt(), [0], x.Type)], [1]);
        var right = new FuzzProgram([x], [new FuzzNode(new ComplexUnaryFuzzOp(ComplexFunction.Sqrt), [0], x.Type)], [1]);
        foreach (var mode in new[] { RunMode.Jit, RunMode.Vmap, RunMode.Eager })
        {
            var target = FuzzAssert.On("cpu", mode);
            Assert.Equal(CheckOutcome.Mismatch, FuzzCheck.Run(wrong, target).Outcome);
            var result = FuzzCheck.Run(right, target);
            Assert.Equal(CheckOutcome.Passed, result.Outcome);
            Assert.Equal(0, result.Unknown);
        }
    }
}
