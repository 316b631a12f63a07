using JaxNet.Core;

namespace JaxNet;

/// <summary>
/// polyfit as JAX computes it: a least-squares solve (<see cref="Jnp.Linalg.Lstsq"/>) on the Vandermonde matrix of x,
/// its columns scaled to unit norm for the conditioning, so the fit differentiates (through the SVD) and works under
/// Jit and Vmap. NumPy's <c>full=True</c> and <c>cov=True</c>, which change what is returned, are
/// <see cref="Jnp.PolyfitFull"/> and <see cref="Jnp.PolyfitCov"/>.
/// </summary>
public static partial class Jnp
{
    /// <summary>
    /// The coefficients, highest power first, of the polynomial of degree <paramref name="deg"/> that fits y(x) in
    /// the least-squares sense: [deg + 1] for y [n], [deg + 1, k] for y [n, k] (one fit per column). Singular values
    /// below <paramref name="rcond"/> (relative; default n·eps of the dtype) are dropped. <paramref name="w"/> weights
    /// each point's residual (1/σ for Gaussian errors, as NumPy).
    /// </summary>
    public static NDArray Polyfit(NDArray x, NDArray y, int deg, double? rcond = null, NDArray? w = null) =>
        FitPolynomial(x, y, deg, rcond, w).Coefficients;

    /// <summary>numpy.polyfit(..., full=True): the coefficients of <see cref="Polyfit"/>, the sum of squared (weighted)
    /// residuals ([1] for y [n], [k] for y [n, k]), the rank of the scaled Vandermonde matrix, its singular values, and
    /// the rcond used.</summary>
    public static (NDArray Coefficients, NDArray Residuals, NDArray Rank, NDArray SingularValues, double Rcond) PolyfitFull(NDArray x,
        NDArray y, int deg, double? rcond = null, NDArray? w = null)
    {
        var fit = FitPolynomial(x, y, deg, rcond, w);
        return (fit.Coefficients, fit.Residuals, fit.Rank, fit.SingularValues, fit.Rcond);
    }

    /// <summary>
    /// numpy.polyfit(..., cov=True): the coefficients of <see cref="Polyfit"/> and their covariance, (VᵀV)⁻¹ of the
    /// weighted Vandermonde matrix V scaled by residuals / (n − deg − 1) ([deg + 1, deg + 1], or [deg + 1, deg + 1, k]
    /// with one scale per column of y, as NumPy), or unscaled with <paramref name="unscaled"/> (cov='unscaled'). The
    /// scaled form needs more points than coefficients.
    /// </summary>
    public static (NDArray Coefficients, NDArray Covariance) PolyfitCov(NDArray x, NDArray y, int deg, double? rcond = null,
        NDArray? w = null, bool unscaled = false)
    {
        var fit = FitPolynomial(x, y, deg, rcond, w);
        var (n, order) = (x.Aval.Shape[0], deg + 1);
        if (!unscaled && n <= order)
            throw new ArgumentException($"polyfit: the number of points ({n}) must exceed the number of coefficients ({order}) to scale the covariance", nameof(x));
        var gram = Matmul(Linalg.MatrixTranspose(fit.Lhs), fit.Lhs);
        var covariance = Linalg.Inv(gram) / Outer(fit.Scale, fit.Scale);
        if (unscaled) return (fit.Coefficients, y.Ndim == 1 ? covariance : ExpandDims(covariance, -1));
        var factor = fit.Residuals / (n - order);
        return (fit.Coefficients, y.Ndim == 1 ? covariance * Reshape(factor, []) : ExpandDims(covariance, -1) * factor);
    }

    private sealed record PolynomialFit(NDArray Coefficients, NDArray Residuals, NDArray Rank, NDArray SingularValues, double Rcond,
        NDArray Lhs, NDArray Scale);

    private static PolynomialFit FitPolynomial(NDArray x, NDArray y, int deg, double? rcond, NDArray? w)
    {
        if (deg < 0) throw new ArgumentException($"polyfit: deg must be non-negative, got {deg}", nameof(deg));
        if (x.Ndim != 1) throw new ShapeException($"polyfit: x must be one-dimensional, got shape {Shapes.Format(x.Aval.Shape)}");
        if (x.Size == 0) throw new ShapeException("polyfit: x must not be empty");
        if (y.Ndim is not (1 or 2)) throw new ShapeException($"polyfit: y must be one- or two-dimensional, got shape {Shapes.Format(y.Aval.Shape)}");
        if (x.Aval.Shape[0] != y.Aval.Shape[0])
            throw new ShapeException($"polyfit: x and y must have the same length, got shapes {Shapes.Format(x.Aval.Shape)} and {Shapes.Format(y.Aval.Shape)}");
        if (w is not null && (w.Ndim != 1 || w.Aval.Shape[0] != y.Aval.Shape[0]))
            throw new ShapeException($"polyfit: w must be a vector of the length of y ({y.Aval.Shape[0]}), got shape {Shapes.Format(w.Aval.Shape)}");
        var promoted = w is null ? PromoteInexact(x, y) : PromoteInexact(x, y, w);
        (x, y) = (promoted[0], promoted[1]);
        var r = rcond ?? x.Aval.Shape[0] * Spectral.Matrices.Epsilon(x.DType);
        var lhs = Vander(x, deg + 1);
        var rhs = y;
        if (w is not null)
        {
            var weights = promoted[2];
            lhs = lhs * ExpandDims(weights, 1);
            rhs = rhs * (rhs.Ndim == 2 ? ExpandDims(weights, 1) : weights);
        }
        var scale = Sqrt(Sum(lhs * lhs, 0));
        lhs = lhs / scale;
        var (c, residuals, rank, s) = Linalg.Lstsq(lhs, rhs, r);
        c = c.Ndim == 2 ? c / ExpandDims(scale, 1) : c / scale;
        return new PolynomialFit(c, residuals, rank, s, r, lhs, scale);
    }
}
