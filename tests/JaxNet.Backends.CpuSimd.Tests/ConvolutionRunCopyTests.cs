using JaxNet.Backends.CpuSimd.Kernels;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary><see cref="ConvolutionRunCopy"/>: every length moves exactly its bytes, none before or after them.</summary>
public sealed class ConvolutionRunCopyTests
{
    [Fact]
    public unsafe void EveryLengthUpToFourLinesCopiesExactlyItsBytes()
    {
        var source = Enumerable.Range(0, 300).Select(i => (byte)(i * 37 + 11)).ToArray();
        for (var length = 0; length <= 260; length++)
        {
            for (var shift = 0; shift < 3; shift++)
            {
                var target = Enumerable.Repeat((byte)0xA5, 300).ToArray();
                fixed (byte* s = source, t = target)
                    ConvolutionRunCopy.Copy(s + shift, t + 16, length);
                for (var i = 0; i < target.Length; i++)
                {
                    var expected = i >= 16 && i < 16 + length ? source[i - 16 + shift] : (byte)0xA5;
                    Assert.True(expected == target[i], $"length {length}, shift {shift}: byte {i} is {target[i]}, expected {expected}");
                }
            }
        }
    }
}
