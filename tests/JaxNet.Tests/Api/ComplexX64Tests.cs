using System.Numerics;

namespace JaxNet.Tests.Api;

/// <summary>complex128 (x64 on): storage at full precision, promotion of float64 with complex64, double-precision functions.</summary>
[Collection(nameof(X64Collection))]
public class ComplexX64Tests
{
    [Fact]
    public void Complex128KeepsDoublePrecision()
    {
        RandomDistributionX64Tests.WithX64(() =>
        {
            var w = Jnp.Array(new Complex[] { new(1e-300, 1), new(1.0 / 3, -2.0 / 3) });
            Assert.Equal(DType.Complex128, w.DType);
            Assert.Equal(new Complex[] { new(1e-300, 1), new(1.0 / 3, -2.0 / 3) }, w.ToArray<Complex>());
            var e = Jnp.Exp(w).ToArray<Complex>();
            var expected = Complex.Exp(new Complex(1.0 / 3, -2.0 / 3));
            Assert.True(Complex.Abs(e[1] - expected) < 1e-15, $"{e[1]} vs {expected}");
        });
    }

    [Fact]
    public void Float64JoinsComplex64AtComplex128()
    {
        RandomDistributionX64Tests.WithX64(() =>
        {
            Assert.Equal(DType.Complex128, (Jnp.Array(new[] { 1f }, DType.Complex64) + Jnp.Array(new[] { 1.0 })).DType);
            Assert.Equal(DType.Complex128, (Jnp.Array(new[] { 1.0 }) * new Complex(0, 1)).DType);
            Assert.Equal(DType.Complex64, (Jnp.Array(new[] { 1f }) * new Complex(0, 1)).DType);
        });
    }
}
