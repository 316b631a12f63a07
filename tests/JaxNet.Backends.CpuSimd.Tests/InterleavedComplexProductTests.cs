using System.Numerics;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Codegen;
using JaxNet.Backends.CpuSimd.Codegen.Loops;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// The complex product of interleaved arrays, in the form the frontend's complex expansion gives it
/// (<c>select(index last == 0, x0 y0 - x1 y1, x0 y1 + x1 y0)</c> over [..., 2] with parts read by strides [2, 0]), runs
/// on shuffled pairs. Its results must be the generated code's bits (the same two roundings per part) for every
/// shape, including empty, one pair, odd counts that leave a scalar tail and counts split over the cores, with NaN,
/// infinities, signed zeros and overflowing products; within two ulps of the exact product where that is finite;
/// and every near miss (another formula, a broadcast or padded part, parts that are not neighbours) must keep the
/// generated code.
/// </summary>
public sealed class InterleavedComplexProductTests
{
    [Theory]
    [InlineData(DType.Float32, new[] { 0, 2 })]
    [InlineData(DType.Float32, new[] { 1, 2 })]
    [InlineData(DType.Float32, new[] { 7, 2 })]
    [InlineData(DType.Float32, new[] { 3, 5, 2 })]
    [InlineData(DType.Float32, new[] { 1, 33, 1, 2 })]
    [InlineData(DType.Float32, new[] { 70001, 2 })] // split over the cores, with a tail
    [InlineData(DType.Float64, new[] { 0, 2 })]
    [InlineData(DType.Float64, new[] { 1, 2 })]
    [InlineData(DType.Float64, new[] { 9, 2 })]
    [InlineData(DType.Float64, new[] { 4, 3, 2 })]
    [InlineData(DType.Float64, new[] { 65537, 2 })]
    public void ProductsMatchTheGeneratedCodeAndTheExactProduct(DType dtype, int[] shape)
    {
        var pairs = shape[..^1].Aggregate(1L, (a, b) => a * b);
        var (x, y) = (Values(pairs, 1, dtype), Values(pairs, 2, dtype));
        var kernel = Product(shape, dtype, (0, 0, 1, 0), Program(dtype, swapped: false, last: shape.Length - 1));
        var (got, plan) = Run(kernel, dtype, x, y);
        Assert.Contains("interleaved complex product", plan);
        AssertSameBits(Generated(kernel, dtype, x, y), got);
        for (var k = 0; k < pairs; k++)
        {
            var exact = new Complex(x[2 * k], x[2 * k + 1]) * new Complex(y[2 * k], y[2 * k + 1]);
            if (!double.IsFinite(exact.Real) || !double.IsFinite(exact.Imaginary)) continue;
            // Each part is two rounded products and a rounded sum: within 2 ulps of the larger product's magnitude.
            var ulp = dtype == DType.Float32 ? Math.Pow(2, -23) : Math.Pow(2, -52);
            var scaleRe = Math.Abs(x[2 * k] * y[2 * k]) + Math.Abs(x[2 * k + 1] * y[2 * k + 1]);
            var scaleIm = Math.Abs(x[2 * k] * y[2 * k + 1]) + Math.Abs(x[2 * k + 1] * y[2 * k]);
            if (double.IsFinite(got[2 * k])) Assert.InRange(Math.Abs(got[2 * k] - exact.Real), 0, 2 * ulp * scaleRe);
            if (double.IsFinite(got[2 * k + 1])) Assert.InRange(Math.Abs(got[2 * k + 1] - exact.Imaginary), 0, 2 * ulp * scaleIm);
        }
    }

