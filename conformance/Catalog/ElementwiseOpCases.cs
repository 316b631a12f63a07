using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Cases;
using JaxNet.Conformance.Numerics;
using static JaxNet.Conformance.Catalog.Elementwise;

namespace JaxNet.Conformance.Catalog;

/// <summary>
/// Every unary and binary op on every dtype it is defined for: random data with the specials sprinkled in, and
/// for binary ops the full cross product of the specials (floats) or extremes (integers), which is where NaN
/// propagation, infinities, integer wraparound, division by zero and oversized shifts live.
/// </summary>
internal static class ElementwiseOpCases
{
    private static readonly int[] Shape = [123];

    public static readonly DType[] Floats = [DType.Float32, DType.Float64, DType.Float16, DType.BFloat16];
    public static readonly DType[] Integers =
        [DType.Int32, DType.Int64, DType.UInt32, DType.UInt8, DType.Int8, DType.Int16, DType.UInt16, DType.UInt64];

    public static IEnumerable<ConformanceCase> All()
    {
        foreach (var op in Enum.GetValues<UnaryOp>())
            foreach (var dtype in DTypeInfo.All.Where(d => IsDefined(op, d)))
                yield return Unary(op, dtype);
        foreach (var op in Enum.GetValues<BinaryOp>())
        {
            foreach (var dtype in DTypeInfo.All.Where(d => IsDefined(op, d)))
            {
                yield return BinaryRandom(op, dtype);
                if (dtype != DType.Bool) yield return BinaryCross(op, dtype);
            }
        }
    }

    public static bool IsDefined(UnaryOp op, DType dtype) => op switch
    {
        UnaryOp.Not => !dtype.IsFloat(),
        UnaryOp.PopCount or UnaryOp.Clz => dtype.IsInteger(),
        UnaryOp.Neg or UnaryOp.Abs or UnaryOp.Sign => dtype != DType.Bool,
        _ => dtype.IsFloat(),
    };

    public static bool IsDefined(BinaryOp op, DType dtype)
    {
        if (dtype == DType.Bool) return op is BinaryOp.And or BinaryOp.Or or BinaryOp.Xor || op.IsComparison();
        if (dtype.IsFloat()) return !op.IsBitwise();
        return !op.IsFloatOnly();
    }

    /// <summary>Where the random inputs of a unary op come from: its domain, with room on both sides.</summary>
    private static (double Lo, double Hi) Domain(UnaryOp op, DType dtype) => op switch
    {
        UnaryOp.Log or UnaryOp.Sqrt or UnaryOp.Rsqrt => (-1, 100),
        UnaryOp.Log1p => (-1.2, 10),
        UnaryOp.Asin or UnaryOp.Acos or UnaryOp.Atanh or UnaryOp.ErfInv => (-1.05, 1.05),
        UnaryOp.Acosh => (0.9, 20),
        UnaryOp.Exp or UnaryOp.Exp2 or UnaryOp.Expm1 or UnaryOp.Sinh or UnaryOp.Cosh =>
            dtype == DType.Float16 ? (-10, 10) : (-20, 20),
        UnaryOp.Tan => (-1.5, 1.5),
        UnaryOp.Lgamma or UnaryOp.Digamma => (-5, 10),
        UnaryOp.Round or UnaryOp.RoundEven => (-4, 4),
        _ => (-10, 10),
    };

    private static ConformanceCase Unary(UnaryOp op, DType dtype)
    {
        var id = $"elementwise/{Op(op)}/{dtype.ShortName()}/random";
        var (lo, hi) = Domain(op, dtype);
        return Case(id, dtype, Shape, [Contiguous(dtype, Shape)], UnaryProgram(op, dtype),
            g => [op is UnaryOp.Round or UnaryOp.RoundEven ? HalfIntegers(g, dtype) : g.Values(dtype, Shape, lo, hi)],
            ToleranceTable.Unary(op, dtype), $"{op} on {dtype.ShortName()} values in [{lo}, {hi}] and the specials");
    }

    /// <summary>Values on and near the halfway points, where the two roundings differ.</summary>
    private static HostTensor HalfIntegers(DataGenerator g, DType dtype)
    {
        var random = g.Floats(dtype, Shape, -4, 4);
        return HostTensor.Create(random.Spec, i => i % 3 == 0 ? Scalar.FromDouble(dtype, (i / 3 % 17 - 8) * 0.5) : random[i]);
    }

