using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Codegen.Emit;

namespace JaxNet.Backends.CpuSimd.Tests.Codegen;

/// <summary>Integer and Bool semantics: wraparound, division by zero, INT_MIN / -1, shifts, rotates, bit counts.</summary>
public sealed class IntegerAndBoolOpTests
{
    private static readonly DType[] Integers = [DType.Int32, DType.Int64, DType.UInt32, DType.UInt8];

    /// <summary>Edge operands as (a, b) pairs; 19 pairs so vectors and a tail both run.</summary>
    private static readonly (long A, long B)[] Pairs =
    [
        (7, 2), (-7, 2), (7, -2), (-7, -2), (5, 0), (-5, 0), (0, 0), (long.MinValue, -1), (int.MinValue, -1),
        (255, 1), (1, 31), (1, 32), (1, 33), (-1, 63), (-1, 64), (-8, 1), (123456789, -3), (3, 7), (200, 100),
    ];

    private static int Bits(DType d) => d.SizeOf() * 8;

    /// <summary>Wraps to the dtype: sign-extended for signed types, zero-extended for unsigned.</summary>
    private static long Wrap(DType d, long v) => d switch
    {
        DType.Int32 => (int)v,
        DType.UInt32 => (uint)v,
        DType.UInt8 => (byte)v,
        _ => v,
    };

    private static ulong Unsigned(DType d, long v) => Bits(d) == 64 ? (ulong)v : (ulong)v & ((1ul << Bits(d)) - 1);

    private static long Reference(BinaryOp op, DType d, long a, long b)
    {
        var signed = d.IsSignedInteger();
        var width = Bits(d);
        var min = d == DType.Int32 ? int.MinValue : long.MinValue;
        var ua = Unsigned(d, a);
        var ub = Unsigned(d, b);
        var allOnes = Wrap(d, -1);
        return op switch
        {
            BinaryOp.Add => Wrap(d, a + b),
            BinaryOp.Sub => Wrap(d, a - b),
            BinaryOp.Mul => Wrap(d, unchecked(a * b)),
            BinaryOp.Div when b == 0 => allOnes,
            BinaryOp.Div when signed && a == min && b == -1 => a,
            BinaryOp.Div => signed ? Wrap(d, a / b) : (long)(ua / ub),
            BinaryOp.Rem when b == 0 => a,
            BinaryOp.Rem when signed && b == -1 => 0,
            BinaryOp.Rem => signed ? Wrap(d, a % b) : (long)(ua % ub),
            BinaryOp.Max => signed ? Math.Max(a, b) : (long)Math.Max(ua, ub),
            BinaryOp.Min => signed ? Math.Min(a, b) : (long)Math.Min(ua, ub),
            BinaryOp.And => Wrap(d, a & b),
            BinaryOp.Or => Wrap(d, a | b),
            BinaryOp.Xor => Wrap(d, a ^ b),
            BinaryOp.ShiftLeft => ub >= (ulong)width ? 0 : Wrap(d, (long)(ua << (int)ub)),
            BinaryOp.ShiftRightLogical => ub >= (ulong)width ? 0 : Wrap(d, (long)(ua >> (int)ub)),
            BinaryOp.ShiftRightArithmetic => Wrap(d, SignExtend(ua, width) >> (int)Math.Min(ub, (ulong)width - 1)),
            BinaryOp.RotateLeft => Wrap(d, (long)((ua << (int)(ub % (ulong)width)) | (ua >> (int)((ulong)width - ub % (ulong)width) % width))),
            BinaryOp.RotateRight => Wrap(d, (long)((ua >> (int)(ub % (ulong)width)) | (ua << (int)((ulong)width - ub % (ulong)width) % width))),
            BinaryOp.Eq => a == b ? 1 : 0,
            BinaryOp.Ne => a != b ? 1 : 0,
            BinaryOp.Lt => (signed ? a < b : ua < ub) ? 1 : 0,
            BinaryOp.Le => (signed ? a <= b : ua <= ub) ? 1 : 0,
            BinaryOp.Gt => (signed ? a > b : ua > ub) ? 1 : 0,
            BinaryOp.Ge => (signed ? a >= b : ua >= ub) ? 1 : 0,
            _ => throw new ArgumentOutOfRangeException(nameof(op)),
        };
    }

