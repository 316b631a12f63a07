using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Cases;
using JaxNet.Conformance.Numerics;
using static JaxNet.Conformance.Catalog.Elementwise;

namespace JaxNet.Conformance.Catalog;

/// <summary>
/// Elementwise cases about everything but the op: conversions and bitcasts, select, iota, index maps
/// (broadcast, transpose, strides, flips, reshapes, padding), sizes around SIMD widths, multi-output fusion,
/// empty arrays, rank 0 and the sign of zero.
/// </summary>
internal static class ElementwiseStructureCases
{
    public static IEnumerable<ConformanceCase> All() =>
        Converts().Concat(WidenedCompares()).Concat(Bitcasts()).Concat(Selects()).Concat(Iotas()).Concat(Concatenations())
            .Concat(IndexMaps()).Concat(Sizes()).Concat(MultiOutput()).Concat(EmptyAndRank0()).Concat(SignedZeros());

    private static IEnumerable<ConformanceCase> Converts()
    {
        int[] shape = [97];
        foreach (var from in DTypeInfo.All)
        {
            foreach (var to in DTypeInfo.All.Where(t => t != from))
            {
                var b = new ScalarProgramBuilder();
                var program = b.Build(b.Convert(b.Load(0, from), to));
                yield return Case($"elementwise/convert/{from.ShortName()}-to-{to.ShortName()}", to, shape,
                    [Contiguous(from, shape)], program,
                    g => [from.IsFloat() ? g.Floats(from, shape, -300, 300) : g.Values(from, shape)],
                    ToleranceTable.Elementwise(to, OpFamily.Basic),
                    $"convert {from.ShortName()} to {to.ShortName()}: saturation, NaN to 0, wraparound, rounding to nearest even");
            }
        }
    }

    /// <summary>int32 data widened to int64 and compared with constants: lavapipe once folded the sign extension into
    /// the comparison wrongly (every lt false, every gt true), which a convert case alone does not show.</summary>
    private static IEnumerable<ConformanceCase> WidenedCompares()
    {
        int[] shape = [67];
        foreach (var (op, constant) in new[] { (BinaryOp.Lt, 1L), (BinaryOp.Gt, -2L), (BinaryOp.Le, 0L), (BinaryOp.Ge, -1_000_000L) })
        {
            var b = new ScalarProgramBuilder();
            var program = b.Build(b.Binary(op, b.Convert(b.Load(0, DType.Int32), DType.Int64), b.Const(DType.Int64, constant)));
            yield return Case($"elementwise/widened-compare/i32-to-i64/{op.ToString().ToLowerInvariant()}", DType.Bool, shape,
                [Contiguous(DType.Int32, shape)], program, g => [g.Values(DType.Int32, shape)], Tolerance.Exact,
                $"int64(x) {op} {constant} for int32 x of both signs");
        }
    }

    /// <summary>What concatenate lowers to: one padded input per piece, chosen by comparing an int64 index with the
    /// pieces' bounds.</summary>
    private static IEnumerable<ConformanceCase> Concatenations()
    {
        foreach (var dtype in new[] { DType.Float32, DType.Int32 })
        {
            int[] shape = [11];
            var b = new ScalarProgramBuilder();
            var first = b.Binary(BinaryOp.Lt, b.Index(0, DType.Int64), b.Const(DType.Int64, 4));
            var program = b.Build(b.Select(first, b.Load(0, dtype), b.Load(1, dtype)));
            yield return Case($"elementwise/concatenate/{dtype.ShortName()}/two-pieces", dtype, shape,
                [new Input(dtype, [4], new IndexMap(0, [1]) { ValidLo = [0], ValidHi = [4] }),
                    new Input(dtype, [7], new IndexMap(-4, [1]) { ValidLo = [4], ValidHi = [11] })],
                program, g => [g.Values(dtype, [4]), g.Values(dtype, [7])], Tolerance.Exact with { SignOfZero = true },
                "concatenate([x, y]): select on index < 4 between the two padded pieces");
        }
    }

