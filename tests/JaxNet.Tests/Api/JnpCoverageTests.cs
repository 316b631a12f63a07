namespace JaxNet.Tests.Api;

/// <summary>
/// The Jnp functions that JnpTests does not name, family by family, against hand-computed values or NumPy's and
/// JAX's documented examples: values, broadcasting, JAX's result dtypes, NaN/inf, and shape errors.
/// </summary>
public class JnpCoverageTests
{
    private const float Inf = float.PositiveInfinity;
    private const float NaN = float.NaN;

    private static NDArray F(params float[] v) => Jnp.Array(v);

    private static NDArray I(params int[] v) => Jnp.Array(v);

    private static NDArray B(params bool[] v) => Jnp.Array(v);

    private static void Close(float[] expected, NDArray actual, int digits = 5)
    {
        Assert.Equal(DType.Float32, actual.DType);
        var a = actual.ToArray<float>();
        Assert.Equal(expected.Length, a.Length);
        for (var i = 0; i < a.Length; i++) Assert.Equal(expected[i], a[i], digits);
    }

    private static void Ints(int[] expected, NDArray actual)
    {
        Assert.Equal(DType.Int32, actual.DType);
        Assert.Equal(expected, actual.ToArray<int>());
    }

    private static void Bools(bool[] expected, NDArray actual)
    {
        Assert.Equal(DType.Bool, actual.DType);
        Assert.Equal(expected, actual.ToArray<bool>());
    }

    private static NDArray Column(params int[] v) => I(v).Reshape(v.Length, 1);

    [Fact]
    public void Arithmetic()
    {
        Close([4, 6], Jnp.Add(F(1, 2), F(3, 4)));
        var sum = Jnp.Add(Column(0, 10), I(1, 2, 3));
        Assert.Equal(new[] { 2, 3 }, sum.Shape);
        Ints([1, 2, 3, 11, 12, 13], sum);
        Ints([2, 3], Jnp.Add(I(1, 2), 1));
        Close([1.5f, 2.5f], Jnp.Add(I(1, 2), 0.5));
        Close([2.5f], Jnp.Add(I(2), F(0.5f)));
        // NumPy and JAX add booleans as logical or.
        Bools([true, true, false], Jnp.Add(B(true, true, false), B(true, false, false)));

        Ints([4, -1], Jnp.Subtract(I(5, 3), I(1, 4)));
        Close([9, 8, 7], Jnp.Subtract(F(10), F(1, 2, 3)));
        Close([Inf, NaN], Jnp.Subtract(F(Inf, Inf), F(1, Inf)));

        Close([3, -4], Jnp.Multiply(F(1.5f, -2), 2));
        Ints([6, -8, 0], Jnp.Multiply(I(2, -4, 7), I(3, 2, 0)));
        Ints([1, 2, 10, 20], Jnp.Multiply(Column(1, 10), I(1, 2)));
        Bools([true, false], Jnp.Multiply(B(true, true), B(true, false)));

        Close([0.5f, 1.5f, -3.5f], Jnp.Divide(I(1, 3, -7), I(2, 2, 2)));
        Close([Inf, -Inf, NaN], Jnp.Divide(F(1, -1, 0), F(0, 0, 0)));
        Close([0.5f, 1, 1, 2], Jnp.Divide(Column(1, 2), F(2, 1)).Reshape(4));
        Close([0.5f, 1.5f, -3.5f], Jnp.TrueDivide(I(1, 3, -7), 2));
        Close([0.25f], Jnp.TrueDivide(F(1), F(4)));

        Ints([-1, 2, 0], Jnp.Negative(I(1, -2, 0)));
        Close([-0f, -3, Inf], Jnp.Negative(F(0, 3, -Inf)));
        Ints([-5, 4], Jnp.Positive(I(-5, 4)));
        Close([-5, 4, 7, -9.5f], Jnp.Positive(F(-5, 4, 7, -9.5f)));

        Ints([5, 2, 0, 12], Jnp.Absolute(I(5, -2, 0, 12)));
        Close([1.5f, Inf, 0], Jnp.Absolute(F(-1.5f, -Inf, -0f)));
        Bools([true, false], Jnp.Absolute(B(true, false)));

        Close([0.5f, 0.25f, Inf, -2], Jnp.Reciprocal(F(2, 4, 0, -0.5f)));
        // jnp.reciprocal promotes integers to float (NumPy would divide as integers).
        Close([0.5f, 1], Jnp.Reciprocal(I(2, 1)));
    }

