namespace JaxNet.Tests.Api;

/// <summary>
/// Two transcendental functions fused over an operand read with a stride, under Jit, against the same functions run
/// one at a time. On cpu-simd a row's last vector of such an operand (strides 2 to 4) is a masked, permuted load;
/// inlined into a float64 kernel with two of these functions, .NET 10's JIT compiled it to a load of zeros, so the
/// last vector of every row read x = 0 (found by jax.scipy.spatial.transform under Jit; see docs/cpu-simd.md).
/// </summary>
public class JitStridedTranscendentalTests
{
    private static readonly (string Name, Func<NDArray, NDArray> F, Func<NDArray, NDArray> G)[] Pairs =
    [
        ("sin+cos", Jnp.Sin, Jnp.Cos),
        ("tan+erf", Jnp.Tan, x => Jax.Lax.Erf(x)),
        ("log1p+atan", Jnp.Log1p, Jnp.Arctan),
        ("sin+tanh", Jnp.Sin, Jnp.Tanh),
    ];

    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    public void Fused_pairs_over_strided_columns_match_the_functions_one_at_a_time(DType dtype)
    {
        var mismatches = new List<string>();
        foreach (var (name, f, g) in Pairs)
            foreach (var stride in new[] { 2, 3, 4, 5 })
                foreach (var n in new[] { 3, 9, 20, 64 })
                {
                    var a = (Jnp.Arange(64 * stride).Reshape(64, stride) * 0.013).Astype(dtype);
                    var fused = Jax.Jit((NDArray m) => f(m[..n, 0]) + g(m[..n, 0]))(a).Astype(DType.Float64).ToArray<double>();
                    var column = Jnp.FromHost<double>(a[..n, 0].Astype(DType.Float64).ToArray<double>(), [n], DType.Float64).Astype(dtype);
                    var separate = (f(column) + g(column)).Astype(DType.Float64).ToArray<double>();
                    var tolerance = dtype == DType.Float64 ? 1e-14 : 1e-6;
                    var bad = Enumerable.Range(0, n).Where(i => !(Math.Abs(fused[i] - separate[i]) <= tolerance * Math.Max(1, Math.Abs(separate[i])))).ToArray();
                    if (bad.Length > 0) mismatches.Add($"{name} stride {stride} n {n}: points {string.Join(",", bad)}");
                }
        Assert.True(mismatches.Count == 0, string.Join("; ", mismatches));
    }

    [Fact]
    public void Sin_plus_cos_of_a_strided_float64_column_matches_math()
    {
        var a = Jnp.Arange(192).Astype(DType.Float64).Reshape(64, 3) * 0.01;
        var fused = Jax.Jit((NDArray m) => Jnp.Sin(m[.., 0]) + Jnp.Cos(m[.., 0]))(a).ToArray<double>();
        for (var i = 0; i < 64; i++) Assert.Equal(Math.Sin(3.0 * i * 0.01) + Math.Cos(3.0 * i * 0.01), fused[i], 1e-14);
    }
}
