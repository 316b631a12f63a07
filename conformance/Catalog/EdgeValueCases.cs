using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Cases;
using static JaxNet.Conformance.Catalog.Elementwise;

namespace JaxNet.Conformance.Catalog;

/// <summary>
/// Elementwise ops at chosen inputs where a backend once gave a wrong result (most found by the random-program
/// differential tester, <c>jaxnet fuzz</c>): the edges of an op's range that random data in the op's usual domain
/// rarely reaches.
/// </summary>
internal static class EdgeValueCases
{
    public static IEnumerable<ConformanceCase> All()
    {
        // exp(x) - 1 close to overflow: x (exp x - 1) overflowed in Kahan's correction before the division by log.
        yield return Unary(UnaryOp.Expm1, DType.Float64, "near-overflow", [700, 709, 709.5, 709.78, 709.782712893384, 709.79, 710, -745]);
        yield return Unary(UnaryOp.Expm1, DType.Float32, "near-overflow", [80, 88, 88.5, 88.72, 88.7228, 88.73, 89, -104]);
        // sinh and cosh near overflow: squaring e^(x/2) doubled the exponential's error (vulkan, float32).
        yield return Unary(UnaryOp.Sinh, DType.Float32, "near-overflow", [-89.41, -89.06564, -88.9, 12, 50, 88.5, 89.2, 89.41, 89.42]);
        yield return Unary(UnaryOp.Cosh, DType.Float32, "near-overflow", [-89.41, -89.06564, -88.9, 12, 50, 88.5, 89.2, 89.41, 89.42]);
        yield return AddThenSubtractOne(DType.Float32);
        yield return AddThenSubtractOne(DType.Float64);
        yield return EmptyPiece();
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            yield return WithLiteralZero(BinaryOp.Add, dtype);
            yield return WithLiteralZero(BinaryOp.Mul, dtype);
        }
        yield return TimesIotaOfSizeOne();
    }

    /// <summary>
    /// x times the coordinate along a middle dimension of size 1 (always 0): inf * 0 is NaN and -3 * 0 is -0 (a shader
    /// compiler knew the coordinate was 0 and folded the product to 0; fuzzer program seed 33 on vulkan).
    /// </summary>
    private static ConformanceCase TimesIotaOfSizeOne()
    {
        double[] values = [-3, 0, double.PositiveInfinity, double.NegativeInfinity, double.NaN, 2.5];
        int[] shape = [2, 1, values.Length / 2];
        var b = new ScalarProgramBuilder();
        var program = b.Build(b.Binary(BinaryOp.Mul, b.Load(0, DType.Float32), b.Convert(b.Index(1), DType.Float32)));
        return Case("elementwise/mul/f32/iota-of-size-one", DType.Float32, shape, [Contiguous(DType.Float32, shape)], program,
            _ => [HostTensor.FromDoubles(DType.Float32, shape, values)], ToleranceTable.Binary(BinaryOp.Mul, DType.Float32) with { SignOfZero = true },
            "x * float(i1) where axis 1 has size 1: signed zeros and NaN for infinities");
    }

    /// <summary>
    /// An input with an empty valid region (the empty piece of a concatenate) whose offset, with every stride 0,
    /// is a constant before the buffer: it is never read, and its index must not stop the kernel compiling (glslc
    /// rejected the constant negative index behind a false guard).
    /// </summary>
    private static ConformanceCase EmptyPiece()
    {
        int[] shape = [3, 1];
        var b = new ScalarProgramBuilder();
        var program = b.Build(b.Binary(BinaryOp.Add, b.Load(0, DType.Float32), b.Load(1, DType.Float32)));
        var empty = new IndexMap(-1, [0, 0]) { ValidLo = [0, 1], ValidHi = [3, 1], PadValue = 0.5 };
        return Case("elementwise/add/f32/empty-padded-piece", DType.Float32, shape,
            [Contiguous(DType.Float32, shape), new Input(DType.Float32, [3, 0], empty)], program,
            _ => [HostTensor.FromDoubles(DType.Float32, shape, 1, 2, 3), HostTensor.FromDoubles(DType.Float32, [3, 0])],
            Tolerance.Exact, "x plus an input whose valid region is empty: x + 0.5 everywhere");
    }

    /// <summary>
    /// x + 0.0 and x * 0.0 with the zero a constant of the program: -0 + 0 is +0, and -3 * 0 is -0, inf * 0 NaN (a
    /// shader compiler folded them to x and 0 although the shader asked it to keep signed zeros, infinities and NaNs).
    /// </summary>
    private static ConformanceCase WithLiteralZero(BinaryOp op, DType dtype)
    {
        double[] values = [-0.0, 0.0, 1, -2, -3.5, double.PositiveInfinity, double.NegativeInfinity, double.NaN];
        var shape = new[] { values.Length };
        var b = new ScalarProgramBuilder();
        var program = b.Build(b.Binary(op, b.Load(0, dtype), b.Const(dtype, 0)));
        return Case($"elementwise/{Op(op)}/{dtype.ShortName()}/literal-zero", dtype, shape, [Contiguous(dtype, shape)], program,
            _ => [HostTensor.FromDoubles(dtype, shape, values)], ToleranceTable.Binary(op, dtype) with { SignOfZero = true },
            $"x {(op == BinaryOp.Add ? "+" : "*")} 0.0 (a constant) on signed zeros, infinities and NaN");
    }

    /// <summary>(x + 1) - 1 in one kernel: each node rounds, so tiny x give 0 (a shader compiler that reassociated
    /// float arithmetic gave x back: vulkan on llvmpipe).</summary>
    private static ConformanceCase AddThenSubtractOne(DType dtype)
    {
        double[] values = [1e-8, 3e-8, -1e-8, 0.5, 1e-20, 1e-17, 3e-10];
        var shape = new[] { values.Length };
        var b = new ScalarProgramBuilder();
        var one = b.Const(dtype, 1);
        var program = b.Build(b.Binary(BinaryOp.Sub, b.Binary(BinaryOp.Add, b.Load(0, dtype), one), one));
        return Case($"elementwise/add-sub/{dtype.ShortName()}/rounded-per-node", dtype, shape, [Contiguous(dtype, shape)], program,
            _ => [HostTensor.FromDoubles(dtype, shape, values)], ToleranceTable.Elementwise(dtype, OpFamily.Basic),
            "(x + 1) - 1 for tiny x: 0, as each node is rounded (no reassociation to x)");
    }

    private static ConformanceCase Unary(UnaryOp op, DType dtype, string variant, double[] values)
    {
        var shape = new[] { values.Length };
        return Case($"elementwise/{Op(op)}/{dtype.ShortName()}/{variant}", dtype, shape, [Contiguous(dtype, shape)], UnaryProgram(op, dtype),
            _ => [HostTensor.FromDoubles(dtype, shape, values)], ToleranceTable.Unary(op, dtype),
            $"{op} on {dtype.ShortName()} at {string.Join(", ", values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}");
    }
}
