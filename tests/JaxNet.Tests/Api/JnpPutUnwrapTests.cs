using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>put_along_axis (functional, as JAX's), unwrap and the one-argument where against NumPy 1.24's
/// values.</summary>
public class JnpPutUnwrapTests
{
    private static NDArray A() => Jnp.Array(new[,] { { 10, 30, 20 }, { 60, 40, 50 } });

    [Fact]
    public void PutAlongAxisWritesWhereTakeAlongAxisReads()
    {
        Ints([10, 99, 20, 99, 40, 50], Jnp.PutAlongAxis(A(), Jnp.Array(new[,] { { 1 }, { 0 } }), 99, axis: 1), [2, 3]);
        Ints([7, 30, 9, 60, 8, 50], Jnp.PutAlongAxis(A(), Jnp.Array(new[,] { { 0, 1, 0 } }), Jnp.Array(new[,] { { 7, 8, 9 } }), axis: 0), [2, 3]);
        var argmax = Jnp.ExpandDims(Jnp.Argmax(A(), axis: 1), 1);
        Ints([10, 0, 20, 0, 40, 50], Jnp.PutAlongAxis(A(), argmax, 0, axis: -1), [2, 3]);
        // Negative indices count from the end; out of range drops the value by default, clamps with Clip.
        Ints([10, 30, 5, 60, 40, 5], Jnp.PutAlongAxis(A(), Jnp.Array(new[,] { { -1 }, { -1 } }), 5, axis: 1));
        Ints([10, 30, 20, 60, 40, 50], Jnp.PutAlongAxis(A(), Jnp.Array(new[,] { { 3 }, { 7 } }), 5, axis: 1));
        Ints([10, 30, 5, 60, 40, 5], Jnp.PutAlongAxis(A(), Jnp.Array(new[,] { { 3 }, { 7 } }), 5, axis: 1, mode: TakeMode.Clip));
        Assert.Throws<ShapeException>(() => Jnp.PutAlongAxis(A(), Jnp.Array(new[] { 0 }), 1, axis: 1));
        Assert.Throws<ArgumentException>(() => Jnp.PutAlongAxis(A(), Jnp.Array(new[,] { { 0.5f } }), 1, axis: 1));
        // Jit, and the gradient: zero at the overwritten entries, one for each value written.
        var idx = Jnp.Array(new[,] { { 1 }, { 0 } });
        Values([1, 99, 3, 99, 5, 6], Jax.Jit((NDArray x) => Jnp.PutAlongAxis(x, idx, 99f, 1))(Jnp.Array(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } })));
        var g = Jax.Grad((NDArray x, NDArray v) => Jnp.Sum(Jnp.PutAlongAxis(x, idx, v, 1)), argnums: [0, 1])(Jnp.Ones([2, 3]), Jnp.Ones([2, 1]));
        Values([1, 0, 1, 0, 1, 1], g[0]);
        Values([1, 1], g[1]);
    }

    [Fact]
    public void UnwrapRemovesPhaseJumps()
    {
        Values([0, 3, 0.21681469282041377, 1, 3.2831853071795862, 2.7168146928204138], Jnp.Unwrap(F(0, 3, 6.5f, 1, -3, 9)));
        Values([1, 2, 3, 4, 5, 6, 7, 8, 9], Jnp.Unwrap(I(1, 2, 3, 4, 5, 6, 1, 2, 3), period: 6));
        Values([0, 2.5, 5, 7.5], Jnp.Unwrap(F(0, 2.5f, 5, 7.5f), discont: 4));
        Values([0, -0.28318530717958623, 0.5, 1, 1.5, 1.2831853071795862],
            Jnp.Unwrap(Jnp.Array(new float[,] { { 0, 6, 0.5f }, { 1, 1.5f, -5 } }), axis: 1), shape: [2, 3]);
        Values([0, -2.2831853071795862, double.NaN, double.NaN], Jnp.Unwrap(F(0, 4, float.NaN, 1)));
        // A jump of exactly +period/2 stays, and one of -period/2 too.
        Values([0, Math.PI, 0, -Math.PI], Jnp.Unwrap(D(0, Math.PI, 0, -Math.PI)), DType.Float64, tol: 1e-12);
        Values([], Jnp.Unwrap(Jnp.Zeros([0])), shape: [0]);
        Values([2], Jnp.Unwrap(F(2)));
        Assert.Throws<ShapeException>(() => Jnp.Unwrap(Jnp.Array(1f)));
        Assert.Throws<ArgumentException>(() => Jnp.Unwrap(Jnp.Array(new[] { new System.Numerics.Complex(1, 1) })));
        JitAndVmapAgree(r => Jnp.Unwrap(r), Matrix(new float[,] { { 0, 3, 6.5f, 1 }, { 0, -4, 2, 8 } }));
        Values([1, 1, 1], Jax.Grad((NDArray x) => Jnp.Sum(Jnp.Unwrap(x)))(F(0, 3, 6.5f)));
    }

    [Fact]
    public void WhereWithOnlyAConditionIsNonzero()
    {
        var nz = Jnp.Where(Jnp.Array(new[,] { { 0, 1, 0 }, { 2, 0, 3 } }));
        Ints([0, 1, 1], nz[0]);
        Ints([1, 0, 2], nz[1]);
        Assert.Throws<ConcretizationTypeError>(() => Jax.Jit((NDArray x) => Jnp.Where(x)[0])(I(0, 1)));
        // The three-argument select is unchanged by the overload.
        Ints([1, -1], Jnp.Where(Jnp.Array(new[] { true, false }), 1, -1));
    }
}
