using JaxNet.Core;
using static JaxNet.LinalgMatrices;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Linalg
        {
            /// <summary>
            /// scipy.linalg.lu_factor: the LU factorization of each matrix [..., m, n] with partial pivoting, packed as
            /// LAPACK's getrf: L's multipliers below the diagonal (its unit diagonal implied) and U on and above it, and
            /// the pivots [..., min(m, n)] (int32, 0-based: row i was swapped with row pivots[i] at step i). A singular
            /// matrix gives zeros on U's diagonal, not an exception. Differentiable in the factors (JAX's LU rule).
            /// </summary>
            /// <exception cref="ShapeException">a has fewer than 2 dimensions.</exception>
            public static (NDArray Lu, NDArray Piv) LuFactor(NDArray a)
            {
                var x = Jnp.PromoteInexact(a)[0];
                CheckMatrix("lu_factor", x, square: false);
                var (lu, pivots, _) = LuDecomposition.Factor(x);
                return (lu, pivots);
            }

            /// <summary>
            /// scipy.linalg.lu_solve: x with a x = b (<paramref name="trans"/> 0), aᵀ x = b (1) or aᴴ x = b (2: the
            /// conjugate transpose, the same as 1 for real matrices) from <see cref="LuFactor"/>'s packed factors and pivots of a square
            /// a. As in JAX, b is a (batch of) vector when it has one axis fewer than the factors, else a (batch of)
            /// matrix [..., n, k]; batch shapes broadcast. Differentiable in the factors and in b.
            /// </summary>
            /// <exception cref="ShapeException">the factors are not square, the pivots do not fit them, or b does not.</exception>
            /// <exception cref="ArgumentException">trans is not 0, 1 or 2, or the pivots are not integers.</exception>
            public static NDArray LuSolve((NDArray Lu, NDArray Piv) luAndPiv, NDArray b, int trans = 0)
            {
                const string name = "lu_solve";
                if (trans is not (0 or 1 or 2)) throw new ArgumentException($"{name}: trans must be 0, 1 or 2, got {trans}", nameof(trans));
                var (factors, pivots) = luAndPiv;
                if (pivots.DType.IsInexact() || pivots.DType == DType.Bool)
                    throw new ArgumentException($"{name}: the pivots must be integers, got {pivots.DType}", nameof(luAndPiv));
                var p = Jnp.PromoteInexact(factors, b);
                CheckMatrix(name, p[0]);
                var n = p[0].Aval.Shape[^1];
                if (pivots.Ndim == 0 || pivots.Aval.Shape[^1] != n)
                    throw new ShapeException($"{name}: the pivots (shape {Shapes.Format(pivots.Aval.Shape)}) must have one entry per row of the factors (shape {Shapes.Format(p[0].Aval.Shape)})");
                var (lu, rhs, vector) = RightHandSide(name, p[0], p[1], stackedVectors: true);
                var batch = Shapes.Broadcast(name, lu.Aval.Shape[..^2], pivots.Aval.Shape[..^1]);
                (lu, rhs) = (Jnp.BroadcastTo(lu, [.. batch, n, n]), Jnp.BroadcastTo(rhs, [.. batch, .. rhs.Aval.Shape[^2..]]));
                var perm = Jnp.BroadcastTo(LuDecomposition.PermutationFromPivots(pivots.Astype(DType.Int32), n), [.. batch, n]);
                // aᴴ x = b is aᵀ conj(x) = conj(b).
                var x = trans switch
                {
                    0 => LuDecomposition.Solve(lu, perm, rhs),
                    1 => LuDecomposition.SolveTransposed(lu, perm, rhs),
                    _ => Jnp.Conj(LuDecomposition.SolveTransposed(lu, perm, Jnp.Conj(rhs))),
                };
                return vector ? Jnp.Squeeze(x, -1) : x;
            }
        }
    }
}
