using System.Runtime.InteropServices;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Vulkan.Codegen.Kernels.Fft;

/// <summary>
/// The constants of a transform of <see cref="Length"/>-point rows, computed on the host in float64 from exact integer
/// phases and rounded once to the kernel's dtype rather than from GPU sin and cos: the roots of unity
/// e^(-2πi·k/Length), from which every pass takes its twiddles and an odd radix its DFT's roots, and for Bluestein's
/// algorithm the chirp e^(-πi·t²/n). They fill a buffer of (re, im) pairs that the executable uploads once per device
/// (<see cref="GenerationContext.NewConstant"/>); as constant arrays in the GLSL they made llvmpipe take minutes
/// to build a pipeline of a thousand roots.
/// </summary>
internal sealed class FftConstants
{
    private readonly int buffer;
    private readonly DType dtype;
    private readonly int chirpLength;

    private FftConstants(GenerationContext ctx, DType dtype, int length, int chirpLength)
    {
        this.dtype = dtype;
        Length = length;
        this.chirpLength = chirpLength;
        var values = new (double Re, double Im)[length + chirpLength];
        for (var k = 0; k < length; k++) values[k] = Root(k, length);
        // t² mod 2n in 64 bits: the chirp's phase is exact for every length.
        for (var t = 0; t < chirpLength; t++) values[length + t] = Root((long)t * t % (2L * chirpLength), 2L * chirpLength);
        buffer = ctx.NewConstant(Pack(dtype, values));
    }

    /// <summary>The order of the roots: the length of the rows the passes transform.</summary>
    public int Length { get; }

    public static FftConstants Roots(GenerationContext ctx, DType dtype, int length) => new(ctx, dtype, length, 0);

    /// <summary>The roots of order <paramref name="padded"/> and the chirp of length <paramref name="n"/>.</summary>
    public static FftConstants Bluestein(GenerationContext ctx, DType dtype, int padded, int n) => new(ctx, dtype, padded, n);

    /// <summary>e^(-2πi·k/order) for a uint expression k &lt; order, where order divides <see cref="Length"/>.</summary>
    public string Root(ShaderWriter w, long order, string k) =>
        $"{Table(w)}[{(order == Length ? k : $"({k}) * {Length / order}u")}]";

    /// <summary>The chirp c_t = e^(-πi·t²/n) for a uint expression t &lt; n.</summary>
    public string Chirp(ShaderWriter w, string t)
    {
        if (chirpLength == 0) throw new InvalidOperationException("fft: these constants have no chirp");
        return $"{Table(w)}[{Length}u + {t}]";
    }

    private string Table(ShaderWriter w) => w.Buffer(buffer, ComplexMath.Type(dtype), write: false);

    private static (double Re, double Im) Root(long phase, long order)
    {
        var (sin, cos) = double.SinCosPi(-2.0 * phase / order);
        return (cos, sin);
    }

    private static byte[] Pack(DType dtype, (double Re, double Im)[] values)
    {
        var flat = values.SelectMany(v => new[] { v.Re, v.Im });
        return dtype == DType.Float64
            ? MemoryMarshal.AsBytes(flat.ToArray().AsSpan()).ToArray()
            : MemoryMarshal.AsBytes(flat.Select(v => (float)v).ToArray().AsSpan()).ToArray();
    }
}
