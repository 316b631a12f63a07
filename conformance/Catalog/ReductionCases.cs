using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Cases;
using JaxNet.Conformance.Reference;
using static JaxNet.Conformance.Catalog.Elementwise;

namespace JaxNet.Conformance.Catalog;

/// <summary>
/// Reductions: every op over inner, outer, middle and all axes, on every dtype it applies to; prologues and
/// epilogues (with an extra epilogue input); NaN propagation; arg reductions with ties and NaNs; empty
/// reductions (the identity) and a large one.
/// </summary>
internal static class ReductionCases
{
    private static readonly int[] Matrix = [13, 67];

    public static IEnumerable<ConformanceCase> All()
    {
        foreach (var dtype in ElementwiseOpCases.Floats.Concat(ElementwiseOpCases.Integers))
        {
            foreach (var (axes, name) in new[] { (new[] { 1 }, "inner"), (new[] { 0 }, "outer"), (new[] { 0, 1 }, "all") })
                yield return Simple(ReduceOp.Sum, dtype, Matrix, axes, name);
            yield return Simple(ReduceOp.Max, dtype, Matrix, [1], "inner");
            yield return Simple(ReduceOp.Min, dtype, Matrix, [0], "outer");
        }
        foreach (var dtype in new[] { DType.Float32, DType.Float64, DType.Int32, DType.UInt8, DType.Int8, DType.UInt64 })
            yield return Simple(ReduceOp.Prod, dtype, [9, 11], [1], "inner");
        foreach (var dtype in new[] { DType.Bool, DType.UInt32, DType.Int64, DType.Int16, DType.UInt16 })
        {
            yield return Simple(ReduceOp.And, dtype, [6, 5], [1], "inner");
            yield return Simple(ReduceOp.Or, dtype, [6, 5], [0], "outer");
        }
        foreach (var dtype in new[] { DType.Float32, DType.Float64, DType.Int32, DType.UInt8, DType.Float16, DType.Int8, DType.UInt64 })
        {
            yield return Arg(ReduceOp.ArgMax, dtype, [1]);
            yield return Arg(ReduceOp.ArgMin, dtype, [0]);
        }
        yield return Simple(ReduceOp.Sum, DType.Float32, [5, 33, 7], [1], "middle");
        yield return Simple(ReduceOp.Sum, DType.Float32, [5, 33, 7], [0, 2], "outer-and-inner");
        yield return Simple(ReduceOp.Max, DType.Float32, [5, 33, 7], [0, 2], "outer-and-inner");
        yield return Simple(ReduceOp.Sum, DType.Float32, [1 << 20], [0], "large-1048576");
        yield return Simple(ReduceOp.Sum, DType.Float32, [4099, 17], [0], "outer-4099");
        // Large enough that a backend splits it across cores or groups: rows must not race on one accumulator.
        yield return Simple(ReduceOp.Sum, DType.Float32, [1040, 130], [0], "outer-1040x130");
        yield return Simple(ReduceOp.Sum, DType.Float32, [4, 0], [1], "empty");
        yield return Simple(ReduceOp.Max, DType.Float32, [4, 0], [1], "empty");
        yield return Simple(ReduceOp.Min, DType.Int32, [0, 3], [0], "empty");
        yield return Simple(ReduceOp.Prod, DType.Float64, [2, 0, 3], [1], "empty");
        yield return Simple(ReduceOp.Sum, DType.Float32, [], [], "rank0");
        yield return Simple(ReduceOp.Sum, DType.Float32, [6, 7], [], "no-axes");
        foreach (var c in Specials()) yield return c;
        foreach (var c in Fused()) yield return c;
    }

    public static ConformanceCase Reduction(string id, DType dtype, int[] shape, int[] axes, ReduceOp op, DType accumulator,
        IReadOnlyList<Input> inputs, ScalarProgram prologue, FusedEpilogue? epilogue, IReadOnlyList<Input> epilogueInputs,
        Func<DataGenerator, IReadOnlyList<HostTensor>> data, Tolerance tolerance, string description, double termMagnitude = 1)
    {
        var m = new ModuleBuilder(ModuleName(id));
        var buffers = inputs.Select(i => m.Parameter(i.DType, i.BufferShape)).ToArray();
        var epilogueBuffers = epilogueInputs.Select(i => m.Parameter(i.DType, i.BufferShape)).ToArray();
        var outputShape = shape.Where((_, d) => !axes.Contains(d)).ToArray();
        if (epilogue is not null)
            epilogue = epilogue with { Inputs = epilogueInputs.Select((i, k) => new MappedInput(epilogueBuffers[k], i.DType, i.Map)).ToArray() };
        var outputDType = epilogue?.Program.ResultType(0) ?? (op.IsArg() ? DType.Int32 : accumulator);
        var output = m.Result(outputDType, outputShape);
        var mapped = inputs.Select((i, k) => new MappedInput(buffers[k], i.DType, i.Map)).ToArray();
        m.Add(new ReductionKernel("r0", shape, axes, mapped, prologue, op, accumulator, epilogue, output));
        var length = axes.Aggregate(1L, (p, a) => p * shape[a]);
        return ConformanceCase.ForModule(id, dtype, m.Build(), m.ResultSpecs, data, tolerance).Describe(description)
            .Accumulating(length, termMagnitude);
    }

