using System.Numerics;

namespace JaxNet.HostLinalg;

/// <summary>
/// LAPACK's geev on the host, in double precision: the eigenvalues and right eigenvectors of a general square matrix.
/// The matrix is scaled into a safe range if its entries are huge or tiny, balanced, reduced to Hessenberg form and then
/// to Schur form by QR iterations (the real double-shift algorithm for real matrices, single shifts for complex ones);
/// eigenvectors come from the Schur form by back-substitution, are mapped back and normalized as geev normalizes them.
/// </summary>
internal static class Geev
{
    /// <summary>The result for one matrix: eigenvalues and, when asked for, eigenvectors (columns); null where geev
    /// fails (a non-finite entry, or QR iterations that do not converge).</summary>
    public readonly record struct Result(Complex[] W, Complex[,]? V);

    /// <summary>dgeev: a real matrix, whose complex eigenvalues come in conjugate pairs (positive imaginary part first)
    /// with conjugate eigenvectors.</summary>
    public static Result? OfReal(double[,] a, bool vectors) =>
        Run(a, vectors, RealSchur.Decompose, (t, z, w) => SchurEigenvectors.Right(ToComplex(t), ToComplex(z), w), positive: false);

    /// <summary>zgeev: a complex matrix.</summary>
    public static Result? OfComplex(Complex[,] a, bool vectors) => Run(a, vectors, ComplexSchur.Decompose, SchurEigenvectors.Right, positive: true);

    private static Result? Run<T>(T[,] a, bool vectors, Func<T[,], T[,], int, int, Complex[]?> schur, Func<T[,], T[,], Complex[], Complex[,]> right,
        bool positive) where T : struct, INumberBase<T>
    {
        if (!Finite(a)) return null;
        var scale = SafeScale(a);
        var balancing = Balancing<T>.Balance(a);
        var z = HostHessenberg<T>.Reduce(a, balancing.Ilo, balancing.Ihi);
        var w = schur(a, z, balancing.Ilo, balancing.Ihi);
        if (w is null) return null;
        Complex[,]? v = null;
        if (vectors)
        {
            // Before the eigenvalues are scaled back: the back-substitution needs those of the scaled matrix.
            v = right(a, z, w);
            balancing.BackTransform(v);
            EigenvectorNormalization.Normalize(v, positive);
        }
        for (var i = 0; i < w.Length; i++) w[i] /= scale;
        return new Result(w, v);
    }

    // geev's scaling: a matrix whose largest entry is below sqrt(safe minimum)/ulp or above its inverse is multiplied
    // into that range (eigenvectors do not change; eigenvalues are divided by the returned factor afterwards).
    private static double SafeScale<T>(T[,] a) where T : struct, INumberBase<T>
    {
        var largest = 0.0;
        foreach (var x in a) largest = Math.Max(largest, Scalars<T>.Abs(x));
        var small = Math.Sqrt(Reals.SafeMinimum) / Reals.Ulp;
        var target = largest > 0 && largest < small ? small : largest > 1 / small ? 1 / small : largest;
        if (target == largest) return 1;
        var factor = target / largest;
        var f = Scalars<T>.FromReal(factor);
        for (var i = 0; i < a.GetLength(0); i++)
            for (var j = 0; j < a.GetLength(1); j++) a[i, j] *= f;
        return factor;
    }

    private static bool Finite<T>(T[,] a) where T : struct, INumberBase<T>
    {
        foreach (var x in a)
            if (!T.IsFinite(x)) return false;
        return true;
    }

    private static Complex[,] ToComplex(double[,] a)
    {
        var c = new Complex[a.GetLength(0), a.GetLength(1)];
        for (var i = 0; i < a.GetLength(0); i++)
            for (var j = 0; j < a.GetLength(1); j++) c[i, j] = a[i, j];
        return c;
    }
}
