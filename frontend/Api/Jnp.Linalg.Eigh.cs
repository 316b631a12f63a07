namespace JaxNet;

public static partial class Jnp
{
    public static partial class Linalg
    {
        /// <summary>
        /// numpy.linalg.eigh: the ascending (real) eigenvalues and the eigenvectors (columns) of symmetric or complex
        /// Hermitian matrices [..., n, n], through <see cref="Jax.Scipy.Linalg.Eigh"/>. As JAX, the input is
        /// symmetrized, (a + aᴴ)/2, unless <paramref name="symmetrizeInput"/> is false; then only the triangle
        /// <paramref name="UPLO"/> names ("L", the default, or "U") is read.
        /// </summary>
        /// <exception cref="ArgumentException">UPLO is not "L" or "U".</exception>
        public static (NDArray Eigenvalues, NDArray Eigenvectors) Eigh(NDArray a, string? UPLO = null, bool symmetrizeInput = true)
        {
            var (w, v) = Jax.Scipy.Linalg.Eigh(a, Lower(UPLO), symmetrizeInput);
            return (w, v);
        }

        /// <summary>numpy.linalg.eigvalsh: the ascending (real) eigenvalues of symmetric or Hermitian matrices [..., n, n], as
        /// <see cref="Eigh"/> computes them (with a derivative defined for repeated eigenvalues too).</summary>
        /// <exception cref="ArgumentException">UPLO is not "L" or "U".</exception>
        public static NDArray Eigvalsh(NDArray a, string? UPLO = null, bool symmetrizeInput = true) =>
            Jax.Scipy.Linalg.EigvalsH(a, Lower(UPLO), symmetrizeInput);

        private static bool Lower(string? uplo) => uplo switch
        {
            null or "L" => true,
            "U" => false,
            _ => throw new ArgumentException($"eigh: UPLO must be \"L\" or \"U\", got \"{uplo}\"", nameof(uplo)),
        };
    }
}
