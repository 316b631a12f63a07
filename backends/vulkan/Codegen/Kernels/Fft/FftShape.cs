namespace JaxNet.Backends.Vulkan.Codegen.Kernels.Fft;

/// <summary>
/// An array of the transform seen as [outer, length, inner] (row-major): <see cref="Outer"/> batches before the
/// axis, <see cref="Inner"/> columns after it, so that point t of row (o, c) is at (o·length + t)·inner + c. The
/// kernel's operands have the transform's length; Bluestein's work arrays have the padded length.
/// </summary>
internal sealed record FftShape(long Outer, int Length, long Inner)
{
    public long Count => Outer * Length * Inner;

    public FftShape WithLength(int length) => this with { Length = length };

    /// <summary>
    /// Splits invocation <paramref name="id"/> over [outer, <paramref name="positions"/>, inner], columns fastest so
    /// that neighbouring invocations touch neighbouring addresses; returns the names of (o, position, c).
    /// </summary>
    public (string O, string Position, string C) Split(ShaderWriter w, string id, long positions)
    {
        var c = w.Let("uint", $"{id} % {Inner}u", "c");
        var rest = w.Let("uint", $"{id} / {Inner}u", "rest");
        var position = w.Let("uint", $"{rest} % {positions}u", "t");
        var o = w.Let("uint", $"{rest} / {positions}u", "o");
        return (o, position, c);
    }

    /// <summary>The offset of point <paramref name="position"/> of row (o, c).</summary>
    public string Index(string o, string position, string c) => $"(({o} * {Length}u + {position}) * {Inner}u + {c})";
}
