using JaxNet.Core;

namespace JaxNet;

/// <summary>Covariance and correlation matrices (numpy.cov, numpy.corrcoef), with JAX's formulas: one matrix product
/// of the centred (and weighted) observations.</summary>
public static partial class Jnp
{
    /// <summary>
    /// The covariance matrix of the variables in the rows of <paramref name="m"/> (columns when
    /// <paramref name="rowvar"/> is false) and of <paramref name="y"/>, if given, whose variables are appended.
    /// Normalised by N - 1 (N with <paramref name="bias"/>, N - <paramref name="ddof"/> when given), with integer
    /// frequency weights <paramref name="fweights"/> and observation weights <paramref name="aweights"/> as NumPy
    /// defines them (absolute values taken, as JAX does; NumPy raises on negative weights). One variable gives a
    /// scalar; no observations give NaN.
    /// </summary>
    public static NDArray Cov(NDArray m, NDArray? y = null, bool rowvar = true, bool bias = false, int? ddof = null,
        NDArray? fweights = null, NDArray? aweights = null)
    {
        var promoted = y is null ? PromoteInexact(m) : PromoteInexact(m, y);
        if (promoted.Any(a => a.Ndim > 2))
            throw new ShapeException($"cov: inputs must have at most 2 dimensions, got shapes {string.Join(" and ", promoted.Select(a => Shapes.Format(a.Aval.Shape)))}");
        var x = Atleast2d(promoted[0]);
        if (!rowvar && promoted[0].Ndim != 1) x = x.T;
        if (x.Aval.Shape[0] == 0) return Zeros([0, 0], x.DType);
        if (y is not null)
        {
            var other = Atleast2d(promoted[1]);
            if (!rowvar && other.Aval.Shape[0] != 1) other = other.T;
            x = Concatenate([x, other], 0);
        }
        var (variables, observations) = (x.Aval.Shape[0], x.Aval.Shape[1]);
        if (observations == 0) return Full(variables == 1 ? [] : [variables, variables], double.NaN, x.DType);
        var dof = ddof ?? (bias ? 0 : 1);
        NDArray? w = null;
        if (fweights is not null)
        {
            CheckWeights(fweights, observations, "fweights");
            if (!fweights.DType.IsInteger()) throw new ArgumentException($"cov: fweights must be integers, got {fweights.DType}", nameof(fweights));
            w = Abs(fweights);
        }
        if (aweights is not null)
        {
            CheckWeights(aweights, observations, "aweights");
            aweights = Abs(aweights);
            w = w is null ? aweights : w * aweights;
        }
        var mean = Average(x, 1, w, keepdims: true);
        x = x - mean;
        NDArray normaliser = observations - dof;
        if (w is not null)
        {
            var total = Sum(w);
            normaliser = dof == 0 ? total : aweights is null ? total - dof : total - dof * Sum(w * aweights) / total;
        }
        var weighted = w is null ? x : x * w;
        // Complex variables pair with their conjugates (E[(x - μ)(y - ν)*]), as in NumPy and JAX.
        return Squeeze(Divide(Matmul(x, Conj(weighted.T)), normaliser));
    }

    /// <summary>The Pearson correlation coefficients of the variables (see <see cref="Cov"/>), clipped to [-1, 1]
    /// (for complex variables each part, as JAX does); one variable gives c / c (1, or NaN where its variance is 0 or
    /// not finite).</summary>
    public static NDArray Corrcoef(NDArray x, NDArray? y = null, bool rowvar = true)
    {
        var c = Cov(x, y, rowvar);
        if (c.Ndim == 0) return c / c;
        // A variance is real, also that of a complex variable (the diagonal's imaginary parts are rounding).
        var deviation = Sqrt(Real(Diagonal(c)));
        c = c / ExpandDims(deviation, 1) / ExpandDims(deviation, 0);
        return c.DType.IsComplex() ? Jax.Lax.Complex(Clip(Real(c), -1, 1), Clip(Imag(c), -1, 1)) : Clip(c, -1, 1);
    }

    private static void CheckWeights(NDArray weights, int observations, string name)
    {
        if (weights.Ndim != 1 || weights.Aval.Shape[0] != observations)
            throw new ShapeException($"cov: {name} must be a vector of one weight per observation ({observations}), got shape {Shapes.Format(weights.Aval.Shape)}");
    }
}