    [Fact]
    public void ModularAndRounding()
    {
        Ints([-1, 0, -1, 1, 0, 1], Jnp.Fmod(I(-3, -2, -1, 1, 2, 3), 2));
        Ints([2, -2], Jnp.Fmod(I(5, -5), -3));
        Close([-1.5f, 1.5f], Jnp.Fmod(F(-3.5f, 3.5f), F(2)));
        Ints([1, 1, -1, -1], Jnp.Fmod(Column(7, -7), I(2, 3)).Reshape(4));
        Close([NaN, NaN, 1], Jnp.Fmod(F(1, Inf, 1), F(0, 2, Inf)));
        // Integer division by zero gives 0, as in NumPy and JAX (not the kernel IR's x % 0 = x).
        Ints([0, 0, 1], Jnp.Fmod(I(5, -5, 5), I(0, 0, 2)));

        Ints([2, 0, 0, 1], Jnp.Mod(I(-7, -3, 3, 7), 3));
        Ints([-1, -2], Jnp.Mod(I(-7, 7), -3));
        Ints([0, 1, 2, 3, 4, 0, 1], Jnp.Mod(Jnp.Arange(7), 5));
        Ints([0, 1], Jnp.Mod(I(4, 7), I(2, 3)));
        Ints([1, 1, -1], Jnp.Mod(7, I(2, 3, -4)));
        Close([0.5f, 1.5f], Jnp.Mod(F(-3.5f, 3.5f), 2));
        Close([-1.5f, -0.5f], Jnp.Mod(F(-3.5f, 3.5f), -2));
        Close([NaN, NaN, 1, Inf], Jnp.Mod(F(1, Inf, 1, -1), F(0, 2, Inf, Inf)));
        Ints([0, 0, 1], Jnp.Mod(I(5, -5, 5), I(0, 0, 2)));
        Ints([0, 0], Jnp.Mod(I(7, -7), 0));
        Close([1, 0.5f, -1, -1.5f], Jnp.Mod(F(-1, 2.5f), F(2, -2).Reshape(2, 1)));
        var grid = Jnp.Mod(Column(-5, 5), I(3, -3));
        Assert.Equal(new[] { 2, 2 }, grid.Shape);
        Ints([1, -2, 2, -1], grid);

        Close([-2, -2, -0f, 0, 2, 2, 4, 4], Jnp.Rint(F(-2.5f, -1.5f, -0.5f, 0.5f, 1.5f, 2.5f, 3.5f, 4.5f)));
        Close([2, -3, NaN, Inf], Jnp.Rint(F(1.7f, -2.6f, NaN, Inf)));
        // jnp.rint always returns an inexact dtype.
        Close([5, 4, 7], Jnp.Rint(I(5, 4, 7)));

        Close([-1, -1, -0f, 0, 1, 1, 2], Jnp.Trunc(F(-1.7f, -1.5f, -0.2f, 0.2f, 1.5f, 1.7f, 2.0f)));
        Close([NaN, Inf, -Inf], Jnp.Trunc(F(NaN, Inf, -Inf)));
        Ints([-3, 4], Jnp.Trunc(I(-3, 4)));
    }

    [Fact]
    public void ExponentsAndLogarithms()
    {
        Close([1, 2, 8, 0.5f, Inf, 0], Jnp.Exp2(F(0, 1, 3, -1, Inf, -Inf)));
        Close([4, 1024], Jnp.Exp2(I(2, 10)));
        Close([1, 2, 4, 8], Jnp.Exp2(Column(0, 2).Astype(DType.Float32) + F(0, 1)).Reshape(4));

        Close([0, 3, -1, -Inf, NaN], Jnp.Log2(F(1, 8, 0.5f, 0, -1)));
        Close([0, 1, 2, 10], Jnp.Log2(I(1, 2, 4, 1024)));

        Close([0, 1, 2, -3, -Inf, NaN], Jnp.Log10(F(1, 10, 100, 1e-3f, 0, -1)));
        Close([0, 3], Jnp.Log10(I(1, 1000)));

        Close([1, 2, 3, -2, 0, Inf], Jnp.Cbrt(F(1, 8, 27, -8, 0, Inf)));
        Close([4, -5], Jnp.Cbrt(I(64, -125)));
    }

    [Fact]
    public void InverseTrigonometricAndHyperbolic()
    {
        Close([0, MathF.PI / 2, MathF.PI, MathF.PI / 3, NaN], Jnp.Arccos(F(1, 0, -1, 0.5f, 2)));
        Close([MathF.PI / 2, 0], Jnp.Arccos(I(0, 1)));

        Close([0, (float)Math.Acosh(2), 1.6574545f, Inf, NaN], Jnp.Arccosh(F(1, 2, MathF.E, Inf, 0.5f)));
        Close([0, (float)Math.Acosh(3)], Jnp.Arccosh(I(1, 3)));

        Close([0, 0.88137359f, -0.88137359f, (float)Math.Asinh(10), Inf, -Inf], Jnp.Arcsinh(F(0, 1, -1, 10, Inf, -Inf)));
        Close([0.88137359f], Jnp.Arcsinh(I(1)));

        Close([0, 0.54930614f, -0.54930614f, Inf, -Inf, NaN], Jnp.Arctanh(F(0, 0.5f, -0.5f, 1, -1, 2)));
        Close([0, Inf], Jnp.Arctanh(I(0, 1)));
    }

    [Fact]
    public void AngleConversionsAndSinc()
    {
        Close([MathF.PI, MathF.PI / 2, -MathF.PI / 4, 0], Jnp.Deg2rad(F(180, 90, -45, 0)));
        Close([MathF.PI], Jnp.Deg2rad(I(180)));
        Close([MathF.PI / 6, MathF.PI / 3], Jnp.Radians(F(30, 60)));
        Close([2 * MathF.PI], Jnp.Radians(I(360)));

        Close([180, 90, -45], Jnp.Rad2deg(F(MathF.PI, MathF.PI / 2, -MathF.PI / 4)), digits: 4);
        Close([57.29578f, 0], Jnp.Rad2deg(I(1, 0)), digits: 4);
        Close([180, Inf], Jnp.Degrees(F(MathF.PI, Inf)), digits: 4);
        Close([114.59156f], Jnp.Degrees(I(2)), digits: 4);

        var twoOverPi = 2 / MathF.PI;
        Close([1, twoOverPi, 0, twoOverPi, 1 / (2.5f * MathF.PI)], Jnp.Sinc(F(0, 0.5f, 1, -0.5f, 2.5f)));
        Close([1, 0, 0], Jnp.Sinc(I(0, 1, -2)));
        Close([1, twoOverPi, 1, twoOverPi], Jnp.Sinc(Column(0, 0).Astype(DType.Float32) + F(0, 0.5f)).Reshape(4));
        Close([NaN], Jnp.Sinc(F(NaN)));
    }