    private static ConformanceCase Simple(ReduceOp op, DType dtype, int[] shape, int[] axes, string name)
    {
        var id = $"reduction/{Op(op)}/{dtype.ShortName()}/{name}";
        var length = axes.Aggregate(1L, (p, a) => p * shape[a]);
        var tolerance = op is ReduceOp.Sum or ReduceOp.Prod
            ? ToleranceTable.Accumulated(dtype, dtype, length, 1)
            : ToleranceTable.Elementwise(dtype, OpFamily.Basic);
        // Integer sums run over the whole range, so they wrap; float sums and all products stay small.
        Func<DataGenerator, IReadOnlyList<HostTensor>> data = op switch
        {
            ReduceOp.Sum when !dtype.IsFloat() => g => [g.Integers(dtype, shape)],
            ReduceOp.Sum or ReduceOp.Prod => g => [g.SmallValues(dtype, shape)],
            _ => g => [g.Values(dtype, shape, specials: !dtype.IsFloat())],
        };
        return Reduction(id, dtype, shape, axes, op, dtype, [Contiguous(dtype, shape)], ScalarProgram.Identity(dtype), null, [],
            data, tolerance, $"{op} of a {dtype.ShortName()}{Shapes.Format(shape)} over axes [{string.Join(",", axes)}]");
    }

    /// <summary>Arg reductions over data with ties (few distinct values) and, for floats, NaNs and infinities.</summary>
    private static ConformanceCase Arg(ReduceOp op, DType dtype, int[] axes)
    {
        int[] shape = [9, 23];
        var id = $"reduction/{Op(op)}/{dtype.ShortName()}/ties-and-specials-axis{axes[0]}";
        return Reduction(id, dtype, shape, axes, op, dtype, [Contiguous(dtype, shape)], ScalarProgram.Identity(dtype), null, [],
            g =>
            {
                var few = dtype.IsUnsignedInteger() ? g.IntegersIn(dtype, shape, 0, 3) : dtype.IsFloat()
                    ? g.IntegersIn(DType.Int32, shape, -3, 3) : g.IntegersIn(dtype, shape, -3, 3);
                var specials = dtype.IsFloat() ? g.Floats(dtype, shape) : null;
                return [HostTensor.Create(new TensorSpec(dtype, shape), i =>
                    specials is not null
                        ? (i % 7 == 3 ? specials[i] : Numerics.ScalarSemantics.Convert(few[i], dtype))
                        : few[i])];
            },
            Tolerance.Exact, $"{op} (Int32 position) along axis {axes[0]}: first on ties, first NaN wins");
    }

    private static IEnumerable<ConformanceCase> Specials()
    {
        int[] shape = [7, 29];
        foreach (var op in new[] { ReduceOp.Sum, ReduceOp.Max, ReduceOp.Min })
        {
            foreach (var dtype in new[] { DType.Float32, DType.Float64 })
            {
                var id = $"reduction/{Op(op)}/{dtype.ShortName()}/nan-inf-propagation";
                yield return Reduction(id, dtype, shape, [1], op, dtype, [Contiguous(dtype, shape)], ScalarProgram.Identity(dtype), null, [],
                    g => [g.Floats(dtype, shape, -1, 1)], ToleranceTable.Accumulated(dtype, dtype, 29, 1),
                    $"{op} of rows holding NaN, ±inf and finite values: NaN propagates, inf-inf is NaN");
            }
        }
    }

