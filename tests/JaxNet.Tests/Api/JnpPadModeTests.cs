using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>jnp.pad's edge, reflect, symmetric and wrap modes against NumPy (numpy 1.24), including widths beyond
/// the axis length.</summary>
public class JnpPadModeTests
{
    [Theory]
    [InlineData(PadMode.Edge, new[] { 1, 1, 1, 2, 3, 3, 3, 3 }, new[] { 1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3 })]
    [InlineData(PadMode.Reflect, new[] { 3, 2, 1, 2, 3, 2, 1, 2 }, new[] { 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3 })]
    [InlineData(PadMode.Symmetric, new[] { 2, 1, 1, 2, 3, 3, 2, 1 }, new[] { 1, 1, 2, 3, 3, 2, 1, 1, 2, 3, 3, 2, 1, 1, 2, 3, 3, 2 })]
    [InlineData(PadMode.Wrap, new[] { 2, 3, 1, 2, 3, 1, 2, 3 }, new[] { 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2 })]
    public void Modes(PadMode mode, int[] narrow, int[] wide)
    {
        Ints(narrow, Jnp.Pad(I(1, 2, 3), [(2, 3)], mode));
        Ints(wide, Jnp.Pad(I(1, 2, 3), [(7, 8)], mode));
        Ints(narrow, Jax.Jit((NDArray x) => Jnp.Pad(x, [(2, 3)], mode))(I(1, 2, 3)));
    }

    [Fact]
    public void MatricesAndSingleElements()
    {
        var m = Jnp.Array(new[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Ints([6, 5, 4, 5, 6, 5, 3, 2, 1, 2, 3, 2, 6, 5, 4, 5, 6, 5, 3, 2, 1, 2, 3, 2], Jnp.Pad(m, [(1, 1), (2, 1)], PadMode.Reflect), [4, 6]);
        Ints([3, 1, 2, 3, 6, 4, 5, 6, 3, 1, 2, 3, 6, 4, 5, 6, 3, 1, 2, 3], Jnp.Pad(m, [(0, 3), (1, 0)], PadMode.Wrap), [5, 4]);
        Ints([5, 5, 5, 5, 5], Jnp.Pad(I(5), [(2, 2)], PadMode.Reflect));
        Ints([5, 5, 5, 5], Jnp.Pad(I(5), [(2, 1)], PadMode.Symmetric));
        Values([0, 0, 1, 2, 0], Jnp.Pad(F(1, 2), [(2, 1)], PadMode.Constant));
        Values([9, 1, 2, 9], Jnp.Pad(F(1, 2), 1, PadMode.Constant, 9));
        Ints([1, 1, 2, 2], Jnp.Pad(I(1, 2), 1, PadMode.Edge));
        Ints([], Jnp.Pad(Jnp.Zeros([0], DType.Int32), [(0, 0)], PadMode.Reflect), [0]);
    }

    [Fact]
    public void BadInput()
    {
        Assert.Throws<ShapeException>(() => Jnp.Pad(Jnp.Zeros([0]), [(1, 0)], PadMode.Wrap));
        Assert.Throws<ShapeException>(() => Jnp.Pad(Jnp.Zeros([2, 2]), [(1, 0), (1, 1), (0, 0)], PadMode.Edge));
        Assert.Throws<ArgumentException>(() => Jnp.Pad(F(1, 2), [(-1, 0)], PadMode.Reflect));
    }

    [Fact]
    public void GradientsGatherTheCopies()
    {
        // Reflect [a, b, c] by (2, 1) is [c, b, a, b, c, b]: b appears three times, c twice.
        Values([1, 3, 2], Jax.Grad(x => Jnp.Sum(Jnp.Pad(x, [(2, 1)], PadMode.Reflect)))(F(1, 2, 3)));
        GradCheck.Check(x => Jnp.Pad(x, [(1, 2), (3, 0)], PadMode.Symmetric), Jnp.FromHost<double>([0.3, -1.2, 2, 0.7], [2, 2], DType.Float64));
        JitAndVmapAgree(r => Jnp.Pad(r, [(1, 2)], PadMode.Wrap), Jnp.Arange(6).Reshape(2, 3));
    }
}
