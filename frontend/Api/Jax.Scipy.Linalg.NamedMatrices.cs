using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Linalg
        {
            /// <summary>
            /// scipy.linalg.pascal: the n×n Pascal matrix of binomial coefficients, <paramref name="kind"/> "symmetric"
            /// (S[i, j] = C(i + j, i), the default), "lower" (L[i, j] = C(i, j)) or "upper" (its transpose), in the default
            /// float, as JAX's. The coefficients are summed on the host by Pascal's rule, so they are exact while they fit
            /// the dtype's significand (n ≤ 28 in float64 for the symmetric kind, where JAX's exp(gammaln) rounds).
            /// </summary>
            /// <exception cref="ArgumentException">n &lt; 0 or an unknown kind.</exception>
            public static NDArray Pascal(int n, string kind = "symmetric") =>
                NamedMatrix.FromHost(NamedMatrix.Pascal("pascal", n, kind));

            /// <summary>
            /// scipy.linalg.invpascal: the inverse of <see cref="Pascal"/>, with integer entries: (−1)^(i+j) C(i, j) for
            /// "lower", its transpose for "upper", and Lᵀ⁻¹ L⁻¹ (S = L Lᵀ) for "symmetric"; exact on the host while the
            /// entries fit the significand, in the default float.
            /// </summary>
            /// <exception cref="ArgumentException">n &lt; 0 or an unknown kind.</exception>
            public static NDArray Invpascal(int n, string kind = "symmetric")
            {
                NamedMatrix.CheckKind("invpascal", kind);
                var lower = NamedMatrix.Pascal("invpascal", n, "lower");
                var inverseLower = new double[n, n];
                for (var i = 0; i < n; i++)
                    for (var j = 0; j <= i; j++)
                        inverseLower[i, j] = (i + j) % 2 == 0 ? lower[i, j] : -lower[i, j];
                return NamedMatrix.FromHost(kind switch
                {
                    "lower" => inverseLower,
                    "upper" => NamedMatrix.Transpose(inverseLower),
                    _ => NamedMatrix.Product(NamedMatrix.Transpose(inverseLower), inverseLower),
                });
            }

            /// <summary>
            /// scipy.linalg.invhilbert: the inverse of <see cref="Hilbert"/>, whose entries are the integers
            /// (−1)^(i+j) (i + j + 1) C(n + i, n − j − 1) C(n + j, n − i − 1) C(i + j, i)², computed exactly in double on
            /// the host (beyond n ≈ 14 they pass 2^53 and round), in the default float. The inverse of the Hilbert matrix
            /// itself is ill-conditioned; this formula is not.
            /// </summary>
            /// <exception cref="ArgumentException">n is negative.</exception>
            public static NDArray Invhilbert(int n)
            {
                if (n < 0) throw new ArgumentException($"invhilbert: n must not be negative, got {n}", nameof(n));
                var c = NamedMatrix.Binomials(2 * n);
                var inverse = new double[n, n];
                for (var i = 0; i < n; i++)
                    for (var j = 0; j < n; j++)
                        inverse[i, j] = ((i + j) % 2 == 0 ? 1 : -1) * (i + j + 1.0) * c[n + i, n - j - 1] * c[n + j, n - i - 1] * c[i + j, i] * c[i + j, i];
                return NamedMatrix.FromHost(inverse);
            }

            /// <summary>
            /// scipy.linalg.helmert: the Helmert matrix of order n, orthogonal: row 0 is 1/√n everywhere and row k ≥ 1
            /// has 1/√(k(k+1)) in its first k columns and −k/√(k(k+1)) in column k. <paramref name="full"/> false (the
            /// default, as SciPy's) drops row 0, giving (n−1)×n. Default float.
            /// </summary>
            /// <exception cref="ArgumentException">n is negative.</exception>
            public static NDArray Helmert(int n, bool full = false)
            {
                if (n < 0) throw new ArgumentException($"helmert: n must not be negative, got {n}", nameof(n));
                var h = new double[n, n];
                for (var j = 0; j < n; j++) h[0, j] = 1 / Math.Sqrt(n);
                for (var k = 1; k < n; k++)
                {
                    var scale = Math.Sqrt(k * (k + 1.0));
                    for (var j = 0; j < k; j++) h[k, j] = 1 / scale;
                    h[k, k] = -k / scale;
                }
                var matrix = NamedMatrix.FromHost(h);
                return full || n == 0 ? matrix : matrix[1..];
            }

            /// <summary>
            /// scipy.linalg.hadamard: Sylvester's n×n Hadamard matrix of ±1 (H₁ = [1], H₂ₖ = [[Hₖ, Hₖ], [Hₖ, −Hₖ]]), in
            /// <paramref name="dtype"/> (int32 by default, JAX's default int).
            /// </summary>
            /// <exception cref="ArgumentException">n is not a positive power of 2.</exception>
            public static NDArray Hadamard(int n, DType dtype = DType.Int32)
            {
                if (n < 1 || (n & (n - 1)) != 0)
                    throw new ArgumentException($"hadamard: n must be a positive power of 2, got {n}", nameof(n));
                var h = new double[n, n];
                for (var i = 0; i < n; i++)
                    for (var j = 0; j < n; j++)
                        h[i, j] = int.PopCount(i & j) % 2 == 0 ? 1 : -1;
                return NamedMatrix.Float64(h).Astype(dtype);
            }

            /// <summary>
            /// scipy.linalg.dft: the n×n discrete Fourier transform matrix, M[j, k] = ω^(jk) with ω = exp(−2πi/n), so
            /// M x = fft(x); <paramref name="scale"/> null (none), "sqrtn" (÷√n, unitary) or "n" (÷n). Default complex
            /// (complex64, complex128 under X64). The angles are reduced modulo n on the host (jk mod n), so large
            /// products lose no digits.
            /// </summary>
            /// <exception cref="ArgumentException">n is negative or the scale unknown.</exception>
            public static NDArray Dft(int n, string? scale = null)
            {
                if (n < 0) throw new ArgumentException($"dft: n must not be negative, got {n}", nameof(n));
                var divisor = scale switch
                {
                    null => 1.0,
                    "sqrtn" => Math.Sqrt(n),
                    "n" => n,
                    _ => throw new ArgumentException($"dft: scale must be null, \"sqrtn\" or \"n\", got \"{scale}\"", nameof(scale)),
                };
                var (re, im) = (new double[n, n], new double[n, n]);
                for (var j = 0; j < n; j++)
                    for (var k = 0; k < n; k++)
                    {
                        var angle = -2 * Math.PI * ((long)j * k % n) / n;
                        (re[j, k], im[j, k]) = (Math.Cos(angle) / divisor, Math.Sin(angle) / divisor);
                    }
                return Jax.Lax.Complex(NamedMatrix.FromHost(re), NamedMatrix.FromHost(im));
            }
        }
    }
}

