using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Cases;
using static JaxNet.Conformance.Catalog.Elementwise;

namespace JaxNet.Conformance.Catalog;

/// <summary>
/// dot_general: matrix shapes that do and do not fit register tiles, batch and multiple contracting dimensions,
/// transposed operands, mixed precision, integers with wraparound, an empty contraction and a bias+relu epilogue.
/// </summary>
internal static class ContractionCases
{
    public static IEnumerable<ConformanceCase> All()
    {
        // 64x64 output tiles and more take register-tiled paths on GPUs: exact multiples and ragged edges.
        foreach (var (m, k, n) in new[] { (1, 1, 1), (7, 13, 5), (64, 64, 64), (129, 67, 33), (130, 70, 197) })
            yield return MatMul(DType.Float32, DType.Float32, m, k, n);
        yield return MatMul(DType.Int32, DType.Int32, 65, 9, 66);
        yield return MatMul(DType.Float16, DType.Float32, 96, 33, 80);
        yield return MatMul(DType.Float64, DType.Float64, 7, 13, 5);
        yield return MatMul(DType.Float64, DType.Float64, 64, 64, 64);
        yield return MatMul(DType.Float64, DType.Float64, 129, 20, 130);
        yield return MatMul(DType.Float16, DType.Float32, 7, 13, 5);
        yield return MatMul(DType.Float16, DType.Float32, 33, 64, 17);
        yield return MatMul(DType.BFloat16, DType.Float32, 7, 13, 5);
        yield return MatMul(DType.BFloat16, DType.Float32, 33, 64, 17);
        yield return MatMul(DType.Int32, DType.Int32, 7, 13, 5);
        yield return MatMul(DType.Int64, DType.Int64, 9, 4, 3);
        yield return MatMul(DType.Float32, DType.Float32, 4, 0, 3);
        yield return MatMul(DType.Float32, DType.Float32, 1, 300, 1);

        yield return Dot("batched", DType.Float32, [3, 7, 13], [3, 13, 5], new([0], [0], [2], [1]));
        yield return Dot("batched", DType.Float64, [2, 9, 4], [2, 4, 6], new([0], [0], [2], [1]));
        yield return Dot("transposed-both", DType.Float32, [13, 7], [5, 13], new([], [], [0], [1]));
        yield return Dot("batched-transposed-tiles", DType.Float32, [3, 20, 100], [90, 3, 20], new([0], [1], [1], [2]));
        yield return Dot("transposed-lhs", DType.Float32, [31, 17], [31, 9], new([], [], [0], [0]));
        yield return Dot("two-contracting-dims", DType.Float32, [4, 5, 6], [5, 6, 3], new([], [], [1, 2], [0, 1]));
        yield return Dot("batch-dim-in-middle", DType.Float32, [7, 2, 13], [13, 2, 5], new([1], [1], [2], [0]));
        yield return Dot("two-batch-dims", DType.Float32, [2, 3, 4, 5], [3, 2, 5, 6], new([0, 1], [1, 0], [3], [2]));
        yield return Dot("matrix-vector", DType.Float32, [33, 65], [65], new([], [], [1], [0]));
        yield return Dot("outer-product", DType.Float32, [17], [9], new([], [], [], []));
        yield return Dot("vector-dot", DType.Int32, [100], [100], new([], [], [0], [0]));
        foreach (var c in Epilogues()) yield return c;
    }

