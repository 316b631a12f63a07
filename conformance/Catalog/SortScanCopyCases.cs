using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Cases;
using JaxNet.Conformance.Numerics;
using static JaxNet.Conformance.Catalog.Elementwise;

namespace JaxNet.Conformance.Catalog;

/// <summary>Sorts (total order, NaNs, ties, stability, several keys, argsort), scans (every op, reversed) and copies.</summary>
internal static class SortScanCopyCases
{
    public static IEnumerable<ConformanceCase> All() => Sorts().Concat(Scans()).Concat(Copies());

    private static IEnumerable<ConformanceCase> Sorts()
    {
        foreach (var dtype in DTypeInfo.All.Where(d => d != DType.Bool))
        {
            yield return Sort($"sort/sort/{dtype.ShortName()}/1d-ascending", [dtype], [57], 0, 1, false, true, g => [Keys(g, dtype, [57])]);
            yield return Sort($"sort/sort/{dtype.ShortName()}/1d-descending", [dtype], [57], 0, 1, true, true, g => [Keys(g, dtype, [57])]);
        }
        yield return Sort("sort/sort/bool/1d-ascending", [DType.Bool], [33], 0, 1, false, true, g => [g.Bools([33])]);
        yield return Sort("sort/sort/f32/2d-rows", [DType.Float32], [5, 40], 1, 1, false, true, g => [Keys(g, DType.Float32, [5, 40])]);
        yield return Sort("sort/sort/f32/2d-columns", [DType.Float32], [40, 5], 0, 1, false, true, g => [Keys(g, DType.Float32, [40, 5])]);
        yield return Sort("sort/sort/f32/size-4099", [DType.Float32], [4099], 0, 1, false, false,
            g => [g.Floats(DType.Float32, [4099], -1000, 1000, specials: false)]);
        // Rows past a GPU workgroup's shared memory (8192 on lavapipe) take a multi-pass network in global memory.
        yield return Sort("sort/argsort/f32/long-rows-ties-and-nans", [DType.Float32, DType.Int32], [2, 20011], 1, 1, false, true,
            g => [Keys(g, DType.Float32, [2, 20011]), Iota([2, 20011])]);
        yield return Sort("sort/sort/i32/long-columns-descending", [DType.Int32, DType.Float32], [17000, 3], 0, 1, true, true,
            g => [g.IntegersIn(DType.Int32, [17000, 3], -50, 50), g.Floats(DType.Float32, [17000, 3], -1, 1, specials: false)]);
        yield return Sort("sort/sort/i32/size-1", [DType.Int32], [1], 0, 1, false, false, g => [g.Integers(DType.Int32, [1])]);
        yield return Sort("sort/sort/f32/empty", [DType.Float32], [0], 0, 1, false, true, g => [g.Floats(DType.Float32, [0])]);
        foreach (var descending in new[] { false, true })
        {
            var direction = descending ? "descending" : "ascending";
            yield return Sort($"sort/argsort/f32/ties-and-nans-{direction}", [DType.Float32, DType.Int32], [3, 45], 1, 1, descending, true,
                g => [Keys(g, DType.Float32, [3, 45]), Iota([3, 45])]);
            yield return Sort($"sort/sort/i32/two-keys-and-payload-{direction}", [DType.Int32, DType.Float32, DType.Int32], [64], 0, 2,
                descending, true, g => [g.IntegersIn(DType.Int32, [64], -2, 2), Keys(g, DType.Float32, [64]), Iota([64])]);
        }
    }

    /// <summary>Sort keys with many ties (few distinct values) and, for floats, the specials (NaN, ±inf, ±0).</summary>
    private static HostTensor Keys(DataGenerator g, DType dtype, int[] shape)
    {
        if (!dtype.IsFloat()) return dtype.IsUnsignedInteger() ? g.IntegersIn(dtype, shape, 0, 9) : g.IntegersIn(dtype, shape, -5, 5);
        var few = g.IntegersIn(DType.Int32, shape, -4, 4);
        var specials = g.Floats(dtype, shape);
        return HostTensor.Create(new TensorSpec(dtype, shape), i => i % 4 == 1 ? specials[i] : ScalarSemantics.Convert(few[i], dtype));
    }

    private static HostTensor Iota(int[] shape)
    {
        var last = shape[^1];
        return HostTensor.Create(new TensorSpec(DType.Int32, shape), i => Scalar.FromInteger(DType.Int32, i % last));
    }

    private static ConformanceCase Sort(string id, DType[] dtypes, int[] shape, int dimension, int keys, bool descending, bool stable,
        Func<DataGenerator, IReadOnlyList<HostTensor>> data)
    {
        var m = new ModuleBuilder(ModuleName(id));
        var operands = dtypes.Select(d => new TensorRef(m.Parameter(d, shape), d, shape)).ToArray();
        var outputs = dtypes.Select(d => m.Result(d, shape)).ToArray();
        m.Add(new SortKernel("s0", operands, dimension, keys, descending, stable, outputs));
        return ConformanceCase.ForModule(id, dtypes[0], m.Build(), m.ResultSpecs, data, Tolerance.Exact with { SignOfZero = true })
            .Describe($"{(stable ? "stable " : "")}{(descending ? "descending" : "ascending")} sort of {dtypes.Length} operand(s) by {keys} key(s) along dimension {dimension}; -0.0 before +0.0, NaN last");
    }

