using System.Numerics;

namespace JaxNet.Tests.Api;

/// <summary>Inputs and assertions for the tests of jnp, jnp.linalg and jax.scipy functions on complex arrays:
/// values against NumPy's, agreement of eager, Jit and Vmap, and gradients of real functions of complex inputs
/// (JAX's convention, df/dx - i df/dy) against central differences in each part.</summary>
internal static class ComplexCheck
{
    public static NDArray C(params Complex[] v) => Jnp.Array(v);

    public static NDArray M(Complex[,] v) => Jnp.Array(v);

    /// <summary>dtype and shape as given, and each value within tol (relative to max(1, |expected|)); NaN parts must
    /// be NaN.</summary>
    public static void Near(Complex[] expected, NDArray actual, DType dtype = DType.Complex64, int[]? shape = null, double tol = 1e-5)
    {
        var a = Expect.Read<Complex>(actual, dtype, shape, expected.Length);
        for (var i = 0; i < a.Length; i++)
        {
            var (e, g) = (expected[i], a[i]);
            if (double.IsNaN(e.Real) || double.IsNaN(e.Imaginary))
            {
                Assert.True(double.IsNaN(e.Real) == double.IsNaN(g.Real) && double.IsNaN(e.Imaginary) == double.IsNaN(g.Imaginary),
                    $"element {i}: expected {e}, got {g}");
                continue;
            }
            Assert.True(Complex.Abs(g - e) <= tol * Math.Max(1, Complex.Abs(e)), $"element {i}: expected {e}, got {g}");
        }
    }

    /// <summary>f under Jit, and Vmap(f) over the first axis of <paramref name="batch"/> (eagerly and under Jit), give
    /// what f gives eagerly slice by slice (real or complex results).</summary>
    public static void JitAndVmapAgree(Func<NDArray, NDArray> f, NDArray batch, double tol = 1e-5)
    {
        var rows = Enumerable.Range(0, batch.Shape[0]).Select(i => f(batch[i])).ToArray();
        var expected = rows.SelectMany(r => r.ToArray<Complex>()).ToArray();
        var dtype = rows[0].DType;
        Near(rows[0].ToArray<Complex>(), Jax.Jit(f)(batch[0]), dtype, rows[0].Shape, tol);
        int[] shape = [rows.Length, .. rows[0].Shape];
        Near(expected, Jax.Vmap(f)(batch), dtype, shape, tol);
        Near(expected, Jax.Jit(Jax.Vmap(f))(batch), dtype, shape, tol);
    }

    /// <summary>
    /// Jax.Grad of the real scalar function f at z is df/dx - i df/dy, each partial derivative a central difference of
    /// step <paramref name="eps"/> in one part of one element (computed in z's precision).
    /// </summary>
    public static void GradMatchesFiniteDifferences(Func<NDArray, NDArray> f, NDArray z, double eps, double tol)
    {
        var grad = Jax.Grad(f)(z);
        Assert.Equal(z.DType, grad.DType);
        var actual = grad.ToArray<Complex>();
        var values = z.ToArray<Complex>();
        double At(int i, Complex step)
        {
            var moved = (Complex[])values.Clone();
            moved[i] += step;
            return f(Jnp.FromHost<Complex>(moved, z.Shape, z.DType)).Item<double>();
        }
        for (var i = 0; i < values.Length; i++)
        {
            var dx = (At(i, eps) - At(i, -eps)) / (2 * eps);
            var dy = (At(i, new Complex(0, eps)) - At(i, new Complex(0, -eps))) / (2 * eps);
            var expected = new Complex(dx, -dy);
            Assert.True(Complex.Abs(actual[i] - expected) <= tol * Math.Max(1, Complex.Abs(expected)),
                $"element {i}: finite differences give {expected}, grad gives {actual[i]}");
        }
    }
}
