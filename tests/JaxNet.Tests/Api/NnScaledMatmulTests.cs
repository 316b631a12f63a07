using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>jax.nn.scaled_matmul and scaled_dot_general against a float64 reference of the dequantized product.</summary>
public class NnScaledMatmulTests
{
    private const int B = 2, M = 3, N = 2, K = 4, Ka = 2, Kb = 1;

    private static float[] Sample(int count, int seed) =>
        Enumerable.Range(0, count).Select(i => (float)Math.Round(Math.Sin(seed * 7.1 + i * 1.3) * 4, 2)).ToArray();

    private static NDArray Array3(float[] v, int a, int b, int c) => Jnp.FromHost<float>(v, [a, b, c], DType.Float32);

    // sum_k (lhs[b,m,k] * lhsScales[b,m,k / (K / Ka)]) * (rhs[b,n,k] * rhsScales[b,n,k / (K / Kb)]), in double.
    private static double[] Reference(float[] lhs, float[] rhs, float[] ls, float[] rs)
    {
        var result = new double[B * M * N];
        for (var b = 0; b < B; b++)
            for (var m = 0; m < M; m++)
                for (var n = 0; n < N; n++)
                {
                    double sum = 0;
                    for (var k = 0; k < K; k++)
                        sum += (double)lhs[(b * M + m) * K + k] * ls[(b * M + m) * Ka + k / (K / Ka)]
                            * rhs[(b * N + n) * K + k] * rs[(b * N + n) * Kb + k / (K / Kb)];
                    result[(b * M + m) * N + n] = sum;
                }
        return result;
    }

    private static (float[] L, float[] R, float[] Ls, float[] Rs) Inputs() =>
        (Sample(B * M * K, 1), Sample(B * N * K, 2), Sample(B * M * Ka, 3), Sample(B * N * Kb, 4));

    [Fact]
    public void MatchesTheFloat64ProductOfTheDequantizedOperands()
    {
        var (l, r, ls, rs) = Inputs();
        var y = Jax.Nn.ScaledMatmul(Array3(l, B, M, K), Array3(r, B, N, K), Array3(ls, B, M, Ka), Array3(rs, B, N, Kb));
        Assert.Equal([B, M, N], y.Shape);
        Values(Reference(l, r, ls, rs), y, shape: [B, M, N], tol: 1e-4);
        var jitted = Jax.Jit((NDArray a, NDArray b, NDArray c, NDArray d) => Jax.Nn.ScaledMatmul(a, b, c, d))(
            Array3(l, B, M, K), Array3(r, B, N, K), Array3(ls, B, M, Ka), Array3(rs, B, N, Kb));
        Values(Reference(l, r, ls, rs), jitted, shape: [B, M, N], tol: 1e-4);
    }

    [Fact]
    public void ThePreferredTypeIsTheResultType()
    {
        var (l, r, ls, rs) = Inputs();
        var half = Jax.Nn.ScaledMatmul(Array3(l, B, M, K).Astype(DType.BFloat16), Array3(r, B, N, K), Array3(ls, B, M, Ka),
            Array3(rs, B, N, Kb), DType.Float16);
        Assert.Equal(DType.Float16, half.DType);
        var expected = Reference(l.Select(v => (float)BFloatRound(v)).ToArray(), r, ls, rs);
        var got = half.ToArray<float>();
        for (var i = 0; i < got.Length; i++) Assert.Equal(expected[i], got[i], Math.Max(0.05, Math.Abs(expected[i]) * 2e-3));
    }

    private static double BFloatRound(float v) => JaxNet.Core.BFloat16Bits.ToDouble(JaxNet.Core.BFloat16Bits.FromDouble(v));

    [Fact]
    public void GradientsAndVmapFollowTheDequantizedProduct()
    {
        var (l, r, ls, rs) = Inputs();
        var (rhs, lhsScales, rhsScales) = (Array3(r, B, N, K), Array3(ls, B, M, Ka), Array3(rs, B, N, Kb));
        var g = Jax.Grad((NDArray a) => Jnp.Sum(Jax.Nn.ScaledMatmul(a, rhs, lhsScales, rhsScales)))(Array3(l, B, M, K));
        // d/dlhs[b,m,k] = lhsScale[b,m,k/2] * sum_n rhs[b,n,k] * rhsScale[b,n,0]
        var expected = new double[B * M * K];
        for (var b = 0; b < B; b++)
            for (var m = 0; m < M; m++)
                for (var k = 0; k < K; k++)
                    expected[(b * M + m) * K + k] = ls[(b * M + m) * Ka + k / 2]
                        * Enumerable.Range(0, N).Sum(n => (double)r[(b * N + n) * K + k] * rs[(b * N + n) * Kb]);
        Values(expected, g, shape: [B, M, K], tol: 1e-4);
        var stacked = Jax.Vmap((NDArray a) => Jax.Nn.ScaledMatmul(a, rhs, lhsScales, rhsScales))(Jnp.Stack([Array3(l, B, M, K), Array3(l, B, M, K) * 2f]));
        Values([.. Reference(l, r, ls, rs), .. Reference(l, r, ls, rs).Select(v => v * 2)], stacked, shape: [2, B, M, N], tol: 1e-4);
    }