    private static IEnumerable<ConformanceCase> Bitcasts()
    {
        (DType From, DType To)[] pairs =
        [
            (DType.Float32, DType.Int32), (DType.Int32, DType.Float32), (DType.Float32, DType.UInt32), (DType.UInt32, DType.Float32),
            (DType.Int32, DType.UInt32), (DType.Float64, DType.Int64), (DType.Int64, DType.Float64),
            (DType.Float16, DType.BFloat16), (DType.BFloat16, DType.Float16),
            (DType.Int8, DType.UInt8), (DType.UInt8, DType.Int8), (DType.Int16, DType.UInt16), (DType.UInt16, DType.Int16),
            (DType.Int16, DType.Float16), (DType.UInt16, DType.BFloat16), (DType.BFloat16, DType.Int16),
            (DType.UInt64, DType.Float64), (DType.Float64, DType.UInt64), (DType.Int64, DType.UInt64), (DType.UInt64, DType.Int64),
        ];
        int[] shape = [77];
        foreach (var (from, to) in pairs)
        {
            var b = new ScalarProgramBuilder();
            var program = b.Build(b.Bitcast(b.Load(0, from), to));
            yield return Case($"elementwise/bitcast/{from.ShortName()}-to-{to.ShortName()}", to, shape,
                [Contiguous(from, shape)], program, g => [g.Values(from, shape)], Tolerance.Exact with { SignOfZero = true },
                $"bitcast {from.ShortName()} to {to.ShortName()}");
        }
    }

    private static IEnumerable<ConformanceCase> Selects()
    {
        int[] shape = [5, 19];
        foreach (var dtype in DTypeInfo.All)
        {
            var b = new ScalarProgramBuilder();
            var program = b.Build(b.Select(b.Load(0, DType.Bool), b.Load(1, dtype), b.Load(2, dtype)));
            yield return Case($"elementwise/select/{dtype.ShortName()}/random", dtype, shape,
                [Contiguous(DType.Bool, shape), Contiguous(dtype, shape), Contiguous(dtype, shape)], program,
                g => [g.Bools(shape), g.Values(dtype, shape), g.Values(dtype, shape)], Tolerance.Exact with { SignOfZero = true },
                $"select between two {dtype.ShortName()} arrays");
        }
    }

    private static IEnumerable<ConformanceCase> Iotas()
    {
        foreach (var dtype in new[] { DType.Int32, DType.Int64 })
        {
            int[] shape = [6, 7, 9];
            var b = new ScalarProgramBuilder();
            var hundred = b.Const(dtype, 100);
            var ten = b.Const(dtype, 10);
            var value = b.Binary(BinaryOp.Add,
                b.Binary(BinaryOp.Add, b.Binary(BinaryOp.Mul, b.Index(0, dtype), hundred), b.Binary(BinaryOp.Mul, b.Index(1, dtype), ten)),
                b.Index(2, dtype));
            yield return Case($"elementwise/index/{dtype.ShortName()}/rank3", dtype, shape, [], b.Build(value), _ => [],
                Tolerance.Exact, "iota over three dimensions: 100*i + 10*j + k");
        }
        {
            int[] shape = [33];
            var b = new ScalarProgramBuilder();
            var program = b.Build(b.Binary(BinaryOp.Mul, b.Convert(b.Index(0), DType.Float32), b.Const(DType.Float32, 0.25)));
            yield return Case("elementwise/index/f32/iota-times-quarter", DType.Float32, shape, [], program, _ => [],
                ToleranceTable.Elementwise(DType.Float32, OpFamily.Basic), "iota converted to f32 times a constant");
        }
    }

    /// <summary>Adds two inputs, the first read through a non-trivial index map.</summary>
    private static ConformanceCase MapCase(string name, DType dtype, int[] shape, int[] bufferShape, IndexMap map, string description)
    {
        var program = BinaryProgram(dtype == DType.Bool ? BinaryOp.Or : BinaryOp.Add, dtype);
        var tolerance = ToleranceTable.Elementwise(dtype, OpFamily.Basic);
        return Case($"elementwise/add/{dtype.ShortName()}/{name}", dtype, shape,
            [new Input(dtype, bufferShape, map), Contiguous(dtype, shape)], program,
            g => [g.Values(dtype, bufferShape), g.Values(dtype, shape)], tolerance, description);
    }

