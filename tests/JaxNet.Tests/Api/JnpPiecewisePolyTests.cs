using System.Numerics;
using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>piecewise, poly, polydiv, trim_zeros and sort_complex against NumPy 1.24 (JAX's full-length polydiv
/// remainder where the two differ).</summary>
public class JnpPiecewisePolyTests
{
    private static NDArray X() => F(-2, -0.5f, 0, 0.5f, 2, 3);

    [Fact]
    public void PiecewiseAppliesTheLastConditionThatHolds()
    {
        Func<NDArray, NDArray>[] pieces = [v => -v, v => v * v, _ => 7];
        NDArray Pieces(NDArray x) => Jnp.Piecewise(x, [Jnp.Less(x, 0), Jnp.GreaterEqual(x, 1)], pieces);
        Values([2, 0.5, 7, 7, 4, 9], Pieces(X()));
        Values([2, 0.5, 7, 7, 4, 9], Jax.Jit((Func<NDArray, NDArray>)Pieces)(X()));
        JitAndVmapAgree(Pieces, X().Reshape(2, 3));
        // Constants, and 0 where no condition holds.
        Values([-1, -1, 0, 1, 1, 1], Jnp.Piecewise(X(), [Jnp.Less(X(), 0), Jnp.Greater(X(), 0)], [-1f, 1f]));
        // Results take x's dtype (truncated to integers, as NumPy casts them).
        var xi = I(-2, -1, 0, 1, 2);
        Ints([-3, -1, 0, 1, 2], Jnp.Piecewise(xi, [Jnp.Less(xi, 0)], [v => v * 1.5, v => v + 0.5]));
        // A later condition overrides an earlier one; the gradient follows the chosen piece.
        var grad = Jax.Grad((NDArray x) => Jnp.Sum(Jnp.Piecewise(x, [Jnp.Less(x, 10), Jnp.Greater(x, 1)], [v => v * 2, v => v * v])))(F(0.5f, 3));
        Values([2, 6], grad);
        // A matrix, and no conditions at all (the otherwise function everywhere).
        Values([4, 0, 1, 4], Jnp.Piecewise(Jnp.Array(new float[,] { { -2, 0 }, { 1, 2 } }), [], [v => v * v]), shape: [2, 2]);
        Values([], Jnp.Piecewise(F(), [Jnp.Less(F(), 0)], [v => -v, v => v]), shape: [0]);
    }

    [Fact]
    public void PiecewiseRefusesMismatchedLists()
    {
        Assert.Throws<ArgumentException>(() => Jnp.Piecewise(X(), [Jnp.Less(X(), 0)], new Func<NDArray, NDArray>[] { v => v, v => v, v => v }));
        Assert.Throws<ArgumentException>(() => Jnp.Piecewise(X(), [Jnp.Less(X(), 0), Jnp.Less(X(), 1)], new Func<NDArray, NDArray>[] { v => v }));
        Assert.Throws<ShapeException>(() => Jnp.Piecewise(X(), [Jnp.Ones([4], DType.Bool)], [1f]));
    }

    [Fact]
    public void PolyBuildsCoefficientsFromRoots()
    {
        Values([1, -6, 11, -6], Jnp.Poly(F(1, 2, 3)));
        Values([1, -0.5], Jnp.Poly(Jnp.Array(0.5f)));
        Values([1], Jnp.Poly(F()), shape: []);
        Values([1, -6, 11, -6], Jax.Jit(Jnp.Poly)(I(3, 2, 1)));
        // A square matrix: its characteristic polynomial, complex as in JAX.
        Complexes([1, -5, -2], Jnp.Poly(Jnp.Array(new float[,] { { 1, 2 }, { 3, 4 } })), tol: 1e-5);
        Complexes([1, 0, 1], Jnp.Poly(Jnp.Array(new[] { new Complex(0, 1), new Complex(0, -1) })));
        Assert.Throws<ShapeException>(() => Jnp.Poly(Jnp.Zeros([2, 3])));
        Assert.Throws<ShapeException>(() => Jnp.Poly(Jnp.Zeros([2, 2, 2])));
    }

    [Fact]
    public void PolydivKeepsTheRemainderLength()
    {
        var (q, r) = Jnp.Polydiv(F(1, -3, 2, 5), F(1, -1));
        Values([1, -2, 0], q);
        Values([0, 0, 0, 5], r);
        (q, r) = Jnp.Polydiv(F(1, -3, 2, 5), F(1, -1), trimLeadingZeros: true);
        Values([5], r, shape: [1]);
        (q, r) = Jnp.Polydiv(F(3, 1), F(1, 2, 3));
        Values([0], q);
        Values([3, 1], r);
        (q, r) = Jnp.Polydiv(I(2, 4, 6), I(2), trimLeadingZeros: true);
        Values([1, 2, 3], q);
        Values([], r, shape: [0]);
        var jitted = Jax.Jit((NDArray u, NDArray v) => Jnp.Polydiv(u, v).Quotient);
        Values([1, -2, 0], jitted(F(1, -3, 2, 5), F(1, -1)));
        // Dividing by a leading zero gives infinities and NaNs, as in JAX.
        Values([double.NaN, double.NegativeInfinity], Jnp.Polydiv(F(1, 2), F(0, 1)).Remainder);
        Assert.Throws<ShapeException>(() => Jnp.Polydiv(F(1, 2), F()));
        Assert.Throws<ShapeException>(() => Jnp.Polydiv(Jnp.Zeros([2, 2]), F(1)));
        Assert.Throws<ConcretizationTypeError>(() => Jax.Jit((NDArray u) => Jnp.Polydiv(u, F(1, 1), trimLeadingZeros: true).Remainder)(F(1, 2)));
    }

    [Fact]
    public void TrimZerosFromEitherEnd()
    {
        Ints([1, 0, 2], Jnp.TrimZeros(I(0, 0, 1, 0, 2, 0)));
        Ints([1, 0, 2, 0], Jnp.TrimZeros(I(0, 0, 1, 0, 2, 0), "f"));
        Ints([0, 0, 1, 0, 2], Jnp.TrimZeros(I(0, 0, 1, 0, 2, 0), "B"));
        Ints([], Jnp.TrimZeros(I(0, 0)), [0]);
        Values([float.NaN, 0, 1], Jnp.TrimZeros(F(0, float.NaN, 0, 1, 0)));
        // Per axis: rows and columns that are zero everywhere.
        var m = Jnp.Array(new[,] { { 0, 0, 0, 0 }, { 0, 1, 0, 0 }, { 0, 0, 2, 0 } });
        Ints([1, 0, 0, 2], Jnp.TrimZeros(m), [2, 2]);
        Ints([0, 0, 1, 0, 0, 2], Jnp.TrimZeros(m, axes: [1]), [3, 2]);
        Assert.Throws<ConcretizationTypeError>(() => Jax.Jit((NDArray x) => Jnp.TrimZeros(x))(I(0, 1)));
        Assert.Throws<ShapeException>(() => Jnp.TrimZeros(I(0, 1), axes: [1]));
    }

    [Fact]
    public void SortComplexSortsByRealThenImaginaryPart()
    {
        Complexes([1, 2, 3], Jnp.SortComplex(I(3, 1, 2)));
        Assert.Equal(DType.Complex64, Jnp.SortComplex(F(2, 1)).DType);
        Complexes([new Complex(0, 5), new Complex(1, -1), new Complex(1, 2)],
            Jnp.SortComplex(Jnp.Array(new[] { new Complex(1, 2), new Complex(1, -1), new Complex(0, 5) })));
        Assert.Throws<ShapeException>(() => Jnp.SortComplex(Jnp.Array(1f)));
    }
}
