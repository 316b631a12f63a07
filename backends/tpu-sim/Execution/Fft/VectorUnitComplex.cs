using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.TpuSim.Numerics;

namespace JaxNet.Backends.TpuSim.Execution.Fft;

/// <summary>
/// Complex arithmetic on the vector unit, as the simulator does every elementwise op: in double, each real multiply
/// and add rounded to the dtype (four products and two sums for a complex product).
/// </summary>
internal static class VectorUnitComplex
{
    /// <summary>Vector-unit ops of one complex product, for the cycle model.</summary>
    public const int OpsPerProduct = 6;

    public static (double Re, double Im) Mul(double ar, double ai, (double Re, double Im) b, DType dtype)
    {
        double R(double v) => DTypeValues.Round(v, dtype);
        return (R(R(ar * b.Re) - R(ai * b.Im)), R(R(ar * b.Im) + R(ai * b.Re)));
    }

    /// <summary>Every value times <paramref name="scale"/> (itself rounded to the dtype first), in place.</summary>
    public static void Scale(ComplexArray z, double scale, DType dtype)
    {
        var s = DTypeValues.Round(scale, dtype);
        for (var i = 0; i < z.Count; i++)
            (z.Re[i], z.Im[i]) = (DTypeValues.Round(z.Re[i] * s, dtype), DTypeValues.Round(z.Im[i] * s, dtype));
    }
}
