namespace JaxNet.Tests.Api;

/// <summary>
/// scipy.stats.gaussian_kde computed in double from its definition, independently of the frontend: weights w
/// normalized to sum to 1, n_eff = 1 / Σ w², the kernels' covariance factor² times NumPy's weighted covariance
/// (aweights, bias False: Σ w (x − μ)(x − μ)ᵀ / (1 − Σ w²)). Integrals of products of Gaussians are Gaussians of the
/// summed covariances, so every integral here is a finite sum of <see cref="GaussianReference.Density"/>.
/// </summary>
internal sealed class GaussianKdeReference
{
    public GaussianKdeReference(double[,] data, double[]? weights, Func<double, int, double> factor)
    {
        (D, N) = (data.GetLength(0), data.GetLength(1));
        Points = [.. Enumerable.Range(0, N).Select(j => Enumerable.Range(0, D).Select(i => data[i, j]).ToArray())];
        var raw = weights ?? [.. Enumerable.Repeat(1.0, N)];
        Weights = [.. raw.Select(w => w / raw.Sum())];
        var sumOfSquares = Weights.Sum(w => w * w);
        Factor = factor(1 / sumOfSquares, D);
        Mean = [.. Enumerable.Range(0, D).Select(i => Enumerable.Range(0, N).Sum(j => Weights[j] * Points[j][i]))];
        Spread = new double[D, D];
        Covariance = new double[D, D];
        for (var a = 0; a < D; a++)
            for (var b = 0; b < D; b++)
            {
                Spread[a, b] = Enumerable.Range(0, N).Sum(j => Weights[j] * (Points[j][a] - Mean[a]) * (Points[j][b] - Mean[b]));
                Covariance[a, b] = Spread[a, b] / (1 - sumOfSquares) * Factor * Factor;
            }
    }

    public static double Scott(double neff, int d) => Math.Pow(neff, -1.0 / (d + 4));

    public static double Silverman(double neff, int d) => Math.Pow(neff * (d + 2) / 4, -1.0 / (d + 4));

    public int D { get; }

    public int N { get; }

    public double[][] Points { get; }

    public double[] Weights { get; }

    public double Factor { get; }

    /// <summary>The weighted mean of the points, which is the kde's mean.</summary>
    public double[] Mean { get; }

    /// <summary>The points' weighted covariance without Bessel's correction: the kde's covariance is this plus
    /// <see cref="Covariance"/>.</summary>
    public double[,] Spread { get; }

    /// <summary>The kernels' covariance.</summary>
    public double[,] Covariance { get; }

    public double Pdf(double[] x) => Mixture(x, Covariance);

    /// <summary>∫ kde(x) N(x; mean, cov) dx = Σ w N(mean − x_i; 0, Σ + cov).</summary>
    public double IntegrateGaussian(double[] mean, double[,] cov) => Mixture(mean, Sum(Covariance, cov));

    /// <summary>∫ kde(x) other(x) dx = Σ_ij w_i v_j N(x_i − y_j; 0, Σ + Σ').</summary>
    public double IntegrateKde(GaussianKdeReference other) =>
        other.Points.Select((y, j) => other.Weights[j] * Mixture(y, Sum(Covariance, other.Covariance))).Sum();

    /// <summary>Σ w (Φ((high − x)/σ) − Φ((low − x)/σ)) for one dimension.</summary>
    public double IntegrateBox1d(double low, double high)
    {
        var sigma = Math.Sqrt(Covariance[0, 0]);
        return Points.Select((x, i) => Weights[i] * (GaussianReference.Cdf((high - x[0]) / sigma) - GaussianReference.Cdf((low - x[0]) / sigma))).Sum();
    }

    private double Mixture(double[] at, double[,] cov) =>
        Points.Select((x, i) => Weights[i] * GaussianReference.Density([.. x.Select((xk, k) => at[k] - xk)], cov)).Sum();

    private static double[,] Sum(double[,] a, double[,] b)
    {
        var sum = (double[,])a.Clone();
        for (var i = 0; i < a.GetLength(0); i++)
            for (var j = 0; j < a.GetLength(1); j++) sum[i, j] += b[i, j];
        return sum;
    }
}
