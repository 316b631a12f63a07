namespace JaxNet.Abstractions.Kernels;

/// <summary>
/// The discrete Fourier transform of complex values given as two real parts (IR and ABI 1.2), along
/// <see cref="Axis"/> of <see cref="Shape"/>, every other axis a batch. Forward: X[k] = Σ x[j]·e^(-2πi·jk/n). Inverse: the sign +1
/// in the exponent and the 1/n scale (numpy.fft's norm="backward"). A null <see cref="Imag"/> is a zero imaginary
/// part (real input), so rfft reads no buffer of zeros. Both parts of the result are written, each of
/// <see cref="Shape"/> and <see cref="Real"/>'s dtype (float32 or float64), to <see cref="OutReal"/> and <see cref="OutImag"/>.
/// Lengths are arbitrary; n = 0 or 1 is a copy. The kind is optional: a backend that does not list
/// <see cref="KernelKind.Fft"/> in its capabilities gets the transform as real matrix products and elementwise
/// kernels from the host.
/// </summary>
public sealed record FftKernel(string Name, TensorRef Real, TensorRef? Imag, int Axis, bool Inverse, int OutReal, int OutImag) : Kernel(Name)
{
    public override KernelKind Kind => KernelKind.Fft;

    /// <summary>
    /// IR 1.3: <see cref="Real"/> holds the whole complex operand in NumPy's layout, shape S x 2 with the real and
    /// imaginary parts interleaved, and <see cref="Imag"/> is null. Only for backends that claim
    /// <see cref="BackendCapabilities.InterleavedFft"/>: it spares the host two copies into separate parts.
    /// </summary>
    public bool InterleavedOperand { get; init; }

    /// <summary>
    /// IR 1.3: the result is written interleaved, S x 2 values, to <see cref="OutReal"/>, and <see cref="OutImag"/>
    /// names the same buffer. Only for backends that claim <see cref="BackendCapabilities.InterleavedFft"/>.
    /// </summary>
    public bool InterleavedResult { get; init; }

    /// <summary>The shape of the complex values transformed (<see cref="Real"/>'s, less the trailing 2 of an interleaved operand).</summary>
    public int[] Shape => InterleavedOperand ? Real.Shape[..^1] : Real.Shape;

    /// <summary>The transform's length: the extent of <see cref="Axis"/>.</summary>
    public int Length => Shape[Axis];

    /// <summary>The product of the dimensions before <see cref="Axis"/>.</summary>
    public long Outer => Shape[..Axis].Aggregate(1L, (a, b) => a * b);

    /// <summary>The product of the dimensions after <see cref="Axis"/>: the stride of the transformed axis, in complex values.</summary>
    public long Inner => Shape[(Axis + 1)..].Aggregate(1L, (a, b) => a * b);

    /// <summary>Complex values transformed: the element count of <see cref="Shape"/>.</summary>
    public long ComplexCount => Shape.Aggregate(1L, (a, b) => a * b);

    public override IEnumerable<int> ReadBuffers() => Imag is { } im ? [Real.Buffer, im.Buffer] : [Real.Buffer];

    public override IEnumerable<int> WrittenBuffers() => InterleavedResult ? [OutReal] : [OutReal, OutImag];

    public override IEnumerable<DType> DTypes() => [Real.DType];

    public override string Describe()
    {
        var operand = InterleavedOperand ? $"interleaved({Real})" : $"re({Real}) im({(Imag is { } im ? im.ToString() : "zero")})";
        var result = InterleavedResult ? $"out(interleaved b{OutReal})" : $"out(b{OutReal}, b{OutImag})";
        return $"{(Inverse ? "inverse" : "forward")} axis {Axis} {operand} {result}";
    }
}