    private static IEnumerable<ConformanceCase> Scans()
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64, DType.Int32, DType.Int64, DType.UInt32, DType.UInt8, DType.Float16,
                     DType.Int8, DType.Int16, DType.UInt16, DType.UInt64 })
        {
            yield return Scan(ReduceOp.Sum, dtype, dtype, [4, 37], 1, false);
            yield return Scan(ReduceOp.Sum, dtype, dtype, [37, 4], 0, true);
            yield return Scan(ReduceOp.Max, dtype, dtype, [4, 37], 1, false);
            yield return Scan(ReduceOp.Min, dtype, dtype, [4, 37], 1, true);
        }
        yield return Scan(ReduceOp.Prod, DType.Float32, DType.Float32, [3, 20], 1, false);
        yield return Scan(ReduceOp.Prod, DType.Int32, DType.Int32, [3, 20], 1, true);
        yield return Scan(ReduceOp.Sum, DType.Float16, DType.Float32, [2, 300], 1, false);
        yield return Scan(ReduceOp.Sum, DType.Float32, DType.Float32, [4099], 0, false);
        yield return Scan(ReduceOp.Sum, DType.Float32, DType.Float32, [3, 1], 1, true);
        // Long lines that GPUs cut into chunks scanned in three passes.
        yield return Scan(ReduceOp.Sum, DType.Int32, DType.Int32, [100003], 0, false);
        yield return Scan(ReduceOp.Max, DType.Float32, DType.Float32, [3, 5000], 1, true);
        yield return Scan(ReduceOp.Sum, DType.Float64, DType.Float64, [2, 3001, 2], 1, true);
    }

    private static ConformanceCase Scan(ReduceOp op, DType dtype, DType accumulator, int[] shape, int axis, bool reverse)
    {
        var id = $"scan/cum{Op(op)}/{dtype.ShortName()}/{Reference.Shapes.Format(shape).Trim('[', ']').Replace(',', 'x')}-axis{axis}" +
                 (reverse ? "-reverse" : "") + (accumulator != dtype ? $"-acc-{accumulator.ShortName()}" : "");
        var m = new ModuleBuilder(ModuleName(id));
        var input = m.Parameter(dtype, shape);
        var output = m.Result(dtype, shape);
        m.Add(new ScanKernel("c0", new TensorRef(input, dtype, shape), axis, op, reverse, accumulator, dtype, output));
        var tolerance = op is ReduceOp.Sum or ReduceOp.Prod
            ? ToleranceTable.Accumulated(accumulator, dtype, shape[axis], 1)
            : Tolerance.Exact;
        Func<DataGenerator, IReadOnlyList<HostTensor>> data = op switch
        {
            ReduceOp.Sum when !dtype.IsFloat() => g => [g.Integers(dtype, shape)],
            ReduceOp.Sum or ReduceOp.Prod => g => [g.SmallValues(dtype, shape)],
            _ => g => [g.Values(dtype, shape)],
        };
        return ConformanceCase.ForModule(id, dtype, m.Build(), m.ResultSpecs, data, tolerance)
            .Describe($"inclusive cum{Op(op)} along axis {axis}{(reverse ? ", from the end" : "")}, accumulated in {accumulator.ShortName()}")
            .Accumulating(shape[axis], 1);
    }

    private static IEnumerable<ConformanceCase> Copies()
    {
        foreach (var dtype in DTypeInfo.All)
            yield return Copy("transposed", dtype, [9, 14], [14, 9], new IndexMap(0, [1, 9]));
        yield return Copy("flipped", DType.Float32, [33], [33], new IndexMap(32, [-1]));
        yield return Copy("broadcast", DType.Float16, [6, 5], [5], IndexMap.Broadcast([5], [6, 5]));
        yield return Copy("strided-2d", DType.Int64, [4, 5], [10, 12], new IndexMap(2 * 12 + 3, [24, 2]));
        yield return Copy("reshaped-transposed", DType.Float64, [4, 6], [2, 3, 4], new IndexMap(0, [1, 4, 12]) { ReshapeTo = [4, 3, 2] });
        yield return Copy("padded", DType.UInt8, [7, 9], [5, 5], new IndexMap(-7, [5, 1]) { ValidLo = [1, 2], ValidHi = [6, 7], PadValue = 7 });
        yield return Copy("padded-nan", DType.Float32, [7, 9], [5, 5], new IndexMap(-7, [5, 1]) { ValidLo = [1, 2], ValidHi = [6, 7], PadValue = double.NaN });
        yield return Copy("contiguous-4099", DType.Float32, [4099], [4099], IndexMap.Identity([4099]));
        yield return Copy("transposed-1024x1024", DType.Float32, [1024, 1024], [1024, 1024], new IndexMap(0, [1, 1024]));
        yield return Copy("empty", DType.Float32, [0, 5], [5, 0], new IndexMap(0, [1, 5]));
        yield return Copy("rank0", DType.Int32, [], [], new IndexMap(0, []));
    }

    private static ConformanceCase Copy(string name, DType dtype, int[] shape, int[] bufferShape, IndexMap map)
    {
        var id = $"copy/copy/{dtype.ShortName()}/{name}";
        var m = new ModuleBuilder(ModuleName(id));
        var input = m.Parameter(dtype, bufferShape);
        var output = m.Result(dtype, shape);
        m.Add(new CopyKernel("k0", new MappedInput(input, dtype, map), shape, output));
        return ConformanceCase.ForModule(id, dtype, m.Build(), m.ResultSpecs, g => [g.Values(dtype, bufferShape)],
            Tolerance.Exact with { SignOfZero = true }).Describe($"copy of a {dtype.ShortName()} view: {map}");
    }
}
