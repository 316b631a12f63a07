using static JaxNet.Tests.Api.SpectralChecks;
using Linalg = JaxNet.Jax.Scipy.Linalg;

namespace JaxNet.Tests.Api;

/// <summary>
/// Jax.Scipy.Linalg's matrices built from data (circulant, hankel, companion, leslie, fiedler, fiedler_companion,
/// convolution_matrix) against SciPy 1.10.1's, computed with /usr/bin/python3 (<c>scipy.linalg.circulant([1, 2, 3])</c>
/// and so on; each call is written next to its values), plus batches, gradients, Jit, Vmap and bad input.
/// </summary>
public class ScipyLinalgStructuredMatricesTests
{
    private static NDArray V(params double[] v) => Jnp.Array(v, DType.Float64);

    [Fact]
    public void Circulant_and_hankel_match_scipy()
    {
        // circulant([1, 2, 3]); integers stay integers.
        var c = Linalg.Circulant(Jnp.Array(new[] { 1, 2, 3 }));
        Assert.Equal(DType.Int32, c.DType);
        Assert.Equal([1, 3, 2, 2, 1, 3, 3, 2, 1], c.ToArray<int>());
        // hankel([1, 2, 3], [9, 4, 5, 6]) (r[0] is not read) and hankel([1, 2, 3]) (zeros below the anti-diagonal).
        Assert.Equal([1, 2, 3, 4, 2, 3, 4, 5, 3, 4, 5, 6], Linalg.Hankel(Jnp.Array(new[] { 1, 2, 3 }), Jnp.Array(new[] { 9, 4, 5, 6 })).ToArray<int>());
        Assert.Equal([1, 2, 3, 2, 3, 0, 3, 0, 0], Linalg.Hankel(Jnp.Array(new[] { 1, 2, 3 })).ToArray<int>());
        // hankel([1., 2], [7, 8, 9]): a wide matrix.
        Close(Matrix(new double[,] { { 1, 2, 8 }, { 2, 8, 9 } }), Linalg.Hankel(V(1, 2), V(7, 8, 9)), 0);
        // Batches, Vmap and Jit; empty and scalar input.
        var batch = Matrix(new double[,] { { 1, 2, 3 }, { -1, 0.5, 4 } });
        Close(Jax.Vmap(x => Linalg.Circulant(x))(batch), Linalg.Circulant(batch), 0);
        Close(Linalg.Hankel(batch, V(0, 7)), Jax.Jit((x, y) => Linalg.Hankel(x, y))(batch, V(0, 7)), 0);
        Assert.Equal([2, 3, 2], Linalg.Hankel(batch, V(0, 7)).Shape);
        Assert.Equal([0, 0], Linalg.Circulant(Jnp.Zeros([0])).Shape);
        Assert.Equal([1, 1], Linalg.Circulant(Jnp.Array(5.0)).Shape);
        Assert.Throws<ShapeException>(() => Linalg.Hankel(Jnp.Ones([2, 3]), Jnp.Ones([3, 3])));
        // Gathers: each entry's gradient counts its appearances (c[i] on the anti-diagonal i, r[0] nowhere).
        var grads = Jax.Grad((x, y) => Jnp.Sum(Linalg.Hankel(x, y)), argnums: [0, 1])(V(1, 2, 3), V(9, 4, 5, 6));
        Close([1, 2, 3], grads[0], 0);
        Close([0, 3, 2, 1], grads[1], 0);
        Close([3, 3, 3], Jax.Grad(x => Jnp.Sum(Linalg.Circulant(x)))(V(1, 2, 3)), 0);
    }

    [Fact]
    public void Companions_match_scipy_and_have_the_roots_as_eigenvalues()
    {
        // companion([2., -3, 4, 1]).
        Close(Matrix(new double[,] { { 1.5, -2, -0.5 }, { 1, 0, 0 }, { 0, 1, 0 } }), Linalg.Companion(V(2, -3, 4, 1)), 0);
        // fiedler_companion([1., -6, 11, -6]), [2., 4, -6, 8, 10], [3., 6], [2., 1, 1].
        Close(Matrix(new double[,] { { 6, -11, 1 }, { 1, 0, 0 }, { 0, 6, 0 } }), Linalg.FiedlerCompanion(V(1, -6, 11, -6)), 0);
        Close(Matrix(new double[,] { { -2, 3, 1, 0 }, { 1, 0, 0, 0 }, { 0, -4, 0, -5 }, { 0, 1, 0, 0 } }), Linalg.FiedlerCompanion(V(2, 4, -6, 8, 10)), 0);
        Close(Matrix(new double[,] { { -2 } }), Linalg.FiedlerCompanion(V(3, 6)), 0);
        Close(Matrix(new double[,] { { -0.5, -0.5 }, { 1, 0 } }), Linalg.FiedlerCompanion(V(2, 1, 1)), 0);
        Assert.Equal([0, 0], Linalg.FiedlerCompanion(V(5)).Shape);
        // Both have the roots of (x - 1)(x - 2)(x - 3)(x + 0.5) as eigenvalues: their characteristic polynomials
        // det(tI - A) vanish at each root (checked in float64 through Det).
        var p = V(1, -5.5, 8, -0.5, -3);
        foreach (var a in new[] { Linalg.Companion(p), Linalg.FiedlerCompanion(p) })
            foreach (var root in new[] { 1.0, 2, 3, -0.5 })
                Assert.True(Math.Abs((double)Linalg.Det(Jnp.Eye(4, dtype: DType.Float64) * root - a)) < 1e-12, $"root {root}");
        // Integer coefficients give the default float; a zero leading coefficient gives infinities; batches.
        Assert.Equal(DType.Float32, Linalg.Companion(Jnp.Array(new[] { 1, 2, 3 })).DType);
        Assert.True(double.IsInfinity(Linalg.Companion(V(0, 1, 2)).ToArray<double>()[0]));
        Close(Linalg.Companion(V(2, -3, 4, 1)), Linalg.Companion(Matrix(new double[,] { { 2, -3, 4, 1 }, { 1, 0, 0, 0 } }))[0], 0);
        Close(Linalg.FiedlerCompanion(p), Jax.Jit(x => Linalg.FiedlerCompanion(x))(p), 0);
        Assert.Throws<ShapeException>(() => Linalg.Companion(V(1)));
        // The negated sum of the first row is (a1 + a2 + a3) / a0: its derivative is -(a1 + a2 + a3) / a0² in a0, 1 / a0
        // in the others.
        Close([-(-3.0 + 4 + 1) / 4, 0.5, 0.5, 0.5], Jax.Grad(x => -Jnp.Sum(Linalg.Companion(x)[0]))(V(2, -3, 4, 1)), 1e-15);
    }

