using JaxNet.Core;
using JaxNet.Spectral;
using static JaxNet.LinalgMatrices;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Linalg
        {
            /// <summary>
            /// scipy.linalg.expm: the matrix exponential of each square matrix [..., n, n], by scaling and squaring with
            /// Padé approximants, as JAX (after Higham 2005): a is divided by 2^s so that its 1-norm is at most θ
            /// (5.37 in float64, 3.93 in float32; s is rounded up, as Higham's, where JAX rounds it down and loses digits
            /// for 1-norms between θ and 2θ), the degree (3, 5, 7, 9 or 13 in float64; 3, 5 or 7 in float32) is the
            /// lowest accurate for that norm, the approximant is q(a)⁻¹ p(a) (one LU solve, or a triangular one with
            /// <paramref name="upperTriangular"/>), and it is squared s times. Where s would exceed
            /// <paramref name="maxSquarings"/> the result is NaN, as JAX's; a NaN or infinite input gives NaN. Float16
            /// and bfloat16 are computed in float32. Differentiable to any order through the composition (the
            /// branches, the solve and the squarings), like JAX's.
            /// </summary>
            /// <exception cref="ShapeException">a is not a (batch of) square matrix.</exception>
            /// <exception cref="ArgumentException">maxSquarings is negative.</exception>
            public static NDArray Expm(NDArray a, bool upperTriangular = false, int maxSquarings = 16)
            {
                if (maxSquarings < 0) throw new ArgumentException($"expm: maxSquarings must not be negative, got {maxSquarings}", nameof(maxSquarings));
                var x = Jnp.PromoteInexact(a)[0];
                CheckMatrix("expm", x);
                if (x.DType is DType.Float16 or DType.BFloat16) return Expm(x.Astype(DType.Float32), upperTriangular, maxSquarings).Astype(x.DType);
                if (x.Aval.Shape[^1] == 0) return x;
                return Matrices.Map(m => [PadeExponential.Of(m, upperTriangular, maxSquarings)], x, 1)[0];
            }

            /// <summary>
            /// scipy.linalg.expm_frechet: expm(a) and the Fréchet derivative of expm at a in the direction e (JAX's
            /// method "SPS": the forward-mode derivative of <see cref="Expm"/>). SciPy's compute_expm=False is the second
            /// element alone. Leading batch axes are allowed.
            /// </summary>
            /// <exception cref="ShapeException">a is not a (batch of) square matrix, or e's shape differs.</exception>
            public static (NDArray Expm, NDArray Frechet) ExpmFrechet(NDArray a, NDArray e)
            {
                var p = Jnp.PromoteInexact(a, e);
                CheckMatrix("expm_frechet", p[0]);
                if (!p[0].Shape.SequenceEqual(p[1].Shape))
                    throw new ShapeException($"expm_frechet: a and e must have the same shape, got {Shapes.Format(a.Shape)} and {Shapes.Format(e.Shape)}");
                return Jvp(m => Expm(m), [p[0]], [p[1]]);
            }
        }
    }
}

/// <summary>Scaling and squaring with Padé approximants for the exponential of one square matrix (JAX's expm).</summary>
internal static class PadeExponential
{
    // The coefficients b_j of the degree-m Padé approximant p(x) = Σ b_j x^j, q(x) = p(−x), scaled to integers.
    private static readonly Dictionary<int, double[]> Coefficients = new()
    {
        [3] = [120, 60, 12, 1],
        [5] = [30240, 15120, 3360, 420, 30, 1],
        [7] = [17297280, 8648640, 1995840, 277200, 25200, 1512, 56, 1],
        [9] = [17643225600, 8821612800, 2075673600, 302702400, 30270240, 2162160, 110880, 3960, 90, 1],
        [13] = [64764752532480000, 32382376266240000, 7771770303897600, 1187353796428800, 129060195264000, 10559470521600,
            670442572800, 33522128640, 1323241920, 40840800, 960960, 16380, 182, 1],
    };

