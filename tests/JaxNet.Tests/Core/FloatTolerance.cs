namespace JaxNet.Tests;

/// <summary>Float32 values equal within an absolute tolerance, for collection asserts on results that need not be
/// correctly rounded (the backends' float32 transcendentals are within a few ulp).</summary>
internal sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
{
    public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

    public int GetHashCode(float obj) => 0;
}
