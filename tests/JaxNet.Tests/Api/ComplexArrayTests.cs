using System.Numerics;
using static JaxNet.Tests.Api.ComplexCheck;

namespace JaxNet.Tests.Api;

/// <summary>Creation, structure, indexing and elementwise functions of complex64 arrays (round, sign, nan_to_num,
/// isclose, ...) and the functions that refuse complex values as JAX does. Expected values from NumPy 1.24, except
/// sign, where JAX's z / |z| is the reference (NumPy 1.24 took the sign of the real part).</summary>
public class ComplexArrayTests
{
    private static readonly Complex[] V = [new(1, 2), new(-3, 0.5), new(0, -1), new(2.5, 0)];

    private static readonly Complex Nan = new(double.NaN, double.NaN);

    [Fact]
    public void CreationTakesComplexTypesAndEndpoints()
    {
        Near([Complex.Zero, Complex.Zero], Jnp.Zeros([2], DType.Complex64));
        Near([Complex.One, Complex.Zero, Complex.Zero, Complex.One], Jnp.Eye(2, dtype: DType.Complex64), shape: [2, 2]);
        Near([new(1, -2), new(1, -2)], Jnp.Full([2], Jnp.Scalar(new Complex(1, -2))));
        Near([new(1, 2), new(1.5, 1.25), new(2, 0.5), new(2.5, -0.25), new(3, -1)], Jnp.Linspace(new Complex(1, 2), new Complex(3, -1), 5));
        Near([new(1, 2), new(1.5, 1.25), new(2, 0.5), new(2.5, -0.25)], Jnp.Linspace(new Complex(1, 2), new Complex(3, -1), 4, endpoint: false));
        Near([Complex.Zero, new(0.5, 0), Complex.One], Jnp.Linspace(0, 1, 3, dtype: DType.Complex64));
        Near([Complex.Zero, Complex.One, new(2, 0)], Jnp.Arange(0.0, 3.0, dtype: DType.Complex64));
        Assert.Throws<ArgumentException>(() => Jnp.Linspace(new Complex(1, 2), new Complex(3, -1), 5, dtype: DType.Float32));
    }

    [Fact]
    public void StructureAndIndexingMoveWholeValues()
    {
        var v = C(V);
        Near([Complex.Zero, new(1, 2), new(-3, 0.5), new(0, -1), new(2.5, 0), Complex.Zero, Complex.Zero], Jnp.Pad(v, [(1, 2)]));
        Near([new(0, -1), new(-3, 0.5), new(1, 2), new(-3, 0.5), new(0, -1), new(2.5, 0), new(0, -1), new(-3, 0.5)], Jnp.Pad(v, 2, PadMode.Reflect));
        Near([new(2.5, 0), new(1, 2), new(-3, 0.5), new(0, -1)], Jnp.Roll(v, 1));
        Near([new(2.5, 0), new(0, -1), new(-3, 0.5), new(1, 2)], Jnp.Flip(v));
        Near([new(1, 2), new(-3, 0.5), new(1, 2), new(-3, 0.5), new(1, 2), new(-3, 0.5), new(1, 2), new(-3, 0.5)], Jnp.Tile(v[..2], 2, 2), shape: [2, 4]);
        Near([new(1, 2), new(1, 2), new(-3, 0.5), new(-3, 0.5)], Jnp.Repeat(v[..2], 2));
        Near([Complex.Zero, new(1, 2), Complex.Zero, Complex.Zero, Complex.Zero, new(-3, 0.5), Complex.Zero, Complex.Zero, Complex.Zero], Jnp.Diag(v[..2], 1), shape: [3, 3]);
        var m = Jnp.Reshape(v, [2, 2]);
        Near([new(1, 2), new(2.5, 0)], Jnp.Diag(m));
        Near([new(1, 2), Complex.Zero, new(0, -1), new(2.5, 0)], Jnp.Tril(m));
        Near([new(1, 2), new(-3, 0.5), Complex.Zero, new(2.5, 0)], Jnp.Triu(m));
        Near([new(-3, 0.5), new(1, 2), new(0, -1)], Jnp.Concatenate([v[1..2], Jnp.Stack([v[0], v[2]])]));
        // A real array joins a complex one as complex.
        Near([new(1, 2), new(7, 0)], Jnp.Concatenate([v[..1], Jnp.Array(new[] { 7f })]));
        Near([new(1, 2), new(9, 0), new(0, -1), new(9, 0)], Jnp.Where(Jnp.Array(new[] { true, false, true, false }), v, 9f));
        Near([new(0, -1)], v[^2..^1]);
    }

