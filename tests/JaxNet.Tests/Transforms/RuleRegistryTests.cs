using JaxNet.Core;
using JaxNet.Transforms;

namespace JaxNet.Tests.Transforms;

/// <summary>Every primitive of the registry has its autodiff rules, or a documented reason why not.</summary>
public class RuleRegistryTests
{
    [Fact]
    public void EveryPrimitiveIsGradCheckedOrDocumented()
    {
        var registry = Differentiability.Registry();
        Assert.True(registry.Count > 80, $"the registry enumeration found only {registry.Count} primitives");
        var missing = registry.Select(p => p.Name)
            .Where(n => !GradCheckCases.Primitives.ContainsKey(n) && !Differentiability.NoTangentSpace.Contains(n) &&
                !Differentiability.NonDifferentiable.ContainsKey(n) && !Differentiability.RulesPending.ContainsKey(n))
            .ToList();
        Assert.True(missing.Count == 0, "primitives without a gradient check or a documented reason: " + string.Join(", ", missing));
        foreach (var (name, reason) in Differentiability.NonDifferentiable) Assert.False(string.IsNullOrWhiteSpace(reason), name);
    }

    [Fact]
    public void EveryPrimitiveOverridesJvpAndEveryLinearOneTranspose()
    {
        foreach (var p in Differentiability.Registry())
        {
            if (Differentiability.NonDifferentiable.ContainsKey(p.Name)) continue;
            if (Differentiability.RulesPending.ContainsKey(p.Name))
            {
                Assert.False(Overrides(p, nameof(Primitive.Jvp)), $"{p.Name} has a JVP rule now: remove it from RulesPending");
                continue;
            }
            Assert.True(Overrides(p, nameof(Primitive.Jvp)), $"{p.Name} has no JVP rule");
            if (Differentiability.Linear.Contains(p.Name)) Assert.True(Overrides(p, nameof(Primitive.Transpose)), $"{p.Name} has no transpose rule");
        }
    }

    [Fact]
    public void ForwardModeOnlyPrimitivesAreCheckedForwardAndRefuseReverseMode()
    {
        foreach (var (name, error) in Differentiability.ForwardModeOnly)
        {
            var c = GradCheckCases.Primitives[name];
            Assert.Equal(GradCheck.Modes.Fwd, c.Modes);
            var e = Assert.Throws<InvalidOperationException>(() => Jax.VjpN(c.F, c.Args()).Pullback(c.F(c.Args())));
            Assert.Equal(error, e.Message);
        }
    }

    [Fact]
    public void PrimitivesWithoutTangentSpaceGiveZeroTangents()
    {
        var x = Jnp.FromHost<double>([0.5, -2, 3], [3], DType.Float64);
        var i = Jnp.FromHost<int>([5, 1, 3], [3], DType.Int32);
        // Integer and bool results inside a differentiated function: they simply carry no tangent.
        Func<NDArray, NDArray> f = v =>
        {
            var k = Jax.Lax.Argmax(v, 0) + Jax.Lax.Argmin(v, 0) + Jax.Lax.ShiftLeft(i, Jnp.Array(1)) + Jax.Lax.PopulationCount(i) +
                Jax.Lax.Clz(i) + Jax.Lax.RotateLeft(i, Jnp.Array(1)) + Jax.Lax.BitwiseXor(i, i);
            var b = Jnp.Any(v > 0) & Jnp.All(Jax.Lax.IsFinite(v)) & !Jnp.Any(v > 10);
            return Jnp.Sum(v * Jax.Lax.ConvertElementType(k, DType.Float64)) * Jax.Lax.ConvertElementType(b, DType.Float64);
        };
        // The integer factor k = argmax + argmin + (i << 1) + popcount(i) + clz(i) + rotl(i, 1) + 0, and b = 1: grad = k.
        int[] ints = [5, 1, 3];
        var expected = ints.Select(n => 2 + 1 + (n << 1) + System.Numerics.BitOperations.PopCount((uint)n) +
            System.Numerics.BitOperations.LeadingZeroCount((uint)n) + (int)System.Numerics.BitOperations.RotateLeft((uint)n, 1)).ToArray();
        Assert.Equal(expected.Select(e => (double)e).ToArray(), Jax.Grad(f)(x).ToArray<double>());
        GradCheck.Check(f, x);
    }

    [Fact]
    public void NonDifferentiablePrimitivesSayWhichRuleIsMissing()
    {
        var e = Assert.Throws<MissingRuleException>(() => Jax.Grad(x => Jax.Lax.NextAfter(x, 2f) * x)(1f));
        Assert.Equal("nextafter", e.Primitive);
        Assert.Equal("primitive 'nextafter' has no JVP rule", e.Message);
    }

    private static bool Overrides(Primitive p, string method) =>
        p.GetType().GetMethod(method)!.DeclaringType != typeof(Primitive);
}
