using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Bench.Limits;

namespace JaxNet.Bench.Workloads;

/// <summary>tanh(x) * sigmoid(y) + exp(-z) over 10M float32: one elementwise kernel, one output array.</summary>
internal sealed class ActivationWorkload : KernelWorkload
{
    public const int Size = 10_000_000;
    private const int CheckedPoints = 100_000;

    public override string Title => "tanh(x)*sigmoid(y) + exp(-z), 10M (kernel)";

    public override string PeerKey => "activation_10m";

    public override Unit Unit => Unit.Milliseconds;

    /// <summary>Three arrays read and one written, 4 bytes each, at the STREAM triad's bandwidth.</summary>
    public override Limit? LimitFrom(RooflineFigures roofline) =>
        roofline.TriadGBs is { } gbs ? new Limit(16.0 * Size / (gbs * 1e9) * 1e3, "160 MB moved at the triad bandwidth") : null;

    protected override (KernelModule, float[][]) Build()
    {
        var b = new ScalarProgramBuilder();
        var t = b.Unary(UnaryOp.Tanh, b.Load(0, DType.Float32));
        var s = b.Unary(UnaryOp.Logistic, b.Load(1, DType.Float32));
        var e = b.Unary(UnaryOp.Exp, b.Unary(UnaryOp.Neg, b.Load(2, DType.Float32)));
        var map = IndexMap.Identity([Size]);
        MappedInput[] inputs = [new(0, DType.Float32, map), new(1, DType.Float32, map), new(2, DType.Float32, map)];
        var kernel = new ElementwiseKernel("activation", [Size], inputs,
            b.Build(b.Binary(BinaryOp.Add, b.Binary(BinaryOp.Mul, t, s), e)), [3]);
        const long bytes = (long)Size * sizeof(float);
        var module = new KernelModule("activation", Buffers([bytes, bytes, bytes], [bytes]), [kernel], [0, 1, 2], [3]);
        return (module, [Uniform(Size, 31), Uniform(Size, 32), Uniform(Size, 33)]);
    }

    protected override string Check(KernelHarness harness, float[][] inputs)
    {
        var output = harness.ReadResult(0);
        var (x, y, z) = (inputs[0], inputs[1], inputs[2]);
        var worst = 0.0;
        for (var i = 0; i < Size; i += Size / CheckedPoints)
        {
            var exact = Math.Tanh(x[i]) / (1 + Math.Exp(-y[i])) + Math.Exp(-z[i]);
            var error = Math.Abs(output[i] - exact) / Math.Max(1, Math.Abs(exact));
            worst = Math.Max(worst, error);
            if (error > 1e-5)
                throw new ResultMismatchException($"activation: out[{i}] = {output[i]}, float64 reference {exact}");
        }
        return $"{CheckedPoints} points match float64 (worst error {worst:0.0e+0})";
    }
}