    private static (double Lo, double Hi) Domain(BinaryOp op) => op switch
    {
        BinaryOp.Pow => (0, 4),
        _ => (-10, 10),
    };

    private static ConformanceCase BinaryRandom(BinaryOp op, DType dtype)
    {
        var id = $"elementwise/{Op(op)}/{dtype.ShortName()}/random";
        var (lo, hi) = Domain(op);
        var width = dtype.BitWidth();
        Func<DataGenerator, IReadOnlyList<HostTensor>> data = op switch
        {
            BinaryOp.ShiftLeft or BinaryOp.ShiftRightLogical or BinaryOp.ShiftRightArithmetic or BinaryOp.RotateLeft
                or BinaryOp.RotateRight => g => [g.Integers(dtype, Shape), g.IntegersIn(dtype, Shape, dtype.IsSignedInteger() ? -2 : 0, width + 2)],
            BinaryOp.Pow => g => [g.Values(dtype, Shape, lo, hi), g.Values(dtype, Shape, -4, 4)],
            // Nearby operands, so that comparisons see ties and fmod sees small quotients.
            _ when dtype.IsFloat() => g => NearbyPair(g, dtype),
            _ => g => [g.Values(dtype, Shape), g.Values(dtype, Shape)],
        };
        return Case(id, dtype, Shape, [Contiguous(dtype, Shape), Contiguous(dtype, Shape)], BinaryProgram(op, dtype), data,
            ToleranceTable.Binary(op, dtype), $"{op} on random {dtype.ShortName()} operands with the specials");
    }

    private static IReadOnlyList<HostTensor> NearbyPair(DataGenerator g, DType dtype)
    {
        var a = g.Values(dtype, Shape);
        var b = g.Values(dtype, Shape);
        var equalEvery = 5;
        return [a, HostTensor.Create(b.Spec, i => i % equalEvery == 0 ? a[i] : b[i])];
    }

    /// <summary>Every pair of specials (floats) or extremes (integers): a is the row, b the column.</summary>
    private static ConformanceCase BinaryCross(BinaryOp op, DType dtype)
    {
        var id = $"elementwise/{Op(op)}/{dtype.ShortName()}/{(dtype.IsFloat() ? "specials" : "extremes")}-cross";
        var values = dtype.IsFloat()
            ? DataGenerator.FloatSpecials(dtype).Select(v => Scalar.FromDouble(dtype, v)).ToArray()
            : DataGenerator.IntegerExtremes(dtype).Select(v => Scalar.FromInteger(dtype, v))
                .Concat(ExtraIntegers(op, dtype)).ToArray();
        var n = values.Length;
        var shape = new[] { n, n };
        var spec = new TensorSpec(dtype, shape);
        return Case(id, dtype, shape, [Contiguous(dtype, shape), Contiguous(dtype, shape)], BinaryProgram(op, dtype),
            _ => [HostTensor.Create(spec, i => values[i / n]), HostTensor.Create(spec, i => values[i % n])],
            ToleranceTable.Binary(op, dtype) with { SignOfZero = SignOfZeroIsDefined(op, dtype) },
            $"{op} on every pair of {(dtype.IsFloat() ? "special values (NaN, ±inf, ±0, subnormals, ±max)" : "extreme integers")}");
    }

    /// <summary>IEEE fixes the sign of a zero result of the basic ops, except max/min of ±0 (which XLA leaves open).</summary>
    private static bool SignOfZeroIsDefined(BinaryOp op, DType dtype) =>
        dtype.IsFloat() && ToleranceTable.FamilyOf(op) == OpFamily.Basic && op is not (BinaryOp.Max or BinaryOp.Min);

    /// <summary>Shift amounts around the bit width, beside the extremes.</summary>
    private static IEnumerable<Scalar> ExtraIntegers(BinaryOp op, DType dtype)
    {
        if (!op.IsBitwise() || op is BinaryOp.And or BinaryOp.Or or BinaryOp.Xor) return [];
        var width = dtype.BitWidth();
        return new long[] { 3, width - 1, width, width + 1 }.Select(v => Scalar.FromInteger(dtype, v));
    }
}
