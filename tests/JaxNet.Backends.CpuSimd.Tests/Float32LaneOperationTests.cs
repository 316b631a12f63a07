using System.Runtime.Intrinsics;
using JaxNet.Backends.CpuSimd.Codegen.Vector;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// The float32 lane operations that the routines use to save instructions (IFloat32Lanes: MultiplySubtract,
/// NegatedMultiplyAdd, ScaleByPowerOfTwo) against float64 references rounded once, at both widths: a fused operation
/// that rounded twice, or a scale whose AVX-512 instruction (vscalefps) and two-step form disagreed on a subnormal
/// result, would change the routines' bits between widths.
/// </summary>
public sealed class Float32LaneOperationTests
{
    // Products whose low half matters, cancellation to zero, signed zeros, infinities and NaN.
    private static readonly (float A, float B, float C)[] Triples =
    [
        (1.1f, 1.3f, 1.1f * 1.3f), (3f, 5f, 7f), (-2.5f, 4f, 1e-8f), (1e20f, 1e20f, float.MaxValue), (0f, 5f, -0f),
        (-0f, 5f, 0f), (0f, -1f, 0f), (1e-30f, 1e-10f, 1e-45f), (float.PositiveInfinity, 2f, 1f),
        (float.PositiveInfinity, 0f, 1f), (2f, 3f, float.NaN), (float.NaN, 1f, 1f), (16777215f, 16777217f, 2.8147493e14f),
        (0.70710677f, 0.70710677f, 0.5f), (-7f, 1e-40f, 1e-39f), (3.4e38f, 2f, 3.4e38f),
    ];

    [Fact]
    public void Fused_forms_round_once_like_a_negated_fma()
    {
        var (a, b, c) = Vectors();
        AssertLanes(Lanes512.MultiplySubtract(a.Wide, b.Wide, c.Wide), Lanes256.MultiplySubtract(a.Narrow, b.Narrow, c.Narrow),
            i => MathF.FusedMultiplyAdd(Triples[i].A, Triples[i].B, -Triples[i].C));
        AssertLanes(Lanes512.NegatedMultiplyAdd(a.Wide, b.Wide, c.Wide), Lanes256.NegatedMultiplyAdd(a.Narrow, b.Narrow, c.Narrow),
            i => MathF.FusedMultiplyAdd(-Triples[i].A, Triples[i].B, Triples[i].C));
    }

    [Theory]
    [InlineData(1.5f, 0f)]
    [InlineData(1.5f, -149f)] // 1.5 2^-149 rounds to 2^-148 (ties to even)
    [InlineData(1.25f, -149f)] // rounds down to the smallest subnormal
    [InlineData(0.75f, -149f)] // 0.75 of the smallest subnormal: up to it
    [InlineData(0.5f, -149f)] // exactly half: to even, zero
    [InlineData(1.4142135f, -140f)]
    [InlineData(0.70710677f, -160f)]
    [InlineData(1.9999999f, 127f)]
    [InlineData(1.4142135f, 128f)] // overflow
    [InlineData(-1.4142135f, 140f)]
    [InlineData(-0.70710677f, -135f)]
    [InlineData(0f, 100f)]
    [InlineData(-0f, -100f)]
    [InlineData(float.PositiveInfinity, -3f)]
    [InlineData(float.NaN, 3f)]
    [InlineData(3f, 252f)]
    [InlineData(3f, -252f)]
    public void Scaling_rounds_once_at_both_widths(float x, float n)
    {
        // The lane under test sits among ordinary ones, so a width that mixed lanes up would show.
        var xs = Enumerable.Range(0, 16).Select(i => i == 5 || i == 13 ? x : 1f + i / 16f).ToArray();
        var ns = Enumerable.Range(0, 16).Select(i => i == 5 || i == 13 ? n : i - 8f).ToArray();
        var wide = Lanes512.ScaleByPowerOfTwo(Vector512.Create(xs), Vector512.Create(ns));
        var narrow = Lanes256.ScaleByPowerOfTwo(Vector256.Create(xs.AsSpan(8)), Vector256.Create(ns.AsSpan(8)));
        for (var i = 0; i < 16; i++)
        {
            var expected = (float)Math.ScaleB((double)xs[i], (int)ns[i]); // exact in float64, rounded once
            AssertSame(expected, wide[i]);
            if (i >= 8) AssertSame(expected, narrow[i - 8]);
        }
    }

    [Fact]
    public void Scaling_a_binade_into_the_subnormals_matches_float64()
    {
        // Every float32 in [1, 2) scaled by 2^-140 (15 bits lost) and by 2^-149 (all but the leading bit lost).
        foreach (var n in new[] { -140f, -149f, -126f })
        {
            var xs = new float[16];
            for (var i = 0; i < 1 << 23; i += 16)
            {
                for (var j = 0; j < 16; j++) xs[j] = BitConverter.UInt32BitsToSingle(0x3F800000u + (uint)(i + j));
                var wide = Lanes512.ScaleByPowerOfTwo(Vector512.Create(xs), Vector512.Create(n));
                var narrow = Lanes256.ScaleByPowerOfTwo(Vector256.Create(xs.AsSpan(8)), Vector256.Create(n));
                for (var j = 0; j < 16; j++)
                {
                    var expected = BitConverter.SingleToInt32Bits((float)Math.ScaleB((double)xs[j], (int)n));
                    if (BitConverter.SingleToInt32Bits(wide[j]) != expected || (j >= 8 && BitConverter.SingleToInt32Bits(narrow[j - 8]) != expected))
                        Assert.Fail($"{xs[j]:R} 2^{n}: {wide[j]:R}, expected {BitConverter.Int32BitsToSingle(expected):R}");
                }
            }
        }
    }

    private static ((Vector512<float> Wide, Vector256<float> Narrow) A, (Vector512<float> Wide, Vector256<float> Narrow) B,
        (Vector512<float> Wide, Vector256<float> Narrow) C) Vectors()
    {
        static (Vector512<float>, Vector256<float>) Of(Func<(float A, float B, float C), float> pick)
        {
            var values = Triples.Select(pick).ToArray();
            return (Vector512.Create(values), Vector256.Create(values.AsSpan(8)));
        }
        return (Of(t => t.A), Of(t => t.B), Of(t => t.C));
    }

    private static void AssertLanes(Vector512<float> wide, Vector256<float> narrow, Func<int, float> expected)
    {
        for (var i = 0; i < 16; i++)
        {
            AssertSame(expected(i), wide[i]);
            if (i >= 8) AssertSame(expected(i), narrow[i - 8]);
        }
    }

    /// <summary>The same bits, or both NaN (a NaN's sign and payload are the platform's, and the routines replace it).</summary>
    private static void AssertSame(float expected, float got)
    {
        if (float.IsNaN(expected)) Assert.True(float.IsNaN(got), $"expected NaN, got {got:R}");
        else Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(got));
    }
}
