using System.Numerics;

namespace JaxNet.HostLinalg;

/// <summary>
/// geev's normalization of eigenvectors: each column gets Euclidean norm 1 and its largest component (the first of
/// largest modulus) is made real. dgeev rotates a real matrix's complex vectors with dlartg, which keeps the sign of that
/// component's real part (and leaves real vectors' signs as they are); zgeev makes it positive.
/// </summary>
internal static class EigenvectorNormalization
{
    public static void Normalize(Complex[,] v, bool positive)
    {
        var n = v.GetLength(0);
        var column = new Complex[n];
        for (var j = 0; j < v.GetLength(1); j++)
        {
            for (var i = 0; i < n; i++) column[i] = v[i, j];
            var norm = Scalars<Complex>.Norm(column);
            if (norm == 0) continue;
            var k = Largest(column);
            var phase = Phase(column[k] / norm, positive);
            var scale = phase / norm;
            for (var i = 0; i < n; i++) v[i, j] = column[i] * scale;
            v[k, j] = new Complex(v[k, j].Real, 0);
        }
    }

    private static int Largest(Complex[] x)
    {
        var (best, index) = (-1.0, 0);
        for (var i = 0; i < x.Length; i++)
        {
            var size = x[i].Real * x[i].Real + x[i].Imaginary * x[i].Imaginary;
            if (size > best) (best, index) = (size, i);
        }
        return index;
    }

    // The unit multiplier that makes x real: conj(x)/|x| (zgeev), or, as dlartg(Re x, Im x) does, ± that with the sign
    // of Re x (1 when x is already real, so real vectors keep their signs).
    private static Complex Phase(Complex x, bool positive)
    {
        if (x.Imaginary == 0 && !positive) return 1;
        var unit = Complex.Conjugate(x) / Complex.Abs(x);
        return !positive && x.Real < 0 ? -unit : unit;
    }
}
