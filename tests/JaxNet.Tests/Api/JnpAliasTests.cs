using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>The array API's and NumPy's other names (acos, pow, concat, fabs, bitwise_count, cumulative_sum, ...):
/// the same results as the functions they name, expected values from NumPy 1.24 (bitwise_count, which 1.24 lacks,
/// from Python's bin(abs(v)).count("1")).</summary>
public class JnpAliasTests
{
    [Fact]
    public void TrigonometricAndPowerAliasesMatchTheirOriginals()
    {
        var x = F(-0.5f, 0f, 0.25f, 0.9f);
        Values(Jnp.Arccos(x).ToArray<double>(), Jnp.Acos(x));
        Values(Jnp.Arcsin(x).ToArray<double>(), Jnp.Asin(x));
        Values(Jnp.Arctan(x).ToArray<double>(), Jnp.Atan(x));
        Values(Jnp.Arctanh(x).ToArray<double>(), Jnp.Atanh(x));
        Values(Jnp.Arcsinh(x).ToArray<double>(), Jnp.Asinh(x));
        Values([0, 1.3169579], Jnp.Acosh(F(1, 2)));
        Values([Math.Atan2(1, -1), Math.Atan2(-2, 3)], Jnp.Atan2(F(1, -2), F(-1, 3)));
        Ints([1, 8, 81], Jnp.Pow(I(1, 2, 3), I(5, 3, 4)));
        // Integers promote to float, as jnp.acos does.
        Assert.Equal(DType.Float32, Jnp.Acos(I(0, 1)).DType);
    }

    [Fact]
    public void ConcatPermuteDimsCopyEmpty()
    {
        var m = Jnp.Arange(6).Reshape(2, 3);
        Ints([0, 1, 2, 3, 4, 5, 7, 8], Jnp.Concat([m, I(7, 8)], axis: null));
        Ints([0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5], Jnp.Concat([m, m]), [4, 3]);
        Ints([0, 3, 1, 4, 2, 5], Jnp.PermuteDims(m, [1, 0]), [3, 2]);
        Assert.Throws<ShapeException>(() => Jnp.PermuteDims(m, [0]));
        Assert.Equal(DType.Float64, Jnp.Copy(m, DType.Float64).DType);
        Ints([0, 1, 2, 3, 4, 5], Jnp.Copy(m), [2, 3]);
        Values([0, 0, 0, 0, 0, 0], Jnp.Empty([2, 3]), shape: [2, 3]);
        Ints([0, 0, 0, 0, 0, 0], Jnp.EmptyLike(m), [2, 3]);
    }

    [Fact]
    public void FabsPromotesAndRefusesComplex()
    {
        Values([3, 0, 2.5], Jnp.Fabs(F(-3, -0f, 2.5f)));
        Values([3, 4], Jnp.Fabs(I(-3, 4)));
        Assert.Throws<ArgumentException>(() => Jnp.Fabs(Jnp.Array(new[] { new System.Numerics.Complex(1, 1) })));
        // Its gradient is sign(x), through abs.
        Values([-1, 1], Jax.Grad((NDArray v) => Jnp.Sum(Jnp.Fabs(v)))(F(-2, 3)));
    }

    [Fact]
    public void BitwiseAliasesAndBitCount()
    {
        Ints([2, 8, -4], Jnp.BitwiseLeftShift(I(1, 1, -1), I(1, 3, 2)));
        Ints([4, -1, 0], Jnp.BitwiseRightShift(I(8, -1, 3), I(1, 5, 2)));
        Ints([-1, -6, 4], Jnp.BitwiseInvert(I(0, 5, -5)));
        var counts = Jnp.BitwiseCount(I(0, 1, -1, 7, -8, 255, 1023));
        Assert.Equal(DType.UInt8, counts.DType);
        Assert.Equal(new byte[] { 0, 1, 1, 3, 1, 8, 10 }, counts.ToArray<byte>());
        Assert.Equal(new byte[] { 1, 0 }, Jnp.BitwiseCount(Jnp.Array(new[] { true, false })).ToArray<byte>());
        Assert.Equal(new byte[] { 32 }, Jnp.BitwiseCount(Jnp.Array(new[] { uint.MaxValue })).ToArray<byte>());
        Assert.Throws<ArgumentException>(() => Jnp.BitwiseCount(F(1.5f)));
        Assert.Equal(new byte[] { 2, 3 }, Jax.Jit(Jnp.BitwiseCount)(I(5, 7)).ToArray<byte>());
    }

    [Fact]
    public void CumulativeSumAndProdWithIncludeInitial()
    {
        var m = Jnp.Array(new[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Ints([1, 3, 6, 4, 9, 15], Jnp.CumulativeSum(m, axis: 1), [2, 3]);
        Ints([0, 1, 3, 6, 0, 4, 9, 15], Jnp.CumulativeSum(m, axis: 1, includeInitial: true), [2, 4]);
        Ints([1, 2, 3, 4, 10, 18], Jnp.CumulativeProd(m, axis: 0), [2, 3]);
        Ints([1, 1, 1, 1, 2, 3, 4, 10, 18], Jnp.CumulativeProd(m, axis: 0, includeInitial: true), [3, 3]);
        Values([0, 1.5, 3], Jnp.CumulativeSum(F(1.5f, 1.5f), includeInitial: true));
        Values([1, 3], Jnp.CumulativeSum(I(1, 2), dtype: DType.Float32));
        Values([0], Jnp.CumulativeSum(Jnp.Zeros([0]), includeInitial: true), shape: [1]);
        // No silent flattening beyond rank 1, and no scalars.
        Assert.Throws<ShapeException>(() => Jnp.CumulativeSum(m));
        Assert.Throws<ShapeException>(() => Jnp.CumulativeProd(Jnp.Array(2f)));
        // Differentiable: d/dx_i sum(cumsum(x) with the initial 0) = n - i.
        Values([3, 2, 1], Jax.Grad((NDArray v) => Jnp.Sum(Jnp.CumulativeSum(v, includeInitial: true)))(F(1, 2, 3)));
        JitAndVmapAgree(v => Jnp.CumulativeProd(v, includeInitial: true), Matrix(new float[,] { { 1, 2, 3 }, { -1, 0.5f, 4 } }));
    }

    [Fact]
    public void MatrixTransposeVecdotAndI0AtTheTopLevel()
    {
        var m = Jnp.Arange(6).Reshape(1, 2, 3);
        Ints([0, 3, 1, 4, 2, 5], Jnp.MatrixTranspose(m), [1, 3, 2]);
        Assert.Throws<ShapeException>(() => Jnp.MatrixTranspose(I(1, 2)));
        // Σ conj(x1) x2 along the last axis; NumPy 2: np.vecdot([[1,2],[3,4]], [5,6]) = [17, 39].
        Ints([17, 39], Jnp.Vecdot(I(1, 2, 3, 4).Reshape(2, 2), I(5, 6)));
        var c = Jnp.Vecdot(Jnp.Array(new[] { new System.Numerics.Complex(0, 1) }), Jnp.Array(new[] { new System.Numerics.Complex(0, 1) }));
        Assert.Equal(1.0, c.ToArray<System.Numerics.Complex>()[0].Real, 6);
        // scipy.special.i0([0, 1, -2.5]) = [1, 1.2660658777520082, 3.2898391440501231].
        Values([1, 1.2660658777520082, 3.2898391440501231], Jnp.I0(F(0, 1, -2.5f)), tol: 1e-6);
    }
}
