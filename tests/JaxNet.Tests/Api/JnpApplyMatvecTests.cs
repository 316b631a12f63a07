using System.Numerics;
using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>matvec, vecmat, apply_along_axis, apply_over_axes, rollaxis and array_equiv; expected values from
/// NumPy 1.24 (matvec and vecmat, NumPy 2 gufuncs, as the matmul of a column or of a conjugated row).</summary>
public class JnpApplyMatvecTests
{
    private static NDArray A() => Matrix(new float[,] { { 0, 1, 2 }, { 3, 4, 5 } });

    [Fact]
    public void MatvecAndVecmat()
    {
        Values([8, 26], Jnp.Matvec(A(), F(1, 2, 3)));
        var stack = F(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11).Reshape(2, 2, 3);
        Values([4, 13, 22, 31], Jnp.Matvec(stack, F(1, 0, 2)), shape: [2, 2]);
        var row = Jnp.Array(new[] { new Complex(1, 1), new Complex(2, 0) });
        Complexes([new Complex(7, -1), new Complex(10, -2)], Jnp.Vecmat(row, Jnp.Array(new[,] { { 1, 2 }, { 3, 4 } })));
        Assert.Throws<ShapeException>(() => Jnp.Matvec(F(1, 2), F(1, 2)));
        Assert.Throws<ShapeException>(() => Jnp.Vecmat(A(), Jnp.Array(1f)));
        Assert.Throws<ShapeException>(() => Jnp.Matvec(A(), F(1, 2)));
        // d/dv sum(v A) = the row sums of A.
        Values([3, 12], Jax.Grad((NDArray v) => Jnp.Sum(Jnp.Vecmat(v, A())))(F(1, 1)));
    }

    [Fact]
    public void ApplyAlongAndOverAxes()
    {
        Values([4, 13], Jnp.ApplyAlongAxis(v => v[0] + 2 * v[-1], 1, A()));
        Values([3, 5, 7, 3, 4, 5], Jnp.ApplyAlongAxis(v => Jnp.Stack([Jnp.Sum(v), Jnp.Max(v)]), 0, A()), shape: [2, 3]);
        var b = Jnp.Arange(24).Reshape(2, 3, 4);
        Ints([8, 9, 10, 11, 20, 21, 22, 23], Jnp.ApplyAlongAxis(v => Jnp.Max(v), 1, b), [2, 4]);
        Ints([60, 92, 124], Jnp.ApplyOverAxes((x, a) => Jnp.Sum(x, a), b, 0, 2), [1, 3, 1]);
        Assert.Throws<ShapeException>(() => Jnp.ApplyOverAxes((x, a) => Jnp.Sum(x), b, 0));
        Assert.Throws<ShapeException>(() => Jnp.ApplyAlongAxis(v => v, 2, A()));
        Values([4, 13], Jax.Jit((NDArray x) => Jnp.ApplyAlongAxis(v => v[0] + 2 * v[-1], 1, x))(A()));
    }

    [Fact]
    public void RollaxisAndArrayEquiv()
    {
        var x = Jnp.Zeros([3, 4, 5, 6]);
        Assert.Equal([3, 6, 4, 5], Jnp.Rollaxis(x, 3, 1).Shape);
        Assert.Equal([5, 3, 4, 6], Jnp.Rollaxis(x, 2).Shape);
        Assert.Equal([3, 5, 6, 4], Jnp.Rollaxis(x, 1, 4).Shape);
        Assert.Throws<ShapeException>(() => Jnp.Rollaxis(x, 1, 5));
        Assert.Throws<ShapeException>(() => Jnp.Rollaxis(x, 4));
        Assert.True(Jnp.ArrayEquiv(I(1, 2), Jnp.Array(new[,] { { 1, 2 }, { 1, 2 } })));
        Assert.False(Jnp.ArrayEquiv(I(1, 2), Jnp.Array(new[,] { { 1, 2, 1, 2 }, { 1, 2, 1, 2 } })));
        Assert.False(Jnp.ArrayEquiv(I(1, 2), Jnp.Array(new[,] { { 1, 2 }, { 1, 3 } })));
        Assert.False(Jnp.ArrayEquiv(F(float.NaN), F(float.NaN)));
    }
}
