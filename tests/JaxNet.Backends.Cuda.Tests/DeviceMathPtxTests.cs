using System.Reflection;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using JaxNet.Backends.Cuda.Numerics;

namespace JaxNet.Backends.Cuda.Tests;

/// <summary>
/// Every DeviceMath function compiles with ILGPU's PTX backend for sm_90, with no GPU: no intrinsic ILGPU lacks
/// (it would throw), and no call left to an external function (it would fail at module load on the device).
/// </summary>
public sealed class DeviceMathPtxTests : IDisposable
{
    private readonly Context context = Context.Create(b => b.Cuda().Math(MathMode.Default));
    private readonly PTXBackend backend;

    public DeviceMathPtxTests() =>
        backend = new PTXBackend(context, CudaArchitecture.SM_90, CudaInstructionSet.ISA_80, null!);

    public void Dispose()
    {
        backend.Dispose();
        context.Dispose();
    }

    public static TheoryData<string> KernelNames() =>
        new(typeof(DeviceMathKernels).GetMethods(BindingFlags.Public | BindingFlags.Static).Select(m => m.Name));

    [Theory]
    [MemberData(nameof(KernelNames))]
    public void CompilesToSelfContainedPtx(string kernel)
    {
        var method = typeof(DeviceMathKernels).GetMethod(kernel, BindingFlags.Public | BindingFlags.Static)!;
        var entry = EntryPointDescription.FromImplicitlyGroupedKernel(method);
        var compiled = (PTXCompiledKernel)backend.Compile(entry, new KernelSpecialization());
        var ptx = compiled.PTXAssembly;
        Assert.Contains(".entry", ptx, StringComparison.Ordinal);
        Assert.DoesNotContain(".extern", ptx, StringComparison.Ordinal);
        // The float32 versions (named ...F) exist so that float32 kernels need no float64 instruction.
        if (kernel.EndsWith('F')) Assert.DoesNotContain(".f64", ptx, StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("JAXNET_DUMP_PTX") is { } dir) File.WriteAllText(Path.Combine(dir, kernel + ".ptx"), ptx);
    }
}