    private static IEnumerable<ConformanceCase> IndexMaps()
    {
        foreach (var dtype in new[] { DType.Float32, DType.Int32, DType.Float64, DType.Float16, DType.UInt8 })
        {
            yield return MapCase("broadcast-size1", dtype, [4, 3, 5], [4, 1, 5], IndexMap.Broadcast([4, 1, 5], [4, 3, 5]),
                "size-1 dimension broadcast (stride 0)");
            yield return MapCase("transposed", dtype, [7, 5], [5, 7], new IndexMap(0, [1, 7]), "transposed read");
            yield return MapCase("padded", dtype, [7, 9], [5, 5],
                new IndexMap(-7, [5, 1]) { ValidLo = [1, 2], ValidHi = [6, 7], PadValue = 3 }, "padding 1/1 rows, 2/2 columns with 3");
            if (dtype != DType.Float32) continue;
            yield return MapCase("broadcast-scalar", dtype, [17, 3], [], new IndexMap(0, [0, 0]), "rank-0 input broadcast to a matrix");
            yield return MapCase("broadcast-trailing", dtype, [4, 5], [5], IndexMap.Broadcast([5], [4, 5]), "vector broadcast along rows");
            yield return MapCase("broadcast-leading", dtype, [4, 5], [4, 1], IndexMap.Broadcast([4, 1], [4, 5]), "column broadcast along columns");
            yield return MapCase("strided-slice", dtype, [13], [40], new IndexMap(1, [3]), "x[1::3]");
            yield return MapCase("flipped", dtype, [33], [33], new IndexMap(32, [-1]), "x[::-1]");
            yield return MapCase("window-2d-steps", dtype, [4, 5], [10, 12], new IndexMap(2 * 12 + 3, [24, 2]), "x[2:10:2, 3:13:2]");
            yield return MapCase("flipped-transposed-2d", dtype, [6, 4], [4, 6], new IndexMap(3 * 6 + 5, [-1, -6]), "x.T[::-1, ::-1]");
            yield return MapCase("reshaped", dtype, [4, 6], [6, 4], new IndexMap(0, [4, 1]) { ReshapeTo = [6, 4] }, "reshape [6,4] to [4,6]");
            yield return MapCase("reshaped-transposed", dtype, [4, 6], [2, 3, 4],
                new IndexMap(0, [1, 4, 12]) { ReshapeTo = [4, 3, 2] }, "transpose [2,3,4] to [4,3,2], then reshape to [4,6]");
            yield return MapCase("padded-negative-infinity", dtype, [6], [4],
                new IndexMap(-1, [1]) { ValidLo = [1], ValidHi = [5], PadValue = double.NegativeInfinity }, "padding with -inf");
            yield return MapCase("padded-strided", dtype, [9], [20],
                new IndexMap(-2 * 3 + 1, [3]) { ValidLo = [2], ValidHi = [7], PadValue = -1.5 }, "pad around a strided slice");
        }
        yield return MapCase("transposed", DType.Bool, [7, 5], [5, 7], new IndexMap(0, [1, 7]), "transposed read of bools (or)");
        yield return MapCase("broadcast-size1", DType.Int64, [3, 8], [1, 8], IndexMap.Broadcast([1, 8], [3, 8]), "size-1 row broadcast");
    }

    private static IEnumerable<ConformanceCase> Sizes()
    {
        foreach (var n in new[] { 1, 15, 16, 17, 31, 33, 1000, 4099 })
            yield return FusedMultiplyAdd(DType.Float32, [n], $"size-{n}");
        foreach (var dtype in new[] { DType.Float64, DType.Int32, DType.Int64, DType.UInt32, DType.UInt8, DType.Float16, DType.BFloat16 })
        {
            yield return FusedMultiplyAdd(dtype, [31], "size-31");
            yield return FusedMultiplyAdd(dtype, [4099], "size-4099");
        }
        yield return FusedMultiplyAdd(DType.Float32, [1 << 20], "size-1048576");
        yield return FusedMultiplyAdd(DType.Float32, [1023, 1025], "size-1023x1025");
        yield return FusedMultiplyAdd(DType.Int32, [1 << 20], "size-1048576");
        {
            int[] shape = [4099];
            yield return Case("elementwise/and/bool/size-4099", DType.Bool, shape,
                [Contiguous(DType.Bool, shape), Contiguous(DType.Bool, shape)], BinaryProgram(BinaryOp.And, DType.Bool),
                g => [g.Bools(shape), g.Bools(shape)], Tolerance.Exact, "logical and over an odd size");
        }
    }

