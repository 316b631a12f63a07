using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Linalg
        {
            /// <summary>
            /// scipy.linalg.eigh_tridiagonal with JAX's support: the eigenvalues, ascending, of the Hermitian tridiagonal
            /// matrix with diagonal <paramref name="d"/> [n] and off-diagonal <paramref name="e"/> [n − 1] (complex e
            /// enters through |e|², as the matrix is Hermitian). <paramref name="select"/> "a" gives all n, "i" those with
            /// indices <paramref name="selectRange"/> = (low, high), both included. Found by bisection on Sturm counts,
            /// every eigenvalue at once, starting from the Gershgorin interval and stopping when each interval is below
            /// the absolute tolerance max(<paramref name="tol"/>, eps·‖T‖) or after as many steps as the mantissa has
            /// bits. d and e share one dtype (float32, float64, complex64, complex128); the eigenvalues are real. Works
            /// under Jit and Vmap (one matrix per call, as in JAX); a NaN entry gives NaN eigenvalues. No derivative is
            /// defined (it is a while loop, and JAX's is not meaningfully differentiable either).
            /// </summary>
            /// <exception cref="NotImplementedException">eigvalsOnly false: eigenvectors are not implemented, as in JAX;
            /// select "v": its result size would depend on the values, as in JAX.</exception>
            /// <exception cref="ShapeException">d is not a vector [n] or e not [n − 1].</exception>
            /// <exception cref="ArgumentException">dtypes that differ or are not inexact; an unknown select; a
            /// selectRange missing, empty or outside [0, n − 1].</exception>
            public static NDArray EighTridiagonal(NDArray d, NDArray e, bool eigvalsOnly = false, string select = "a",
                (int Low, int High)? selectRange = null, double? tol = null)
            {
                const string name = "eigh_tridiagonal";
                if (!eigvalsOnly)
                    throw new NotImplementedException($"{name}: eigenvectors are not implemented (JAX supports eigvals_only=True only); " +
                        "pass eigvalsOnly: true, or use Eigh on the dense matrix for eigenvectors");
                if (d.Ndim != 1 || e.Ndim != 1 || e.Shape[0] != Math.Max(d.Shape[0] - 1, 0))
                    throw new ShapeException($"{name}: d must be a vector [n] and e [n - 1] (vmap for a batch), got {Shapes.Format(d.Shape)} " +
                        $"and {Shapes.Format(e.Shape)}");
                if (d.DType != e.DType)
                    throw new ArgumentException($"{name}: d and e must have the same dtype, got {d.DType.NumpyName()} and {e.DType.NumpyName()}");
                if (d.DType is not (DType.Float32 or DType.Float64 or DType.Complex64 or DType.Complex128))
                    throw new ArgumentException($"{name}: only float32, float64, complex64 and complex128 are supported, got {d.DType.NumpyName()}");
                var n = d.Shape[0];
                var (low, high) = select switch
                {
                    "a" => (0, n - 1),
                    "i" => selectRange is { } range && range.Low <= range.High && range.Low >= 0 && range.High < n
                        ? range
                        : throw new ArgumentException($"{name}: select \"i\" needs selectRange (low, high) with 0 <= low <= high < {n}, " +
                            $"got {(selectRange is { } r ? $"({r.Low}, {r.High})" : "none")}", nameof(selectRange)),
                    "v" => throw new NotImplementedException($"{name}: select \"v\" is not implemented, as in JAX (the number of " +
                        "eigenvalues in a range is only known at run time); select \"i\" takes indices"),
                    _ => throw new ArgumentException($"{name}: select must be \"a\", \"i\" or \"v\", got \"{select}\"", nameof(select)),
                };
                var alpha = Jnp.Real(d);
                if (n <= 1) return alpha;
                return SturmBisection.Eigenvalues(alpha, Jnp.Real(e * Jnp.Conj(e)), low, high, tol);
            }
        }
    }
}

