using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Kernels.Pieces;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// Copies with streaming stores: every length and alignment (empty, shorter than a line, heads and tails on both
/// sides of whole lines) must copy exactly the bytes asked for and nothing around them; piecewise copies whose output
/// reaches <see cref="StreamingCopy.OutputBytes"/> stream, along either axis, with rows that leave every destination
/// line boundary at a different place, and still equal the IR's definition bit for bit; smaller ones do not.
/// </summary>
public sealed class StreamingCopyTests
{
    [Fact]
    public unsafe void EveryLengthAndAlignmentCopiesExactlyItsBytes()
    {
        var random = new Random(3);
        var source = new byte[4096];
        random.NextBytes(source);
        foreach (var length in new[] { 0, 1, 7, 63, 64, 65, 127, 128, 191, 640, 1000, 2049 })
            for (var srcShift = 0; srcShift < 3; srcShift++)
                foreach (var dstShift in new[] { 0, 1, 17, 63 })
                {
                    // 64-byte-aligned native blocks, so the shifts decide where the lines fall.
                    var (src, dst) = ((nint)System.Runtime.InteropServices.NativeMemory.AlignedAlloc(4096, 64),
                        (nint)System.Runtime.InteropServices.NativeMemory.AlignedAlloc(4096 + 128, 64));
                    try
                    {
                        source.AsSpan().CopyTo(new Span<byte>((void*)src, 4096));
                        new Span<byte>((void*)dst, 4096 + 128).Fill(0xEE);
                        StreamingCopy.Copy(src + srcShift, dst + dstShift, length);
                        StreamingCopy.Fence();
                        var got = new Span<byte>((void*)dst, 4096 + 128).ToArray();
                        for (var k = 0; k < got.Length; k++)
                        {
                            var expected = k >= dstShift && k < dstShift + length ? source[srcShift + k - dstShift] : (byte)0xEE;
                            Assert.True(expected == got[k], $"length {length}, shifts {srcShift}/{dstShift}: byte {k} is {got[k]}, expected {expected}");
                        }
                    }
                    finally
                    {
                        System.Runtime.InteropServices.NativeMemory.AlignedFree((void*)src);
                        System.Runtime.InteropServices.NativeMemory.AlignedFree((void*)dst);
                    }
                }
    }

    [Theory]
    [InlineData("1537x2049 1537x2047", 1, DType.Float32)] // rows of 4096 floats, each piece's row off the lines
    [InlineData("1535x2048 1x2048 1537x2048", 0, DType.Float32)] // one row, split over the cores within it
    [InlineData("769x2049 769x2047", 1, DType.Float64)]
    public void LargeConcatenationsStreamAndMatchTheDefinition(string pieces, int axis, DType dtype)
    {
        var shapes = pieces.Split(' ').Select(p => p.Split('x').Select(int.Parse).ToArray()).ToArray();
        var shape = shapes[0].ToArray();
        shape[axis] = shapes.Sum(s => s[axis]);
        Assert.True(shape.Aggregate(1L, (a, b) => a * b) * dtype.SizeOf() >= StreamingCopy.OutputBytes);
        var text = Concatenate(shapes, shape, axis, dtype);
        Assert.Equal(StreamingCopy.Available, text.Contains("streaming stores"));
    }

    [Fact]
    public void SmallerCopiesKeepOrdinaryStores()
    {
        // 16 MiB out, 32 MiB moved: what a 32 MiB last-level cache keeps from call to call.
        int[][] shapes = [[2048, 1024], [2048, 1024]];
        Assert.Equal(16L << 20, 2048L * 2048 * sizeof(float));
        var text = Concatenate(shapes, [2048, 2048], 1, DType.Float32);
        Assert.Contains("piecewise block copy (2 input(s), rows of 2048)", text);
    }

    private static string Concatenate(int[][] shapes, int[] shape, int axis, DType dtype)
    {
        var b = new ScalarProgramBuilder();
        var inputs = new List<(byte[], IndexMap)>();
        var offsets = new List<long>();
        long at = 0;
        foreach (var piece in shapes)
        {
            var strides = IndexMap.RowMajorStrides(piece);
            var lo = new long[shape.Length];
            var hi = shape.Select(n => (long)n).ToArray();
            (lo[axis], hi[axis]) = (at, at + piece[axis]);
            inputs.Add((PiecewiseCopyTests.Data(dtype, piece.Aggregate(1L, (x, y) => x * y), inputs.Count),
                new IndexMap(-at * strides[axis], strides) { ValidLo = lo, ValidHi = hi }));
            at += piece[axis];
            offsets.Add(at);
        }
        var result = b.Load(inputs.Count - 1, dtype);
        for (var i = inputs.Count - 2; i >= 0; i--)
        {
            var inside = b.Binary(BinaryOp.Lt, b.Index(axis, DType.Int64), b.ConstBits(DType.Int64, offsets[i]));
            result = b.Select(inside, b.Load(i, dtype), result);
        }
        return PiecewiseCopyTests.RunAgainstReference(shape, dtype, inputs, b.Build(result));
    }
}
