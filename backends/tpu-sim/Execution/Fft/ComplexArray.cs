namespace JaxNet.Backends.TpuSim.Execution.Fft;

/// <summary>
/// Complex values of a transform as two arrays of parts, each value a double already rounded to the kernel's dtype
/// (the simulator's representation of floats), laid out as <see cref="FftRows"/> describes.
/// </summary>
internal sealed record ComplexArray(double[] Re, double[] Im)
{
    public static ComplexArray Zeros(long count) => new(new double[count], new double[count]);

    public int Count => Re.Length;
}

/// <summary>
/// A transform's array seen as [outer, length, inner] (row-major): point t of row (o, c) is at
/// (o·length + t)·inner + c. Bluestein's work arrays have the padded length.
/// </summary>
internal sealed record FftRows(long Outer, int Length, long Inner)
{
    public long Count => Outer * Length * Inner;

    public FftRows WithLength(int length) => this with { Length = length };

    public long At(long o, long t, long c) => (o * Length + t) * Inner + c;

    /// <summary>Calls <paramref name="body"/> with (o, t, c) for t &lt; <paramref name="positions"/> of every row, in
    /// memory order (columns fastest).</summary>
    public void ForEach(int positions, Action<long, int, long> body)
    {
        for (var o = 0L; o < Outer; o++)
            for (var t = 0; t < positions; t++)
                for (var c = 0L; c < Inner; c++) body(o, t, c);
    }
}