    [Fact]
    public void Comparisons()
    {
        var x = F(1, 2, 3);
        var y = F(2, 2, 2);
        Bools([false, true, false], Jnp.Equal(x, y));
        Bools([true, false, true], Jnp.NotEqual(x, y));
        Bools([true, false, false], Jnp.Less(x, y));
        Bools([true, true, false], Jnp.LessEqual(x, y));
        Bools([false, false, true], Jnp.Greater(x, y));
        Bools([false, true, true], Jnp.GreaterEqual(x, y));

        var nan = F(NaN, NaN);
        var other = F(NaN, 1);
        Bools([false, false], Jnp.Equal(nan, other));
        Bools([true, true], Jnp.NotEqual(nan, other));
        Bools([false, false], Jnp.Less(nan, other));
        Bools([false, false], Jnp.LessEqual(nan, other));
        Bools([false, false], Jnp.Greater(nan, other));
        Bools([false, false], Jnp.GreaterEqual(nan, other));
        Bools([true, false, false], Jnp.Greater(F(Inf, -Inf, 1), F(1e30f, -1e30f, Inf)));

        var less = Jnp.Less(Column(1, 3), I(0, 2, 4));
        Assert.Equal(new[] { 2, 3 }, less.Shape);
        Bools([false, true, true, false, false, true], less);
        Bools([false, true, true, false, true, true], Jnp.GreaterEqual(I(0, 2, 4), Column(1, 2)));

        // Mixed dtypes compare after promotion: an int32 3 is not equal to a weak 3.5.
        Bools([true, false], Jnp.Equal(I(1, 2), F(1, 2.5f)));
        Bools([false], Jnp.Equal(I(3), 3.5));
        Bools([true], Jnp.NotEqual(I(3), 3.5));
        Bools([true, false], Jnp.LessEqual(I(3, 4), 3.5));
    }

    [Fact]
    public void LogicalOps()
    {
        var a = B(true, true, false, false);
        var b = B(true, false, true, false);
        Bools([true, false, false, false], Jnp.LogicalAnd(a, b));
        Bools([true, true, true, false], Jnp.LogicalOr(a, b));
        Bools([false, true, true, false], Jnp.LogicalXor(a, b));
        Bools([false, false, true, true], Jnp.LogicalNot(a));

        // Numbers are true where nonzero (NaN included).
        Bools([false, false, true, true], Jnp.LogicalAnd(F(0, 1.5f, -2, NaN), I(3, 0, 1, 1)));
        Bools([true, false, false], Jnp.LogicalNot(F(0, 5, NaN)));
        Bools([true, false], Jnp.LogicalNot(I(0, -3)));
        Bools([false, true, true], Jnp.LogicalXor(I(2, 0, 2), F(1, 1, 0)));
        Bools([false, true], Jnp.LogicalOr(I(0, 0), B(false, true)));

        var or = Jnp.LogicalOr(B(true, false).Reshape(2, 1), B(false, true));
        Assert.Equal(new[] { 2, 2 }, or.Shape);
        Bools([true, true, false, true], or);
        Bools([false, true], Jnp.LogicalAnd(B(false, true), true));
    }

