namespace JaxNet.Tests.Parallel;

/// <summary>float32 results of collectives compared with references computed here: the members' values may be summed in
/// another order than the reference's, so each element may differ by a relative 1e-4.</summary>
internal static class FloatAssert
{
    public static void Close(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4f * (1 + Math.Abs(expected[i])), $"element {i}: expected {expected[i]}, got {actual[i]}");
    }
}
