using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>spacing, fromfunction, mask_indices, unstack and the functional array properties (ndim, shape, size,
/// isscalar, result_type), finfo, iinfo and isdtype against NumPy 1.24 (ml_dtypes for bfloat16) and JAX's promotion
/// rules.</summary>
public class JnpSmallHelpersTests
{
    [Fact]
    public void SpacingIsTheStepAwayFromZero()
    {
        var s = Jnp.Spacing(F(1, -1, 0, 1000, float.PositiveInfinity, float.NaN)).ToArray<float>();
        Assert.Equal(new[] { 1.1920928955078125e-07f, -1.1920928955078125e-07f, 1.401298464324817e-45f, 6.103515625e-05f }, s[..4]);
        Assert.True(float.IsNaN(s[4]) && float.IsNaN(s[5]));
        // float16 steps towards +inf, as NumPy's.
        Values([0.0009765625, 0.00048828125], Jnp.Spacing(F(1, -1).Astype(DType.Float16)), DType.Float16, tol: 0);
        Assert.Equal(DType.Float32, Jnp.Spacing(I(1, 2)).DType);
        Assert.Equal(1.1920928955078125e-07f, Jax.Jit(Jnp.Spacing)(F(1)).ToArray<float>()[0]);
        Assert.Throws<ArgumentException>(() => Jnp.Spacing(Jnp.Array(new[] { new System.Numerics.Complex(1, 1) })));
    }

    [Fact]
    public void FromfunctionCallsTheFunctionOnCoordinates()
    {
        Values([0, 1, 2, 10, 11, 12], Jnp.Fromfunction((i, j) => i * 10 + j, (2, 3)), shape: [2, 3]);
        Ints([0, 1, 4], Jnp.Fromfunction(i => i * i, 3, DType.Int32), [3]);
        // Written for single elements: a Where on a scalar coordinate.
        var cube = Jnp.Fromfunction(c => Jnp.Where(Jnp.Equal(c[0], c[2]), c[1], -1), [2, 2, 2]);
        Values([0, -1, 1, -1, -1, 0, -1, 1], cube, shape: [2, 2, 2]);
        Values([0, 1, 2, 10, 11, 12], Jax.Jit((NDArray x) => x + Jnp.Fromfunction((i, j) => i * 10 + j, (2, 3)))(Jnp.Zeros([2, 3])));
        Assert.Throws<ShapeException>(() => Jnp.Fromfunction(c => c[0], [-1]));
        Values([], Jnp.Fromfunction((i, j) => i + j, (0, 3)), shape: [0, 3]);
    }

    [Fact]
    public void MaskIndicesOfATriangle()
    {
        var (rows, cols) = Jnp.MaskIndices(3, Jnp.Triu, 1);
        Ints([0, 0, 1], rows);
        Ints([1, 2, 2], cols);
        (rows, _) = Jnp.MaskIndices(3, Jnp.Tril, -1, size: 4);
        Ints([1, 2, 2, 0], rows);
        Ints([], Jnp.MaskIndices(0, Jnp.Triu).Rows, [0]);
        Assert.Throws<ArgumentException>(() => Jnp.MaskIndices(-1, Jnp.Triu));
        Assert.Throws<ShapeException>(() => Jnp.MaskIndices(2, (m, _) => Jnp.Sum(m)));
    }

    [Fact]
    public void UnstackUndoesStack()
    {
        var m = Jnp.Array(new[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var columns = Jnp.Unstack(m, axis: 1);
        Assert.Equal(3, columns.Length);
        Ints([2, 5], columns[1], [2]);
        Ints([4, 5, 6], Jnp.Unstack(m)[1], [3]);
        Assert.Empty(Jnp.Unstack(Jnp.Zeros([0, 2])));
        Ints([1, 2, 3, 4, 5, 6], Jnp.Stack(Jnp.Unstack(m, -1), 1), [2, 3]);
        Assert.Throws<ShapeException>(() => Jnp.Unstack(Jnp.Array(1f)));
        Assert.Throws<ShapeException>(() => Jnp.Unstack(m, 2));
    }

    [Fact]
    public void PropertiesAndResultType()
    {
        var m = Jnp.Zeros([2, 3], DType.Int32);
        Assert.Equal(2, Jnp.Ndim(m));
        Assert.Equal(new[] { 2, 3 }, Jnp.Shape(m));
        Assert.Equal(6, Jnp.Size(m));
        Assert.Equal(3, Jnp.Size(m, -1));
        Assert.True(Jnp.Isscalar(Jnp.Array(1f)));
        Assert.False(Jnp.Isscalar(F(1)));
        Assert.Equal(DType.Int32, Jnp.ResultType(m, 1));
        Assert.Equal(DType.Float32, Jnp.ResultType(m, 1.5));
        Assert.Equal(DType.Float32, Jnp.ResultType(m, F(1)));
        Assert.Equal(DType.UInt8, Jnp.ResultType(Jnp.Zeros([1], DType.UInt8), 3));
        Assert.Throws<ShapeException>(() => Jnp.Size(m, 2));
        Assert.Throws<ArgumentException>(() => Jnp.ResultType());
    }

    [Fact]
    public void FinfoIinfoAndIsdtype()
    {
        var f32 = Jnp.Finfo(DType.Float32);
        Assert.Equal((32, 1.1920928955078125e-07, 5.960464477539063e-08), (f32.Bits, f32.Eps, f32.Epsneg));
        Assert.Equal((3.4028234663852886e+38, -3.4028234663852886e+38, 1.1754943508222875e-38), (f32.Max, f32.Min, f32.Tiny));
        Assert.Equal((1.401298464324817e-45, 9.999999974752427e-07, 6), (f32.SmallestSubnormal, f32.Resolution, f32.Precision));
        var f16 = Jnp.Finfo(Jnp.Zeros([1], DType.Float16));
        Assert.Equal((0.0009765625, 65504.0, 6.103515625e-05, 5.960464477539063e-08, 0.0010004043579101562), (f16.Eps, f16.Max, f16.Tiny, f16.SmallestSubnormal, f16.Resolution));
        var bf16 = Jnp.Finfo(DType.BFloat16);
        Assert.Equal((0.0078125, 3.3895313892515355e+38, 9.183549615799121e-41, 0.010009765625), (bf16.Eps, bf16.Max, bf16.SmallestSubnormal, bf16.Resolution));
        Assert.Equal((2.220446049250313e-16, 5e-324, 1e-15), (Jnp.Finfo(DType.Float64).Eps, Jnp.Finfo(DType.Float64).SmallestSubnormal, Jnp.Finfo(DType.Float64).Resolution));
        // A complex type reports its parts' type.
        Assert.Equal(DType.Float32, Jnp.Finfo(DType.Complex64).DType);
        Assert.Equal(new IntTypeInfo(DType.UInt32, 32, 0, 4294967295), Jnp.Iinfo(DType.UInt32));
        Assert.Equal(((Int128)long.MinValue, 64), (Jnp.Iinfo(DType.Int64).Min, Jnp.Iinfo(DType.Int64).Bits));
        Assert.Equal((Int128)255, Jnp.Iinfo(Jnp.Zeros([1], DType.UInt8)).Max);
        Assert.Throws<ArgumentException>(() => Jnp.Finfo(DType.Int32));
        Assert.Throws<ArgumentException>(() => Jnp.Iinfo(DType.Float32));
        Assert.Throws<ArgumentException>(() => Jnp.Iinfo(DType.Bool));
        Assert.True(Jnp.Isdtype(DType.UInt8, "unsigned integer"));
        Assert.True(Jnp.Isdtype(DType.Int64, "integral"));
        Assert.False(Jnp.Isdtype(DType.Bool, "numeric"));
        Assert.True(Jnp.Isdtype(DType.Complex64, "real floating", "complex floating"));
        Assert.False(Jnp.Isdtype(DType.BFloat16, "complex floating"));
        Assert.Throws<ArgumentException>(() => Jnp.Isdtype(DType.Float32, "float"));
    }
}
