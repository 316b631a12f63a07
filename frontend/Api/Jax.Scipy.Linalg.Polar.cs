using JaxNet.Transforms;
using static JaxNet.LinalgMatrices;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Linalg
        {
            /// <summary>
            /// scipy.linalg.polar: a = U P (<paramref name="side"/> "right", P [n, n]) or a = P U ("left", P [m, m]) for
            /// real or complex matrices [..., m, n], with U [m, n] orthonormal in its columns (rows when m &lt; n) and P
            /// symmetric (Hermitian) positive semidefinite. Computed from the economic SVD a = W S Vh, U = W Vh,
            /// P = Vhᴴ S Vh or W S Wᴴ: JAX's
            /// <c>method="svd"</c>. JAX's default, QDWH, is not implemented; it gives the same factors to rounding.
            /// The derivative is a custom rule that, unlike one through the SVD's, is finite where singular values
            /// repeat (at orthogonal matrices, say): with Q = Wᴴ da V, dU = W X Vh with X = (Q − Qᴴ)_ij / (s_i + s_j),
            /// plus the parts of da outside W's and V's spans over S, and dP = d(Uᴴ a) or d(a Uᴴ), made Hermitian. It needs a
            /// of full rank; its derivatives of second order go through the SVD's rule.
            /// </summary>
            /// <exception cref="ShapeException">a has fewer than 2 dimensions.</exception>
            /// <exception cref="ArgumentException">side is not "right" or "left", or method is unknown.</exception>
            /// <exception cref="NotSupportedException">method "qdwh".</exception>
            public static (NDArray U, NDArray P) Polar(NDArray a, string side = "right", string method = "svd")
            {
                if (side is not ("right" or "left")) throw new ArgumentException($"polar: side must be \"right\" or \"left\", got \"{side}\"", nameof(side));
                if (method == "qdwh")
                    throw new NotSupportedException("polar: method \"qdwh\" is not implemented; method \"svd\" gives the same factors");
                if (method != "svd") throw new ArgumentException($"polar: unknown method \"{method}\" (\"svd\")", nameof(method));
                var x = Jnp.PromoteInexact(a)[0];
                CheckMatrix("polar", x, square: false);
                var outs = PolarDecomposition.Factors(x, side == "right");
                return (outs[0], outs[1]);
            }
        }
    }
}

/// <summary>The polar decomposition through the SVD, with a derivative that does not divide by gaps between singular values.</summary>
internal static class PolarDecomposition
{
    /// <summary>[U, P] for a [..., m, n]: a = U P when <paramref name="right"/>, else a = P U.</summary>
    public static NDArray[] Factors(NDArray a, bool right) =>
        CustomDerivatives.CallCustomJvp(args => FromSvd(args[0], right), (primals, tangents) => Jvp(primals[0], tangents[0], right), [a]);

    private static NDArray[] FromSvd(NDArray a, bool right)
    {
        var (w, s, vh) = Jax.Scipy.Linalg.Svd(a, fullMatrices: false);
        var scaled = right ? H(vh) * Jnp.ExpandDims(s, -2) : w * Jnp.ExpandDims(s, -2);
        return [Jnp.Matmul(w, vh), Jnp.Matmul(scaled, right ? vh : H(w))];
    }

    private static (NDArray[] Primals, NDArray[] Tangents) Jvp(NDArray a, NDArray da, bool right)
    {
        // The factors with this rule again, so that a second derivative of them uses it too.
        var outs = Factors(a, right);
        var u = outs[0];
        var (w, s, vh) = Jax.Scipy.Linalg.Svd(a, fullMatrices: false);
        var v = H(vh);
        var q = Jnp.Matmul(H(w), Jnp.Matmul(da, v));
        // X is skew-Hermitian with X_ij (s_i + s_j) = Q_ij − conj(Q_ji); a pair of zero singular values has no defined share.
        var sums = Jnp.ExpandDims(s, -1) + Jnp.ExpandDims(s, -2);
        var x = (q - H(q)) * Reciprocal(sums);
        var du = Jnp.Matmul(w, Jnp.Matmul(x, vh));
        var (m, n) = (a.Shape[^2], a.Shape[^1]);
        var inverse = Reciprocal(s);
        // Tall: the part of da outside W's columns, (I − W Wᴴ) da V S⁻¹ Vh. Wide: W S⁻¹ Wᴴ da (I − V Vh).
        if (m > n) du += Jnp.Matmul(Jnp.Matmul(da - Jnp.Matmul(w, Jnp.Matmul(H(w), da)), v * Jnp.ExpandDims(inverse, -2)), vh);
        if (m < n) du += Jnp.Matmul(w * Jnp.ExpandDims(inverse, -2), Jnp.Matmul(H(w), da - Jnp.Matmul(Jnp.Matmul(da, v), vh)));
        var dp = right ? Jnp.Matmul(H(du), a) + Jnp.Matmul(H(u), da) : Jnp.Matmul(da, H(u)) + Jnp.Matmul(a, H(du));
        return (outs, [du, (dp + H(dp)) / 2]);
    }

    // 1/x where x is not zero, 0 where it is; the inner select keeps 1/0 out of every derivative too.
    private static NDArray Reciprocal(NDArray x)
    {
        var zero = Jnp.Equal(x, 0);
        return Jnp.Where(zero, Jnp.ZerosLike(x), 1.0 / Jnp.Where(zero, Jnp.OnesLike(x), x));
    }
}