/// <summary>The host arithmetic of <see cref="Jax.Scipy.Linalg"/>'s named matrices: exact binomials in double and small
/// dense products, turned into a default-float array at the end.</summary>
internal static class NamedMatrix
{
    public static NDArray FromHost(double[,] values) => Float64(values).Astype(TypePromotion.DefaultFloat);

    /// <summary>A float64 array of the host matrix (row-major; empty matrices too, which Jnp.Array's [,] overload does
    /// not take).</summary>
    public static NDArray Float64(double[,] values)
    {
        var (rows, columns) = (values.GetLength(0), values.GetLength(1));
        var flat = new double[rows * columns];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < columns; j++)
                flat[i * columns + j] = values[i, j];
        return Jnp.FromHost<double>(flat, [rows, columns], DType.Float64);
    }

    /// <summary>C(i, j) for 0 ≤ j ≤ i ≤ n by Pascal's rule (0 above the diagonal), exact while below 2^53.</summary>
    public static double[,] Binomials(int n)
    {
        var c = new double[n + 1, n + 1];
        for (var i = 0; i <= n; i++)
        {
            c[i, 0] = 1;
            for (var j = 1; j <= i; j++) c[i, j] = c[i - 1, j - 1] + (j < i ? c[i - 1, j] : 0);
        }
        return c;
    }

    /// <summary>The n×n Pascal matrix of one kind.</summary>
    public static double[,] Pascal(string function, int n, string kind)
    {
        if (n < 0) throw new ArgumentException($"{function}: n must not be negative, got {n}", nameof(n));
        CheckKind(function, kind);
        var c = Binomials(2 * n);
        var p = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                p[i, j] = kind switch
                {
                    "symmetric" => c[i + j, i],
                    "lower" => j <= i ? c[i, j] : 0,
                    _ => i <= j ? c[j, i] : 0,
                };
        return p;
    }

    public static void CheckKind(string function, string kind)
    {
        if (kind is not ("symmetric" or "lower" or "upper"))
            throw new ArgumentException($"{function}: kind must be \"symmetric\", \"lower\" or \"upper\", got \"{kind}\"", nameof(kind));
    }

    public static double[,] Transpose(double[,] a)
    {
        var n = a.GetLength(0);
        var t = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                t[j, i] = a[i, j];
        return t;
    }

    public static double[,] Product(double[,] a, double[,] b)
    {
        var n = a.GetLength(0);
        var p = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                for (var k = 0; k < n; k++)
                    p[i, j] += a[i, k] * b[k, j];
        return p;
    }
}
