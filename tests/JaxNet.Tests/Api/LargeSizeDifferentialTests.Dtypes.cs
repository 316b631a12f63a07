using static JaxNet.Tests.Api.LargeSizeReference;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Api;

/// <summary>Reductions of bool and int32 arrays (counts, and int32 sums that wrap around), and float16 and bfloat16
/// sums, over the axes of large arrays.</summary>
public partial class LargeSizeDifferentialTests
{
    private static readonly int[][] DtypeShapes = [[1031, 263], [3, 87383], [87383, 3], [7, 20011, 3], [6, 17, 35, 41]];

    [Fact]
    public void CountsOfBoolsOverEveryAxisAndPair()
    {
        foreach (var shape in DtypeShapes)
        {
            var host = HostArray.Wave(shape, phase: 23).RoundedTo(DType.Float32);
            // The thresholds as the device compares them: float32.
            var mask = host with { Values = host.Values.Select(v => v > (double)0.3f ? 1.0 : 0).ToArray() };
            var near = host with { Values = host.Values.Select(v => v > (double)0.9999f ? 1.0 : 0).ToArray() };
            var far = near with { Values = near.Values.Select(v => 1 - v).ToArray() };
            var x = host.ToDevice();
            foreach (var axes in AxisSets(shape.Length))
            {
                var counts = Sum(mask, axes);
                var expected = counts.Values.Select(v => (int)v).ToArray();
                EagerAndJit("sum of bools " + Name(shape, axes), v => Jnp.Sum(v > 0.3f, axes), x, (what, r) => Exact(what, expected, counts.Shape, r));
                EagerAndJit("any " + Name(shape, axes), v => Lax.ReduceOr(v > 0.9999f, axes), x,
                    (what, r) => Close(what, Max(near, axes), r.Astype(DType.Float32), DType.Float32, 0));
                EagerAndJit("all " + Name(shape, axes), v => Lax.ReduceAnd(v <= 0.9999f, axes), x,
                    (what, r) => Close(what, Min(far, axes), r.Astype(DType.Float32), DType.Float32, 0));
            }
        }
    }

    [Fact]
    public void Int32SumsWrapAroundOverEveryAxis()
    {
        foreach (var shape in DtypeShapes)
        {
            // Values near 2^24: a sum of more than 128 of them passes 2^31 and wraps, as int32 arithmetic does.
            var size = shape.Aggregate(1, (a, b) => a * b);
            var values = Enumerable.Range(0, size).Select(i => (1 << 24) + (int)((long)i * 7919 % 65521) - 32760).ToArray();
            var x = Jnp.FromHost<int>(values, shape, DType.Int32);
            var host = new HostArray(values.Select(v => (double)v).ToArray(), shape);
            foreach (var axes in AxisSets(shape.Length))
            {
                // The reference adds in unchecked int arithmetic (wrapping is exact in any order).
                var expected = Reduce(host, axes, (a, b) => unchecked((int)a + (int)b), 0);
                EagerAndJit("int32 sum " + Name(shape, axes), v => Jnp.Sum(v, axes), x,
                    (what, r) => Exact(what, expected.Values.Select(v => (int)v).ToArray(), expected.Shape, r));
                EagerAndJit("int32 max " + Name(shape, axes), v => Lax.ReduceMax(v, axes), x,
                    (what, r) => Exact(what, Max(host, axes).Values.Select(v => (int)v).ToArray(), expected.Shape, r));
            }
        }
    }

    [Fact]
    public void HalfPrecisionSumsOverEveryAxis()
    {
        foreach (var dtype in new[] { DType.Float16, DType.BFloat16 })
            foreach (var shape in DtypeShapes)
            {
                var host = HostArray.Wave(shape, phase: 24).RoundedTo(dtype);
                var x = host.ToDevice(dtype);
                // Summed in float32 (as JAX upcasts them), then rounded to the half type: half an ulp (2^-11 of the
                // result for float16, 2^-8 for bfloat16, and float16's smallest step near 0), and a float32 sum's error.
                var ulp = dtype == DType.Float16 ? 1.0 / 2048 : 1.0 / 256;
                foreach (var axes in AxisSets(shape.Length))
                {
                    var abs = AbsSum(host, axes).Values;
                    var expected = Sum(host, axes);
                    var allowed = abs.Select((s, i) => ulp * Math.Abs(expected.Values[i]) + 6e-8 + 1e-5 * s).ToArray();
                    EagerAndJit($"{dtype} sum " + Name(shape, axes), v => Jnp.Sum(v, axes), x, (what, r) => Close(what, expected, r, dtype, 1, allowed));
                }
            }
    }
}
