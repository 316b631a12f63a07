using JaxNet.Core;
using JaxNet.Transforms;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Lax
    {
        /// <summary>jax.lax.linalg: the linear-algebra primitives that jax.scipy.linalg builds on.</summary>
        public static partial class Linalg
        {
            /// <summary>
            /// lax.linalg.tridiagonal_solve: x with A x = b for tridiagonal A, given by its three diagonals of shape
            /// [..., m]: <paramref name="dl"/>[i] = A[i, i − 1] (dl[0] is not read), <paramref name="d"/>[i] = A[i, i] and
            /// <paramref name="du"/>[i] = A[i, i + 1] (du[m − 1] is not read); b is [..., m, n] with the same batch shape
            /// (no broadcasting, as in JAX). All four share one dtype: float32, float64, complex64 or complex128.
            /// Gaussian elimination with partial pivoting (LAPACK's gtsv, which JAX's CPU lowering calls), as two scans:
            /// O(m) per right-hand side. A singular system gives infinite or NaN entries, not an exception. The derivative is
            /// JAX's: dx = A⁻¹ (db − dA x), linear in the tangents, so reverse mode solves the transposed system.
            /// </summary>
            /// <exception cref="ShapeException">the diagonals differ in shape, or b is not [..., m, n] for them.</exception>
            /// <exception cref="ArgumentException">the dtypes differ, or are not floating point or complex.</exception>
            public static NDArray TridiagonalSolve(NDArray dl, NDArray d, NDArray du, NDArray b)
            {
                TridiagonalSystem.Check(dl, d, du, b);
                return TridiagonalSystem.Solve(dl, d, du, b);
            }
        }
    }
}

/// <summary>
/// Tridiagonal systems: elimination with partial pivoting (gtsv's), split into a factorization that reads only the
/// matrix and a substitution that is linear in the right-hand side, so that a tangent solve transposes cleanly.
/// </summary>
internal static class TridiagonalSystem
{
    public static void Check(NDArray dl, NDArray d, NDArray du, NDArray b)
    {
        if (d.Ndim < 1 || !Shapes.Equal(dl.Shape, d.Shape) || !Shapes.Equal(du.Shape, d.Shape))
            throw new ShapeException($"tridiagonal_solve: dl, d and du must have one shape [..., m], got {Shapes.Format(dl.Shape)}, " +
                $"{Shapes.Format(d.Shape)} and {Shapes.Format(du.Shape)}");
        if (b.Ndim != d.Ndim + 1 || !Shapes.Equal(b.Shape[..^1], d.Shape))
            throw new ShapeException($"tridiagonal_solve: b must have shape [..., m, n] with [..., m] the diagonals' " +
                $"{Shapes.Format(d.Shape)}, got {Shapes.Format(b.Shape)}");
        var dtype = d.DType;
        if (dl.DType != dtype || du.DType != dtype || b.DType != dtype)
            throw new ArgumentException($"tridiagonal_solve: dl, d, du and b must have one dtype, got {dl.DType.NumpyName()}, " +
                $"{dtype.NumpyName()}, {du.DType.NumpyName()} and {b.DType.NumpyName()}");
        if (dtype is not (DType.Float32 or DType.Float64 or DType.Complex64 or DType.Complex128))
            throw new ArgumentException($"tridiagonal_solve: only float32, float64, complex64 and complex128 are supported, got {dtype.NumpyName()}");
    }

    /// <summary>x with A x = b; the shapes are checked already.</summary>
    public static NDArray Solve(NDArray dl, NDArray d, NDArray du, NDArray b) =>
        CustomDerivatives.CallCustomJvp(args => [Eliminate(args[0], args[1], args[2], args[3])], (primals, tangents) =>
        {
            var (dl0, d0, du0) = (primals[0], primals[1], primals[2]);
            var x = Solve(dl0, d0, du0, primals[3]);
            var rhs = tangents[3] - Product(tangents[0], tangents[1], tangents[2], x);
            return ([x], [Solve(dl0, d0, du0, rhs)]);
        }, [dl, d, du, b])[0];

    /// <summary>A x for the tridiagonal A of (dl, d, du), x [..., m, n]; dl[0] and du[m − 1] are not read.</summary>
    public static NDArray Product(NDArray dl, NDArray d, NDArray du, NDArray x)
    {
        var m = d.Shape[^1];
        if (m == 0) return x;
        var (lower, upper) = Ends(dl, du);
        var zeroRow = Jnp.ZerosLike(Jax.Lax.SliceInDim(x, 0, 1, axis: x.Ndim - 2));
        var previous = Jnp.Concatenate([zeroRow, Jax.Lax.SliceInDim(x, 0, m - 1, axis: x.Ndim - 2)], -2);
        var next = Jnp.Concatenate([Jax.Lax.SliceInDim(x, 1, m, axis: x.Ndim - 2), zeroRow], -2);
        return Column(lower) * previous + Column(d) * x + Column(upper) * next;
    }

    // dl[0] and du[m − 1] lie outside the matrix; zeroed, they can neither reach a product nor carry a derivative.
    private static (NDArray Lower, NDArray Upper) Ends(NDArray dl, NDArray du)
    {
        var m = dl.Shape[^1];
        var position = Jax.Lax.BroadcastedIota(DType.Int32, dl.Shape, dl.Ndim - 1);
        return (Jnp.Where(Jnp.Equal(position, 0), Jnp.ZerosLike(dl), dl), Jnp.Where(Jnp.Equal(position, m - 1), Jnp.ZerosLike(du), du));
    }

