using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Bench.Limits;

namespace JaxNet.Bench.Workloads;

/// <summary>
/// x + y on 8 floats as one precompiled elementwise kernel launched and waited for: the backend's share of an
/// eager op (no tracing, no dispatch cache, no output allocation). It is a floor for the eager row, not the
/// eager row: the peers' figure beside it is their whole eager <c>x + y</c>.
/// </summary>
internal sealed class LaunchFloorWorkload : KernelWorkload
{
    private const int Size = 8;

    public override string Title => "x + y, 8 floats, launch only (kernel)";

    public override string PeerKey => "eager_add_8";

    public override Unit Unit => Unit.Nanoseconds;

    public override Limit? LimitFrom(RooflineFigures roofline) => null;

    protected override (KernelModule, float[][]) Build()
    {
        var b = new ScalarProgramBuilder();
        var sum = b.Binary(BinaryOp.Add, b.Load(0, DType.Float32), b.Load(1, DType.Float32));
        var map = IndexMap.Identity([Size]);
        var kernel = new ElementwiseKernel("add", [Size], [new(0, DType.Float32, map), new(1, DType.Float32, map)], b.Build(sum), [2]);
        const long bytes = Size * sizeof(float);
        var module = new KernelModule("add_8", Buffers([bytes, bytes], [bytes]), [kernel], [0, 1], [2]);
        return (module, [Uniform(Size, 41), Uniform(Size, 42)]);
    }

    protected override string Check(KernelHarness harness, float[][] inputs)
    {
        var output = harness.ReadResult(0);
        for (var i = 0; i < Size; i++)
            if (output[i] != inputs[0][i] + inputs[1][i])
                throw new ResultMismatchException($"x + y: out[{i}] = {output[i]}, expected {inputs[0][i] + inputs[1][i]}");
        return "exact";
    }
}
