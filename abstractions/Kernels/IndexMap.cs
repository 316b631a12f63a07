using System.Text;

namespace JaxNet.Abstractions.Kernels;

/// <summary>
/// How a kernel reads an input: maps a point <c>i</c> of the kernel's index space to an element of the input
/// buffer. This is how broadcast, transpose, slice (with steps), flip, reshape, pad and concatenate fuse into
/// a kernel without materialising anything.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>If <see cref="ReshapeTo"/> is set, <c>i</c> is linearised row-major over the kernel's shape and
/// re-split row-major over <see cref="ReshapeTo"/>, giving <c>v</c>; otherwise <c>v = i</c>.</item>
/// <item>If <see cref="ValidLo"/>/<see cref="ValidHi"/> are set and some <c>v[d]</c> lies outside
/// <c>[ValidLo[d], ValidHi[d])</c>, the value read is <see cref="PadValue"/> (converted to the input's dtype)
/// and nothing is loaded.</item>
/// <item>Otherwise the element at <c>Offset + sum_d Strides[d] * v[d]</c> (in elements) is read. Strides may be
/// 0 (broadcast) or negative (flip).</item>
/// </list>
/// </remarks>
public sealed record IndexMap(long Offset, long[] Strides)
{
    public int[]? ReshapeTo { get; init; }

    public long[]? ValidLo { get; init; }

    public long[]? ValidHi { get; init; }

    public double PadValue { get; init; }

    public bool IsPadded => ValidLo is not null;

    /// <summary>The rank of <c>v</c>: the kernel's rank, or that of <see cref="ReshapeTo"/>.</summary>
    public int Rank => Strides.Length;

    /// <summary>Row-major strides of a contiguous array of the given shape.</summary>
    public static long[] RowMajorStrides(IReadOnlyList<int> shape)
    {
        var strides = new long[shape.Count];
        long stride = 1;
        for (var d = shape.Count - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= shape[d];
        }
        return strides;
    }

    /// <summary>Reads a contiguous input of exactly the kernel's shape.</summary>
    public static IndexMap Identity(IReadOnlyList<int> shape) => new(0, RowMajorStrides(shape));

    /// <summary>
    /// Reads a contiguous input of shape <paramref name="inputShape"/> broadcast NumPy-style (trailing dimensions
    /// aligned, size-1 dimensions repeated) to <paramref name="kernelShape"/>.
    /// </summary>
    public static IndexMap Broadcast(IReadOnlyList<int> inputShape, IReadOnlyList<int> kernelShape)
    {
        if (inputShape.Count > kernelShape.Count)
            throw new ArgumentException($"cannot broadcast rank {inputShape.Count} to rank {kernelShape.Count}");
        var inputStrides = RowMajorStrides(inputShape);
        var strides = new long[kernelShape.Count];
        var lead = kernelShape.Count - inputShape.Count;
        for (var d = 0; d < inputShape.Count; d++)
        {
            var size = inputShape[d];
            if (size != 1 && size != kernelShape[lead + d])
                throw new ArgumentException(
                    $"cannot broadcast [{string.Join(", ", inputShape)}] to [{string.Join(", ", kernelShape)}]");
            strides[lead + d] = size == 1 ? 0 : inputStrides[d];
        }
        return new IndexMap(0, strides);
    }

    /// <summary>Flat element offset of the point <paramref name="v"/> (already reshaped), ignoring padding.</summary>
    public long OffsetOf(ReadOnlySpan<long> v)
    {
        var offset = Offset;
        for (var d = 0; d < Strides.Length; d++) offset += Strides[d] * v[d];
        return offset;
    }

    /// <summary>True when <paramref name="v"/> lies in the valid region (always, without padding).</summary>
    public bool IsValid(ReadOnlySpan<long> v)
    {
        if (ValidLo is null || ValidHi is null) return true;
        for (var d = 0; d < v.Length; d++)
            if (v[d] < ValidLo[d] || v[d] >= ValidHi[d]) return false;
        return true;
    }

    /// <summary>Maps a kernel point to <c>v</c> (applies <see cref="ReshapeTo"/>).</summary>
    public void Reshape(IReadOnlyList<int> kernelShape, ReadOnlySpan<long> point, Span<long> v)
    {
        if (ReshapeTo is null)
        {
            point.CopyTo(v);
            return;
        }
        long linear = 0;
        for (var d = 0; d < kernelShape.Count; d++) linear = linear * kernelShape[d] + point[d];
        for (var d = ReshapeTo.Length - 1; d >= 0; d--)
        {
            v[d] = linear % ReshapeTo[d];
            linear /= ReshapeTo[d];
        }
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        if (ReshapeTo is not null) text.Append("reshape[").Append(string.Join(",", ReshapeTo)).Append("] ");
        text.Append('@').Append(Offset).Append(" strides[").Append(string.Join(",", Strides)).Append(']');
        if (ValidLo is not null && ValidHi is not null)
            text.Append(" valid[").Append(string.Join(",", ValidLo.Zip(ValidHi, (lo, hi) => $"{lo}:{hi}")))
                .Append("] pad ").Append(PadValue.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        return text.ToString();
    }
}
