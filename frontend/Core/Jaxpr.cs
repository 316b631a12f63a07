using System.Globalization;
using System.Text;

namespace JaxNet.Core;

/// <summary>An operand of an equation: a variable or a literal.</summary>
public abstract class Atom
{
    public abstract ShapedArray Aval { get; }
}

/// <summary>A variable of a jaxpr (compared by identity; printed names are assigned when printing).</summary>
public sealed class Var(ShapedArray aval) : Atom
{
    public override ShapedArray Aval { get; } = aval;
}

/// <summary>A scalar constant written into the program (JAX's Literal), e.g. the 2.0 of <c>x * 2f</c>.</summary>
public sealed class Literal(Scalar value, ShapedArray aval) : Atom
{
    public Scalar Value { get; } = value;

    public override ShapedArray Aval { get; } = aval;

    public override string ToString() => Value.Format() + ":" + Aval.Str();
}

/// <summary>One equation: outputs = primitive[params] inputs.</summary>
public sealed record JaxprEqn(Primitive Primitive, Atom[] Inputs, Params Params, Var[] Outputs)
{
    /// <summary>The <see cref="Jax.NamedScope"/> names open when the equation was traced, joined with '/' (JAX's
    /// name stack, which it writes into HLO metadata as op_name), or null.</summary>
    public string? NameStack { get; init; }
}

/// <summary>
/// A typed SSA program of primitives (JAX's Jaxpr): constant variables, input variables, equations in order,
/// and outputs. Printed like JAX: <c>{ lambda ; a:f32[3]. let b:f32[3] = tanh a in (b,) }</c>.
/// </summary>
public sealed class Jaxpr(Var[] constVars, Var[] inVars, JaxprEqn[] eqns, Atom[] outputs)
{
    public Var[] ConstVars { get; } = constVars;

    public Var[] InVars { get; } = inVars;

    public JaxprEqn[] Eqns { get; } = eqns;

    public Atom[] Outputs { get; } = outputs;

    public override string ToString() => JaxprPrinter.Print(this);

    /// <summary>The printed jaxpr; with <paramref name="nameStack"/>, each equation traced inside a
    /// <see cref="Jax.NamedScope"/> ends with a comment naming its scopes (JAX's pretty_print(name_stack=True)).</summary>
    public string PrettyPrint(bool nameStack = false) => JaxprPrinter.Print(this, nameStack);
}

/// <summary>A jaxpr with the values of its constant variables (JAX's ClosedJaxpr).</summary>
public sealed class ClosedJaxpr(Jaxpr jaxpr, NDArray[] consts)
{
    public Jaxpr Jaxpr { get; } = jaxpr;

    public NDArray[] Consts { get; } = consts;

    public ShapedArray[] InAvals => Jaxpr.InVars.Select(v => v.Aval).ToArray();

    public ShapedArray[] OutAvals => Jaxpr.Outputs.Select(v => v.Aval).ToArray();

    public override string ToString() => Jaxpr.ToString();

    /// <inheritdoc cref="Core.Jaxpr.PrettyPrint"/>
    public string PrettyPrint(bool nameStack = false) => Jaxpr.PrettyPrint(nameStack);
}