    [Fact]
    public void NonFiniteProductsAreTheNaiveFormulas()
    {
        // (inf + 0i)(0 + 1i): re = inf*0 - 0*1 = NaN, im = inf*1 + 0*0 = inf; (NaN + 1i)(1 + 0i): NaN, NaN;
        // (-0 + 0i)(0 + 0i): -0 - 0 = -0, -0 + 0 = 0; (1e30 + 1e30i)^2 in float32: inf - inf = NaN, inf.
        double[] x = [double.PositiveInfinity, 0, double.NaN, 1, -0.0, 0, 1e30, 1e30];
        double[] y = [0, 1, 1, 0, 0, 0, 1e30, 1e30];
        var kernel = Product([4, 2], DType.Float32, (0, 0, 1, 0), Program(DType.Float32, swapped: false));
        var (got, _) = Run(kernel, DType.Float32, x, y);
        Assert.True(double.IsNaN(got[0]));
        Assert.Equal(double.PositiveInfinity, got[1]);
        Assert.True(double.IsNaN(got[2]) && double.IsNaN(got[3]));
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(got[4]));
        Assert.Equal(BitConverter.DoubleToInt64Bits(0.0), BitConverter.DoubleToInt64Bits(got[5]));
        Assert.True(double.IsNaN(got[6]));
        Assert.Equal(double.PositiveInfinity, got[7]);
        AssertSameBits(Generated(kernel, DType.Float32, x, y), got);
    }

    [Fact]
    public void OperandsInEitherOrderAndASquareAreRecognised()
    {
        // Products written y * x, the imaginary terms swapped, the predicate as (0 != index): the same product.
        var (x, y) = (Values(40, 3, DType.Float64), Values(40, 4, DType.Float64));
        var swapped = Product([40, 2], DType.Float64, (0, 0, 1, 0), Program(DType.Float64, swapped: true));
        var (got, plan) = Run(swapped, DType.Float64, x, y);
        Assert.Contains("interleaved complex product", plan);
        AssertSameBits(Generated(swapped, DType.Float64, x, y), got);

        // x * x: both operands one buffer.
        var square = Product([40, 2], DType.Float32, (0, 0, 0, 0), Program(DType.Float32, swapped: false));
        var (squared, squarePlan) = Run(square, DType.Float32, x, y);
        Assert.Contains("interleaved complex product", squarePlan);
        AssertSameBits(Generated(square, DType.Float32, x, y), squared);

        // Operands at offsets within their buffers (slices of larger arrays): pairs from element 4 and 2 on.
        var sliced = Product([18, 2], DType.Float32, (0, 4, 1, 2), Program(DType.Float32, swapped: false));
        var (slicedGot, slicedPlan) = Run(sliced, DType.Float32, x, y);
        Assert.Contains("interleaved complex product", slicedPlan);
        AssertSameBits(Generated(sliced, DType.Float32, x, y), slicedGot);
    }

    [Fact]
    public void NearMissesKeepTheGeneratedCode()
    {
        var (x, y) = (Values(16, 5, DType.Float32), Values(16, 6, DType.Float32));
        // x * conj(y): the real part adds its products.
        var b = new ScalarProgramBuilder();
        var (x0, y0, x1, y1) = (b.Load(0, DType.Float32), b.Load(1, DType.Float32), b.Load(2, DType.Float32), b.Load(3, DType.Float32));
        var re = b.Binary(BinaryOp.Add, b.Binary(BinaryOp.Mul, x0, y0), b.Binary(BinaryOp.Mul, x1, y1));
        var im = b.Binary(BinaryOp.Sub, b.Binary(BinaryOp.Mul, x1, y0), b.Binary(BinaryOp.Mul, x0, y1));
        var isReal = b.Binary(BinaryOp.Eq, b.Index(1), b.ConstBits(DType.Int32, 0));
        var conjugate = Product([16, 2], DType.Float32, (0, 0, 1, 0), b.Build(b.Select(isReal, re, im)));
        AssertGenerated(conjugate, x, y);

        // Imaginary parts one element away from where the pairs are: not the parts of one complex array.
        var apart = Product([15, 2], DType.Float32, (0, 0, 1, 0), Program(DType.Float32, swapped: false), imaginaryAt: 2);
        AssertGenerated(apart, x, y);

        // One operand a broadcast complex scalar (strides [0, 0]), or padded: other loops serve these.
        var program = Program(DType.Float32, swapped: false);
        var broadcast = Product([16, 2], DType.Float32, (0, 0, 1, 0), program) with
        {
            Inputs = Product([16, 2], DType.Float32, (0, 0, 1, 0), program).Inputs
                .Select((input, i) => i % 2 == 1 ? input with { Map = new IndexMap(input.Map.Offset, [0, 0]) } : input).ToArray(),
        };
        AssertGenerated(broadcast, x, y);
        var padded = Product([16, 2], DType.Float32, (0, 0, 1, 0), program) with
        {
            Inputs = Product([16, 2], DType.Float32, (0, 0, 1, 0), program).Inputs
                .Select(input => input with { Map = input.Map with { ValidLo = [0, 0], ValidHi = [15, 2] } }).ToArray(),
        };
        AssertGenerated(padded, x, y);

        // The predicate on the wrong dimension.
        var c = new ScalarProgramBuilder();
        var (a0, c0, a1, c1) = (c.Load(0, DType.Float32), c.Load(1, DType.Float32), c.Load(2, DType.Float32), c.Load(3, DType.Float32));
        var first = c.Binary(BinaryOp.Eq, c.Index(0), c.ConstBits(DType.Int32, 0));
        var wrongAxis = Product([16, 2], DType.Float32, (0, 0, 1, 0), c.Build(c.Select(first,
            c.Binary(BinaryOp.Sub, c.Binary(BinaryOp.Mul, a0, c0), c.Binary(BinaryOp.Mul, a1, c1)),
            c.Binary(BinaryOp.Add, c.Binary(BinaryOp.Mul, a0, c1), c.Binary(BinaryOp.Mul, a1, c0)))));
        AssertGenerated(wrongAxis, x, y);
    }

    [Fact]
    public void TheLargestCasesAreSplitOverTheCores()
    {
        Assert.True(70001L * 2 >= LoopRunner.ParallelElements);
        Assert.True(65537L * 2 >= LoopRunner.ParallelElements);
    }

    /// <summary>The expansion's product: loads in0 = x re, in1 = y re, in2 = x im, in3 = y im. <paramref name="swapped"/>
    /// writes every product operand-reversed, the imaginary terms in the other order and the predicate mirrored;
    /// <paramref name="last"/> is the pair dimension.</summary>
    private static ScalarProgram Program(DType dtype, bool swapped, int last = 1)
    {
        var b = new ScalarProgramBuilder();
        var index = b.Index(last);
        var (x0, y0, x1, y1) = (b.Load(0, dtype), b.Load(1, dtype), b.Load(2, dtype), b.Load(3, dtype));
        int Mul(int u, int v) => swapped ? b.Binary(BinaryOp.Mul, v, u) : b.Binary(BinaryOp.Mul, u, v);
        var re = b.Binary(BinaryOp.Sub, Mul(x0, y0), Mul(x1, y1));
        var im = swapped ? b.Binary(BinaryOp.Add, Mul(x1, y0), Mul(x0, y1)) : b.Binary(BinaryOp.Add, Mul(x0, y1), Mul(x1, y0));
        var zero = b.ConstBits(DType.Int32, 0);
        var predicate = swapped ? b.Binary(BinaryOp.Ne, zero, index) : b.Binary(BinaryOp.Eq, index, zero);
        return b.Build(swapped ? b.Select(predicate, im, re) : b.Select(predicate, re, im));
    }

    /// <summary>A [..., 2] kernel reading its parts as the expansion does. Buffers: 0 and 1 (x and y; <c>(0, .., 0, ..)</c>
    /// reads x twice); each part's pair k at offset + 2k, the imaginary part <paramref name="imaginaryAt"/> after the real.</summary>
    private static ElementwiseKernel Product(int[] shape, DType dtype, (int XBuffer, long XOffset, int YBuffer, long YOffset) at,
        ScalarProgram program, long imaginaryAt = 1)
    {
        // Along the other dimensions a part steps as the stored pairs do; along the last it stays on its pair.
        var strides = IndexMap.RowMajorStrides(shape);
        strides[^1] = 0;
        MappedInput Part(int buffer, long offset) => new(buffer, dtype, new IndexMap(offset, strides));
        return new ElementwiseKernel("product", shape,
            [Part(at.XBuffer, at.XOffset), Part(at.YBuffer, at.YOffset), Part(at.XBuffer, at.XOffset + imaginaryAt), Part(at.YBuffer, at.YOffset + imaginaryAt)],
            program, [2]);
    }

    /// <summary>Runs the kernel on the backend with x in buffer 0 and y in buffer 1; returns the result and the plan.</summary>
    private static (double[] Result, string Plan) Run(ElementwiseKernel kernel, DType dtype, double[] x, double[] y)
    {
        using var h = new ModuleHarness();
        var count = kernel.Shape.Aggregate(1L, (a, b) => a * b);
        var (bx, by) = dtype == DType.Float32
            ? (h.Input(x.Select(v => (float)v).ToArray()), h.Input(y.Select(v => (float)v).ToArray()))
            : (h.Input(x), h.Input(y));
        var o = h.Output(count * dtype.SizeOf());
        Assert.Equal((0, 1, 2), (bx, by, o));
        h.Run(kernel);
        var result = dtype == DType.Float32 ? h.Result<float>(o).Select(v => (double)v).ToArray() : h.Result<double>(o);
        return (result, h.Executable!.Describe());
    }

    /// <summary>The generated code's result for the same kernel (what the backend ran before this kernel existed).</summary>
    private static unsafe double[] Generated(ElementwiseKernel kernel, DType dtype, double[] x, double[] y)
    {
        var count = kernel.Shape.Aggregate(1L, (a, b) => a * b);
        var code = ElementwiseCompiler.Compile(kernel);
        if (dtype == DType.Float32)
        {
            var (fx, fy, fo) = (x.Select(v => (float)v).ToArray(), y.Select(v => (float)v).ToArray(), new float[Math.Max(count, 1)]);
            fixed (float* px = fx, py = fy, po = fo) code.Run(new BufferTable([(nint)px, (nint)py, (nint)po]));
            return fo[..(int)count].Select(v => (double)v).ToArray();
        }
        var output = new double[Math.Max(count, 1)];
        fixed (double* px = x, py = y, po = output) code.Run(new BufferTable([(nint)px, (nint)py, (nint)po]));
        return output[..(int)count];
    }

    private static void AssertGenerated(ElementwiseKernel kernel, double[] x, double[] y)
    {
        var (got, plan) = Run(kernel, DType.Float32, x, y);
        Assert.DoesNotContain("interleaved complex product", plan);
        AssertSameBits(Generated(kernel, DType.Float32, x, y), got);
    }

    /// <summary>Equal bits, except that any NaN matches any NaN (which operand's payload survives is the CPU's choice).</summary>
    private static void AssertSameBits(double[] expected, double[] got)
    {
        Assert.Equal(expected.Length, got.Length);
        for (var k = 0; k < expected.Length; k++)
        {
            if (double.IsNaN(expected[k])) Assert.True(double.IsNaN(got[k]), $"element {k}: {got[k]}, expected NaN");
            else Assert.True(BitConverter.DoubleToInt64Bits(expected[k]) == BitConverter.DoubleToInt64Bits(got[k]), $"element {k}: {got[k]}, expected {expected[k]}");
        }
    }

    /// <summary>Interleaved pairs: mostly uniform in [-2, 2], every 17th element a NaN, an infinity, a signed zero or a
    /// value whose products overflow float32; two spare pairs past the end for the offset cases. Float32's are
    /// rounded to float32, so that the exact product is that of the values the kernel reads.</summary>
    private static double[] Values(long pairs, int seed, DType dtype)
    {
        var random = new Random(seed);
        double[] special = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.0, 3e38, -1e20];
        var values = new double[2 * pairs + 4];
        for (var k = 0; k < values.Length; k++)
        {
            var value = k % 17 == 5 ? special[k / 17 % special.Length] : random.NextDouble() * 4 - 2;
            values[k] = dtype == DType.Float32 ? (float)value : value;
        }
        return values;
    }
}