    /// <summary>a*b + a*0.5 (a fused DAG with a constant) over the given shape.</summary>
    private static ConformanceCase FusedMultiplyAdd(DType dtype, int[] shape, string name)
    {
        var b = new ScalarProgramBuilder();
        var x = b.Load(0, dtype);
        var y = b.Load(1, dtype);
        var c = dtype.IsFloat() ? b.Const(dtype, 0.5) : b.Const(dtype, 3);
        var program = b.Build(b.Binary(BinaryOp.Add, b.Binary(BinaryOp.Mul, x, y), b.Binary(BinaryOp.Mul, x, c)));
        var tolerance = dtype.IsFloat() ? ToleranceTable.Elementwise(dtype, OpFamily.Basic) with { Absolute = 8 * Tolerance.UnitRoundoff(dtype) } : Tolerance.Exact;
        return Case($"elementwise/fma/{dtype.ShortName()}/{name}", dtype, shape, [Contiguous(dtype, shape), Contiguous(dtype, shape)],
            program, g => [g.Values(dtype, shape, -2, 2, specials: !dtype.IsFloat()), g.Values(dtype, shape, -2, 2, specials: !dtype.IsFloat())],
            tolerance, $"a*b + a*c over {string.Join("x", shape)} elements");
    }

    private static IEnumerable<ConformanceCase> MultiOutput()
    {
        foreach (var dtype in new[] { DType.Float32, DType.Int32 })
        {
            int[] shape = [3, 37];
            var b = new ScalarProgramBuilder();
            var x = b.Load(0, dtype);
            var y = b.Load(1, dtype);
            var program = b.Build(b.Binary(BinaryOp.Add, x, y), b.Binary(BinaryOp.Mul, x, y), b.Binary(BinaryOp.Lt, x, y), x);
            yield return Case($"elementwise/multi-output/{dtype.ShortName()}/sum-product-less-copy", dtype, shape,
                [Contiguous(dtype, shape), Contiguous(dtype, shape)], program,
                g => [g.Values(dtype, shape), g.Values(dtype, shape)], ToleranceTable.Elementwise(dtype, OpFamily.Basic),
                "four outputs of three dtypes from one kernel (one of them a plain copy of an input)");
        }
    }

    private static IEnumerable<ConformanceCase> EmptyAndRank0()
    {
        foreach (var (dtype, shape, name) in new (DType, int[], string)[]
                 {
                     (DType.Float32, [0], "empty"), (DType.Int32, [3, 0, 4], "empty-3x0x4"), (DType.Float32, [], "rank0"),
                     (DType.Int64, [], "rank0"), (DType.Float64, [1, 1, 1], "ones-1x1x1"),
                 })
        {
            yield return Case($"elementwise/add/{dtype.ShortName()}/{name}", dtype, shape,
                [Contiguous(dtype, shape), Contiguous(dtype, shape)], BinaryProgram(BinaryOp.Add, dtype),
                g => [g.Values(dtype, shape), g.Values(dtype, shape)], ToleranceTable.Elementwise(dtype, OpFamily.Basic),
                $"add over shape [{string.Join(",", shape)}]");
        }
    }

    /// <summary>Ops whose result's sign of zero IEEE fixes, checked bit for bit.</summary>
    private static IEnumerable<ConformanceCase> SignedZeros()
    {
        double[] values = [0.0, -0.0, -0.25, -0.5, -0.75, 0.25, -1e-30, -1];
        int[] shape = [values.Length];
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            foreach (var op in new[] { UnaryOp.Neg, UnaryOp.Abs, UnaryOp.Sign, UnaryOp.Floor, UnaryOp.Ceil, UnaryOp.Round, UnaryOp.RoundEven, UnaryOp.Sqrt })
            {
                yield return Case($"elementwise/{Op(op)}/{dtype.ShortName()}/sign-of-zero", dtype, shape, [Contiguous(dtype, shape)],
                    UnaryProgram(op, dtype), _ => [HostTensor.FromDoubles(dtype, shape, values)],
                    ToleranceTable.Unary(op, dtype) with { SignOfZero = true }, $"{op} of ±0 and small negatives keeps IEEE's sign of zero");
            }
        }
    }
}