    public static ConformanceCase Contraction(string id, DType dtype, DType inputs, DType accumulator, int[] lhsShape, int[] rhsShape,
        DotDimensions dims, FusedEpilogue? epilogue, IReadOnlyList<Input> epilogueInputs, string description)
    {
        var mb = new ModuleBuilder(ModuleName(id));
        var lhs = mb.Parameter(inputs, lhsShape);
        var rhs = mb.Parameter(inputs, rhsShape);
        var extra = epilogueInputs.Select(i => mb.Parameter(i.DType, i.BufferShape)).ToArray();
        if (epilogue is not null)
            epilogue = epilogue with { Inputs = epilogueInputs.Select((i, k) => new MappedInput(extra[k], i.DType, i.Map)).ToArray() };
        var probe = new ContractionKernel("d0", new TensorRef(lhs, inputs, lhsShape), new TensorRef(rhs, inputs, rhsShape), dims,
            Precision.Highest, accumulator, epilogue, 0);
        var output = mb.Result(probe.OutputDType, probe.OutputShape);
        mb.Add(probe with { Output = output });
        var length = dims.LhsContracting.Aggregate(1L, (p, a) => p * lhsShape[a]);
        var tolerance = ToleranceTable.Accumulated(accumulator, probe.OutputDType, length, 1);
        var integers = !inputs.IsFloat();
        return ConformanceCase.ForModule(id, dtype, mb.Build(), mb.ResultSpecs,
            g => [integers ? g.Integers(inputs, lhsShape) : g.SmallValues(inputs, lhsShape),
                integers ? g.Integers(inputs, rhsShape) : g.SmallValues(inputs, rhsShape),
                .. epilogueInputs.Select(i => g.SmallValues(i.DType, i.BufferShape))],
            tolerance).Describe(description).Accumulating(length, 1);
    }

    private static ConformanceCase MatMul(DType inputs, DType accumulator, int m, int k, int n) =>
        Contraction($"contraction/matmul/{inputs.ShortName()}/{m}x{k}x{n}" + (accumulator != inputs ? $"-acc-{accumulator.ShortName()}" : ""),
            inputs, inputs, accumulator, [m, k], [k, n], DotDimensions.MatMul, null, [],
            $"[{m},{k}] x [{k},{n}] in {inputs.ShortName()}, accumulated in {accumulator.ShortName()}" +
            (inputs.IsFloat() ? "" : " (integers over their whole range: products and sums wrap)"));

    private static ConformanceCase Dot(string name, DType dtype, int[] lhs, int[] rhs, DotDimensions dims) =>
        Contraction($"contraction/dot-general/{dtype.ShortName()}/{name}", dtype, dtype, dtype, lhs, rhs, dims, null, [],
            $"dot_general {Reference.Shapes.Format(lhs)} x {Reference.Shapes.Format(rhs)} {dims}");

    private static IEnumerable<ConformanceCase> Epilogues()
    {
        // relu(x @ w + bias), bias broadcast along rows.
        foreach (var (m, k, n) in new[] { (7, 13, 5), (65, 40, 33), (70, 40, 66), (130, 40, 140) })
        {
            var e = new ScalarProgramBuilder();
            var biased = e.Binary(BinaryOp.Add, e.Load(0, DType.Float32), e.Load(1, DType.Float32));
            var program = e.Build(e.Binary(BinaryOp.Max, biased, e.Const(DType.Float32, 0)));
            yield return Contraction($"contraction/matmul/f32/{m}x{k}x{n}-bias-relu", DType.Float32, DType.Float32, DType.Float32,
                [m, k], [k, n], DotDimensions.MatMul, new FusedEpilogue(program, []),
                [new Input(DType.Float32, [n], IndexMap.Broadcast([n], [m, n]))], "relu(x @ w + b) with the epilogue fused");
        }
        // bf16 in, f32 accumulation, bf16 out.
        {
            var e = new ScalarProgramBuilder();
            var program = e.Build(e.Convert(e.Load(0, DType.Float32), DType.BFloat16));
            yield return Contraction("contraction/matmul/bf16/16x48x24-f32-acc-bf16-out", DType.BFloat16, DType.BFloat16, DType.Float32,
                [16, 48], [48, 24], DotDimensions.MatMul, new FusedEpilogue(program, []), [], "bf16 matmul with f32 accumulation, rounded to bf16");
        }
    }
}
