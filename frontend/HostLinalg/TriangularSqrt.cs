using System.Numerics;
using JaxNet.Core;

namespace JaxNet.HostLinalg;

/// <summary>
/// The principal square root of upper triangular complex matrices [..., n, n], the step of
/// <see cref="Jax.Scipy.Linalg.Sqrtm"/> after the complex Schur form (Björck and Hammarling's recurrence, as JAX runs
/// it): R's diagonal is the principal square root of T's, and each entry above it, taken one superdiagonal after
/// another, solves R_ii R_ij + R_ij R_jj = T_ij − Σ_{i&lt;k&lt;j} R_ik R_kj. Where that right-hand side is exactly zero the
/// entry is zero, as in JAX, so a zero block does not become 0/0; otherwise a singular T with a repeated zero eigenvalue
/// gives infinities or NaN (no square root that is a function of T exists there).
/// </summary>
internal static class TriangularSqrt
{
    /// <summary>R with R R = T for every matrix of <paramref name="t"/>; entries below the diagonal are ignored.</summary>
    public static NDArray Run(NDArray t)
    {
        var n = t.Shape[^1];
        var entries = t.ToArray<Complex>();
        var r = new Complex[entries.Length];
        for (var b = 0; b < (int)Shapes.Size(t.Shape[..^2]); b++)
        {
            var offset = b * n * n;
            for (var i = 0; i < n; i++) r[offset + i * n + i] = Complex.Sqrt(entries[offset + i * n + i]);
            for (var distance = 1; distance < n; distance++)
                for (var i = 0; i + distance < n; i++)
                {
                    var j = i + distance;
                    var rest = entries[offset + i * n + j];
                    for (var k = i + 1; k < j; k++) rest -= r[offset + i * n + k] * r[offset + k * n + j];
                    r[offset + i * n + j] = rest == Complex.Zero ? Complex.Zero : rest / (r[offset + i * n + i] + r[offset + j * n + j]);
                }
        }
        return Jnp.FromHost<Complex>(r, t.Shape, t.DType);
    }
}
