using JaxNet.Tests.Api;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Transforms;

/// <summary>
/// The dtypes of Lax.ForiLoop's bounds, as jax.lax.fori_loop takes them: equal dtypes, or an int literal beside a signed
/// integer array (it takes the array's dtype, and so does the index); any other pair is an error. Eagerly and under Jit,
/// with the bounds static or traced.
/// </summary>
[Collection(nameof(X64Collection))]
public class ForiLoopBoundTests
{
    private static NDArray Strong(long value, DType dtype) => Lax.ConvertElementType(Jnp.Scalar(value), dtype);

    /// <summary>Sums the loop index from <paramref name="lower"/> to <paramref name="upper"/>, recording its dtype.</summary>
    private static (DType Index, float Sum) SumIndices(NDArray lower, NDArray upper, bool jit)
    {
        DType? index = null;
        NDArray Run(NDArray lo, NDArray hi) => Lax.ForiLoop(lo, hi, (i, acc) =>
        {
            index = i.DType;
            return acc + Lax.ConvertElementType(i, DType.Float32);
        }, Jnp.Array(0f));
        var sum = jit ? Jax.Jit((Func<NDArray, NDArray, NDArray>)Run)(lower, upper) : Run(lower, upper);
        return (index!.Value, sum.Item<float>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AnIntLiteralTakesTheOtherBoundsSignedIntegerDtype(bool jit) => RandomDistributionX64Tests.WithX64(() =>
    {
        Assert.Equal((DType.Int32, 9f), SumIndices(2, Strong(5, DType.Int32), jit));
        Assert.Equal((DType.Int32, 9f), SumIndices(Strong(2, DType.Int32), 5L, jit));
        Assert.Equal((DType.Int64, 9f), SumIndices(2, Strong(5, DType.Int64), jit));
        Assert.Equal((DType.Int64, 0f), SumIndices(Strong(7, DType.Int64), 5, jit));
    });

    [Fact]
    public void AStaticLowerBoundWithATracedUpperOne() => RandomDistributionX64Tests.WithX64(() =>
    {
        DType? index = null;
        var f = Jax.Jit((NDArray hi) => Lax.ForiLoop(1, hi, (i, acc) =>
        {
            index = i.DType;
            return acc * Lax.ConvertElementType(i, DType.Float64);
        }, Jnp.Array(1.0)));
        Assert.Equal(120.0, f(Strong(6, DType.Int32)).Item<double>());
        Assert.Equal(DType.Int32, index);
        Assert.Equal(24.0, f(Strong(5, DType.Int64)).Item<double>());
        Assert.Equal(DType.Int64, index);
    });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DifferentIntegerDtypesAreAnErrorAsInJax(bool jit) => RandomDistributionX64Tests.WithX64(() =>
    {
        var error = Assert.Throws<ShapeException>(() => SumIndices(Strong(0, DType.Int32), Strong(5, DType.Int64), jit));
        Assert.Contains("Lax.ForiLoop: lower and upper must have equal types, got int32 and int64", error.Message);
        error = Assert.Throws<ShapeException>(() => SumIndices(Strong(0, DType.UInt8), Strong(5, DType.Int32), jit));
        Assert.Contains("got uint8 and int32", error.Message);
    });

    [Fact]
    public void AnIntLiteralBesideAnUnsignedBoundIsAnError()
    {
        var error = Assert.Throws<ShapeException>(() => SumIndices(0, Strong(5, DType.UInt32), jit: false));
        Assert.Contains("got int32 and uint32", error.Message);
    }

    [Fact]
    public void AFloatBoundBesideAnIntegerOneIsAnError()
    {
        var error = Assert.Throws<ShapeException>(() => SumIndices(0.0, Strong(5, DType.Int32), jit: false));
        Assert.Contains("got float32 and int32", error.Message);
        error = Assert.Throws<ShapeException>(() => SumIndices(0, Jnp.Scalar(float.NaN), jit: true));
        Assert.Contains("got int32 and float32", error.Message);
    }

    [Fact]
    public void EqualFloatBoundsLoopWithAFloatIndexAsInJax() =>
        Assert.Equal((DType.Float32, 9f), SumIndices(Strong(2, DType.Float32), Strong(5, DType.Float32), jit: true));

    [Fact]
    public void BoundsMustBeScalars()
    {
        var error = Assert.Throws<ShapeException>(() => SumIndices(0, Jnp.Array(new[] { 3, 4 }), jit: false));
        Assert.Contains("the bounds must be scalars", error.Message);
    }
}
