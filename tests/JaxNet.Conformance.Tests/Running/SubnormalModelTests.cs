using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Cases;
using JaxNet.Conformance.Catalog;
using JaxNet.Conformance.Numerics;
using JaxNet.Conformance.Reference;
using JaxNet.Conformance.Running;
using Xunit;

namespace JaxNet.Conformance.Tests.Running;

/// <summary>
/// The flush-to-zero model for backends whose devices may flush float32 subnormals (NVIDIA's Vulkan driver without
/// DenormPreserve, XLA on GPUs): the reference with flushed operands, and a comparison that accepts it, or zero of
/// the right sign for a subnormal result, besides the IEEE answer; and nothing looser than that.
/// </summary>
public sealed class SubnormalModelTests
{
    private const float Tiny = float.Epsilon; // 2^-149, the smallest float32 subnormal

    private static BackendCapabilities Everything => BackendCapabilities.Everything(DTypeInfo.All, 8);

    /// <summary>An elementwise module: out = op(x, y) on float32 (a unary op ignores y), or a copy when op is null.</summary>
    private static (KernelModule Module, TensorSpec Result) Module(DType dtype, Func<ScalarProgramBuilder, int, int, int>? op, int n)
    {
        var m = new ModuleBuilder("subnormals");
        var x = m.Parameter(dtype, n);
        var y = m.Parameter(dtype, n);
        var p = new ScalarProgramBuilder();
        var a = p.Load(0, dtype);
        var b = p.Load(1, dtype);
        var r = op is null ? a : op(p, a, b);
        var outDType = p.Build(r).ResultType(0);
        var result = m.Result(outDType, n);
        m.Add(new ElementwiseKernel("k", [n], [new MappedInput(x, dtype, IndexMap.Identity([n])), new MappedInput(y, dtype, IndexMap.Identity([n]))],
            p.Build(r), [result]));
        return (m.Build(), new TensorSpec(outDType, [n]));
    }

    private static double[] Evaluate(KernelModule module, TensorSpec result, SubnormalMode mode, DType dtype, double[] x, double[] y)
    {
        var bytes = ReferenceEvaluator.Evaluate(module, [HostTensor.FromDoubles(dtype, [x.Length], x).Data, HostTensor.FromDoubles(dtype, [y.Length], y).Data], mode);
        return new HostTensor(result.DType, result.Shape, bytes[0]).ToDoubles();
    }

    [Fact]
    public void FlushedOperandsChangeArithmeticButNotCopies()
    {
        double[] x = [Tiny, -Tiny, 1e-39, 3, 1e-20];
        double[] y = [2, 2, 1, Tiny, 1e-20];
        var (mul, mulSpec) = Module(DType.Float32, (p, a, b) => p.Binary(BinaryOp.Mul, a, b), x.Length);
        // 1e-20 * 1e-20 is a subnormal result of normal operands: the model keeps it (the comparison accepts zero).
        Assert.Equal([2 * (double)Tiny, -2 * (double)Tiny, (float)1e-39, 3 * (double)Tiny, (float)1e-40], Evaluate(mul, mulSpec, SubnormalMode.Preserve, DType.Float32, x, y));
        var flushed = Evaluate(mul, mulSpec, SubnormalMode.FlushFloat32, DType.Float32, x, y);
        Assert.Equal([0, -0.0, 0, 0, (float)1e-40], flushed);
        Assert.True(double.IsNegative(flushed[1]), "a flushed negative subnormal is -0");

        var (sign, signSpec) = Module(DType.Float32, (p, a, _) => p.Unary(UnaryOp.Sign, a), x.Length);
        Assert.Equal([0, -0.0, 0, 1, 1], Evaluate(sign, signSpec, SubnormalMode.FlushFloat32, DType.Float32, x, y));
        var (toBool, toBoolSpec) = Module(DType.Float32, (p, a, _) => p.Convert(a, DType.Bool), x.Length);
        Assert.Equal([0, 0, 0, 1, 1], Evaluate(toBool, toBoolSpec, SubnormalMode.FlushFloat32, DType.Float32, x, y));

        // A copy moves bits; float16 subnormals are normal float32 numbers; float64 has its own mode.
        var (copy, copySpec) = Module(DType.Float32, null, x.Length);
        Assert.Equal(Evaluate(copy, copySpec, SubnormalMode.Preserve, DType.Float32, x, y), Evaluate(copy, copySpec, SubnormalMode.FlushFloat32, DType.Float32, x, y));
        foreach (var dtype in new[] { DType.Float16, DType.Float64 })
        {
            var (neg, negSpec) = Module(dtype, (p, a, _) => p.Unary(UnaryOp.Neg, a), 2);
            double[] tiny = [dtype == DType.Float16 ? 5.9604644775390625e-08 : double.Epsilon, 1];
            Assert.Equal(Evaluate(neg, negSpec, SubnormalMode.Preserve, dtype, tiny, tiny), Evaluate(neg, negSpec, SubnormalMode.FlushFloat32, dtype, tiny, tiny));
        }
    }

    [Fact]
    public void TheComparisonAcceptsTheModelAndZeroForASubnormalButNothingElse()
    {
        HostTensor T(double v) => HostTensor.FromDoubles(DType.Float32, [1], v);
        var exact = Tolerance.Exact;
        // IEEE expects 2^-148; the flushing model (operands flushed) expects 0: both answers pass.
        Assert.Null(ResultComparer.Compare([T(2 * (double)Tiny)], [T(0)], exact, null, [T(0)]));
        Assert.Null(ResultComparer.Compare([T(2 * (double)Tiny)], [T(2 * (double)Tiny)], exact, null, [T(0)]));
        // Without the model, a flushed answer is a failure.
        Assert.NotNull(ResultComparer.Compare([T(2 * (double)Tiny)], [T(0)], exact));
        // A subnormal result of the model accepts zero of its sign only.
        Assert.Null(ResultComparer.Compare([T(-1e-40)], [T(-0.0)], exact, null, [T(-1e-40)]));
        Assert.NotNull(ResultComparer.Compare([T(-1e-40)], [T(0.0)], exact, null, [T(-1e-40)]));
        // Normal values are held to the tolerance as before, and the message names both expectations.
        var message = ResultComparer.Compare([T(1.5)], [T(1.25)], exact, null, [T(0)]);
        Assert.NotNull(message);
        Assert.Contains("flushing subnormals: 0", message);
        Assert.NotNull(ResultComparer.Compare([T(1.5)], [T(0)], exact, null, [T(1.5)]));
    }

    [Fact]
    public void AFlushingBackendPassesOnlyWhenItSaysSo()
    {
        var flushing = new HostReferenceBackend(1, Everything) { Subnormals = SubnormalMode.FlushFloat32 };
        Assert.Equal(SubnormalMode.FlushFloat32, BackendTolerances.For(flushing).Subnormals);
        Assert.Equal(SubnormalMode.Preserve, BackendTolerances.For(new HostReferenceBackend(1, Everything)).Subnormals);
        // Specials cross products put the smallest subnormal into every op: mul and sign see it as zero.
        foreach (var id in new[] { "elementwise/mul/f32/specials-cross", "elementwise/sign/f32/random", "elementwise/div/bf16/specials-cross" })
        {
            var c = ConformanceCatalog.Get(id);
            Assert.Equal(CaseOutcome.Failed, ConformanceRunner.Run(flushing, c, ToleranceProfile.Default).Outcome);
            var result = ConformanceRunner.Run(flushing, c, BackendTolerances.For(flushing));
            Assert.True(result.Passed, result.ToString());
        }
    }
}