    [Fact]
    public void BitwiseOps()
    {
        Ints([1], Jnp.BitwiseAnd(I(13), I(17)));
        Ints([12, 1], Jnp.BitwiseAnd(I(14, 3), 13));
        Ints([29], Jnp.BitwiseOr(I(13), I(16)));
        Ints([33, 5], Jnp.BitwiseOr(I(33, 4), 1));
        Ints([28], Jnp.BitwiseXor(I(13), I(17)));
        Ints([26, 6], Jnp.BitwiseXor(I(31, 3), 5));
        Ints([-8, -1], Jnp.BitwiseAnd(I(-8, -1), I(-1, -1)));

        var grid = Jnp.BitwiseAnd(Column(12, 3), I(10, 6));
        Assert.Equal(new[] { 2, 2 }, grid.Shape);
        Ints([8, 4, 2, 2], grid);

        Bools([false, true], Jnp.BitwiseAnd(B(true, true), B(false, true)));
        Bools([true, true], Jnp.BitwiseOr(B(true, false), B(false, true)));
        Bools([false, true], Jnp.BitwiseXor(B(true, true), B(true, false)));

        var bytes = Jnp.BitwiseOr(Jnp.Array(new byte[] { 0x0F, 0x10 }), Jnp.Array(new byte[] { 0xF0, 0x01 }));
        Assert.Equal(DType.UInt8, bytes.DType);
        Assert.Equal(new byte[] { 0xFF, 0x11 }, bytes.ToArray<byte>());

        Ints([-14], Jnp.Invert(I(13)));
        var invertedByte = Jnp.Invert(Jnp.Array(new byte[] { 13 }));
        Assert.Equal(DType.UInt8, invertedByte.DType);
        Assert.Equal(new byte[] { 242 }, invertedByte.ToArray<byte>());
        Bools([false, true], Jnp.Invert(B(true, false)));
        Ints([-1, 0, -6], Jnp.BitwiseNot(I(0, -1, 5)));
        Assert.Equal(new uint[] { 0xFFFFFFFF, 0xFFFFFFF0 }, Jnp.BitwiseNot(Jnp.Array(new uint[] { 0, 15 })).ToArray<uint>());
        Bools([true, false], Jnp.BitwiseNot(B(false, true)));

        Ints([10, 20, 40], Jnp.LeftShift(5, I(1, 2, 3)));
        Ints([1, 2, 4, 8], Jnp.LeftShift(I(1, 1, 1, 1), I(0, 1, 2, 3)));
        Ints([-16], Jnp.LeftShift(I(-1), 4));
        Ints([5, 2, 1], Jnp.RightShift(10, I(1, 2, 3)));
        // Signed integers shift arithmetically, unsigned logically.
        Ints([-4, -1], Jnp.RightShift(I(-8, -1), 1));
        // Shifts at or past the bit width give 0 (the sign fill for arithmetic right shifts), as in JAX.
        Ints([0, -1, 0], Jnp.RightShift(I(8, -8, 8), I(32, 40, 32)) + Jnp.LeftShift(I(1, 0, 1), I(32, 0, 33)));
        var logical = Jnp.RightShift(Jnp.Array(new uint[] { 0x80000000u, 16 }), Jnp.Array(new uint[] { 4, 4 }));
        Assert.Equal(DType.UInt32, logical.DType);
        Assert.Equal(new uint[] { 0x08000000u, 1 }, logical.ToArray<uint>());
        var shifted = Jnp.LeftShift(Column(1, 3), I(1, 2));
        Assert.Equal(new[] { 2, 2 }, shifted.Shape);
        Ints([2, 4, 6, 12], shifted);
    }

    [Fact]
    public void InfinityAndCloseness()
    {
        var v = F(1, Inf, -Inf, NaN);
        Bools([false, true, true, false], Jnp.IsInf(v));
        Bools([false, true, false, false], Jnp.IsPosInf(v));
        Bools([false, false, true, false], Jnp.IsNegInf(v));
        var ints = Jnp.Arange(6).Reshape(2, 3);
        foreach (var f in new Func<NDArray, NDArray>[] { Jnp.IsInf, Jnp.IsPosInf, Jnp.IsNegInf })
        {
            var r = f(ints);
            Assert.Equal(new[] { 2, 3 }, r.Shape);
            Bools(new bool[6], r);
        }
        Bools([false, true], Jnp.IsPosInf(F(float.MaxValue, float.MaxValue * 2)));

        // NumPy's examples, scaled to float32's precision (1e10 vs 1.00001e10 differ by more than rtol in float32).
        Bools([true, false], Jnp.Isclose(F(1e5f, 1e-7f), F(1.000005e5f, 1e-8f)));
        Bools([true, true], Jnp.Isclose(F(1e5f, 1e-8f), F(1.000005e5f, 1e-9f)));
        Bools([true, false], Jnp.Isclose(F(1e-8f, 1e-7f), F(0, 0)));
        Bools([true, false], Jnp.Isclose(F(1, NaN), F(1, NaN)));
        Bools([true, true], Jnp.Isclose(F(1, NaN), F(1, NaN), equalNan: true));
        Bools([false], Jnp.Isclose(F(NaN), F(1), equalNan: true));
        // Infinities are close only to themselves: |1 - inf| <= rtol * inf must not count.
        Bools([true, false, true, false, false], Jnp.Isclose(F(Inf, Inf, -Inf, 1, Inf), F(Inf, -Inf, -Inf, Inf, 1)));
        Bools([true, false], Jnp.Isclose(I(1, 2), I(1, 3)));
        Bools([false, true, false], Jnp.Isclose(F(1, 2, 3), 2));
        Bools([true, false], Jnp.Isclose(F(100, 100), F(101, 103), rtol: 0.02));
        Bools([true, false], Jnp.Isclose(F(0, 0), F(0.05f, 0.2f), atol: 0.1));
        var grid = Jnp.Isclose(Column(1, 2).Astype(DType.Float32), F(1, 2.0000001f));
        Assert.Equal(new[] { 2, 2 }, grid.Shape);
        Bools([true, false, false, true], grid);
    }

    [Fact]
    public void NextafterStepsOneUlp()
    {
        static float Bits(int b) => BitConverter.Int32BitsToSingle(b);
        var one = BitConverter.SingleToInt32Bits(1f);
        var r = Jnp.Nextafter(F(1, 1, 1, -1), F(2, 0, 1, -2));
        Assert.Equal(DType.Float32, r.DType);
        Assert.Equal(new[] { Bits(one + 1), Bits(one - 1), 1f, -Bits(one + 1) }, r.ToArray<float>());
        Assert.Equal(new[] { Bits(one + 1) }, Jnp.Nextafter(I(1), I(2)).ToArray<float>());
        var two = BitConverter.SingleToInt32Bits(2f);
        Assert.Equal(new[] { Bits(one - 1), Bits(two - 1) }, Jnp.Nextafter(F(1, 2), 0).ToArray<float>());
        Assert.True(float.IsNaN(Jnp.Nextafter(F(NaN), F(1)).ToArray<float>()[0]));
        Assert.True(float.IsNaN(Jnp.Nextafter(F(1), F(NaN)).ToArray<float>()[0]));
        Assert.Equal(new[] { float.MaxValue }, Jnp.Nextafter(F(Inf), F(0)).ToArray<float>());
        // From zero the next value is the smallest subnormal.
        Assert.Equal(new[] { float.Epsilon, -float.Epsilon }, Jnp.Nextafter(F(0, 0), F(1, -1)).ToArray<float>());
    }