    [Fact]
    public void TakeFillsBothPartsWithNaN()
    {
        var v = C(V);
        Near([new(2.5, 0), new(1, 2), Nan], Jnp.Take(v, Jnp.Array(new[] { 3, 0, 7 })));
        Near([new(2.5, 0), new(1, 2), new(2.5, 0)], Jnp.Take(v, Jnp.Array(new[] { 3, 0, 7 }), mode: TakeMode.Clip));
        Near([new(2.5, 0), new(1, 2), new(2.5, 0)], Jnp.Take(v, Jnp.Array(new[] { -1, 0, 7 }), mode: TakeMode.Wrap));
        Near([new(0, -1), Nan], Jnp.TakeAlongAxis(v, Jnp.Array(new[] { 2, 4 }), 0));
    }

    [Fact]
    public void UpdatesWriteBothParts()
    {
        // JaxNet has no .at[] yet; its scatters and dynamic updates are what such an update would lower to.
        var v = C(V);
        Near([new(1, 2), new(9, 9), new(0, -1), new(2.5, 0)], Jax.Lax.DynamicUpdateSlice(v, C(new Complex(9, 9)), [Jnp.Array(1)]));
        var twice = Jnp.Array(new[,] { { 1 }, { 1 } });
        Near([new(1, 2), new(7, 10.5), new(0, -1), new(2.5, 0)], Jax.Lax.ScatterAdd(v, twice, C(new(9, 9), new(1, 1)), [], [0], [0]));
        Near([new(1, 2), new(1, 1), new(0, -1), new(2.5, 0)], Jax.Lax.Scatter(v, twice[..1], C(new Complex(1, 1)), [], [0], [0]));
    }

    [Fact]
    public void RoundingActsOnEachPart()
    {
        var x = C(new(1.25, 2.5), new(-3.5, 0.5), new(0, -1.5), new(2.5, -0.49), new(0.125, 1.875));
        Complex[] halvesToEven = [new(1, 2), new(-4, 0), new(0, -2), new(2, 0), new(0, 2)];
        Near(halvesToEven, Jnp.Round(x));
        Near(halvesToEven, Jnp.Rint(x));
        Near([new(1.2, 2.5), new(-3.5, 0.5), new(0, -1.5), new(2.5, -0.5), new(0.1, 1.9)], Jnp.Around(x, 1));
    }

    [Fact]
    public void ElementwiseFunctionsMatchNumPy()
    {
        Near([new(0.6, 0.8), Complex.Zero, new(0, -1)], Jnp.Sign(C(new(3, 4), Complex.Zero, new(0, -2))));
        Near([new(0.12, -0.16), new(0, 0.5), new(2, 0)], Jnp.Reciprocal(C(new(3, 4), new(0, -2), new(0.5, 0))));
        Near([new(-7, 24), new(-4, 0), new(0, -2)], Jnp.Square(C(new(3, 4), new(0, -2), new(1, -1))));
        Expect.Values([5, 2], Jnp.Absolute(C(new Complex(3, 4), new Complex(0, -2))));
        Near([new(1.5384778027279442, 1.2779225526272695), new(0.12972367089695783, 0.6951055813392796)], Jnp.Exp2(C(new Complex(1, 1), new Complex(-0.5, 2))));
        Near([new(0.5, 1.1330900354567983), new(2, 4.532360141827193)], Jnp.Log2(C(new Complex(1, 1), new Complex(-4, 0))));
        Near([new(0.1505149978319906, 0.3410940884604603), new(2, 1.3643763538418412)], Jnp.Log10(C(new Complex(1, 1), new Complex(-100, 0))));
        Near([new(0.7986963159564631, -0.7986963159564631), Complex.One, new(3.676077910374978, 0)], Jnp.Sinc(C(new(0.5, 0.5), Complex.Zero, new(0, 1))));
    }

