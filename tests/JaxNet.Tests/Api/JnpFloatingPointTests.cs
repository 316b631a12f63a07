using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>divmod, modf, fix, frexp, ldexp, signbit, copysign, logaddexp2 and float_power against NumPy (numpy 1.24),
/// frexp and ldexp also exactly against .NET's Math.ScaleB, subnormals and the ends of the range included.</summary>
public class JnpFloatingPointTests
{
    private const double Inf = double.PositiveInfinity;
    private const double NaN = double.NaN;

    [Fact]
    public void DivmodFloorsAndTakesTheDivisorsSign()
    {
        var (q, r) = Jnp.Divmod(D(7.5, -7.5, 7.5, -7.5, 0, 5, 1), D(2, 2, -2, -2, 3, 0, Inf));
        Values([3, -4, -4, 3, 0, Inf, 0], q, DType.Float64);
        Values([1.5, 0.5, -0.5, -1.5, 0, NaN, 1], r, DType.Float64);
        (q, r) = Jnp.Divmod(I(7, -7, 7, -7, 5), I(2, 2, -2, -2, 0));
        // An integer quotient by 0 is JAX's (XLA's x / 0 = -1, then floored); NumPy gives 0.
        Ints([3, -4, -4, 3, -1], q);
        Ints([1, 1, -1, -1, 0], r);
        (q, r) = Jnp.Divmod(Jnp.Array(new[,] { { 7f }, { -7f } }), F(2, -3));
        Values([3, -3, -4, 2], q, shape: [2, 2]);
        Values([1, -2, 1, -1], r, shape: [2, 2]);
        Assert.Throws<ArgumentException>(() => Jnp.Divmod(Jnp.Array(true), Jnp.Array(true)));
        JitAndVmapAgree(v => Jnp.Divmod(v, -2.5f).Remainder, F(7.5f, -7.5f, 1, 0, 3, -4).Reshape(2, 3));
        JitAndVmapAgree(v => Jnp.Divmod(v, -2.5f).Quotient, F(7.5f, -7.5f, 1, 0, 3, -4).Reshape(2, 3));
        GradCheck.Check(v => Jnp.Divmod(v, D(2, -3)).Remainder, D(7.3, 4.1));
    }

    [Fact]
    public void ModfAndFix()
    {
        var (fraction, whole) = Jnp.Modf(D(3.25, -3.25, 0, -0.0, Inf, -Inf, NaN));
        Values([0.25, -0.25, 0, 0, 0, 0, NaN], fraction, DType.Float64);
        Values([3, -3, 0, 0, Inf, -Inf, NaN], whole, DType.Float64);
        // NumPy's signs: modf(-inf) = (-0.0, -inf).
        Assert.True(double.IsNegative(fraction.ToArray<double>()[5]));
        Values([0, 2], Jnp.Modf(I(0, 2)).Integral);
        Values([2, -2, 0, 0], Jnp.Fix(F(2.7f, -2.7f, 0.5f, -0.5f)));
        Ints([3, -3], Jnp.Fix(I(3, -3)));
        GradCheck.Check(x => Jnp.Modf(x).Fractional, D(0.3, -1.7, 2.25));
        JitAndVmapAgree(x => Jnp.Modf(x).Fractional, F(0.3f, -1.7f, 2.25f, float.PositiveInfinity).Reshape(2, 2));
    }

    private static readonly double[] FrexpCases =
        [8, -0.3, 1e-310, double.Epsilon, double.MaxValue, 0, Inf, -Inf, 1, 0.75, 2.2250738585072014e-308, -1e300, 3e-320];

    [Fact]
    public void FrexpMatchesNumpyAndIsExact()
    {
        var (m, e) = Jnp.Frexp(D(FrexpCases));
        Ints([4, -1, -1029, -1073, 1024, 0, 0, 0, 1, 0, -1021, 997, -1061], e);
        var mantissas = m.ToArray<double>();
        Assert.Equal(0.5752618, mantissas[2], 7);
        for (var i = 0; i < FrexpCases.Length; i++)
        {
            var x = FrexpCases[i];
            if (x == 0 || !double.IsFinite(x)) { Assert.Equal(x, mantissas[i]); continue; }
            Assert.InRange(Math.Abs(mantissas[i]), 0.5, 0.9999999999999999);
            Assert.Equal(x, Math.ScaleB(mantissas[i], e.ToArray<int>()[i]));
        }
        var (m32, e32) = Jnp.Frexp(F(8, -0.3f, 1e-40f, 1.4e-45f, 3.4e38f, 0.5f));
        Ints([4, -1, -132, -148, 128, 0], e32);
        Values([0.5, -0.6, 0.54444885, 0.5, 0.9991702, 0.5], m32, tol: 1e-7);
        // Integers become the default float; NaN keeps itself with exponent 0.
        Ints([2, 0], Jnp.Frexp(I(3, 0)).Exponent);
        Values([NaN], Jnp.Frexp(D(NaN)).Mantissa, DType.Float64);
    }

