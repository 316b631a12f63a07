using static JaxNet.LinalgMatrices;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jnp
{
    public static partial class Linalg
    {
        /// <summary>
        /// numpy.linalg.svd: a = U diag(S) Vh for matrices [..., m, n], S descending, through
        /// <see cref="Jax.Scipy.Linalg.Svd"/> (full U [m, m] and Vh [n, n] by default, as NumPy; the economic form with
        /// <paramref name="fullMatrices"/> false, which is the one with a derivative for non-square matrices). NumPy's
        /// compute_uv=False is <see cref="Svdvals"/>. With <paramref name="hermitian"/> a is taken to be Hermitian (it
        /// is symmetrized, (a + aᴴ)/2) and decomposed by <see cref="Jax.Scipy.Linalg.Eigh"/>, as NumPy and JAX do:
        /// S = |w| sorted descending, U the eigenvectors in that order and Vh = (U sign(w))ᴴ, so a zero eigenvalue
        /// gives a zero row of Vh, as theirs.
        /// </summary>
        /// <exception cref="ShapeException">a has fewer than 2 dimensions, or is not square with hermitian.</exception>
        public static (NDArray U, NDArray S, NDArray Vh) Svd(NDArray a, bool fullMatrices = true, bool hermitian = false)
        {
            if (!hermitian) return Jax.Scipy.Linalg.Svd(a, fullMatrices);
            var (w, v) = Jax.Scipy.Linalg.Eigh(a);
            // Ascending by |w| (stable), then reversed: JAX's order, ties included.
            var order = Lax.Rev(Argsort(Abs(w), -1), [w.Ndim - 1]);
            var s = TakeAlongAxis(Abs(w), order, -1, TakeMode.Clip);
            var sign = TakeAlongAxis(Sign(w), order, -1, TakeMode.Clip);
            var u = TakeAlongAxis(v, BroadcastTo(ExpandDims(order, -2), v.Shape), -1, TakeMode.Clip);
            return (u, s, H(u * ExpandDims(sign, -2)));
        }

        /// <summary>numpy.linalg.svdvals: the singular values of each matrix [..., m, n], descending
        /// (<see cref="Jax.Scipy.Linalg.Svdvals"/>, whose derivative is defined where they repeat).</summary>
        /// <exception cref="ShapeException">x has fewer than 2 dimensions.</exception>
        public static NDArray Svdvals(NDArray x) => Jax.Scipy.Linalg.Svdvals(x);

        /// <summary>
        /// numpy.linalg.qr: a = Q R for matrices [..., m, n], k = min(m, n), through <see cref="Jax.Scipy.Linalg.Qr"/>.
        /// <paramref name="mode"/> "reduced" (the default): Q [m, k] and R [k, n]; "complete": Q [m, m] and R [m, n];
        /// "r": R [k, n], the reduced one, which NumPy returns alone (a C# method has one return type, so Q comes too,
        /// as in "reduced"). Differentiable where Jax.Scipy.Linalg.Qr is (m ≥ n reduced, or square).
        /// </summary>
        /// <exception cref="ShapeException">a has fewer than 2 dimensions.</exception>
        /// <exception cref="NotSupportedException">mode "raw" (LAPACK's Householder vectors and factors).</exception>
        /// <exception cref="ArgumentException">another mode.</exception>
        public static (NDArray Q, NDArray R) Qr(NDArray a, string mode = "reduced") => mode switch
        {
            "reduced" or "r" => Jax.Scipy.Linalg.Qr(a, economic: true),
            "complete" => Jax.Scipy.Linalg.Qr(a, economic: false),
            "raw" => throw new NotSupportedException("qr: mode \"raw\" (LAPACK's Householder vectors and tau factors) is not implemented"),
            _ => throw new ArgumentException($"qr: unsupported mode \"{mode}\" (\"reduced\", \"complete\" or \"r\")", nameof(mode)),
        };

        /// <summary>
        /// numpy.linalg.cholesky: the lower-triangular L with a = L Lᵀ for each symmetric positive definite matrix
        /// [..., n, n] (NumPy's default, where SciPy's is upper), or with <paramref name="upper"/> the upper U = Lᵀ with
        /// a = Uᵀ U. As JAX, a is symmetrized first and a matrix that is not positive definite gives NaNs
        /// (<see cref="Jax.Scipy.Linalg.Cholesky"/>).
        /// </summary>
        /// <exception cref="ShapeException">a is not a (batch of) square matrix.</exception>
        public static NDArray Cholesky(NDArray a, bool upper = false) => Jax.Scipy.Linalg.Cholesky(a, lower: !upper);
    }
}