/// <summary>Prints jaxprs the way JAX does, naming variables a, b, ..., z, ba, bb, ...</summary>
internal static class JaxprPrinter
{
    public static string Print(Jaxpr jaxpr, bool nameStack = false)
    {
        var names = new Dictionary<Var, string>();
        string Name(Atom atom)
        {
            if (atom is Literal lit) return lit.ToString();
            var v = (Var)atom;
            if (!names.TryGetValue(v, out var name)) names[v] = name = VarName(names.Count);
            return name;
        }
        string Decl(Var v) => Name(v) + ":" + v.Aval.Str();

        var s = new StringBuilder("{ lambda ");
        s.Append(string.Join(" ", jaxpr.ConstVars.Select(Decl))).Append("; ");
        s.Append(string.Join(" ", jaxpr.InVars.Select(Decl))).Append(". let");
        foreach (var eqn in jaxpr.Eqns)
        {
            var outs = string.Join(" ", eqn.Outputs.Select(Decl));
            var ins = string.Join(" ", eqn.Inputs.Select(Name));
            s.Append("\n    ").Append(outs).Append(" = ").Append(eqn.Primitive.Name).Append(eqn.Params).Append(' ').Append(ins);
            if (nameStack && eqn.NameStack is { } scope) s.Append("  # ").Append(scope);
        }
        s.Append(jaxpr.Eqns.Length == 0 ? " " : "\n  ");
        s.Append("in (").Append(string.Join(", ", jaxpr.Outputs.Select(Name)));
        if (jaxpr.Outputs.Length == 1) s.Append(',');
        s.Append(") }");
        return s.ToString();
    }

    private static string VarName(int index)
    {
        var s = new StringBuilder();
        do
        {
            s.Insert(0, (char)('a' + index % 26));
            index /= 26;
        } while (index > 0);
        return s.ToString();
    }
}