    [Fact]
    public void Heaviside()
    {
        Close([0, 0.5f, 1], Jnp.Heaviside(F(-1.5f, 0, 2.0f), 0.5));
        Close([0, 1, 1], Jnp.Heaviside(F(-1.5f, 0, 2.0f), 1));
        Close([0.25f, 0.75f, 0, 1], Jnp.Heaviside(F(0, 0, -1, Inf), F(0.25f, 0.75f, 0.25f, 0.25f)));
        Close([0, 0.5f, 1], Jnp.Heaviside(I(-2, 0, 3), 0.5));
        Close([0, 1], Jnp.Heaviside(F(-Inf, 0), I(7, 1)));
        var grid = Jnp.Heaviside(F(0, 1).Reshape(2, 1), F(0.1f, 0.2f));
        Assert.Equal(new[] { 2, 2 }, grid.Shape);
        Close([0.1f, 0.2f, 1, 1], grid);
    }

    [Fact]
    public void ExtremaAndCounting()
    {
        var m = Jnp.Array(new[,] { { 1, 5, 3 }, { 4, 2, 6 } });
        Assert.Equal(6, (int)Jnp.Amax(m));
        Assert.Equal(DType.Int32, Jnp.Amax(m).DType);
        Ints([4, 5, 6], Jnp.Amax(m, 0));
        Ints([5, 6], Jnp.Amax(m, -1));
        Assert.Equal(new[] { 2, 1 }, Jnp.Amax(m, 1, keepdims: true).Shape);
        Assert.Equal(1, (int)Jnp.Amin(m));
        Ints([1, 2, 3], Jnp.Amin(m, 0));
        Ints([1, 2], Jnp.Amin(m, 1));
        Assert.Equal(new[] { 1, 3 }, Jnp.Amin(m, 0, keepdims: true).Shape);
        Close([-Inf], Jnp.Amin(F(1, -Inf, 3)).Reshape(1));
        Close([NaN], Jnp.Amax(F(1, NaN, 3)).Reshape(1));
        Close([NaN], Jnp.Amin(F(1, NaN, 3)).Reshape(1));

        var c = Jnp.Array(new[,] { { 0, 1, 7, 0 }, { 3, 0, 2, 19 } });
        Assert.Equal(5, (int)Jnp.CountNonzero(c));
        Ints([1, 1, 2, 1], Jnp.CountNonzero(c, 0));
        Ints([2, 3], Jnp.CountNonzero(c, 1));
        Assert.Equal(new[] { 2, 1 }, Jnp.CountNonzero(c, 1, keepdims: true).Shape);
        Assert.Equal(3, (int)Jnp.CountNonzero(F(0, -0f, NaN, Inf, 0.5f)));
        Assert.Equal(2, (int)Jnp.CountNonzero(B(true, false, true)));
    }

    [Fact]
    public void ArrayPromotionAndEquality()
    {
        var a = I(1, 2);
        Assert.Same(a, Jnp.Asarray(a));
        var f = Jnp.Asarray(a, DType.Float32);
        Close([1, 2], f);
        Ints([1, -1, 2], Jnp.Asarray(F(1.7f, -1.7f, 2), DType.Int32));

        Assert.True(Jnp.ArrayEqual(I(1, 2), I(1, 2)));
        Assert.False(Jnp.ArrayEqual(I(1, 2), I(1, 3)));
        Assert.False(Jnp.ArrayEqual(I(1, 2), I(1, 2, 3)));
        Assert.False(Jnp.ArrayEqual(I(1, 1), I(1, 1).Reshape(1, 2)));
        Assert.True(Jnp.ArrayEqual(I(1, 2), F(1, 2)));
        Assert.False(Jnp.ArrayEqual(F(NaN), F(NaN)));
        Assert.True(Jnp.ArrayEqual(Jnp.Zeros([0]), Jnp.Zeros([0])));

        var eye = Jnp.Identity(3);
        Assert.Equal(new[] { 3, 3 }, eye.Shape);
        Close([1, 0, 0, 0, 1, 0, 0, 0, 1], eye);
        Ints([1, 0, 0, 1], Jnp.Identity(2, DType.Int32));
        Bools([true, false, false, true], Jnp.Identity(2, DType.Bool));
    }

