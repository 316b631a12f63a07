using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Vulkan.Codegen.Kernels.Fft;

/// <summary>
/// Where a complex array of the transform lives: point t's real part at <see cref="ReOffset"/> + t·<see cref="Stride"/>
/// of buffer <see cref="Re"/> and its imaginary part at <see cref="ImOffset"/> + t·<see cref="Stride"/> of
/// <see cref="Im"/> (offsets in elements). The kernel's operands and results are whole buffers, either two parts
/// (stride 1) or, IR 1.3, one buffer of interleaved (re, im) pairs (stride 2, the imaginary part one element on), so
/// the first pass reads and the last pass writes a stored complex array directly; a scratch array keeps both parts in
/// one buffer. A null <see cref="Im"/> reads as zero: a real operand, of which no buffer of zeros exists.
/// </summary>
internal sealed record FftArray(int Re, long ReOffset, int? Im, long ImOffset, int Stride = 1)
{
    public static FftArray Operand(FftKernel k) =>
        k.InterleavedOperand ? Interleaved(k.Real.Buffer) : new(k.Real.Buffer, 0, k.Imag?.Buffer, 0);

    public static FftArray Result(FftKernel k) => k.InterleavedResult ? Interleaved(k.OutReal) : new(k.OutReal, 0, k.OutImag, 0);

    private static FftArray Interleaved(int buffer) => new(buffer, 0, buffer, 1, Stride: 2);

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

    private string Offset(long offset, string index)
    {
        var scaled = Stride == 1 ? index : $"{Stride}u * ({index})";
        return offset == 0 ? scaled : $"{offset}u + {scaled}";
    }
}
