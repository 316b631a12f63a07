using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>put, place and fill_diagonal in JAX's functional form, against NumPy 1.24's in-place results (and JAX's
/// clamping where NumPy raises).</summary>
public class JnpPutPlaceTests
{
    private static NDArray A() => Jnp.Arange(0.0, 6.0).Reshape(2, 3);

    [Fact]
    public void PutWritesAtFlatPositions()
    {
        Values([10, 1, 2, 3, 4, 20], Jnp.Put(A(), I(0, -1), F(10, 20)), shape: [2, 3]);
        Values([20, 1, 2, 3, 4, 10], Jnp.Put(A(), I(7, -8), F(10, 20), TakeMode.Clip));
        Values([0, 10, 2, 3, 20, 5], Jnp.Put(A(), I(7, -8), F(10, 20), TakeMode.Wrap));
        // JAX's default clamps beyond either end (NumPy raises): 9 -> 5, -8 -> 0.
        Values([20, 1, 2, 3, 4, 10], Jnp.Put(A(), I(9, -8), F(10, 20)));
        // Too few values repeat; integer values take the array's dtype.
        Values([0, 9, 9, 9, 4, 5], Jnp.Put(A(), I(1, 2, 3), I(9)), shape: [2, 3]);
        Values([0, 10, 2, 3, 4, 5], Jax.Jit((NDArray a, NDArray i) => Jnp.Put(a, i, F(10)))(A(), I(1)));
        // Empty indices or values leave the array as it is.
        Values([0, 1, 2, 3, 4, 5], Jnp.Put(A(), Jnp.Zeros([0], DType.Int32), F(1)));
        Values([0, 1, 2, 3, 4, 5], Jnp.Put(A(), I(1), F()));
        Values([], Jnp.Put(F(), I(1), F(2)), shape: [0]);
        Assert.Throws<ArgumentException>(() => Jnp.Put(A(), F(1), F(1)));
        Assert.Throws<ArgumentException>(() => Jnp.Put(A(), I(1), F(1), TakeMode.Fill));
        // Differentiable in the values and in the untouched elements.
        Values([1, 0, 1, 1, 1, 0], Jax.Grad((NDArray a) => Jnp.Sum(Jnp.Put(a, I(1, 5), F(7, 8))))(A()), shape: [2, 3]);
    }

    [Fact]
    public void PlaceFillsMaskedElementsCyclically()
    {
        Values([0, 1, 2, -1, -2, -1], Jnp.Place(A(), Jnp.Greater(A(), 2), F(-1, -2)), shape: [2, 3]);
        Values([0, 1, 2, -1, -2, -1], Jax.Jit((NDArray a) => Jnp.Place(a, Jnp.Greater(a, 2), F(-1, -2)))(A()));
        JitAndVmapAgree(a => Jnp.Place(a, Jnp.Greater(a, 2), F(-1, -2)), A());
        JitAndVmapAgree(a => Jnp.Put(a, I(2, -3), a * 10), A());
        Values([0, 1, 2, 3, 4, 5], Jnp.Place(A(), Jnp.Zeros([6], DType.Bool), F(9)));
        Assert.Throws<ShapeException>(() => Jnp.Place(A(), Jnp.Zeros([5], DType.Bool), F(9)));
        Assert.Throws<ArgumentException>(() => Jnp.Place(A(), Jnp.Zeros([2, 3], DType.Bool), F()));
        Values([], Jnp.Place(F(), F(), F(1)), shape: [0]);
    }

    [Fact]
    public void FillDiagonalWithAndWithoutWrap()
    {
        Values([1, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0], Jnp.FillDiagonal(Jnp.Zeros([5, 3]), F(1, 2)), shape: [5, 3]);
        Values([1, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0], Jnp.FillDiagonal(Jnp.Zeros([5, 3]), F(1, 2), wrap: true));
        Values([7, 0, 0, 0, 0, 7, 0, 0], Jnp.FillDiagonal(Jnp.Zeros([2, 4]), 7f));
        var cube = Jnp.FillDiagonal(Jnp.Zeros([3, 3, 3]), F(1, 2, 3));
        Values([1, 2, 3], Jnp.Stack([cube[0, 0, 0], cube[1, 1, 1], cube[2, 2, 2]]));
        Values([6], Jnp.Sum(cube).Reshape(1));
        Values([5, 0, 0, 5], Jax.Jit((NDArray a) => Jnp.FillDiagonal(a, 5f))(Jnp.Zeros([2, 2])));
        Assert.Throws<ShapeException>(() => Jnp.FillDiagonal(F(1, 2), 1f));
        Assert.Throws<ShapeException>(() => Jnp.FillDiagonal(Jnp.Zeros([2, 3, 3]), 1f));
        Assert.Throws<ArgumentException>(() => Jnp.FillDiagonal(Jnp.Zeros([2, 2]), F()));
    }
}