    /// <summary>exp(a) for one square matrix a (float32 or float64, or complex with those parts; n ≥ 1).</summary>
    public static NDArray Of(NDArray a, bool upperTriangular, int maxSquarings)
    {
        // Norms, thresholds and scale factors are real, of a's precision.
        var part = a.DType.RealPart();
        var float64 = part == DType.Float64;
        // θ_m: the largest 1-norm for which degree m is accurate to the dtype's unit roundoff (Higham 2005, table 2.3).
        var (degrees, thresholds, largest) = float64
            ? (new[] { 3, 5, 7, 9, 13 }, new[] { 1.495585217958292e-2, 2.539398330063230e-1, 9.504178996162932e-1, 2.097847961257068 }, 5.371920351148152)
            : (new[] { 3, 5, 7 }, new[] { 4.258730016922831e-1, 1.880152677804762 }, 3.925724783138660);
        var norm = Jnp.Max(Jnp.Sum(Jnp.Abs(a), 0));
        // s = ⌈log2(‖a‖₁ / θ)⌉, Higham's and SciPy's, so that ‖a / 2^s‖₁ ≤ θ. JAX takes the floor, which leaves 1-norms
        // up to 2θ unscaled and loses about three digits there.
        var squarings = Jnp.Maximum(Jnp.Ceil(Jnp.Log2(norm / largest)), Jnp.ZerosLike(norm));
        // 2^−s from a table, so that the scaling is exact (a power computed through exp and log need not be).
        var powers = Jnp.Array(Enumerable.Range(0, maxSquarings + 1).Select(k => Math.ScaleB(1, -k)).ToArray()).Astype(part);
        var steps = Jnp.Clip(squarings, Jnp.ZerosLike(norm), Jnp.FullLike(norm, maxSquarings)).Astype(DType.Int32);
        var scaled = a * Jnp.Take(powers, steps, mode: TakeMode.Clip);
        var degree = Jnp.Digitize(norm, Jnp.Array(thresholds).Astype(part));
        var uv = Lax.Switch(degree, degrees.Select(m => (Func<NDArray[], NDArray[]>)(x => Approximant(x[0], m))).ToArray(), [scaled]);
        // Beyond maxSquarings the result is NaN (JAX's cond); a select rather than a cond keeps the solve, which has a
        // custom derivative, out of a branch, where reverse mode could not transpose it.
        var result = Jnp.Where(squarings > maxSquarings, Jnp.FullLike(a, double.NaN), Square(uv[0], uv[1], squarings, upperTriangular, maxSquarings));
        return Matrices.NanUnless(Matrices.AllFinite(a), result);
    }

    // r = q⁻¹ p with p = V + U and q = V − U, squared s times (at most maxSquarings: a scan whose steps past s do nothing).
    private static NDArray Square(NDArray u, NDArray v, NDArray squarings, bool upperTriangular, int maxSquarings)
    {
        var (p, q) = (v + u, v - u);
        var r = upperTriangular ? Jax.Scipy.Linalg.SolveTriangular(q, p) : Jax.Scipy.Linalg.Solve(q, p);
        return Lax.ForiLoop(0, maxSquarings, (i, x) =>
            Lax.Cond(i.Astype(squarings.DType) < squarings, y => Jnp.Matmul(y, y), y => y, x), r);
    }

    // U (the odd part, times a) and V (the even part) of the degree-m numerator, from the even powers of a.
    private static NDArray[] Approximant(NDArray a, int m)
    {
        var b = Coefficients[m];
        var identity = Jnp.Eye(a.Shape[0], dtype: a.DType);
        var a2 = Jnp.Matmul(a, a);
        if (m == 13)
        {
            // Degree 13 from a², a⁴ and a⁶ alone (Higham's evaluation scheme).
            var a4 = Jnp.Matmul(a2, a2);
            var a6 = Jnp.Matmul(a4, a2);
            var u13 = Jnp.Matmul(a, Jnp.Matmul(a6, b[13] * a6 + b[11] * a4 + b[9] * a2) + b[7] * a6 + b[5] * a4 + b[3] * a2 + b[1] * identity);
            var v13 = Jnp.Matmul(a6, b[12] * a6 + b[10] * a4 + b[8] * a2) + b[6] * a6 + b[4] * a4 + b[2] * a2 + b[0] * identity;
            return [u13, v13];
        }
        var (odd, even, power) = (b[1] * identity, b[0] * identity, a2);
        for (var k = 2; k <= m; k += 2)
        {
            if (k > 2) power = Jnp.Matmul(power, a2);
            (odd, even) = (odd + b[k + 1] * power, even + b[k] * power);
        }
        return [Jnp.Matmul(a, odd), even];
    }
}