    private static NDArray Column(NDArray coefficients) => Jnp.ExpandDims(coefficients, -1);

    private static NDArray Eliminate(NDArray dl, NDArray d, NDArray du, NDArray b)
    {
        var m = d.Shape[^1];
        if (m == 0) return b;
        var (lower, upper) = Ends(dl, du);
        // Scans run over the leading axis: rows go first.
        var (l, diagonal, u) = (Jnp.Moveaxis(lower, -1, 0), Jnp.Moveaxis(d, -1, 0), Jnp.Moveaxis(upper, -1, 0));
        var rows = Jnp.Moveaxis(b, -2, 0);
        var factors = Factor(l, diagonal, u);
        var y = ForwardSubstitution(factors.Swap, factors.Multiplier, rows);
        return Jnp.Moveaxis(BackSubstitution(factors.U, y), 0, -2);
    }

    /// <summary>
    /// Row i of U (its diagonal and two superdiagonals) and, for each step i &lt; m − 1, whether rows i and i + 1
    /// were swapped and the multiple of the pivot row subtracted from the other.
    /// </summary>
    private sealed record Factors(NDArray Swap, NDArray Multiplier, NDArray[] U);

    // Step i holds the pending row i (entries p, q in columns i, i + 1, what elimination left of it) and reads row
    // i + 1 of A (l, dd, u in columns i to i + 2). The larger of p and l pivots; the pivot row becomes row i of U
    // and the other, less a multiple of it, the pending row i + 1.
    private static Factors Factor(NDArray l, NDArray d, NDArray u)
    {
        var m = d.Shape[0];
        var first = (Jax.Lax.IndexInDim(d, 0, keepdims: false), Jax.Lax.IndexInDim(u, 0, keepdims: false));
        if (m == 1) return new(Jnp.Zeros([0, .. d.Shape[1..]], DType.Bool), Jnp.Zeros([0, .. d.Shape[1..]], d.DType), [d, Jnp.ZerosLike(d), Jnp.ZerosLike(d)]);
        var rest = (NDArray x) => Jax.Lax.SliceInDim(x, 1, m);
        var (carry, ys) = Jax.Lax.Scan((pending, row) =>
        {
            var (p, q) = (pending[0], pending[1]);
            var (below, diagonal, above) = (row[0], row[1], row[2]);
            var zero = Jnp.ZerosLike(p);
            var swap = Jnp.Greater(Jnp.Abs(below), Jnp.Abs(p));
            var pivot = new[] { Jnp.Where(swap, below, p), Jnp.Where(swap, diagonal, q), Jnp.Where(swap, above, zero) };
            var other = new[] { Jnp.Where(swap, p, below), Jnp.Where(swap, q, diagonal), Jnp.Where(swap, zero, above) };
            var multiplier = other[0] / pivot[0];
            return ([other[1] - multiplier * pivot[1], other[2] - multiplier * pivot[2]], [swap, multiplier, .. pivot]);
        }, [first.Item1, first.Item2], [rest(l), rest(d), rest(u)]);
        var last = carry[0];
        var zeroLast = Jnp.ZerosLike(Jnp.ExpandDims(last, 0));
        NDArray[] upperRows =
        [
            Jnp.Concatenate([ys[2], Jnp.ExpandDims(last, 0)], 0),
            Jnp.Concatenate([ys[3], zeroLast], 0),
            Jnp.Concatenate([ys[4], zeroLast], 0),
        ];
        return new(ys[0], ys[1], upperRows);
    }

    // Applies the recorded swaps and multipliers to the right-hand side rows b [m, ..., n].
    private static NDArray ForwardSubstitution(NDArray swap, NDArray multiplier, NDArray b)
    {
        var m = b.Shape[0];
        if (m == 1) return b;
        var (carry, ys) = Jax.Lax.Scan((pending, step) =>
        {
            var (exchange, factor, row) = (Column(step[0]), Column(step[1]), step[2]);
            var pivot = Jnp.Where(exchange, row, pending[0]);
            var other = Jnp.Where(exchange, pending[0], row);
            return ([other - factor * pivot], [pivot]);
        }, [Jax.Lax.IndexInDim(b, 0, keepdims: false)], [swap, multiplier, Jax.Lax.SliceInDim(b, 1, m)]);
        return Jnp.Concatenate([ys[0], Jnp.ExpandDims(carry[0], 0)], 0);
    }

    // x_i = (y_i − U[i, i+1] x_{i+1} − U[i, i+2] x_{i+2}) / U[i, i], from the last row up.
    private static NDArray BackSubstitution(NDArray[] u, NDArray y)
    {
        var zero = Jnp.ZerosLike(Jax.Lax.IndexInDim(y, 0, keepdims: false));
        var (_, xs) = Jax.Lax.Scan((later, row) =>
        {
            var x = (row[3] - Column(row[1]) * later[0] - Column(row[2]) * later[1]) / Column(row[0]);
            return ([x, later[0]], [x]);
        }, [zero, zero], [u[0], u[1], u[2], y], reverse: true);
        return xs[0];
    }
}
