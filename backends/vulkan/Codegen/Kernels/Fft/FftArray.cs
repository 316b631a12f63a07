using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Vulkan.Codegen.Kernels.Fft;

/// <summary>
/// Where a complex array of the transform lives: its real part at <see cref="ReOffset"/> of buffer <see cref="Re"/>
/// and its imaginary part at <see cref="ImOffset"/> of <see cref="Im"/> (offsets in elements). The kernel's operands
/// and results are whole buffers; a scratch array keeps both parts in one buffer. A null <see cref="Im"/> reads as
/// zero: a real operand, of which no buffer of zeros exists.
/// </summary>
internal sealed record FftArray(int Re, long ReOffset, int? Im, long ImOffset)
{
    public static FftArray Operand(TensorRef real, TensorRef? imag) => new(real.Buffer, 0, imag?.Buffer, 0);

    public static FftArray Result(int real, int imag) => new(real, 0, imag, 0);

    /// <summary>A scratch buffer holding the two parts of <paramref name="count"/> points of <paramref name="dtype"/>.</summary>
    public static FftArray Scratch(GenerationContext ctx, DType dtype, long count)
    {
        var buffer = ctx.NewScratch(2 * count * dtype.SizeOf());
        return new(buffer, 0, buffer, count);
    }

    /// <summary>The point at <paramref name="index"/> (a uint expression) as a complex register value.</summary>
    public string Read(ShaderWriter w, DType dtype, string index)
    {
        var re = $"{w.Input(Re, dtype)}[{Offset(ReOffset, index)}]";
        var im = Im is { } buffer ? $"{w.Input(buffer, dtype)}[{Offset(ImOffset, index)}]" : GlslTypes.Lit(dtype, 0);
        return $"{ComplexMath.Type(dtype)}({re}, {im})";
    }

    /// <summary>Stores the complex register <paramref name="value"/> (a name) at <paramref name="index"/>.</summary>
    public void Write(ShaderWriter w, DType dtype, string index, string value)
    {
        if (Im is not { } im) throw new InvalidOperationException("fft: a real operand is only read");
        w.Line($"{w.Output(Re, dtype)}[{Offset(ReOffset, index)}] = {value}.x;");
        w.Line($"{w.Output(im, dtype)}[{Offset(ImOffset, index)}] = {value}.y;");
    }

    private static string Offset(long offset, string index) => offset == 0 ? index : $"{offset}u + {index}";
}
