using System.Numerics;
using JaxNet.Bench.Limits;

namespace JaxNet.Bench.Workloads;

/// <summary>
/// A jitted jnp.fft transform timed in milliseconds against NumPy's pocketfft and PyTorch's, its result checked at a
/// few bins against a direct sum in double precision (no roofline: the transform is neither compute- nor
/// memory-bound at these sizes).
/// </summary>
internal abstract class SpectrumWorkload : FrontendWorkload
{
    public override Unit Unit => Unit.Milliseconds;

    protected override string Implementation => "JaxNet (jit)";

    public override Limit? LimitFrom(RooflineFigures roofline) => null;

    /// <summary>A complex64 array of <paramref name="shape"/> with parts drawn uniformly from [-1, 1), and its values.</summary>
    protected static (Complex[] Values, NDArray Array) ComplexInput(int[] shape, int seed)
    {
        var count = shape.Aggregate(1, (a, b) => a * b);
        var (re, im) = (Uniform(count, seed), Uniform(count, seed + 1));
        var values = Enumerable.Range(0, count).Select(i => new Complex(re[i], im[i])).ToArray();
        return (values, Jnp.Array(values).Astype(DType.Complex64).Reshape(shape));
    }

    /// <summary>Throws unless <paramref name="actual"/> is within <paramref name="tolerance"/> of the direct sum
    /// Σ_j values[j]·exp(-2πi·phase(j)/period) over j &lt; count.</summary>
    protected static void CheckBin(string what, Complex actual, int count, Func<int, Complex> value, Func<int, long> phase, long period, double tolerance)
    {
        var expected = Complex.Zero;
        for (var j = 0; j < count; j++) expected += value(j) * Complex.FromPolarCoordinates(1, -2 * Math.PI * (phase(j) % period) / period);
        if (Complex.Abs(actual - expected) > tolerance)
            throw new ResultMismatchException($"{what} = {actual}, expected {expected}");
    }
}
