using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Vulkan.Codegen;

/// <summary>
/// Index arithmetic in generated shaders: splitting a linear index into coordinates of a shape (row-major,
/// constants baked in), and reading an input through its <see cref="IndexMap"/> (reshape, valid region and pad
/// value, offset and strides, which may be zero or negative).
/// </summary>
internal static class IndexEmitter
{
    /// <summary>Declares int coordinates of <paramref name="linear"/> over <paramref name="shape"/>.</summary>
    public static string[] Split(ShaderWriter w, string linear, IReadOnlyList<int> shape, string prefix = "c")
    {
        var coords = new string[shape.Count];
        if (shape.Count == 0) return coords;
        var rest = w.Let("int", linear, "r");
        for (var d = shape.Count - 1; d > 0; d--)
        {
            coords[d] = w.Let("int", $"{rest} % {shape[d]}", prefix);
            w.Line($"{rest} /= {shape[d]};");
        }
        coords[0] = w.Let("int", rest, prefix);
        return coords;
    }

    /// <summary>
    /// Declares the row-major offset of the first element of line <paramref name="line"/> (an int expression)
    /// along <paramref name="axis"/> of <paramref name="shape"/>: lines are numbered row-major over the other axes.
    /// </summary>
    public static string LineBase(ShaderWriter w, int[] shape, int axis, string line)
    {
        var strides = IndexMap.RowMajorStrides(shape);
        var lineShape = shape.Where((_, d) => d != axis).ToArray();
        var coords = Split(w, line, lineShape, "lc");
        var terms = new List<string> { "0" };
        for (int d = 0, c = 0; d < shape.Length; d++)
            if (d != axis) terms.Add($"{coords[c++]} * {strides[d]}");
        return w.Let("int", string.Join(" + ", terms), "base");
    }

    /// <summary>The row-major linear index of <paramref name="coords"/> over <paramref name="shape"/>.</summary>
    public static string Linear(IReadOnlyList<string> coords, IReadOnlyList<int> shape)
    {
        if (shape.Count == 0) return "0";
        var strides = IndexMap.RowMajorStrides(shape);
        var terms = new List<string>();
        for (var d = 0; d < shape.Count; d++)
            if (shape[d] != 1) terms.Add(strides[d] == 1 ? coords[d] : $"{coords[d]} * {strides[d]}");
        return terms.Count == 0 ? "0" : "(" + string.Join(" + ", terms) + ")";
    }

    /// <summary>
    /// Emits the read of <paramref name="input"/> at the point <paramref name="coords"/> of
    /// <paramref name="shape"/> and returns the expression of its register value.
    /// </summary>
    public static string Read(ShaderWriter w, MappedInput input, IReadOnlyList<string> coords, IReadOnlyList<int> shape)
    {
        var map = input.Map;
        var v = map.ReshapeTo is null ? coords : Split(w, Linear(coords, shape), map.ReshapeTo, "q");
        var terms = new List<string>();
        if (map.Offset != 0) terms.Add(Int(map.Offset));
        for (var d = 0; d < map.Strides.Length; d++)
        {
            if (map.Strides[d] == 0) continue;
            terms.Add(map.Strides[d] == 1 ? v[d] : $"{v[d]} * {Int(map.Strides[d])}");
        }
        var offset = terms.Count == 0 ? "0" : string.Join(" + ", terms);
        var array = w.Input(input.Buffer, input.DType);
        var type = GlslTypes.Reg(input.DType);
        w.Uses(input.DType);
        if (map.ValidLo is null || map.ValidHi is null)
            return w.Let(type, GlslTypes.FromStorage(input.DType, $"{array}[{offset}]"), "in");
        // An empty valid region (an empty piece of a concatenate) is never read: its offset may be a constant
        // outside the buffer, which glslc rejects even behind a false guard.
        if (Enumerable.Range(0, v.Count).Any(d => map.ValidLo[d] >= map.ValidHi[d])) return w.Let(type, PadLiteral(input.DType, map.PadValue), "in");
        var checks = new List<string>();
        for (var d = 0; d < v.Count; d++)
        {
            checks.Add($"{v[d]} >= {Int(map.ValidLo[d])}");
            checks.Add($"{v[d]} < {Int(map.ValidHi[d])}");
        }
        var valid = w.Let("bool", string.Join(" && ", checks), "ok");
        var pad = PadLiteral(input.DType, map.PadValue);
        var value = w.Let(type, pad, "in");
        w.Line($"if ({valid}) {value} = {GlslTypes.FromStorage(input.DType, $"{array}[{offset}]")};");
        return value;
    }

    /// <summary>The pad value converted to the input's dtype (as the IR says: converted, so 1.5 pads an i32 with 1).</summary>
    public static string PadLiteral(DType t, double value)
    {
        if (t.IsFloat()) return GlslTypes.FloatLiteral(GlslTypes.RoundTo(t, value), t == DType.Float64);
        if (t == DType.Bool) return value != 0 || double.IsNaN(value) ? "true" : "false";
        var truncated = double.IsNaN(value) ? 0 : Math.Truncate(value);
        var bits = t switch
        {
            DType.UInt8 => (long)Math.Clamp(truncated, 0, 255),
            DType.UInt16 => (long)Math.Clamp(truncated, 0, ushort.MaxValue),
            DType.UInt32 => (long)Math.Clamp(truncated, 0, uint.MaxValue),
            DType.Int8 => (long)Math.Clamp(truncated, sbyte.MinValue, sbyte.MaxValue),
            DType.Int16 => (long)Math.Clamp(truncated, short.MinValue, short.MaxValue),
            DType.Int32 => (long)Math.Clamp(truncated, int.MinValue, int.MaxValue),
            // The bits of the saturated uint64 value.
            DType.UInt64 => truncated >= 18446744073709551616.0 ? -1 : truncated <= 0 ? 0 : unchecked((long)(ulong)truncated),
            _ => truncated >= 9.2233720368547758E18 ? long.MaxValue : truncated <= -9.2233720368547758E18 ? long.MinValue : (long)truncated,
        };
        return GlslTypes.IntLiteral(t, bits);
    }

    /// <summary>An index constant; indices are int (the generator rejects arrays past 2^31 elements).</summary>
    public static string Int(long value) => checked((int)value).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
