namespace JaxNet.Abstractions.Kernels;

/// <summary>
/// The discrete Fourier transform of complex values given as two real parts (IR and ABI 1.2), along
/// <see cref="Axis"/> of <see cref="Real"/>'s shape, every other axis a batch. Forward: X[k] = Σ x[j]·e^(-2πi·jk/n). Inverse: the sign +1
/// in the exponent and the 1/n scale (numpy.fft's norm="backward"). A null <see cref="Imag"/> is a zero imaginary
/// part (real input), so rfft reads no buffer of zeros. Both parts of the result are written, each of
/// <see cref="Real"/>'s shape and dtype (float32 or float64), to <see cref="OutReal"/> and <see cref="OutImag"/>.
/// Lengths are arbitrary; n = 0 or 1 is a copy. The kind is optional: a backend that does not list
/// <see cref="KernelKind.Fft"/> in its capabilities gets the transform as real matrix products and elementwise
/// kernels from the host.
/// </summary>
public sealed record FftKernel(string Name, TensorRef Real, TensorRef? Imag, int Axis, bool Inverse, int OutReal, int OutImag) : Kernel(Name)
{
    public override KernelKind Kind => KernelKind.Fft;

    /// <summary>The transform's length: the extent of <see cref="Axis"/>.</summary>
    public int Length => Real.Shape[Axis];

    /// <summary>The product of the dimensions before <see cref="Axis"/>.</summary>
    public long Outer => Real.Shape[..Axis].Aggregate(1L, (a, b) => a * b);

    /// <summary>The product of the dimensions after <see cref="Axis"/>: the stride of the transformed axis.</summary>
    public long Inner => Real.Shape[(Axis + 1)..].Aggregate(1L, (a, b) => a * b);

    public override IEnumerable<int> ReadBuffers() => Imag is { } im ? [Real.Buffer, im.Buffer] : [Real.Buffer];

    public override IEnumerable<int> WrittenBuffers() => [OutReal, OutImag];

    public override IEnumerable<DType> DTypes() => [Real.DType];

    public override string Describe() =>
        $"{(Inverse ? "inverse" : "forward")} axis {Axis} re({Real}) im({(Imag is { } im ? im.ToString() : "zero")}) out(b{OutReal}, b{OutImag})";
}
