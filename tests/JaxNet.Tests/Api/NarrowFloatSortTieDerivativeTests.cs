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
/// Sorted positions whose float16 keys tie are not differentiable, and the reference must not claim their derivatives
/// from its float64 twin (derivatives-f16 and -bf16 seed 455). The twin's differences follow the order the keys take as
/// they move: for three tied keys the middle one moves with the median of the directions, a smooth function along any
/// one direction that the kink test passes, where the sort's rule gives the tangent of the element it put there. And
/// keys that round to one float16 value but differ in the twin are ordered by the twin while the backend may order
/// them either way.
/// </summary>
[Collection(nameof(X64Collection))]
public class NarrowFloatSortTieDerivativeTests
{
    private static readonly TensorType Row = new(DType.Float16, [7]);

    private static RefArray Float16s(double[] values) =>
        RefArray.Exact(Row, values.Select(v => Scalar.FromDouble(DType.Float16, v)).ToArray());

    private static RefArray Direction(double[] values) =>
        RefArray.Exact(Row.With(DType.Float64), values.Select(v => Scalar.FromDouble(DType.Float64, v)).ToArray());

    private static FuzzProgram SortOf(RefArray x, params FuzzNode[] before)
    {
        var sort = new SortFuzzOp(0, isStable: true, numKeys: 1, descending: false, output: 0);
        var nodes = before.Append(new FuzzNode(sort, [before.Length], Row));
        return new FuzzProgram([x], nodes.ToArray(), [1 + before.Length]);
    }

    private static readonly double[] Along = [0.25, -0.298, 0.5, -0.086, 0.125, -0.666, 1.0];

    [Fact]
    public void The_middle_of_three_tied_float16_keys_is_left_unknown()
    {
        // Keys 0.8037 at positions 1, 3 and 5 (seed 455 minimised): sorted, they land at 2, 3 and 4.
        var program = SortOf(Float16s([0.125, 0.8037, 0.5, 0.8037, 1.5, 0.8037, 2.0]));
        var jvp = FiniteDifferences.Jvp(program, [Direction(Along)])[0];
        Assert.All(new[] { 2, 3, 4 }, i => Assert.True(jvp.IsUnknown(i), $"position {i}: {jvp.Values[i].Float} ± {jvp.Error[i]}"));
        Assert.All(new[] { 0, 1, 5, 6 }, i => Assert.False(jvp.IsUnknown(i), $"position {i}"));
    }

    [Fact]
    public void Keys_that_tie_only_after_rounding_to_float16_are_left_unknown()
    {
        // erf(-0.75977) and erf(-0.75928) are both -0.71729 in float16 and 3.1e-4 apart in float64.
        var x = Float16s([0.5, -0.759765625, 1.25, -0.75927734375, -2.0, 0.0625, 1.75]);
        var program = SortOf(x, new FuzzNode(new UnaryFuzzOp(UnaryOp.Erf), [0], Row));
        var jvp = FiniteDifferences.Jvp(program, [Direction(Along)])[0];
        Assert.All(new[] { 1, 2 }, i => Assert.True(jvp.IsUnknown(i), $"position {i}: {jvp.Values[i].Float} ± {jvp.Error[i]}"));
        Assert.False(jvp.IsUnknown(0));
        Assert.All(new[] { 3, 4, 5, 6 }, i => Assert.False(jvp.IsUnknown(i), $"position {i}"));
    }

    [Theory]
    [InlineData(RunMode.Eager)]
    [InlineData(RunMode.Jit)]
    [InlineData(RunMode.Vmap)]
    public void A_sort_with_tied_float16_keys_passes_and_its_untied_positions_are_still_compared(RunMode mode)
    {
        var program = SortOf(Float16s([0.125, 0.8037, 0.5, 0.8037, 1.5, 0.8037, 2.0]));
        var result = DerivativeCheck.Run(program, FuzzAssert.On("cpu", mode));
        Assert.True(result.Outcome == CheckOutcome.Passed && result.Compared > 0, $"{mode}: {result.Message}");
    }
}
