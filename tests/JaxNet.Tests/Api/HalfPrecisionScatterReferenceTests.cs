using JaxNet.Conformance.Numerics;
using JaxNet.Abstractions.Kernels;
using JaxNet.Fuzz.Numerics;
using JaxNet.Fuzz.Ops;
using JaxNet.Fuzz.Running;
using JaxNet.Fuzz.Values;

namespace JaxNet.Tests.Api;

/// <summary>
/// The fuzzer's reference for float16 sums: a reduction accumulates in float32 (the frontend lowers it so, as jnp.sum
/// does), a scatter-add rounds to float16 at every update (XLA's scatter combines in the operand's dtype). 2048 + 1 + 1
/// is 2050 accumulated in float32 and 2048 added in float16, one update at a time.
/// </summary>
public class HalfPrecisionScatterReferenceTests
{
    private static Scalar F16(double v) => Scalar.FromDouble(DType.Float16, v);

    [Fact]
    public void A_float16_scatter_add_allows_rounding_at_every_update()
    {
        var operand = RefArray.Exact(new TensorType(DType.Float16, [2]), [F16(2048), F16(0)]);
        var indices = RefArray.Exact(new TensorType(DType.Int32, [2, 1]), [Scalar.FromInteger(DType.Int32, 0), Scalar.FromInteger(DType.Int32, 0)]);
        var updates = RefArray.Exact(new TensorType(DType.Float16, [2]), [F16(1), F16(1)]);
        var scatter = new ScatterFuzzOp([], [0], [0], ScatterCombiner.Add, IndexMode.FillOrDrop);
        var reference = scatter.Evaluate([operand, indices, updates], NumericsModel.Ieee);
        Assert.True(OutputComparer.Matches(F16(2048), reference.Values[0], reference.Error[0]), $"bound {reference.Error[0]}");
        Assert.True(OutputComparer.Matches(F16(2050), reference.Values[0], reference.Error[0]));
        Assert.Equal(0, reference.Error[1]);
        // What the cpu backend computes: each update rounded to float16.
        var x = Jnp.Array(new[] { (Half)2048, (Half)0 });
        Assert.Equal([(Half)2048, (Half)0], x.At[new[] { 0, 0 }].Add(Jnp.Array(new[] { (Half)1, (Half)1 })).ToArray<Half>());
    }

    [Fact]
    public void A_float16_sum_is_bounded_with_float32s_unit_roundoff()
    {
        var sum = LineAccumulator.Create(ReduceOp.Sum, DType.Float16, NumericsModel.Ieee);
        foreach (var v in new[] { 2048.0, 1, 1 }) sum.Add(F16(v), 0);
        var (value, error) = sum.Result();
        Assert.Equal(2050, value.Float);
        Assert.False(OutputComparer.Matches(F16(2048), value, error), $"2048 within {error} of 2050");
        Assert.Equal((Half)2050, Jnp.Sum(Jnp.Array(new[] { (Half)2048, (Half)1, (Half)1 })).Item<Half>());
    }
}