    [Fact]
    public void Leslie_and_fiedler_match_scipy()
    {
        // leslie([0.1, 2, 1, 0.1], [0.2, 0.8, 0.7]).
        Close(Matrix(new double[,] { { 0.1, 2, 1, 0.1 }, { 0.2, 0, 0, 0 }, { 0, 0.8, 0, 0 }, { 0, 0, 0.7, 0 } }),
            Linalg.Leslie(V(0.1, 2, 1, 0.1), V(0.2, 0.8, 0.7)), 0);
        Close(Matrix(new double[,] { { 3 } }), Linalg.Leslie(V(3), V()), 0);
        Assert.Throws<ShapeException>(() => Linalg.Leslie(V(1, 2), V(1, 2)));
        Assert.Throws<ShapeException>(() => Linalg.Leslie(V(), V()));
        var grads = Jax.Grad((f, s) => Jnp.Sum(Linalg.Leslie(f, s) * Jnp.Arange(9).Reshape(3, 3)), argnums: [0, 1])(V(1, 2, 3), V(4, 5));
        Close([0, 1, 2], grads[0], 0);
        Close([3, 7], grads[1], 0);
        // fiedler([1, 4, 12, 45]); NaN spreads to its row and column.
        Assert.Equal([0, 3, 11, 44, 3, 0, 8, 41, 11, 8, 0, 33, 44, 41, 33, 0], Linalg.Fiedler(Jnp.Array(new[] { 1, 4, 12, 45 })).ToArray<int>());
        var nan = Linalg.Fiedler(V(1, double.NaN, 3)).ToArray<double>();
        Assert.Equal(5, nan.Count(double.IsNaN));
        var rows = Matrix(new double[,] { { 1, 2, 3 }, { 0, 0, 1 } });
        Close(Linalg.Fiedler(rows), Jax.Vmap(x => Linalg.Fiedler(x))(rows), 0);
        Assert.Equal([2, 3, 3], Linalg.Fiedler(rows).Shape);
    }

    [Theory]
    // convolution_matrix([1, 2, 3], 5, mode) and convolution_matrix([1, 2, 3, 4, 5], 2, mode).
    [InlineData("full", new[] { 1, 0, 0, 0, 0, 2, 1, 0, 0, 0, 3, 2, 1, 0, 0, 0, 3, 2, 1, 0, 0, 0, 3, 2, 1, 0, 0, 0, 3, 2, 0, 0, 0, 0, 3 }, new[] { 1, 0, 2, 1, 3, 2, 4, 3, 5, 4, 0, 5 })]
    [InlineData("same", new[] { 2, 1, 0, 0, 0, 3, 2, 1, 0, 0, 0, 3, 2, 1, 0, 0, 0, 3, 2, 1, 0, 0, 0, 3, 2 }, new[] { 1, 0, 2, 1, 3, 2, 4, 3, 5, 4 })]
    [InlineData("valid", new[] { 3, 2, 1, 0, 0, 0, 3, 2, 1, 0, 0, 0, 3, 2, 1 }, new[] { 2, 1, 3, 2, 4, 3, 5, 4 })]
    public void Convolution_matrices_match_scipy_and_numpy_s_convolve(string mode, int[] short5, int[] long2)
    {
        Assert.Equal(short5, Linalg.ConvolutionMatrix(Jnp.Array(new[] { 1, 2, 3 }), 5, mode).ToArray<int>());
        Assert.Equal(long2, Linalg.ConvolutionMatrix(Jnp.Array(new[] { 1, 2, 3, 4, 5 }), 2, mode).ToArray<int>());
        // A v is numpy.convolve(a, v, mode), here through jnp.convolve, for even lengths too.
        var a = V(1, -2, 0.5, 4);
        var v = V(3, 1, -1, 2, 0.25, 7);
        var mode2 = Enum.Parse<ConvolveMode>(mode, ignoreCase: true);
        Close(Jnp.Convolve(a, v, mode2), Jnp.Matmul(Linalg.ConvolutionMatrix(a, 6, mode), v), 1e-12);
        Close(Jnp.Convolve(v, a, mode2), Jnp.Matmul(Linalg.ConvolutionMatrix(v, 4, mode), a), 1e-12);
    }

    [Fact]
    public void Convolution_matrix_refuses_bad_arguments()
    {
        Assert.Throws<ArgumentException>(() => Linalg.ConvolutionMatrix(V(1, 2), 0));
        Assert.Throws<ArgumentException>(() => Linalg.ConvolutionMatrix(V(), 3));
        Assert.Throws<ArgumentException>(() => Linalg.ConvolutionMatrix(V(1, 2), 3, "circular"));
    }
}