/// <summary>One kernel per DeviceMath function (the all-in-one kernel too), for the PTX compile test.</summary>
public static class DeviceMathKernels
{
    public static void Exp(Index1D i, ArrayView<double> a) => a[i] = DeviceMath.Exp(a[i]);
    public static void Exp2(Index1D i, ArrayView<double> a) => a[i] = DeviceMath.Exp2(a[i]);
    public static void Expm1(Index1D i, ArrayView<double> a) => a[i] = DeviceMath.Expm1(a[i]);
    public static void Log(Index1D i, ArrayView<double> a) => a[i] = DeviceMath.Log(a[i]);
    public static void Log2(Index1D i, ArrayView<double> a) => a[i] = DeviceMath.Log2(a[i]);
    public static void Log10(Index1D i, ArrayView<double> a) => a[i] = DeviceMath.Log10(a[i]);
    public static void ScaleB(Index1D i, ArrayView<double> a, ArrayView<int> n) => a[i] = DeviceMath.ScaleB(a[i], n[i]);
    public static void Round(Index1D i, ArrayView<double> a) => a[i] = DeviceMath.Round(a[i]);
    public static void Sqrt(Index1D i, ArrayView<double> a) => a[i] = DeviceMath.Sqrt(a[i]) + DeviceMath.Abs(a[i]);
    public static void Log1p(Index1D i, ArrayView<double> a) => a[i] = DeviceMath.Log1p(a[i]);
    public static void ExpF(Index1D i, ArrayView<float> a) => a[i] = DeviceMath.ExpF(a[i]);
    public static void LogisticF(Index1D i, ArrayView<float> a) => a[i] = DeviceMath.LogisticF(a[i]);
    public static void LogF(Index1D i, ArrayView<float> a) => a[i] = DeviceMath.LogF(a[i]);
    public static void Log1pF(Index1D i, ArrayView<float> a) => a[i] = DeviceMath.Log1pF(a[i]);
    public static void Expm1F(Index1D i, ArrayView<float> a) => a[i] = DeviceMath.Expm1F(a[i]);
    public static void TanhF(Index1D i, ArrayView<float> a) => a[i] = DeviceMath.TanhF(a[i]);
    public static void ErfF(Index1D i, ArrayView<float> a) => a[i] = DeviceMath.ErfF(a[i]);
    public static void AtanF(Index1D i, ArrayView<float> a) => a[i] = DeviceMath.AtanF(a[i]) + DeviceMath.AsinF(a[i]) + DeviceMath.AcosF(a[i]);
    public static void HyperbolicF(Index1D i, ArrayView<float> a) => a[i] = DeviceMath.SinhF(a[i]) + DeviceMath.CoshF(a[i]) + DeviceMath.Exp2F(a[i]);
    public static void InverseHyperbolicF(Index1D i, ArrayView<float> a) => a[i] = DeviceMath.AsinhF(a[i]) + DeviceMath.AcoshF(a[i]) + DeviceMath.AtanhF(a[i]) + DeviceMath.CbrtF(a[i]);
    public static void PowF(Index1D i, ArrayView<float> a, ArrayView<float> b) => a[i] = DeviceMath.PowF(a[i], b[i]);
    public static void Atan2F(Index1D i, ArrayView<float> a, ArrayView<float> b) => a[i] = DeviceMath.Atan2F(a[i], b[i]);
    public static void TanWithFallback(Index1D i, ArrayView<float> a) => a[i] = DeviceMath.TanF(a[i]);
    public static void SinCosWithFallback(Index1D i, ArrayView<float> a) => a[i] = DeviceMath.SinF(a[i]) + DeviceMath.CosF(a[i]);
    public static void ErfInvF(Index1D i, ArrayView<float> a) => a[i] = DeviceMath.ErfInvF(a[i]);
    public static void RoundingF(Index1D i, ArrayView<float> a) =>
        a[i] = DeviceMath.FloorF(a[i]) + DeviceMath.CeilingF(a[i]) + DeviceMath.RoundHalfAwayF(a[i]) + DeviceMath.RoundHalfEvenF(a[i]);
    public static void FloatConstants(Index1D i, ArrayView<long> h, ArrayView<int> d) =>
        h[i] = Registers.One((DType)d[i]) + Registers.Infinity((DType)d[i], negative: i % 2 == 0) + Registers.NaN((DType)d[i]);
    public static void MaxMinF(Index1D i, ArrayView<float> a, ArrayView<float> b) => a[i] = DeviceMath.MaxF(a[i], b[i]) - DeviceMath.MinF(a[i], b[i]);
    public static void Sin(Index1D i, ArrayView<double> a) => a[i] = DeviceMath.Sin(a[i]);
    public static void Cos(Index1D i, ArrayView<double> a) => a[i] = DeviceMath.Cos(a[i]);
    public static void Tan(Index1D i, ArrayView<double> a) => a[i] = DeviceMath.Tan(a[i]);
    public static void Asin(Index1D i, ArrayView<double> a) => a[i] = DeviceMath.Asin(a[i]);
    public static void Acos(Index1D i, ArrayView<double> a) => a[i] = DeviceMath.Acos(a[i]);
    public static void Atan(Index1D i, ArrayView<double> a) => a[i] = DeviceMath.Atan(a[i]);
    public static void Atan2(Index1D i, ArrayView<double> a, ArrayView<double> b) => a[i] = DeviceMath.Atan2(a[i], b[i]);
    public static void Sinh(Index1D i, ArrayView<double> a) => a[i] = DeviceMath.Sinh(a[i]);
    public static void Cosh(Index1D i, ArrayView<double> a) => a[i] = DeviceMath.Cosh(a[i]);
    public static void Tanh(Index1D i, ArrayView<double> a) => a[i] = DeviceMath.Tanh(a[i]);
    public static void Asinh(Index1D i, ArrayView<double> a) => a[i] = DeviceMath.Asinh(a[i]);
    public static void Acosh(Index1D i, ArrayView<double> a) => a[i] = DeviceMath.Acosh(a[i]);
    public static void Atanh(Index1D i, ArrayView<double> a) => a[i] = DeviceMath.Atanh(a[i]);
    public static void Pow(Index1D i, ArrayView<double> a, ArrayView<double> b) => a[i] = DeviceMath.Pow(a[i], b[i]);
    public static void Cbrt(Index1D i, ArrayView<double> a) => a[i] = DeviceMath.Cbrt(a[i]);
    public static void Floor(Index1D i, ArrayView<double> a) => a[i] = DeviceMath.Floor(a[i]);
    public static void Ceiling(Index1D i, ArrayView<double> a) => a[i] = DeviceMath.Ceiling(a[i]);
    public static void Truncate(Index1D i, ArrayView<double> a) => a[i] = DeviceMath.Truncate(a[i]);
    public static void RoundHalfAway(Index1D i, ArrayView<double> a) => a[i] = DeviceMath.RoundHalfAway(a[i]);
    public static void RoundHalfEven(Index1D i, ArrayView<double> a) => a[i] = DeviceMath.RoundHalfEven(a[i]);
    public static void CopySign(Index1D i, ArrayView<double> a, ArrayView<double> b) => a[i] = DeviceMath.CopySign(a[i], b[i]);
    public static void Max(Index1D i, ArrayView<double> a, ArrayView<double> b) => a[i] = DeviceMath.Max(a[i], b[i]);
    public static void Min(Index1D i, ArrayView<double> a, ArrayView<double> b) => a[i] = DeviceMath.Min(a[i], b[i]);

    public static void All(Index1D i, ArrayView<double> a, ArrayView<double> b)
    {
        var x = a[i];
        var y = b[i];
        a[i] = DeviceMath.Exp(x) + DeviceMath.Exp2(x) + DeviceMath.Expm1(x) + DeviceMath.Log(x) + DeviceMath.Log2(x)
            + DeviceMath.Log1p(x) + DeviceMath.Sin(x) + DeviceMath.Cos(x) + DeviceMath.Tan(x) + DeviceMath.Asin(x)
            + DeviceMath.Acos(x) + DeviceMath.Atan(x) + DeviceMath.Atan2(y, x) + DeviceMath.Sinh(x) + DeviceMath.Cosh(x)
            + DeviceMath.Tanh(x) + DeviceMath.Asinh(x) + DeviceMath.Acosh(x) + DeviceMath.Atanh(x) + DeviceMath.Pow(x, y)
            + DeviceMath.Cbrt(x) + DeviceMath.Floor(x) + DeviceMath.Ceiling(x) + DeviceMath.Truncate(x)
            + DeviceMath.RoundHalfAway(x) + DeviceMath.RoundHalfEven(x) + DeviceMath.CopySign(x, y)
            + DeviceMath.Max(x, y) + DeviceMath.Min(x, y) + DeviceMath.PI + DeviceMath.E + DeviceMath.Log10(x)
            + DeviceMath.ScaleB(x, (int)y) + DeviceMath.Round(x) + DeviceMath.Sqrt(x) + DeviceMath.Abs(x);
    }
}