    [Fact]
    public void ShapeOps()
    {
        var s = Jnp.Atleast1d(Jnp.Array(7f));
        Assert.Equal(new[] { 1 }, s.Shape);
        Close([7], s);
        Assert.Equal(new[] { 2 }, Jnp.Atleast1d(F(1, 2)).Shape);
        Assert.Equal(new[] { 2, 3 }, Jnp.Atleast1d(Jnp.Zeros([2, 3])).Shape);
        Assert.Equal(new[] { 1, 1 }, Jnp.Atleast2d(Jnp.Array(7)).Shape);
        var row = Jnp.Atleast2d(I(1, 2, 3));
        Assert.Equal(new[] { 1, 3 }, row.Shape);
        Ints([1, 2, 3], row);
        Assert.Equal(new[] { 2, 3, 4 }, Jnp.Atleast2d(Jnp.Zeros([2, 3, 4])).Shape);

        var b = Jnp.BroadcastTo(I(1, 2, 3), [2, 3]);
        Assert.Equal(new[] { 2, 3 }, b.Shape);
        Ints([1, 2, 3, 1, 2, 3], b);
        Ints([5, 5], Jnp.BroadcastTo(Jnp.Array(5), [2]));
        Ints([1, 1, 1, 2, 2, 2], Jnp.BroadcastTo(Column(1, 2), [2, 3]));
        Assert.Equal(new[] { 4, 2, 3 }, Jnp.BroadcastTo(Column(1, 2), [4, 2, 3]).Shape);
        var e = Assert.Throws<ShapeException>(() => Jnp.BroadcastTo(I(1, 2, 3), [2, 2]));
        Assert.Contains("broadcast_to", e.Message);
        Assert.Contains("[3]", e.Message);
        Assert.Contains("[2,2]", e.Message);
        e = Assert.Throws<ShapeException>(() => Jnp.BroadcastTo(Jnp.Zeros([2, 3]), [3]));
        Assert.Contains("broadcast_to", e.Message);

        var m = Jnp.Arange(6).Reshape(2, 3);
        Ints([2, 1, 0, 5, 4, 3], Jnp.Fliplr(m));
        Ints([3, 4, 5, 0, 1, 2], Jnp.Flipud(m));
        Ints([2, 3, 0, 1, 6, 7, 4, 5], Jnp.Fliplr(Jnp.Arange(8).Reshape(2, 2, 2)));
        Ints([4, 5, 6, 7, 0, 1, 2, 3], Jnp.Flipud(Jnp.Arange(8).Reshape(2, 2, 2)));
        Ints([3, 2, 1], Jnp.Flipud(I(1, 2, 3)));
        Assert.Throws<ShapeException>(() => Jnp.Fliplr(I(1, 2, 3)));

        Ints([1, 2, 3, 4, 5, 6], Jnp.Hstack([I(1, 2, 3), I(4, 5, 6)]));
        var h = Jnp.Hstack([Column(1, 2, 3), Column(4, 5, 6)]);
        Assert.Equal(new[] { 3, 2 }, h.Shape);
        Ints([1, 4, 2, 5, 3, 6], h);
        Ints([1, 2], Jnp.Hstack([Jnp.Array(1), Jnp.Array(2)]));
        Close([1, 2.5f, 3], Jnp.Hstack([I(1), F(2.5f, 3)]));

        var v = Jnp.Vstack([I(1, 2, 3), I(4, 5, 6)]);
        Assert.Equal(new[] { 2, 3 }, v.Shape);
        Ints([1, 2, 3, 4, 5, 6], v);
        var tall = Jnp.Vstack([Column(1, 2), Column(4, 5)]);
        Assert.Equal(new[] { 4, 1 }, tall.Shape);
        Ints([1, 2, 4, 5], tall);
        var mixed = Jnp.Vstack([I(1, 2), Jnp.Array(new float[,] { { 3, 4 }, { 5, 6 } })]);
        Assert.Equal(new[] { 3, 2 }, mixed.Shape);
        Close([1, 2, 3, 4, 5, 6], mixed);
        Assert.Throws<ShapeException>(() => Jnp.Vstack([I(1, 2), I(1, 2, 3)]));
        Assert.Contains("concatenate", Assert.Throws<ArgumentException>(() => Jnp.Hstack([])).Message);
        Assert.Contains("concatenate", Assert.Throws<ArgumentException>(() => Jnp.Vstack([])).Message);

        Assert.Equal(new[] { 4, 5, 3 }, Jnp.Moveaxis(Jnp.Zeros([3, 4, 5]), 0, -1).Shape);
        Assert.Equal(new[] { 5, 3, 4 }, Jnp.Moveaxis(Jnp.Zeros([3, 4, 5]), -1, 0).Shape);
        var x = Jnp.Arange(24).Reshape(2, 3, 4);
        var last = Jnp.Moveaxis(x, 0, -1);
        Assert.Equal(new[] { 3, 4, 2 }, last.Shape);
        Assert.Equal(new[] { 0, 12, 1, 13 }, last.ToArray<int>()[..4]);
        var first = Jnp.Moveaxis(x, -1, 0);
        Assert.Equal(new[] { 0, 4, 8, 12, 16, 20, 1, 5 }, first.ToArray<int>()[..8]);
        Ints(Jnp.Transpose(x, [1, 0, 2]).ToArray<int>(), Jnp.Moveaxis(x, 1, 0));
        Ints(x.ToArray<int>(), Jnp.Moveaxis(x, 1, 1));
        Assert.Throws<ShapeException>(() => Jnp.Moveaxis(x, 3, 0));
    }