    [Fact]
    public void FrexpWorksUnderJitAndVmapAndDifferentiatesAs2ToTheMinusE()
    {
        var jitted = Jax.Jit((NDArray x) => Jnp.Frexp(x).Mantissa)(D(FrexpCases));
        Values(Jnp.Frexp(D(FrexpCases)).Mantissa.ToArray<double>(), jitted, DType.Float64, tol: 0);
        JitAndVmapAgree(x => Jnp.Frexp(x).Exponent, D(1, 2, 3, 1e-310, 5, 6).Reshape(3, 2));
        var g = Jax.Grad((NDArray x) => Jnp.Sum(Jnp.Frexp(x).Mantissa))(D(8, -0.3, 3));
        Values([1.0 / 16, 2, 0.25], g, DType.Float64, tol: 1e-15);
    }

    [Fact]
    public void LdexpRoundsOnceAndSaturates()
    {
        var x = D(0.75, 1, 3, 0.75, 0.75, 1, -1.5, 0, Inf, 0.75, NaN, 1);
        var n = I(-1074, -1075, -1076, 1024, 1025, 1023, -1070, 5, 5, -1073, 3, int.MinValue);
        var result = Jnp.Ldexp(x, n);
        var expected = x.ToArray<double>().Zip(n.ToArray<int>(), (v, k) => Math.ScaleB(v, k)).ToArray();
        Values(expected, result, DType.Float64, tol: 0);
        Values([4.94065646e-324, 0, 4.94065646e-324, 1.34826985e+308, Inf, 8.98846567e+307, -1.18575755e-322, 0, Inf, 9.88131292e-324, NaN, 0],
            result, DType.Float64, tol: 1e-8);
        var f32 = Jnp.Ldexp(Jnp.Array(0.75f), I(-149, -150, 128, 127, 3));
        Values([1.4012985e-45, 0, 2.5521178e+38, 1.2760589e+38, 6], f32, tol: 1e-7);
        // Integers become the default float; the exponent must be an integer.
        Values([12, 0.5], Jnp.Ldexp(I(3, 1), I(2, -1)));
        Assert.Throws<ArgumentException>(() => Jnp.Ldexp(F(1), F(2)));
        Values([40, 0.75], Jax.Jit((NDArray a, NDArray k) => Jnp.Ldexp(a, k))(F(5, 3), I(3, -2)));
        GradCheck.Check(a => Jnp.Ldexp(a, I(3, -2)), D(0.7, -1.3));
    }

    [Fact]
    public void SignbitCopysignAndTheirLimit()
    {
        Assert.Equal([true, false, true, false, true], Jnp.Signbit(D(-1, 0, -0.0, 2, -Inf)).ToArray<bool>());
        Assert.Equal([true, false], Jnp.Signbit(I(-3, 3)).ToArray<bool>());
        Assert.Equal([false], Jnp.Signbit(Jnp.Array(new[] { true })).ToArray<bool>());
        // A NaN's sign is read from its bits, as NumPy does (.NET's float.NaN has the sign bit set).
        var (negativeNaN, positiveNaN) = (BitConverter.Int32BitsToSingle(unchecked((int)0xFFC00000)), BitConverter.Int32BitsToSingle(0x7FC00000));
        Assert.Equal([true, false], Jnp.Signbit(F(negativeNaN, positiveNaN)).ToArray<bool>());
        Assert.Equal([true, false], Jnp.Signbit(F(negativeNaN, positiveNaN).Astype(DType.BFloat16)).ToArray<bool>());
        Assert.Equal([true, false], Jnp.Signbit(D(-0.0, double.Epsilon)).ToArray<bool>());
        Values([-1, 2, -3, 4], Jnp.Copysign(F(1, -2, 3, 4), F(-0f, 1, -5, 0)));
        Values([-1, 2], Jnp.Copysign(I(1, -2), I(-1, 1)));
        Assert.Equal([true, false], Jax.Jit((NDArray v) => Jnp.Signbit(v))(F(-0f, 0)).ToArray<bool>());
        GradCheck.Check((a, b) => Jnp.Copysign(a, b), D(0.5, -2), D(-1, 3));
    }

    [Fact]
    public void Logaddexp2AndFloatPower()
    {
        Values([2, Inf, -Inf, 2, 3.08746284, 100], Jnp.Logaddexp2(D(1, Inf, -Inf, -Inf, 3, 100), D(1, Inf, -Inf, 2, -1, -100)), DType.Float64, tol: 1e-8);
        Values([2], Jnp.Logaddexp2(I(1), I(1)));
        GradCheck.Check((a, b) => Jnp.Logaddexp2(a, b), D(0.5, -2, 1), D(-1, 3, 1.2));
        Values([1.41421356, 0.33333333, 16], Jnp.FloatPower(I(2, 3, 4), F(0.5f, -1, 2)));
        Values([8], Jnp.FloatPower(I(2), I(3)));
        GradCheck.Check((a, b) => Jnp.FloatPower(a, b), D(0.5, 2, 1.5), D(-1, 3, 0.7));
    }
}