/// <summary>
/// Eigenvalues of a symmetric tridiagonal matrix by bisection: the number of eigenvalues below x is the number of
/// negative pivots of T − xI (Sylvester's law of inertia), counted by the LDLᵀ recurrence.
/// </summary>
internal static class SturmBisection
{
    /// <summary>Eigenvalues low..high (ascending indices) of the matrix with diagonal alpha and squared off-diagonal
    /// betaSquared.</summary>
    public static NDArray Eigenvalues(NDArray alpha, NDArray betaSquared, int low, int high, double? tol)
    {
        var n = alpha.Shape[0];
        var info = Jnp.Finfo(alpha.DType);
        var betaAbs = Jnp.Sqrt(betaSquared);
        var zero = Jnp.ZerosLike(betaAbs[0..1]);
        var radius = Jnp.Concatenate([zero, betaAbs]) + Jnp.Concatenate([betaAbs, zero]);
        var smallest = Jnp.Min(alpha - radius);
        var largest = Jnp.Max(alpha + radius);
        var norm = Jnp.Maximum(Jnp.Abs(smallest), Jnp.Abs(largest));
        // The smallest pivot allowed, so that e²/q cannot overflow (LAPACK's pivmin).
        var safeMinimum = Math.Max(1 / info.Max, (1 + info.Eps) * info.Tiny);
        var pivotMinimum = safeMinimum * Jnp.Maximum(Jnp.Max(betaSquared), 1.0).Astype(alpha.DType);
        var absoluteTolerance = info.Eps * norm;
        if (tol is { } given) absoluteTolerance = Jnp.Maximum(absoluteTolerance, Jnp.Full([], given, alpha.DType));
        // Gershgorin's interval, widened so that rounding in the counts cannot leave an eigenvalue outside it.
        const double widening = 2.1;
        var slack = n * widening * info.Eps * norm;
        var count = high - low + 1;
        var targets = Jnp.Arange(low, high + 1).Astype(DType.Int32);
        var lower = Jnp.BroadcastTo(smallest - slack - 2 * widening * pivotMinimum, [count]);
        var upper = Jnp.BroadcastTo(largest + slack + widening * pivotMinimum, [count]);
        // Each step halves every interval; the mantissa's bits (and one) bound the steps needed.
        var maxSteps = (info.DType == DType.Float32 ? 23 : 52) + 1;
        var previousBetaSquared = Jnp.Concatenate([Jnp.ZerosLike(betaSquared[0..1]), betaSquared]);
        var final = Jax.Lax.WhileLoop(
            state => Jnp.Less(state[0], maxSteps) & Jnp.Greater(Jnp.Max(state[2] - state[1]), absoluteTolerance),
            state =>
            {
                var middle = (state[1] + state[2]) / 2;
                var below = CountBelow(alpha, previousBetaSquared, pivotMinimum, middle);
                var atMost = Jnp.LessEqual(below, targets);
                return [state[0] + 1, Jnp.Where(atMost, middle, state[1]), Jnp.Where(atMost, state[2], middle)];
            },
            [Jnp.Zeros([], DType.Int32), lower, upper]);
        return (final[1] + final[2]) / 2;
    }

    // q_i = alpha_i − x − beta²_{i−1} / q_{i−1}, with a pivot smaller than pivmin replaced by −pivmin (LAPACK's
    // dlaebz), counting the pivots that are not positive.
    private static NDArray CountBelow(NDArray alpha, NDArray previousBetaSquared, NDArray pivotMinimum, NDArray x)
    {
        var (carry, _) = Jax.Lax.Scan((state, row) =>
        {
            var q = row[0] - x - row[1] / state[0];
            q = Jnp.Where(Jnp.Less(Jnp.Abs(q), pivotMinimum), -pivotMinimum, q);
            return ([q, state[1] + Jnp.LessEqual(q, 0.0).Astype(DType.Int32)], []);
        }, [Jnp.OnesLike(x), Jnp.ZerosLike(x, DType.Int32)], [alpha, previousBetaSquared]);
        return carry[1];
    }
}