    [Fact]
    public void Diagonal()
    {
        Ints([0, 3], Jnp.Diagonal(Jnp.Arange(4).Reshape(2, 2)));
        Ints([1], Jnp.Diagonal(Jnp.Arange(4).Reshape(2, 2), 1));
        var m = Jnp.Arange(12).Reshape(3, 4);
        Ints([0, 5, 10], Jnp.Diagonal(m));
        Ints([1, 6, 11], Jnp.Diagonal(m, 1));
        Ints([2, 7], Jnp.Diagonal(m, 2));
        Ints([4, 9], Jnp.Diagonal(m, -1));
        Ints([8], Jnp.Diagonal(m, -2));
        Assert.Equal(new[] { 0 }, Jnp.Diagonal(m, 5).Shape);
        Assert.Equal(new[] { 0 }, Jnp.Diagonal(m, -3).Shape);
        // Off-diagonal infinities and NaNs must not leak into the diagonal.
        Close([1, 2], Jnp.Diagonal(Jnp.Array(new[,] { { 1, Inf }, { NaN, 2 } })));
        Close([NaN, -Inf], Jnp.Diagonal(Jnp.Array(new[,] { { NaN, 0 }, { 0, -Inf } })));
        // The diagonal keeps the dtype (NumPy: a view of the input).
        Bools([true, false], Jnp.Diagonal(Jnp.Array(new[,] { { true, true }, { true, false } })));
        var bytes = Jnp.Diagonal(Jnp.Array(new byte[,] { { 200, 1 }, { 2, 100 } }));
        Assert.Equal(DType.UInt8, bytes.DType);
        Assert.Equal(new byte[] { 200, 100 }, bytes.ToArray<byte>());
        Assert.Throws<ShapeException>(() => Jnp.Diagonal(I(1, 2)));
    }

    [Fact]
    public void Products()
    {
        var inner = Jnp.Inner(I(1, 2, 3), I(0, 1, 0));
        Assert.Empty(inner.Shape);
        Assert.Equal(DType.Int32, inner.DType);
        Assert.Equal(2, (int)inner);
        var batched = Jnp.Inner(Jnp.Arange(24).Reshape(2, 3, 4), Jnp.Arange(4));
        Assert.Equal(new[] { 2, 3 }, batched.Shape);
        Ints([14, 38, 62, 86, 110, 134], batched);
        var a = Jnp.Array(new float[,] { { 1, 2 }, { 3, 4 } });
        var b = Jnp.Array(new float[,] { { 5, 6 }, { 7, 8 } });
        Close([17, 23, 39, 53], Jnp.Inner(a, b));
        Close([3, 6], Jnp.Inner(F(1, 2), 3));
        Close([5.5f], Jnp.Inner(I(1, 2), F(1.5f, 2)).Reshape(1));

        var ta = Jnp.Arange(6).Reshape(2, 3);
        var tb = Jnp.Arange(6).Reshape(3, 2);
        Ints([10, 13, 28, 40], Jnp.Tensordot(ta, tb, 1));
        var full = Jnp.Tensordot(ta, ta);
        Assert.Empty(full.Shape);
        Assert.Equal(55, (int)full);
        var outer = Jnp.Tensordot(I(1, 2), I(3, 4), 0);
        Assert.Equal(new[] { 2, 2 }, outer.Shape);
        Ints([3, 4, 6, 8], outer);
        Close([10, 13, 28, 40], Jnp.Tensordot(ta, tb.Astype(DType.Float32), 1));
        // (2,3,4) . (3,4,5) over two axes, against a direct triple loop.
        var x = Jnp.Arange(24).Reshape(2, 3, 4);
        var y = Jnp.Arange(60).Reshape(3, 4, 5);
        var expected = new int[10];
        for (var i = 0; i < 2; i++)
            for (var l = 0; l < 5; l++)
                for (var j = 0; j < 3; j++)
                    for (var k = 0; k < 4; k++)
                        expected[i * 5 + l] += (12 * i + 4 * j + k) * (20 * j + 5 * k + l);
        var t = Jnp.Tensordot(x, y, 2);
        Assert.Equal(new[] { 2, 5 }, t.Shape);
        Ints(expected, t);

        var va = Jnp.Array(new[,] { { 1, 4 }, { 5, 6 } });
        var vb = Jnp.Array(new[,] { { 4, 1 }, { 2, 2 } });
        var vdot = Jnp.Vdot(va, vb);
        Assert.Empty(vdot.Shape);
        Assert.Equal(DType.Int32, vdot.DType);
        Assert.Equal(30, (int)vdot);
        Assert.Equal(30, (int)Jnp.Vdot(vb, va));
        Assert.Equal(10f, (float)Jnp.Vdot(F(1, 2, 3, 4).Reshape(2, 2), F(1, 1, 1, 1)));
        Assert.Equal(4.5f, (float)Jnp.Vdot(I(1, 2), F(0.5f, 2)));
    }

    [Fact]
    public void ContractionErrorsNameOpAndShapes()
    {
        var e = Assert.Throws<ShapeException>(() => Jnp.Inner(F(1, 2), F(1, 2, 3)));
        Assert.Contains("inner", e.Message);
        Assert.Contains("[2]", e.Message);
        Assert.Contains("[3]", e.Message);
        e = Assert.Throws<ShapeException>(() => Jnp.Tensordot(Jnp.Zeros([2, 3]), Jnp.Zeros([4, 2]), 1));
        Assert.Contains("tensordot", e.Message);
        Assert.Contains("[2,3]", e.Message);
        Assert.Contains("[4,2]", e.Message);
        foreach (var axes in new[] { 2, -1 })
        {
            e = Assert.Throws<ShapeException>(() => Jnp.Tensordot(Jnp.Zeros([2]), Jnp.Zeros([2, 2]), axes));
            Assert.Contains("tensordot", e.Message);
            Assert.Contains("[2,2]", e.Message);
        }
        e = Assert.Throws<ShapeException>(() => Jnp.Vdot(Jnp.Zeros([2, 2]), Jnp.Zeros([3])));
        Assert.Contains("vdot", e.Message);
        Assert.Contains("[2,2]", e.Message);
        Assert.Contains("[3]", e.Message);
    }

