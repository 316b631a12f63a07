using JaxNet.Core;
using JaxNet.Transforms;
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
            /// scipy.linalg.lu: <c>a = P L U</c> with partial pivoting (at each step the row with the largest
            /// |pivot| comes up; ties take the first, as LAPACK). For a of shape [m, n] and k = min(m, n): P [m, m] is
            /// a permutation matrix, L [m, k] is unit lower triangular and U [k, n] is upper triangular. A singular
            /// matrix gives zeros on U's diagonal, not an exception. The derivative is JAX's (P is constant):
            /// with M = L⁻¹ Pᵀ da U⁻¹, dL = L tril(M, −1) and dU = triu(M) U.
            /// </summary>
            /// <exception cref="ShapeException">a has fewer than 2 dimensions.</exception>
            public static (NDArray P, NDArray L, NDArray U) Lu(NDArray a)
            {
                var x = Jnp.PromoteInexact(a)[0];
                CheckMatrix("lu", x, square: false);
                var (lu, _, perm) = LuDecomposition.Factor(x);
                var (m, n) = (x.Aval.Shape[^2], x.Aval.Shape[^1]);
                var k = Math.Min(m, n);
                var l = Jnp.Tril(Lax.SliceInDim(lu, 0, k, axis: lu.Ndim - 1), -1) + Jnp.Eye(m, k, dtype: x.DType);
                var u = Jnp.Triu(Lax.SliceInDim(lu, 0, k, axis: lu.Ndim - 2));
                // P[i, c] = 1 where perm[c] = i: row c of L U is row perm[c] of a.
                var p = Lax.ConvertElementType(Jnp.Equal(Iota([m, 1], 0), Jnp.ExpandDims(perm, -2)), x.DType);
                return (p, l, u);
            }
        }
    }
}

/// <summary>
/// LU factorization with partial pivoting (LAPACK's getrf, right-looking), with JAX's derivative as a custom JVP.
/// The result is packed as LAPACK's: L's multipliers below the diagonal of one matrix, U on and above it.
/// </summary>
internal static class LuDecomposition
{
    /// <summary>
    /// The factorization of a [..., m, n]: the packed factors; the pivots [..., k] (row j was swapped with row
    /// pivots[j] at step j); and the permutation [..., m] with <c>a[perm] = L U</c>.
    /// </summary>
    public static (NDArray Lu, NDArray Pivots, NDArray Perm) Factor(NDArray a)
    {
        var outputs = CustomDerivatives.CallCustomJvp(args =>
        {
            var (lu, pivots, perm) = Eliminate(args[0]);
            return [lu, pivots, perm];
        }, (primals, tangents) =>
        {
            var (lu, pivots, perm) = Factor(primals[0]);
            return ([lu, pivots, perm], [PackedTangent(lu, perm, tangents[0]), Jnp.ZerosLike(pivots), Jnp.ZerosLike(perm)]);
        }, [a]);
        return (outputs[0], outputs[1], outputs[2]);
    }

    /// <summary>x with <c>a x = b</c> from a's factorization (a square).</summary>
    public static NDArray Solve(NDArray lu, NDArray perm, NDArray b)
    {
        var l = Jnp.Tril(lu, -1) + Identity(lu);
        return TriangularSolve.Upper(Jnp.Triu(lu), TriangularSolve.Lower(l, PermuteRows(b, perm)));
    }

    /// <summary>x with <c>aᵀ x = b</c> from a's factorization: aᵀ = Uᵀ Lᵀ P, so Uᵀ and Lᵀ are solved for in turn and
    /// the rows of the result go back through the inverse permutation.</summary>
    public static NDArray SolveTransposed(NDArray lu, NDArray perm, NDArray b)
    {
        var l = Jnp.Tril(lu, -1) + Identity(lu);
        var z = TriangularSolve.Upper(T(l), TriangularSolve.Lower(T(Jnp.Triu(lu)), b));
        return PermuteRows(z, Jnp.Argsort(perm, -1));
    }

    /// <summary>
    /// The permutation [..., m] (<c>a[perm] = L U</c>) that LAPACK's pivots [..., k] stand for: row i was swapped with
    /// row pivots[i], for i = 0, 1, ... in turn, starting from the identity.
    /// </summary>
    public static NDArray PermutationFromPivots(NDArray pivots, int m)
    {
        var k = pivots.Aval.Shape[^1];
        var positions = Iota([m], 0);
        var perm = Jnp.BroadcastTo(positions, [.. pivots.Aval.Shape[..^1], m]);
        // The loop body is traced even for no steps, and its one-element slices do not fit an empty array.
        if (k == 0 || m == 0) return perm;
        return Lax.ForiLoop(0, k, (i, p) =>
        {
            var j = Jnp.Squeeze(Columns(Jnp.ExpandDims(pivots, -2), i), -1);
            var (atI, atJ) = (Jnp.Equal(positions, i), Jnp.Equal(positions, j));
            var (valueI, valueJ) = (Pick(p, atI), Pick(p, atJ));
            return Jnp.Where(atI, valueJ, Jnp.Where(atJ, valueI, p));
        }, perm);
    }