    [Fact]
    public void NanInfinityAndEmptyOperands()
    {
        var (l, r, ls, rs) = Inputs();
        ls[0] = float.NaN; // the first block of row (0, 0)
        rs[0] = float.PositiveInfinity; // every k of rhs row (0, 0)
        var y = Jax.Nn.ScaledMatmul(Array3(l, B, M, K), Array3(r, B, N, K), Array3(ls, B, M, Ka), Array3(rs, B, N, Kb)).ToArray<float>();
        Assert.True(float.IsNaN(y[0]) && float.IsNaN(y[1])); // row (0, 0) meets the NaN scale
        Assert.True(float.IsInfinity(y[2]) || float.IsNaN(y[2])); // row (0, 1) meets the infinite rhs row 0
        Assert.True(float.IsFinite(y[3]));
        var empty = Jax.Nn.ScaledMatmul(Jnp.Zeros([1, 2, 0]), Jnp.Zeros([1, 3, 0]), Jnp.Zeros([1, 2, 0]), Jnp.Zeros([1, 3, 0]));
        Values([0, 0, 0, 0, 0, 0], empty, shape: [1, 2, 3]);
        Assert.Equal([1, 0, 3], Jax.Nn.ScaledMatmul(Jnp.Zeros([1, 0, 4]), Jnp.Zeros([1, 3, 4]), Jnp.Zeros([1, 0, 2]), Jnp.Ones([1, 3, 1])).Shape);
    }

    [Fact]
    public void BadShapesAndTypesAreRefused()
    {
        NDArray Z(params int[] s) => Jnp.Zeros(s);
        Assert.Throws<ShapeException>(() => Jax.Nn.ScaledMatmul(Z(2, 4), Z(1, 2, 4), Z(1, 2, 2), Z(1, 2, 2)));
        Assert.Throws<ShapeException>(() => Jax.Nn.ScaledMatmul(Z(1, 2, 4), Z(2, 2, 4), Z(1, 2, 2), Z(2, 2, 2)));
        Assert.Throws<ShapeException>(() => Jax.Nn.ScaledMatmul(Z(1, 2, 4), Z(1, 2, 5), Z(1, 2, 2), Z(1, 2, 5)));
        Assert.Throws<ShapeException>(() => Jax.Nn.ScaledMatmul(Z(1, 2, 4), Z(1, 2, 4), Z(1, 2, 3), Z(1, 2, 2))); // 4 % 3
        Assert.Throws<ShapeException>(() => Jax.Nn.ScaledMatmul(Z(1, 2, 4), Z(1, 2, 4), Z(1, 3, 2), Z(1, 2, 2))); // rows
        Assert.Throws<ShapeException>(() => Jax.Nn.ScaledMatmul(Z(1, 2, 4), Z(1, 2, 4), Z(1, 2, 0), Z(1, 2, 2))); // no blocks
        Assert.Throws<ArgumentException>(() => Jax.Nn.ScaledMatmul(Jnp.Zeros([1, 2, 4], DType.Int32), Z(1, 2, 4), Z(1, 2, 2), Z(1, 2, 2)));
        Assert.Throws<ArgumentException>(() => Jax.Nn.ScaledMatmul(Z(1, 2, 4), Z(1, 2, 4), Z(1, 2, 2), Z(1, 2, 2), DType.Int32));
    }

    [Fact]
    public void ScaledDotGeneralWithoutConfigsIsADotGeneralInThePreferredType()
    {
        var a = Matrix(new float[,] { { 1, 2 }, { 3, 4 } });
        var b = Matrix(new float[,] { { 5, 6 }, { 7, 8 } });
        var y = Jax.Nn.ScaledDotGeneral(a.Astype(DType.Float16), b.Astype(DType.Float16), ([1], [0]));
        Assert.Equal(DType.Float32, y.DType);
        Values([19, 22, 43, 50], y, shape: [2, 2]);
        Assert.Equal(DType.BFloat16, Jax.Nn.ScaledDotGeneral(a, b, ([1], [0]), preferredElementType: DType.BFloat16).DType);
        Assert.Throws<ArgumentException>(() => Jax.Nn.ScaledDotGeneral(a, b, ([1], [0]), preferredElementType: DType.Int32));
    }
}
