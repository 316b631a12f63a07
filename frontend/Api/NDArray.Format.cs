using System.Globalization;
using System.Text;
using JaxNet.Core;

namespace JaxNet;

public sealed partial class NDArray
{
    /// <summary>Arrays with more elements than this print elided, with <see cref="EdgeItems"/> items per edge (NumPy's defaults).</summary>
    public const int PrintThreshold = 1000;

    public const int EdgeItems = 3;

    /// <summary>Like JAX's repr: <c>Array([1., 2., 3.], dtype=float32)</c>; tracers print their abstract value.</summary>
    public override string ToString()
    {
        if (Tracer is not null) return $"Traced<{aval.Str()}>with<{Tracer.Trace.Main}>";
        if (data is { IsDisposed: true }) return $"Array(<disposed>, shape={Shapes.Format(aval.Shape)}, dtype={DType.NumpyName()})";
        var values = ToScalars();
        var body = ArrayFormatter.Format(values, aval.Shape, "Array(".Length);
        var text = new StringBuilder("Array(").Append(body).Append(", dtype=").Append(DType.NumpyName());
        if (WeakType) text.Append(", weak_type=True");
        return text.Append(')').ToString();
    }

    /// <summary>Like NumPy's and JAX's str: <c>[1. 2. 3.]</c>, elements separated by spaces, no dtype (what
    /// <see cref="Jax.Debug.Print(string, NDArray[])"/> writes).</summary>
    internal string ToStr() => Tracer is not null ? ToString() : ArrayFormatter.Format(ToScalars(), aval.Shape, 0, separator: " ");
}

/// <summary>NumPy's array printing: common element width, nested brackets, elision of large arrays.</summary>
internal static class ArrayFormatter
{
    public static string Format(Scalar[] values, int[] shape, int indent, string separator = ",")
    {
        var elide = values.Length > NDArray.PrintThreshold;
        var texts = values.Select(Element).ToArray();
        if (values.Length > 0 && values[0].DType.IsFloat()) texts = AlignFloats(values);
        var width = texts.Length == 0 ? 0 : texts.Max(t => t.Length);
        var s = new StringBuilder();
        Write(s, texts, shape, 0, 0, width, indent, elide, separator);
        return s.ToString();
    }

    private static void Write(StringBuilder s, string[] texts, int[] shape, int dim, long offset, int width, int indent, bool elide,
        string separator)
    {
        if (shape.Length == 0)
        {
            s.Append(texts[0]);
            return;
        }
        var n = shape[dim];
        var stride = Shapes.Size(shape.AsSpan(dim + 1));
        s.Append('[');
        for (var i = 0; i < n; i++)
        {
            if (elide && n > 2 * NDArray.EdgeItems && i == NDArray.EdgeItems)
            {
                s.Append(dim == shape.Length - 1 ? "..." + separator.TrimEnd() + " " : "..." + separator.TrimEnd() + "\n" + new string(' ', indent + dim + 1));
                i = n - NDArray.EdgeItems - 1;
                continue;
            }
            if (dim == shape.Length - 1) s.Append(texts[offset + i].PadLeft(width));
            else Write(s, texts, shape, dim + 1, offset + i * stride, width, indent, elide, separator);
            if (i < n - 1)
                s.Append(dim == shape.Length - 1 ? separator.TrimEnd() + " " : separator.TrimEnd() + new string('\n', shape.Length - 1 - dim) + new string(' ', indent + dim + 1));
        }
        s.Append(']');
    }

    private static string Element(Scalar v) => v.DType switch
    {
        DType.Bool => v.Bits != 0 ? "True" : "False",
        DType.UInt64 => ((ulong)v.Bits).ToString(CultureInfo.InvariantCulture),
        _ when v.DType.IsFloat() => FloatText(v.Value),
        // NumPy's "1.+2.j": the parts as floats of the component type, the imaginary part's sign between them.
        _ when v.DType.IsComplex() => PartText(v.DType, v.Value) + (double.IsNegative(v.Imag) ? "-" : "+") + PartText(v.DType, Math.Abs(v.Imag)) + "j",
        _ => v.Bits.ToString(CultureInfo.InvariantCulture),
    };

    // NumPy prints integral floats as "1." and otherwise the shortest round-trip digits.
    private static string FloatText(double v)
    {
        if (double.IsNaN(v)) return "nan";
        if (double.IsInfinity(v)) return v > 0 ? "inf" : "-inf";
        var text = v.ToString("R", CultureInfo.InvariantCulture);
        if (text.Contains('E')) return v.ToString("0.#######e+00", CultureInfo.InvariantCulture);
        return text.Contains('.') ? text : text + ".";
    }

    private static string PartText(DType dtype, double v) => dtype == DType.Complex64 ? FloatText32((float)v) : FloatText(v);

    private static string[] AlignFloats(Scalar[] values)
    {
        // float32 values print with float32's shortest digits, not those of the double holding them.
        var texts = values.Select(v => v.DType == DType.Float32 ? FloatText32((float)v.Value) : FloatText(v.Value)).ToArray();
        // NumPy aligns the decimal points of one array by padding fractional parts with spaces.
        static int Fraction(string t) => t.Contains('.') && !t.Contains('e') ? t.Length - t.IndexOf('.') - 1 : 0;
        var digits = texts.Max(Fraction);
        return texts.Select(t => t.Contains('.') && !t.Contains('e') ? t + new string(' ', digits - Fraction(t)) : t).ToArray();
    }

    private static string FloatText32(float v)
    {
        if (float.IsNaN(v) || float.IsInfinity(v) || Math.Abs(v) >= 1e16 || (v != 0 && Math.Abs(v) < 1e-4)) return FloatText(v);
        var text = v.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') ? text : text + ".";
    }
}
