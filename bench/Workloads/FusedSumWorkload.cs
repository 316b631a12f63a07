using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Bench.Limits;

namespace JaxNet.Bench.Workloads;

/// <summary>
/// sum(x + y*z) over 10M float32: one reduction kernel whose prologue computes x + y*z, so no intermediate array
/// is written (the fusion the frontend is meant to produce).
/// </summary>
internal sealed class FusedSumWorkload : KernelWorkload
{
    public const int Size = 10_000_000;

    public override string Title => "sum(x + y*z), 10M (kernel)";

    public override string PeerKey => "fused_sum_10m";

    public override Unit Unit => Unit.Milliseconds;

    public override Limit? LimitFrom(RooflineFigures roofline) =>
        roofline.FusedSumMs is { } ms ? new Limit(ms, "C, one pass, 2 threads (fused_sum.c)") : null;

    protected override (KernelModule, float[][]) Build()
    {
        var b = new ScalarProgramBuilder();
        var value = b.Binary(BinaryOp.Add, b.Load(0, DType.Float32),
            b.Binary(BinaryOp.Mul, b.Load(1, DType.Float32), b.Load(2, DType.Float32)));
        var map = IndexMap.Identity([Size]);
        MappedInput[] inputs = [new(0, DType.Float32, map), new(1, DType.Float32, map), new(2, DType.Float32, map)];
        var kernel = new ReductionKernel("fused_sum", [Size], [0], inputs, b.Build(value), ReduceOp.Sum, DType.Float32, null, 3);
        const long bytes = (long)Size * sizeof(float);
        var module = new KernelModule("fused_sum", Buffers([bytes, bytes, bytes], [sizeof(float)]), [kernel], [0, 1, 2], [3]);
        return (module, [Uniform(Size, 21), Uniform(Size, 22), Uniform(Size, 23)]);
    }

    protected override string Check(KernelHarness harness, float[][] inputs)
    {
        var sum = harness.ReadResult(0)[0];
        var (x, y, z) = (inputs[0], inputs[1], inputs[2]);
        double exact = 0, magnitude = 0;
        for (var i = 0; i < Size; i++)
        {
            var term = x[i] + (double)y[i] * z[i];
            exact += term;
            magnitude += Math.Abs(term);
        }
        var error = Math.Abs(sum - exact) / magnitude;
        if (error > 1e-5)
            throw new ResultMismatchException($"sum(x + y*z) = {sum}, float64 reference {exact} (error {error:0.0e+0} of the magnitude)");
        return $"sum matches float64 (error {error:0.0e+0} of the magnitude)";
    }
}
