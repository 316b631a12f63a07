using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Shared.Fft;

namespace JaxNet.Backends.Vulkan.Codegen.Kernels.Fft;

/// <summary>
/// The elementwise passes of Bluestein's algorithm for a length n with a prime factor past
/// <see cref="FftRadices.MaxRadix"/>. With jk = (j² + k² - (k - j)²) / 2 the transform is
/// X = c · ((x · c) ⊛ conj(c)) for the chirp c_t = e^(-πi·t²/n), and the convolution is cyclic over m ≥ 2n - 1
/// points (a power of two), done by Stockham transforms of length m between these passes. The chirp is a table of
/// <see cref="FftConstants"/>.
/// </summary>
internal static class BluesteinPasses
{
    private const int GroupSize = StockhamPass.GroupSize;

    /// <summary>The convolution kernel conj(c_t) at t and m - t for t &lt; n (zero between), scaled by 1/m so that
    /// the inverse transform needs no scale: one row of m points, whose transform is the kernel's spectrum.</summary>
    public static ShaderPass Kernel(GenerationContext ctx, FftConstants constants, DType dtype, int n, int m, FftArray to)
    {
        var w = Writer(ctx, dtype, m, out var t);
        var distance = w.Let("uint", $"{t} < {n}u ? {t} : {m}u - {t}", "d");
        var type = ComplexMath.Type(dtype);
        var value = w.Let(type, $"{type}({GlslTypes.Lit(dtype, 0)})", "v");
        w.Line($"if ({distance} < {n}u) {{ {value} = {constants.Chirp(w, distance)}; {value} = {type}({value}.x, -{value}.y) * {GlslTypes.Lit(dtype, 1.0 / m)}; }}");
        to.Write(w, dtype, t, value);
        return ShaderPass.From(w, ElementwiseGenerator.Groups(m, GroupSize));
    }

    /// <summary>x · c into the first n points of each padded row, zeros after them.</summary>
    public static ShaderPass ChirpIn(GenerationContext ctx, FftConstants constants, DType dtype, FftShape padded, int n, FftArray from, FftArray to, PassEnds ends)
    {
        var w = Writer(ctx, dtype, padded.Count, out var id);
        var (o, t, c) = padded.Split(w, id, padded.Length);
        var type = ComplexMath.Type(dtype);
        var value = w.Let(type, $"{type}({GlslTypes.Lit(dtype, 0)})", "v");
        var source = from.Read(w, dtype, padded.WithLength(n).Index(o, t, c));
        w.Line($"if ({t} < {n}u) {value} = {ComplexMath.Mul(w, dtype)}({ends.In(source)}, {constants.Chirp(w, t)});");
        to.Write(w, dtype, padded.Index(o, t, c), value);
        return ShaderPass.From(w, ElementwiseGenerator.Groups(padded.Count, GroupSize));
    }

    /// <summary>In place, each point's product with the kernel's spectrum, parts exchanged so that the next forward
    /// transform is the convolution's inverse one.</summary>
    public static ShaderPass Multiply(GenerationContext ctx, DType dtype, FftShape padded, FftArray data, FftArray spectrum)
    {
        var w = Writer(ctx, dtype, padded.Count, out var id);
        var (o, t, c) = padded.Split(w, id, padded.Length);
        var at = padded.Index(o, t, c);
        var product = $"{ComplexMath.Mul(w, dtype)}({data.Read(w, dtype, at)}, {spectrum.Read(w, dtype, t)})";
        var value = w.Let(ComplexMath.Type(dtype), $"({product}).yx", "v");
        data.Write(w, dtype, at, value);
        return ShaderPass.From(w, ElementwiseGenerator.Groups(padded.Count, GroupSize));
    }

    /// <summary>The first n points of each row, parts exchanged back, times the chirp.</summary>
    public static ShaderPass ChirpOut(GenerationContext ctx, FftConstants constants, DType dtype, FftShape padded, int n, FftArray from, FftArray to, PassEnds ends)
    {
        var shape = padded.WithLength(n);
        var w = Writer(ctx, dtype, shape.Count, out var id);
        var (o, t, c) = shape.Split(w, id, n);
        var product = $"{ComplexMath.Mul(w, dtype)}(({from.Read(w, dtype, padded.Index(o, t, c))}).yx, {constants.Chirp(w, t)})";
        var value = w.Let(ComplexMath.Type(dtype), ends.Out(dtype, product), "v");
        to.Write(w, dtype, shape.Index(o, t, c), value);
        return ShaderPass.From(w, ElementwiseGenerator.Groups(shape.Count, GroupSize));
    }

    private static ShaderWriter Writer(GenerationContext ctx, DType dtype, long invocations, out string id)
    {
        var w = ctx.Writer(GroupSize);
        w.Uses(dtype);
        id = w.Let("uint", $"jx_group() * {GroupSize}u + gl_LocalInvocationID.x", "id");
        w.Line($"if ({id} >= {invocations}u) return;");
        return w;
    }
}