    private static IEnumerable<ConformanceCase> Fused()
    {
        // sqrt(sum(x*x)) over rows: prologue square, epilogue sqrt.
        {
            int[] shape = [11, 130];
            var p = new ScalarProgramBuilder();
            var x = p.Load(0, DType.Float32);
            var prologue = p.Build(p.Binary(BinaryOp.Mul, x, x));
            var e = new ScalarProgramBuilder();
            var epilogue = new FusedEpilogue(e.Build(e.Unary(UnaryOp.Sqrt, e.Load(0, DType.Float32))), []);
            yield return Reduction("reduction/sum/f32/prologue-square-epilogue-sqrt", DType.Float32, shape, [1], ReduceOp.Sum, DType.Float32,
                [Contiguous(DType.Float32, shape)], prologue, epilogue, [], g => [g.SmallValues(DType.Float32, shape)],
                ToleranceTable.Accumulated(DType.Float32, DType.Float32, 130, 1), "row norms: sum of squares, then sqrt");
        }
        // mean over axis 0 of a transposed input, then plus a bias (epilogue input).
        {
            int[] shape = [50, 9];
            var p = new ScalarProgramBuilder();
            var prologue = p.Build(p.Load(0, DType.Float32));
            var e = new ScalarProgramBuilder();
            var mean = e.Binary(BinaryOp.Mul, e.Load(0, DType.Float32), e.Const(DType.Float32, 1.0 / 50));
            var epilogue = new FusedEpilogue(e.Build(e.Binary(BinaryOp.Add, mean, e.Load(1, DType.Float32))), []);
            yield return Reduction("reduction/sum/f32/transposed-input-mean-plus-bias", DType.Float32, shape, [0], ReduceOp.Sum, DType.Float32,
                [new Input(DType.Float32, [9, 50], new IndexMap(0, [1, 50]))], prologue, epilogue,
                [Contiguous(DType.Float32, [9])], g => [g.SmallValues(DType.Float32, [9, 50]), g.SmallValues(DType.Float32, [9])],
                ToleranceTable.Accumulated(DType.Float32, DType.Float32, 50, 1), "column means of a transposed input, plus a bias vector");
        }
        // f16 in, f32 accumulation, f16 out (mixed precision).
        {
            int[] shape = [6, 257];
            var p = new ScalarProgramBuilder();
            var prologue = p.Build(p.Convert(p.Load(0, DType.Float16), DType.Float32));
            var e = new ScalarProgramBuilder();
            var epilogue = new FusedEpilogue(e.Build(e.Convert(e.Load(0, DType.Float32), DType.Float16)), []);
            yield return Reduction("reduction/sum/f16/f32-accumulator", DType.Float16, shape, [1], ReduceOp.Sum, DType.Float32,
                [Contiguous(DType.Float16, shape)], prologue, epilogue, [], g => [g.SmallValues(DType.Float16, shape)],
                ToleranceTable.Accumulated(DType.Float32, DType.Float16, 257, 1), "f16 summed in f32, written as f16");
        }
        // Two inputs in the prologue: sum of (a > b) as i32 counts.
        {
            int[] shape = [8, 40];
            var p = new ScalarProgramBuilder();
            var gt = p.Binary(BinaryOp.Gt, p.Load(0, DType.Float32), p.Load(1, DType.Float32));
            var prologue = p.Build(p.Convert(gt, DType.Int32));
            yield return Reduction("reduction/sum/i32/prologue-count-greater", DType.Int32, shape, [1], ReduceOp.Sum, DType.Int32,
                [Contiguous(DType.Float32, shape), Contiguous(DType.Float32, shape)], prologue, null, [],
                g => [g.Floats(DType.Float32, shape), g.Floats(DType.Float32, shape)], Tolerance.Exact,
                "count of a > b per row (NaNs compare false)");
        }
        // Arg reductions over a middle axis with a trailing 1-sized dimension that the prologue's index node (or a
        // padded input) keeps in the loop nest: the cpu backend once took positions along that dimension (all 0).
        {
            int[] shape = [4, 37, 1];
            var p = new ScalarProgramBuilder();
            var x = p.Load(0, DType.Float32);
            var prologue = p.Build(p.Binary(BinaryOp.Add, x, p.Convert(p.Index(2, DType.Int32), DType.Float32)));
            yield return Reduction("reduction/argmin/f32/middle-axis-indexed-unit-inner", DType.Float32, shape, [1], ReduceOp.ArgMin,
                DType.Float32, [Contiguous(DType.Float32, shape)], prologue, null, [], g => [g.Floats(DType.Float32, shape, specials: false)],
                Tolerance.Exact, "argmin along the middle axis of [4,37,1], the prologue adding index 2 (always 0)");
            int[] padded = [5, 37, 1];
            var pad = new IndexMap(-37, [37, 1, 1]) { ValidLo = [1, 0, 0], ValidHi = [5, 37, 1], PadValue = 100 };
            yield return Reduction("reduction/argmax/f32/middle-axis-padded-unit-inner", DType.Float32, padded, [1], ReduceOp.ArgMax,
                DType.Float32, [new Input(DType.Float32, shape, pad)], ScalarProgram.Identity(DType.Float32), null, [],
                g => [g.Floats(DType.Float32, shape, specials: false)], Tolerance.Exact,
                "argmax along the middle axis of [5,37,1] whose first row is padding (as a concatenate fuses)");
        }
        // argmax with an epilogue that offsets the index.
        {
            int[] shape = [12, 31];
            var e = new ScalarProgramBuilder();
            var epilogue = new FusedEpilogue(e.Build(e.Binary(BinaryOp.Add, e.Load(0, DType.Int32), e.Const(DType.Int32, 1000))), []);
            yield return Reduction("reduction/argmax/f32/epilogue-offset", DType.Float32, shape, [1], ReduceOp.ArgMax, DType.Float32,
                [Contiguous(DType.Float32, shape)], ScalarProgram.Identity(DType.Float32), epilogue, [],
                g => [g.Floats(DType.Float32, shape, specials: false)], Tolerance.Exact, "argmax per row, plus 1000 in the epilogue");
        }
    }
}
