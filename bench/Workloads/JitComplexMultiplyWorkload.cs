using System.Numerics;
using JaxNet.Bench.Limits;

namespace JaxNet.Bench.Workloads;

/// <summary>
/// <c>Jax.Jit((x, y) =&gt; x * y)</c> of two million-element complex64 arrays: the complex expansion's four real
/// products on strided reads of the interleaved parts, written back interleaved.
/// </summary>
internal sealed class JitComplexMultiplyWorkload : FrontendWorkload
{
    private const int Count = 1_000_000;

    public override string Title => "complex64 x * y, 1M (jit)";

    public override string PeerKey => "complex_mul_1m";

    public override Unit Unit => Unit.Milliseconds;

    protected override string Implementation => "JaxNet (jit)";

    /// <summary>Two 8-byte inputs read and one written per element, at the STREAM triad's bandwidth.</summary>
    public override Limit? LimitFrom(RooflineFigures roofline) =>
        roofline.TriadGBs is { } gbs ? new Limit(24.0 * Count / (gbs * 1e9) * 1e3, "24 MB moved at the triad bandwidth") : null;

    protected override (Action, Func<string>, NDArray[]) Prepare()
    {
        var (a, b) = (Values(51), Values(52));
        var (x, y) = (Jnp.Array(a).Astype(DType.Complex64), Jnp.Array(b).Astype(DType.Complex64));
        var f = Jax.Jit((NDArray u, NDArray v) => u * v);
        return (() => Disposed(f(x, y)), () =>
        {
            using var result = f(x, y);
            var values = result.ToArray<Complex>();
            for (var i = 0; i < Count; i += 997)
            {
                var expected = a[i] * b[i];
                if (Complex.Abs(values[i] - expected) > 1e-5 * Math.Max(1, Complex.Abs(expected)))
                    throw new ResultMismatchException($"complex multiply: out[{i}] = {values[i]}, expected {expected}");
            }
            return $"sampled elements match; {KernelCount(f.Lower(x, y))}";
        }, [x, y]);
    }

    private static Complex[] Values(int seed)
    {
        var (re, im) = (Uniform(Count, seed), Uniform(Count, seed + 100));
        return Enumerable.Range(0, Count).Select(i => new Complex(re[i], im[i])).ToArray();
    }
}