    [Fact]
    public void JittedMatchesEager()
    {
        var x = F(-3.5f, -1, 0, 0.5f, 2, Inf, NaN, 7, -0.25f, 0.75f);
        var y = F(2, -3, 0, 0.5f, -2, 1, 1, Inf, 0.5f, -0.75f);
        var floatOps = new Func<NDArray, NDArray, NDArray>[]
        {
            Jnp.Mod, Jnp.Fmod, Jnp.Heaviside, Jnp.Nextafter, (a, b) => Jnp.Isclose(a, b), Jnp.Divide,
            (a, b) => Jnp.Exp2(a) + Jnp.Log2(Jnp.Absolute(b)) - Jnp.Log10(Jnp.Absolute(a)) * Jnp.Cbrt(b),
            (a, b) => Jnp.Arccos(b / 3) + Jnp.Arccosh(Jnp.Absolute(a) + 1) + Jnp.Arcsinh(a) + Jnp.Arctanh(b / 2),
            (a, b) => Jnp.Sinc(a) + Jnp.Deg2rad(b) + Jnp.Rad2deg(a) + Jnp.Rint(b) + Jnp.Trunc(a) + Jnp.Reciprocal(b),
            (a, b) => Jnp.LogicalXor(Jnp.IsInf(a), Jnp.IsPosInf(b)) | Jnp.IsNegInf(a) | Jnp.LogicalNot(b),
            (a, b) => Jnp.Less(a, b) ^ Jnp.GreaterEqual(a, 0) & Jnp.NotEqual(a, b),
        };
        foreach (var f in floatOps) SameValues(f(x, y), Jax.Jit(f)(x, y));

        var i = I(-7, -5, 5, 7, 0, 13, -1, 8);
        var j = I(3, 0, -3, 2, 5, 1, 31, 3);
        var intOps = new Func<NDArray, NDArray, NDArray>[]
        {
            Jnp.Mod, Jnp.Fmod, Jnp.LeftShift, Jnp.RightShift, Jnp.BitwiseAnd, Jnp.BitwiseOr, Jnp.BitwiseXor,
            (a, b) => Jnp.Invert(a) + Jnp.BitwiseNot(b) * Jnp.Negative(a) - Jnp.Positive(b),
        };
        foreach (var f in intOps) Assert.Equal(f(i, j).ToArray<int>(), Jax.Jit(f)(i, j).ToArray<int>());
    }

    // Equal up to float32 rounding, with NaNs and infinities in the same places.
    private static void SameValues(NDArray eager, NDArray jitted)
    {
        Assert.Equal(eager.DType, jitted.DType);
        Assert.Equal(eager.Shape, jitted.Shape);
        var (e, j) = (eager.Astype(DType.Float32).ToArray<float>(), jitted.Astype(DType.Float32).ToArray<float>());
        for (var k = 0; k < e.Length; k++)
        {
            if (float.IsNaN(e[k]) || float.IsInfinity(e[k])) Assert.Equal(e[k], j[k]);
            else Assert.True(Math.Abs(e[k] - j[k]) <= 1e-6 * Math.Max(1, Math.Abs(e[k])), $"element {k}: eager {e[k]}, jitted {j[k]}");
        }
    }

    public static TheoryData<string, string> BinaryOps() => new()
    {
        { nameof(Jnp.Add), "add" }, { nameof(Jnp.Subtract), "subtract" }, { nameof(Jnp.Multiply), "multiply" },
        { nameof(Jnp.Divide), "divide" }, { nameof(Jnp.TrueDivide), "divide" }, { nameof(Jnp.Fmod), "fmod" },
        { nameof(Jnp.Mod), "remainder" }, { nameof(Jnp.Equal), "equal" }, { nameof(Jnp.NotEqual), "not_equal" },
        { nameof(Jnp.Less), "less" }, { nameof(Jnp.GreaterEqual), "greater_equal" },
        { nameof(Jnp.LogicalAnd), "logical_and" }, { nameof(Jnp.LogicalXor), "logical_xor" },
        { nameof(Jnp.BitwiseOr), "bitwise_or" }, { nameof(Jnp.LeftShift), "left_shift" },
        { nameof(Jnp.RightShift), "right_shift" }, { nameof(Jnp.Nextafter), "nextafter" },
        { nameof(Jnp.Heaviside), "heaviside" },
    };

    [Theory]
    [MemberData(nameof(BinaryOps))]
    public void BinaryShapeErrorsNameOpAndShapes(string function, string op)
    {
        var method = typeof(Jnp).GetMethod(function, [typeof(NDArray), typeof(NDArray)])!;
        var call = (Func<NDArray, NDArray, NDArray>)method.CreateDelegate(typeof(Func<NDArray, NDArray, NDArray>));
        var e = Assert.Throws<ShapeException>(() => call(Jnp.Ones([2, 3], DType.Int32), Jnp.Ones([4], DType.Int32)));
        Assert.Contains(op + ":", e.Message);
        Assert.Contains("[2,3]", e.Message);
        Assert.Contains("[4]", e.Message);
    }
}
