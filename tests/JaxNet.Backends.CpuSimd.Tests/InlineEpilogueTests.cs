using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Kernels.Gemm.Epilogue;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// Epilogues inlined into the GEMM (applied to each tile as it is finished): each program below runs through a
/// contraction and is checked against the float64 product with the epilogue applied in float64, over shapes that
/// reach every path (full tiles, ragged edges, several blocks of depth, both cores, the narrow kernel, K = 0,
/// batches). The kernel's description must say the epilogue was inlined; programs that cannot be must say why
/// and still give the right answer through the elementwise pass.
/// </summary>
public sealed class InlineEpilogueTests
{
    /// <summary>An epilogue: its program over (acc, inputs...) and the same in float64.</summary>
    private sealed record Program(string Name, Func<ScalarProgramBuilder, DType, int> Build, Func<double, double[], double> Reference);

    /// <summary>How input k (1-based) of an epilogue is laid out over C [batch, m, n]: per column, per row or whole.</summary>
    private enum Layout { Columns, Rows, Whole }

    private static readonly Dictionary<string, (Program Program, Layout[] Inputs)> Programs = new()
    {
        ["bias-relu"] = (new Program("bias-relu",
            (b, t) => b.Binary(BinaryOp.Max, b.Binary(BinaryOp.Add, b.Load(0, t), b.Load(1, t)), b.Const(t, 0)),
            (acc, x) => Math.Max(acc + x[0], 0)), [Layout.Columns]),
        ["row-bias-tanh"] = (new Program("row-bias-tanh",
            (b, t) => b.Unary(UnaryOp.Tanh, b.Binary(BinaryOp.Sub, b.Load(0, t), b.Load(1, t))),
            (acc, x) => Math.Tanh(acc - x[0])), [Layout.Rows]),
        // The MLP's backward pass: the incoming gradient times relu'(z), with relu'(0) = 0.5.
        ["relu-grad"] = (new Program("relu-grad", (b, t) =>
        {
            var z = b.Load(1, t);
            var zero = b.Const(t, 0);
            var half = b.Select(b.Binary(BinaryOp.Eq, z, zero), b.Const(t, 0.5), zero);
            return b.Binary(BinaryOp.Mul, b.Load(0, t), b.Select(b.Binary(BinaryOp.Gt, z, zero), b.Const(t, 1), half));
        }, (acc, x) => acc * (x[0] > 0 ? 1 : x[0] == 0 ? 0.5 : 0)), [Layout.Whole]),
        ["sgd"] = (new Program("sgd",
            (b, t) => b.Binary(BinaryOp.Sub, b.Load(1, t), b.Binary(BinaryOp.Mul, b.Const(t, 0.01), b.Load(0, t))),
            (acc, x) => x[0] - 0.01 * acc), [Layout.Whole]),
        // -0.0 and +0.0 are different constants: acc * -0 + 0 is +0 for a positive acc, and -0 only if the two
        // shared a slot.
        ["signed-zeros"] = (new Program("signed-zeros",
            (b, t) => b.Binary(BinaryOp.Div, b.Const(t, 1), b.Binary(BinaryOp.Add, b.Binary(BinaryOp.Mul, b.Unary(UnaryOp.Abs, b.Load(0, t)), b.Const(t, -0.0)), b.Const(t, 0))),
            (acc, x) => double.PositiveInfinity), []),
        ["mixed"] = (new Program("mixed", (b, t) =>
        {
            var acc = b.Load(0, t);
            var gate = b.Unary(UnaryOp.Logistic, b.Binary(BinaryOp.Mul, acc, b.Load(1, t)));
            var positive = b.Convert(b.Binary(BinaryOp.Ge, acc, b.Load(2, t)), t);
            var soft = b.Unary(UnaryOp.Log, b.Binary(BinaryOp.Add, b.Const(t, 1), b.Unary(UnaryOp.Exp, b.Unary(UnaryOp.Neg, b.Unary(UnaryOp.Abs, acc)))));
            var scaled = b.Binary(BinaryOp.Div, soft, b.Unary(UnaryOp.Sqrt, b.Binary(BinaryOp.Add, b.Const(t, 2), b.Unary(UnaryOp.Abs, b.Load(2, t)))));
            var clipped = b.Binary(BinaryOp.Min, b.Binary(BinaryOp.Add, gate, positive), b.Const(t, 1.5));
            return b.Binary(BinaryOp.Add, clipped, b.Binary(BinaryOp.Mul, scaled, b.Unary(UnaryOp.Rsqrt, b.Const(t, 4))));
        }, (acc, x) =>
        {
            var gate = 1 / (1 + Math.Exp(-acc * x[0]));
            var positive = acc >= x[1] ? 1 : 0;
            var scaled = Math.Log(1 + Math.Exp(-Math.Abs(acc))) / Math.Sqrt(2 + Math.Abs(x[1]));
            return Math.Min(gate + positive, 1.5) + scaled * 0.5;
        }), [Layout.Columns, Layout.Whole]),
    };