    // The one entry of each row of x [..., m] where the mask [..., m] is true, as [..., 1]. It keeps x's dtype: Jnp.Sum
    // would widen the int32 permutation to int64 under x64, and the loop's carry would change type.
    private static NDArray Pick(NDArray x, NDArray mask) =>
        Lax.ExpandDims(Lax.ReduceSum(Jnp.Where(mask, x, Jnp.ZerosLike(x)), [x.Ndim - 1]), [x.Ndim - 1]);

    // With P the row permutation (P a = a[perm] = L U, P = the public P's transpose), P da = dL U + L dU, and
    // M = L⁻¹ P da U⁻¹ = L⁻¹ dL + dU U⁻¹: the first term is strictly lower
    // (L has a unit diagonal), the second upper. Rectangular factors are padded to square ones with an identity
    // block, as JAX does, so both solves are square.
    private static NDArray PackedTangent(NDArray lu, NDArray perm, NDArray da)
    {
        var (m, n) = (lu.Aval.Shape[^2], lu.Aval.Shape[^1]);
        var k = Math.Min(m, n);
        var lColumns = Jnp.Tril(Lax.SliceInDim(lu, 0, k, axis: lu.Ndim - 1), -1);
        var l = Pad(lColumns, 0, m - k) + Jnp.Eye(m, dtype: lu.DType);
        var uRows = Jnp.Triu(Lax.SliceInDim(lu, 0, k, axis: lu.Ndim - 2));
        var u = Pad(uRows, n - k, 0) + Lax.Pad(Jnp.Eye(n - k, dtype: lu.DType), 0, [(k, 0, 0), (k, 0, 0)]);
        var la = TriangularSolve.Lower(l, PermuteRows(da, perm));
        // M = la U⁻¹, through Mᵀ = U⁻ᵀ laᵀ (a lower solve).
        var lau = T(TriangularSolve.Lower(T(u), T(la)));
        return Jnp.Matmul(l, Jnp.Tril(lau, -1)) + Jnp.Matmul(Jnp.Triu(lau), u);
    }

    // Zero rows (m) and columns (n) added after each matrix.
    private static NDArray Pad(NDArray x, int m, int n) =>
        Lax.Pad(x, 0, [.. Enumerable.Repeat((0, 0, 0), x.Ndim - 2), (0, m, 0), (0, n, 0)]);

    // Step j brings up the row (from j on) with the largest |a_ij|, then subtracts multiples of row j from the rows
    // below it. Row indices differ between batch elements, so the swap is done with masks over whole matrices.
    private static (NDArray Lu, NDArray Pivots, NDArray Perm) Eliminate(NDArray a)
    {
        var (m, n) = (a.Aval.Shape[^2], a.Aval.Shape[^1]);
        var k = Math.Min(m, n);
        var batch = a.Aval.Shape[..^2];
        var rows = Iota([m, 1], 0);
        var columns = Iota([1, n], 1);
        var perm = Jnp.BroadcastTo(Iota([m], 0), [.. batch, m]);
        var pivots = Jnp.Zeros([.. batch, k], DType.Int32);
        // The loop body is traced even for no steps, and its one-column slices do not fit an empty matrix.
        if (k == 0) return (a, pivots, perm);
        var outs = Lax.ForiLoop(0, k, (j, carry) =>
        {
            var (lu, piv, prm) = (carry[0], carry[1], carry[2]);
            var column = Columns(lu, j);
            // Rows above j are out of the race: -1 is below every |value|.
            var p = Jnp.Argmax(Jnp.Where(Jnp.GreaterEqual(rows, j), Jnp.Abs(column), -1), -2, keepdims: true);
            lu = SwapRows(lu, j, p, rows);
            var pv = Jnp.Squeeze(p, -1);
            prm = Jnp.Squeeze(SwapRows(Jnp.ExpandDims(prm, -1), j, p, rows), -1);
            piv = Jnp.Where(Jnp.Equal(Iota([k], 0), j), pv, piv);
            var pivot = Rows(Columns(lu, j), j);
            // A zero pivot means a zero column below it (it is the largest): nothing to eliminate, as in getrf.
            var multipliers = Columns(lu, j) / Jnp.Where(Jnp.Equal(pivot, 0), Jnp.OnesLike(pivot), pivot);
            var below = Jnp.Greater(rows, j);
            var trailing = Jnp.LogicalAnd(below, Jnp.Greater(columns, j));
            lu = Jnp.Where(trailing, lu - multipliers * Rows(lu, j),
                Jnp.Where(Jnp.LogicalAnd(below, Jnp.Equal(columns, j)), multipliers, lu));
            return [lu, piv, prm];
        }, [a, pivots, perm]);
        return (outs[0], outs[1], outs[2]);
    }

    // Rows j (a loop index) and p (one per matrix, [..., 1, 1]) exchanged.
    private static NDArray SwapRows(NDArray x, NDArray j, NDArray p, NDArray rows)
    {
        var atP = Jnp.Equal(rows, p);
        // The row keeps x's dtype (Jnp.Sum would widen an int32 permutation to int64 under x64).
        var rowP = Lax.ExpandDims(Lax.ReduceSum(Jnp.Where(atP, x, Jnp.ZerosLike(x)), [x.Ndim - 2]), [x.Ndim - 2]);
        return Jnp.Where(Jnp.Equal(rows, j), rowP, Jnp.Where(atP, Rows(x, j), x));
    }
}