    [Fact]
    public void NonFiniteValuesAreFoundAndReplacedPartByPart()
    {
        var y = C(new(1, double.NaN), new(double.PositiveInfinity, 1), new(double.NegativeInfinity, double.NaN), new(2, -1));
        Assert.Equal(new[] { true, false, true, false }, Jnp.IsNan(y).ToArray<bool>());
        Assert.Equal(new[] { false, true, true, false }, Jnp.IsInf(y).ToArray<bool>());
        Assert.Equal(new[] { false, false, false, true }, Jnp.IsFinite(y).ToArray<bool>());
        Near([Complex.One, new(float.MaxValue, 1), new(-float.MaxValue, 0), new(2, -1)], Jnp.NanToNum(y));
        Near([new(1, 7), new(8, 1), new(-9, 7), new(2, -1)], Jnp.NanToNum(y, nan: 7, posinf: 8, neginf: -9));
        var close = Jnp.Isclose(C(new(1, 1), new(1, 1), new(1e6, 1)), C(new(1, 1.000001), new(1, 1.1), new(1e6, 2)));
        Assert.Equal(new[] { true, false, true }, close.ToArray<bool>());
        Assert.True(Jnp.Allclose(C(new Complex(1, double.NaN)), C(new Complex(1, double.NaN)), equalNan: true));
        Assert.False(Jnp.Allclose(C(new Complex(1, 1)), C(new Complex(1, -1))));
    }

    [Fact]
    public void GradientsAndTransformsCarryThroughStructure()
    {
        var w = C(new(1, -1), new(0.5, 2), new(-1, 0), new(2, 1), new(0, 1), new(1, 1), new(3, 0), new(-2, 0.5));
        GradMatchesFiniteDifferences(a => Jnp.Real(Jnp.Sum(Jnp.Pad(Jnp.Roll(a, 1), 2, PadMode.Reflect) * w)), C(V), 1e-2, 2e-3);
        GradMatchesFiniteDifferences(a => Jnp.Sum(Jnp.Abs(Jnp.Take(a, Jnp.Array(new[] { 2, 0, 2 })) * Jnp.Sign(a[..3]))), C(V), 1e-3, 5e-3);
        GradMatchesFiniteDifferences(a => Jnp.Sum(Jnp.Abs(Jnp.Exp2(a) - Jnp.Reciprocal(a))), C(V), 1e-3, 5e-3);
        var batch = Jnp.Reshape(C(V), [2, 2]);
        JitAndVmapAgree(r => Jnp.Round(r * 1.3f, 1), batch);
        JitAndVmapAgree(r => Jnp.NanToNum(Jnp.Log(r - r[0])), batch);
        JitAndVmapAgree(r => Jnp.Linspace(new Complex(1, 2), new Complex(3, -1), 3) * r[0], batch);
    }

    [Fact]
    public void OrderingsAndSignTestsRefuseComplexValues()
    {
        var v = C(V);
        var clip = Assert.Throws<ArgumentException>(() => Jnp.Clip(v, Jnp.Array(0f)));
        Assert.Contains("clip", clip.Message);
        Assert.Contains("c64[4]", clip.Message);
        Assert.Throws<ArgumentException>(() => Jnp.Clip(Jnp.Array(new[] { 1f }), max: Jnp.Scalar(new Complex(1, 1))));
        Assert.Throws<ArgumentException>(() => Jnp.Hypot(v, v));
        Assert.Throws<ArgumentException>(() => Jnp.Trunc(v));
        Assert.Throws<ArgumentException>(() => Jnp.IsPosInf(v));
        Assert.Throws<ArgumentException>(() => Jnp.IsNegInf(v));
        Assert.Throws<ShapeException>(() => Jnp.Floor(v));
        Assert.Throws<ShapeException>(() => Jax.Lax.Max(v, v));
        Assert.Throws<ShapeException>(() => Jnp.Arcsin(v));
    }
}