    public static TheoryData<string, int, int, int, int, DType> Cases()
    {
        var data = new TheoryData<string, int, int, int, int, DType>();
        foreach (var name in Programs.Keys)
        {
            // Narrow (N <= a vector), ragged edges, several blocks of depth and both cores, one row, K = 0, a few
            // batches, the narrow kernel on both cores, and batches spread over the cores.
            foreach (var (batch, m, k, n) in new[] { (1, 7, 13, 5), (1, 65, 40, 33), (1, 130, 700, 200), (1, 1, 3, 64), (1, 5, 0, 70),
                         (3, 19, 30, 70), (1, 256, 1024, 10), (64, 19, 30, 70) })
            {
                data.Add(name, batch, m, k, n, DType.Float32);
            }
            data.Add(name, 1, 67, 300, 90, DType.Float64);
            data.Add(name, 2, 9, 20, 3, DType.Float64);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_the_float64_product_with_its_epilogue(string name, int batch, int m, int k, int n, DType dtype)
    {
        var (program, layouts) = Programs[name];
        var rng = new Random(m * 131 + n * 7 + k);
        double[] Random(long count) => Enumerable.Range(0, (int)count).Select(_ => Math.Round(rng.NextDouble() * 4 - 2, 2)).ToArray();
        var a = Random((long)batch * m * k);
        var b = Random((long)batch * k * n);
        // Per-batch inputs: [batch, n] for columns, [batch, m] for rows, [batch, m, n] for whole.
        var inputs = layouts.Select(l => Random(batch * (l switch { Layout.Columns => n, Layout.Rows => m, _ => (long)m * n }))).ToArray();
        // Some exact zeros, so relu-grad's tie and the comparisons see them.
        foreach (var input in inputs) for (var i = 0; i < input.Length; i += 5) input[i] = 0;

        using var h = new ModuleHarness();
        var ba = Upload(h, a, dtype);
        var bb = Upload(h, b, dtype);
        var mapped = layouts.Select((l, i) => new MappedInput(Upload(h, inputs[i], dtype), dtype, l switch
        {
            Layout.Columns => new IndexMap(0, [n, 0, 1]),
            Layout.Rows => new IndexMap(0, [m, 1, 0]),
            _ => new IndexMap(0, [(long)m * n, n, 1]),
        })).ToArray();
        var builder = new ScalarProgramBuilder();
        var epilogue = new FusedEpilogue(builder.Build(program.Build(builder, dtype)), mapped);
        var output = h.Output((long)batch * m * n * dtype.SizeOf());
        h.Run(new ContractionKernel("dense", new TensorRef(ba, dtype, [batch, m, k]), new TensorRef(bb, dtype, [batch, k, n]),
            new DotDimensions([0], [0], [2], [1]), Precision.Highest, dtype, epilogue, output));

        Assert.Contains("epilogue: inlined into the GEMM's tiles", h.Executable!.Describe());
        var got = dtype == DType.Float32 ? h.Result<float>(output).Select(x => (double)x).ToArray() : h.Result<double>(output);
        var tolerance = dtype == DType.Float32 ? 2e-5 : 1e-12;
        for (var q = 0; q < batch; q++)
            for (var i = 0; i < m; i++)
                for (var j = 0; j < n; j++)
                {
                    double acc = 0, magnitude = 0;
                    for (var p = 0; p < k; p++)
                    {
                        var term = a[((long)q * m + i) * k + p] * b[((long)q * k + p) * n + j];
                        acc += term;
                        magnitude += Math.Abs(term);
                    }
                    var at = layouts.Select((l, s) => inputs[s][l switch
                    {
                        Layout.Columns => q * n + j,
                        Layout.Rows => q * m + i,
                        _ => ((long)q * m + i) * n + j,
                    }]).ToArray();
                    var expected = program.Reference(acc, at);
                    var actual = got[((long)q * m + i) * n + j];
                    // A product near a comparison's threshold may fall either side of it in float32: skip those.
                    if (dtype == DType.Float32 && at.Any(x => Math.Abs(acc - x) < 1e-4 * (1 + magnitude))) continue;
                    if (double.IsInfinity(expected))
                    {
                        Assert.Equal(expected, actual);
                        continue;
                    }
                    Assert.True(Math.Abs(actual - expected) <= tolerance * (1 + magnitude + Math.Abs(expected)),
                        $"{name} batch {q} ({i},{j}): {actual} against {expected}");
                }
    }

    [Fact]
    public void An_unsupported_op_runs_as_an_elementwise_pass_and_says_why()
    {
        var builder = new ScalarProgramBuilder();
        var program = builder.Build(builder.Unary(UnaryOp.Sin, builder.Load(0, DType.Float32)));
        using var h = new ModuleHarness();
        var l = h.Input(new float[] { 1, 2, 3, 4, 5, 6 });
        var r = h.Input(new float[] { 1, -1, 0, 1, 1, -2 });
        var o = h.Output(16);
        h.Run(new ContractionKernel("dense", new TensorRef(l, DType.Float32, [2, 3]), new TensorRef(r, DType.Float32, [3, 2]),
            DotDimensions.MatMul, Precision.Default, DType.Float32, new FusedEpilogue(program, []), o));
        Assert.Contains("epilogue: generated elementwise kernel (unary Sin has no inlined form)", h.Executable!.Describe());
        var expected = new[] { 4.0, -5, 10, -11 }.Select(x => (float)Math.Sin(x)).ToArray();
        Assert.Equal(expected, h.Result<float>(o), new FloatTolerance(1e-6f));
    }

    public static TheoryData<string, string> Declines() => new()
    {
        { "output", "it is the output buffer" },
        { "padded", "it is read through padding or a reshape" },
        { "strided", "its column stride is 2" },
        { "half", "dtype f16 is not the compute dtype" },
        { "bool-result", "its result is bool" },
    };

    [Theory]
    [MemberData(nameof(Declines))]
    public void Declines_what_cannot_be_inlined(string what, string reason)
    {
        var builder = new ScalarProgramBuilder();
        var acc = builder.Load(0, DType.Float32);
        var input = what == "half" ? builder.Convert(builder.Load(1, DType.Float16), DType.Float32) : builder.Load(1, DType.Float32);
        var result = what == "bool-result" ? builder.Binary(BinaryOp.Gt, acc, input) : builder.Binary(BinaryOp.Add, acc, input);
        var map = what switch
        {
            "padded" => new IndexMap(0, [0, 1]) { ValidLo = [0, 0], ValidHi = [4, 2] },
            "strided" => new IndexMap(0, [0, 2]),
            _ => new IndexMap(0, [0, 1]),
        };
        var epilogue = new FusedEpilogue(builder.Build(result),
            [new MappedInput(what == "output" ? 9 : 3, what == "half" ? DType.Float16 : DType.Float32, map)]);
        var kernel = new ContractionKernel("dense", new TensorRef(1, DType.Float32, [4, 3]), new TensorRef(2, DType.Float32, [3, 2]),
            DotDimensions.MatMul, Precision.Default, DType.Float32, epilogue, 9);
        Assert.Null(InlineEpilogue.TryCreate(kernel, DType.Float32, 0, 1, out var why));
        Assert.Contains(reason, why);
    }

    [Fact]
    public void Integer_products_keep_the_elementwise_pass()
    {
        var builder = new ScalarProgramBuilder();
        var program = builder.Build(builder.Binary(BinaryOp.Add, builder.Load(0, DType.Int32), builder.Const(DType.Int32, 1)));
        var kernel = new ContractionKernel("dense", new TensorRef(1, DType.Int32, [4, 3]), new TensorRef(2, DType.Int32, [3, 2]),
            DotDimensions.MatMul, Precision.Default, DType.Int32, new FusedEpilogue(program, []), 9);
        Assert.Null(InlineEpilogue.TryCreate(kernel, DType.Int32, 0, 1, out var why));
        Assert.Contains("not a float", why);
    }

    private static int Upload(ModuleHarness h, double[] values, DType dtype) =>
        dtype == DType.Float32 ? h.Input(values.Select(x => (float)x).ToArray()) : h.Input(values);

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
