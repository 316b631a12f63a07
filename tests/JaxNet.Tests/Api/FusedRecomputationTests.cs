using JaxNet.Fuzz.Running;
using JaxNet.Testing;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Api;

/// <summary>
/// A value that Jit's fusion recomputes in two kernels must come out the same in both: the cpu backend's scalar path
/// (used where a kernel does not vectorize) computed exp, log, sin, cos, tanh and logistic with .NET's scalar routines
/// while its vector lanes used other approximations, so x == max(x) was false on whole lines and the gradient of
/// reduce_max(exp(x)) was zero there (found by the derivative fuzzer, seed 381).
/// </summary>
[Collection(nameof(X64Collection))]
public class FusedRecomputationTests
{
    public static TheoryData<string, DType> Functions()
    {
        var data = new TheoryData<string, DType>();
        foreach (var f in new[] { "exp", "log", "sin", "cos", "tanh", "logistic" })
            foreach (var dtype in new[] { DType.Float32, DType.Float64 })
                data.Add(f, dtype);
        return data;
    }

    private static NDArray Apply(string f, NDArray x) => f switch
    {
        "exp" => Lax.Exp(x),
        "log" => Lax.Log(x),
        "sin" => Lax.Sin(x),
        "cos" => Lax.Cos(x),
        "tanh" => Lax.Tanh(x),
        _ => Lax.Logistic(x),
    };

    private static NDArray Data(DType dtype, int[] shape)
    {
        var random = new Random(1);
        var n = shape.Aggregate(1, (a, b) => a * b);
        return Jnp.FromHost(Enumerable.Range(0, n).Select(_ => random.NextDouble() * 3 + 0.01).ToArray(), shape, dtype);
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void The_maximum_of_a_recomputed_value_is_found_among_its_elements_under_jit(string f, DType dtype) => FuzzCheck.WithX64(() =>
    {
        int[] shape = [77, 4, 2, 1];
        var x = Data(dtype, shape);
        var isMax = Jax.Jit((NDArray a) =>
        {
            var y = Apply(f, a);
            var max = Lax.BroadcastInDim(Lax.ReduceMax(y, [2]), shape, [0, 1, 3]);
            return Lax.Eq(y, max);
        });
        // Each line of 2 along axis 2 (consecutive elements, the last dimension being 1) holds its maximum.
        var mask = isMax(x).ToArray<bool>();
        Assert.All(Enumerable.Range(0, mask.Length / 2), line => Assert.True(mask[2 * line] || mask[2 * line + 1], $"line {line}"));
        return 0;
    });

    [Fact]
    public void The_gradient_of_a_max_of_exp_is_the_same_under_jit_as_eagerly() => FuzzCheck.WithX64(() =>
    {
        var x = Data(DType.Float64, [77, 4, 2, 1]);
        var grad = Jax.Grad((NDArray a) => Lax.ReduceSum(Lax.ReduceMax(Lax.Exp(a), [2]), [0, 1, 2]));
        var eager = grad(x).ToArray<double>();
        var jitted = Jax.Jit(grad)(x).ToArray<double>();
        Assert.Equal(77 * 4, eager.Count(g => g != 0));
        Assert.Equal(eager, jitted);
        return 0;
    });
}
