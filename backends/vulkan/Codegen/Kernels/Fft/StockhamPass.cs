using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Vulkan.Codegen.Kernels.Fft;

/// <summary>
/// One Stockham autosort pass as a dispatch of one invocation per butterfly: radix-r butterflies combine
/// sub-transforms of <c>span</c> points into ones of span·r points, reading and writing in natural order (no bit
/// reversal). Butterfly j of the m = length / r of a row reads points j + q·m (q &lt; r), multiplies point q by the
/// twiddle w^(q·k) (w = e^(-2πi / (span·r)), k = j mod span), takes the r-point DFT and writes output q to
/// (j - k)·r + k + q·span. Radix 4 and 2 are written out; any other radix (the odd primes of a length, and 1 for
/// the copy that a transform of one point is) sums its DFT terms in a loop. Rows are (outer, inner) pairs, so a
/// batch and a transform along an axis that is not the last need nothing else.
/// </summary>
internal static class StockhamPass
{
    public const int GroupSize = 256;

    public static ShaderPass Generate(GenerationContext ctx, FftConstants constants, DType dtype, FftShape shape, int radix, int span,
        FftArray from, FftArray to, PassEnds ends)
    {
        var butterflies = shape.Length / radix;
        var w = ctx.Writer(GroupSize);
        w.Uses(dtype);
        var type = ComplexMath.Type(dtype);
        var id = w.Let("uint", $"jx_group() * {GroupSize}u + gl_LocalInvocationID.x", "id");
        var invocations = shape.Outer * butterflies * shape.Inner;
        w.Line($"if ({id} >= {invocations}u) return;");
        var (o, j, c) = shape.Split(w, id, butterflies);
        var k = w.Let("uint", $"{j} % {span}u", "k");
        w.Line($"{type} a[{radix}];");
        w.Line($"for (uint q = 0u; q < {radix}u; q++) a[q] = {ends.In(from.Read(w, dtype, shape.Index(o, $"{j} + q * {butterflies}u", c)))};");
        if (span > 1)
        {
            var twiddle = constants.Root(w, (long)span * radix, $"q * {k}");
            w.Line($"for (uint q = 1u; q < {radix}u; q++) a[q] = {ComplexMath.Mul(w, dtype)}(a[q], {twiddle});");
        }
        var results = radix switch
        {
            4 => Radix4(w, type),
            2 => [w.Let(type, "a[0] + a[1]", "y"), w.Let(type, "a[0] - a[1]", "y")],
            _ => null,
        };
        var first = w.Let("uint", $"({j} - {k}) * {radix}u + {k}", "first");
        if (results is not null)
        {
            for (var q = 0; q < radix; q++) Store(w, dtype, shape, to, ends, (o, $"{first} + {q * span}u", c), results[q]);
            return ShaderPass.From(w, ElementwiseGenerator.Groups(invocations, GroupSize));
        }
        w.Open($"for (uint q = 0u; q < {radix}u; q++)");
        var sum = w.Let(type, "a[0]", "y");
        w.Line($"for (uint t = 1u; t < {radix}u; t++) {sum} += {ComplexMath.Mul(w, dtype)}(a[t], {constants.Root(w, radix, $"(q * t) % {radix}u")});");
        Store(w, dtype, shape, to, ends, (o, $"{first} + q * {span}u", c), sum);
        w.Close();
        return ShaderPass.From(w, ElementwiseGenerator.Groups(invocations, GroupSize));
    }

    // Forward radix 4: y1 = s1 - i·s3 and y3 = s1 + i·s3 are the quarter turns.
    private static string[] Radix4(ShaderWriter w, string type)
    {
        var (s0, s1) = (w.Let(type, "a[0] + a[2]", "s"), w.Let(type, "a[0] - a[2]", "s"));
        var (s2, s3) = (w.Let(type, "a[1] + a[3]", "s"), w.Let(type, "a[1] - a[3]", "s"));
        return
        [
            w.Let(type, $"{s0} + {s2}", "y"),
            w.Let(type, $"{type}({s1}.x + {s3}.y, {s1}.y - {s3}.x)", "y"),
            w.Let(type, $"{s0} - {s2}", "y"),
            w.Let(type, $"{type}({s1}.x - {s3}.y, {s1}.y + {s3}.x)", "y"),
        ];
    }

    private static void Store(ShaderWriter w, DType dtype, FftShape shape, FftArray to, PassEnds ends,
        (string O, string Position, string C) at, string value)
    {
        var stored = ends.SwapOut || ends.Scale != 1 ? w.Let(ComplexMath.Type(dtype), ends.Out(dtype, value), "v") : value;
        to.Write(w, dtype, shape.Index(at.O, at.Position, at.C), stored);
    }
}