/// <summary>
/// A host scalar of some dtype: float values in <see cref="Value"/>, integer and Bool values exactly in
/// <see cref="Bits"/> (as the kernel IR's ConstNode holds them), and a complex value's parts in <see cref="Value"/>
/// and <see cref="Imag"/>. Two scalars are equal when their bits are: -0.0 is not 0.0 (nor one NaN another), so
/// literals that differ only there are never merged by CSE or a constant cache.
/// </summary>
public readonly record struct Scalar(DType DType, double Value, long Bits)
{
    /// <summary>The imaginary part of a complex scalar (0 for every other dtype).</summary>
    public double Imag { get; init; }

    public bool Equals(Scalar other) =>
        DType == other.DType && Bits == other.Bits && BitConverter.DoubleToInt64Bits(Value) == BitConverter.DoubleToInt64Bits(other.Value)
        && BitConverter.DoubleToInt64Bits(Imag) == BitConverter.DoubleToInt64Bits(other.Imag);

    public override int GetHashCode() =>
        HashCode.Combine(DType, Bits, BitConverter.DoubleToInt64Bits(Value), BitConverter.DoubleToInt64Bits(Imag));

    public static Scalar Of(DType dtype, double value) =>
        dtype.IsInexact() ? new(dtype, value, 0)
        : dtype == DType.Bool ? new(dtype, value != 0 ? 1 : 0, value != 0 ? 1 : 0)
        : FromBits(dtype, WrapInteger(dtype, value));

    /// <summary>A complex scalar, its parts rounded to the type's component type.</summary>
    public static Scalar OfComplex(DType dtype, double real, double imag)
    {
        if (!dtype.IsComplex()) throw new ArgumentException($"{dtype.NumpyName()} is not a complex type", nameof(dtype));
        var part = dtype.RealPart();
        return new(dtype, RoundTo(part, real), 0) { Imag = RoundTo(part, imag) };
    }

    public static Scalar FromBits(DType dtype, long bits) => dtype.IsInexact() ? new(dtype, bits, 0) : new(dtype, bits, bits);

    /// <summary>The value as a double (exact for every integer up to 2^53; a complex value's real part). A uint64's
    /// <see cref="Bits"/> hold its pattern, so values from 2^63 up read as unsigned.</summary>
    public double AsDouble => DType.IsInexact() ? Value : DType == DType.UInt64 ? (ulong)Bits : Bits;

    /// <summary>
    /// Converts like the kernel IR's convert: truncation toward zero, wraparound, "!= 0" for Bool. A complex value
    /// converts through its real part (NumPy's ComplexWarning case: the imaginary part is dropped).
    /// </summary>
    public Scalar Convert(DType to)
    {
        if (to == DType) return this;
        if (to.IsComplex()) return OfComplex(to, AsDouble, Imag);
        if (to.IsFloat()) return new(to, RoundTo(to, AsDouble), 0);
        if (to == DType.Bool) return Of(to, AsDouble != 0 || Imag != 0 ? 1 : 0);
        if (DType.IsInexact())
        {
            if (double.IsNaN(Value)) return FromBits(to, 0);
            var t = Math.Truncate(Value);
            // Saturating, as the backends convert: NaN is 0, and values beyond the type's range its min or max.
            if (to == DType.UInt64) return FromBits(to, (long)(t <= 0 ? 0UL : t >= 18446744073709551615.0 ? ulong.MaxValue : (ulong)t));
            var (lo, hi) = to switch
            {
                DType.UInt8 => (0.0, 255.0),
                DType.Int8 => (sbyte.MinValue, sbyte.MaxValue),
                DType.Int16 => (short.MinValue, short.MaxValue),
                DType.UInt16 => (0.0, ushort.MaxValue),
                DType.Int32 => (int.MinValue, int.MaxValue),
                DType.UInt32 => (0.0, uint.MaxValue),
                _ => ((double)long.MinValue, (double)long.MaxValue),
            };
            return FromBits(to, (long)Math.Clamp(t, lo, hi));
        }
        return FromBits(to, WrapBits(to, Bits));
    }

    /// <summary>NumPy's repr of the value: 1.5, 3, True, (1+2j).</summary>
    public string Format()
    {
        if (DType == DType.Bool) return Bits != 0 ? "True" : "False";
        if (DType.IsComplex()) return $"({FormatComplexPart(Value)}{(double.IsNegative(Imag) ? "-" : "+")}{FormatComplexPart(Math.Abs(Imag))}j)";
        if (DType == DType.UInt64) return ((ulong)Bits).ToString(CultureInfo.InvariantCulture);
        if (!DType.IsFloat()) return Bits.ToString(CultureInfo.InvariantCulture);
        return FormatFloat(Value);
    }

    private static string FormatFloat(double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }

    // Python prints complex parts without a trailing ".0": (1+2j), (0.5-1.5j).
    private static string FormatComplexPart(double value) =>
        double.IsNaN(value) || double.IsInfinity(value) ? FormatFloat(value) : value.ToString("R", CultureInfo.InvariantCulture);

    private static double RoundTo(DType dtype, double v) => dtype switch
    {
        DType.Float32 => (float)v,
        DType.Float16 => (double)(Half)v,
        DType.BFloat16 => BFloat16Bits.ToDouble(BFloat16Bits.FromDouble(v)),
        _ => v,
    };

    // A uint64 above 2^63 has no long value, so it goes through ulong.
    private static long WrapInteger(DType dtype, double value) =>
        WrapBits(dtype, dtype == DType.UInt64 && value >= 9223372036854775808.0 ? (long)(ulong)value : (long)value);

    private static long WrapBits(DType dtype, long bits) => dtype switch
    {
        DType.UInt8 => (byte)bits,
        DType.Int8 => (sbyte)bits,
        DType.Int16 => (short)bits,
        DType.UInt16 => (ushort)bits,
        DType.Int32 => (int)bits,
        DType.UInt32 => (uint)bits,
        _ => bits,
    };
}

/// <summary>bfloat16 as the upper 16 bits of a float32, rounding to nearest even.</summary>
public static class BFloat16Bits
{
    public static ushort FromDouble(double value)
    {
        var bits = BitConverter.SingleToUInt32Bits((float)value);
        if (float.IsNaN((float)value)) return (ushort)((bits >> 16) | 0x40);
        var rounding = 0x7FFFu + ((bits >> 16) & 1);
        return (ushort)((bits + rounding) >> 16);
    }

    public static double ToDouble(ushort bits) => BitConverter.UInt32BitsToSingle((uint)bits << 16);
}