    private static long SignExtend(ulong v, int width) => width == 64 ? (long)v : (long)(v << (64 - width)) >> (64 - width);

    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void Every_integer_binary_op_matches_its_reference(int width)
    {
        var ops = Enum.GetValues<BinaryOp>().Where(o => !o.IsFloatOnly()).ToArray();
        foreach (var dtype in Integers)
            foreach (var op in ops)
            {
                var a = Pairs.Select(p => Wrap(dtype, p.A)).ToArray();
                var b = Pairs.Select(p => Wrap(dtype, p.B)).ToArray();
                using var x = NativeTensor.OfBits(dtype, a);
                using var y = NativeTensor.OfBits(dtype, b);
                var resultType = op.ResultType(dtype);
                using var z = NativeTensor.Empty(resultType, a.Length);
                CodegenRun.Elementwise(CodegenRun.Zip1D(a.Length, dtype, (p, u, v) => p.Binary(op, u, v)), width, x, y, z);
                for (var i = 0; i < a.Length; i++)
                    Assert.True(Reference(op, dtype, a[i], b[i]) == z.Bits(i),
                        $"{op}({a[i]}, {b[i]}) {dtype} width {width}: expected {Reference(op, dtype, a[i], b[i])}, got {z.Bits(i)}");
            }
    }

    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void Integer_unary_ops_match_their_references(int width)
    {
        foreach (var dtype in Integers)
        {
            var values = Pairs.Select(p => Wrap(dtype, p.A)).Concat(Pairs.Select(p => Wrap(dtype, p.B))).ToArray();
            var bits = Bits(dtype);
            var references = new Dictionary<UnaryOp, Func<long, long>>
            {
                [UnaryOp.Neg] = v => Wrap(dtype, -v),
                [UnaryOp.Abs] = v => dtype.IsSignedInteger() ? Wrap(dtype, Math.Abs(v == long.MinValue ? 0 : v) + (v == long.MinValue ? long.MinValue : 0)) : v,
                [UnaryOp.Sign] = v => dtype.IsSignedInteger() ? Math.Sign(v) : v == 0 ? 0 : 1,
                [UnaryOp.Not] = v => Wrap(dtype, ~v),
                [UnaryOp.PopCount] = v => System.Numerics.BitOperations.PopCount(Unsigned(dtype, v)),
                [UnaryOp.Clz] = v => System.Numerics.BitOperations.LeadingZeroCount(Unsigned(dtype, v)) - (64 - bits),
            };
            foreach (var (op, reference) in references)
            {
                using var x = NativeTensor.OfBits(dtype, values);
                using var y = NativeTensor.Empty(dtype, values.Length);
                CodegenRun.Elementwise(CodegenRun.Map1D(values.Length, dtype, (b, v) => b.Unary(op, v)), width, x, y);
                for (var i = 0; i < values.Length; i++)
                    Assert.True(Wrap(dtype, reference(values[i])) == y.Bits(i), $"{op}({values[i]}) {dtype}: got {y.Bits(i)}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void Bool_ops_are_logical(int width)
    {
        var a = Enumerable.Range(0, 21).Select(i => (long)(i % 2)).ToArray();
        var b = Enumerable.Range(0, 21).Select(i => (long)(i / 2 % 2)).ToArray();
        var references = new Dictionary<BinaryOp, Func<bool, bool, bool>>
        {
            [BinaryOp.And] = (p, q) => p & q,
            [BinaryOp.Or] = (p, q) => p | q,
            [BinaryOp.Xor] = (p, q) => p ^ q,
            [BinaryOp.Eq] = (p, q) => p == q,
            [BinaryOp.Ne] = (p, q) => p != q,
            [BinaryOp.Lt] = (p, q) => !p & q,
            [BinaryOp.Ge] = (p, q) => p | !q,
            [BinaryOp.Max] = (p, q) => p | q,
            [BinaryOp.Min] = (p, q) => p & q,
        };
        foreach (var (op, reference) in references)
        {
            using var x = NativeTensor.OfBits(DType.Bool, a);
            using var y = NativeTensor.OfBits(DType.Bool, b);
            using var z = NativeTensor.Empty(DType.Bool, a.Length);
            CodegenRun.Elementwise(CodegenRun.Zip1D(a.Length, DType.Bool, (p, u, v) => p.Binary(op, u, v)), width, x, y, z);
            for (var i = 0; i < a.Length; i++) Assert.Equal(reference(a[i] == 1, b[i] == 1) ? 1 : 0, z.Bits(i));
        }
        using var input = NativeTensor.OfBits(DType.Bool, a);
        using var negated = NativeTensor.Empty(DType.Bool, a.Length);
        CodegenRun.Elementwise(CodegenRun.Map1D(a.Length, DType.Bool, (p, v) => p.Unary(UnaryOp.Not, v)), width, input, negated);
        for (var i = 0; i < a.Length; i++) Assert.Equal(1 - a[i], negated.Bits(i));
    }

    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void Float_compare_to_bool_then_select_vectorizes_and_is_right(int width)
    {
        const int n = 37;
        var xs = FloatUnaryOpTests.Values;
        var b = new ScalarProgramBuilder();
        var x = b.Load(0, DType.Float32);
        var positive = b.Binary(BinaryOp.Gt, x, b.Const(DType.Float32, 0));
        var relu = b.Select(positive, x, b.Const(DType.Float32, 0));
        var kernel = new ElementwiseKernel("relu", [n], [new MappedInput(0, DType.Float32, IndexMap.Identity([n]))], b.Build(relu, positive), [1, 2]);
        using var input = NativeTensor.Of(DType.Float32, xs);
        using var y = NativeTensor.Empty(DType.Float32, n);
        using var mask = NativeTensor.Empty(DType.Bool, n);
        var vectorized = CodegenRun.Elementwise(kernel, width, input, y, mask);
        Assert.Equal(width != 0 && VectorWidths.Hardware != VectorWidth.Scalar, vectorized);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(xs[i] > 0 ? (float)xs[i] : 0f, (float)y[i]);
            Assert.Equal(xs[i] > 0 ? 1 : 0, mask.Bits(i));
        }
    }
}
