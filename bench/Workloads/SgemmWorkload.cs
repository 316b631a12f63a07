using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Bench.Limits;

namespace JaxNet.Bench.Workloads;

/// <summary>C = A B for square float32 matrices of size <c>n</c>: one contraction kernel, float32 accumulation.</summary>
internal sealed class SgemmWorkload(int n) : KernelWorkload
{
    private const int CheckedEntries = 64;

    public override string Title => $"sgemm N={n} (kernel)";

    public override string PeerKey => $"sgemm_{n}";

    public override Unit Unit => Unit.GflopPerSecond;

    private double Flops => 2.0 * n * n * n;

    public override Limit? LimitFrom(RooflineFigures roofline) =>
        roofline.FmaPeakGflops is { } peak ? new Limit(peak, "fp32 FMA peak (fma_peak.c)") : null;

    protected override double InUnit(double secondsPerCall) => Flops / secondsPerCall / 1e9;

    protected override (KernelModule, float[][]) Build()
    {
        long bytes = (long)n * n * sizeof(float);
        var kernel = new ContractionKernel("sgemm", new TensorRef(0, DType.Float32, [n, n]), new TensorRef(1, DType.Float32, [n, n]),
            DotDimensions.MatMul, Precision.Default, DType.Float32, null, 2);
        var module = new KernelModule($"sgemm_{n}", Buffers([bytes, bytes], [bytes]), [kernel], [0, 1], [2]);
        return (module, [Uniform(n * n, 11), Uniform(n * n, 12)]);
    }

    protected override string Check(KernelHarness harness, float[][] inputs)
    {
        var c = harness.ReadResult(0);
        var (a, b) = (inputs[0], inputs[1]);
        var random = new Random(13);
        var worst = 0.0;
        for (var e = 0; e < CheckedEntries; e++)
        {
            int i = random.Next(n), j = random.Next(n);
            double exact = 0, magnitude = 0;
            for (var k = 0; k < n; k++)
            {
                var term = (double)a[i * n + k] * b[k * n + j];
                exact += term;
                magnitude += Math.Abs(term);
            }
            // float32 accumulation of n terms: the error scales with the sum of magnitudes.
            var error = Math.Abs(c[i * n + j] - exact) / magnitude;
            worst = Math.Max(worst, error);
            if (error > 1e-4)
                throw new ResultMismatchException($"sgemm N={n}: C[{i},{j}] = {c[i * n + j]}, float64 reference {exact}");
        }
        return $"{CheckedEntries} entries match float64 (worst error {worst:0.0e+0} of the magnitude)";
    }
}
