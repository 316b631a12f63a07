namespace JaxNet.Tests.Api;

/// <summary>
/// jnp.promote_types, result_type, can_cast and issubdtype against the values JAX and NumPy document: JAX's type
/// promotion table (docs/type_promotion) for the dtypes JaxNet has, NumPy's casting tables (ml_dtypes' for bfloat16)
/// and NumPy's scalar-class hierarchy.
/// </summary>
public class JnpDTypePromotionTests
{
    private static readonly DType[] Order =
        [DType.Bool, DType.UInt8, DType.UInt32, DType.Int32, DType.Int64, DType.BFloat16, DType.Float16, DType.Float32, DType.Float64, DType.Complex64, DType.Complex128];

    // JAX's promotion table (jnp.promote_types, which does not canonicalize), rows and columns in Order.
    private static readonly string[] PromotionTable =
    [
        "b1   u8   u32  i32  i64  bf16 f16  f32  f64  c64  c128",
        "u8   u8   u32  i32  i64  bf16 f16  f32  f64  c64  c128",
        "u32  u32  u32  i64  i64  bf16 f16  f32  f64  c64  c128",
        "i32  i32  i64  i32  i64  bf16 f16  f32  f64  c64  c128",
        "i64  i64  i64  i64  i64  bf16 f16  f32  f64  c64  c128",
        "bf16 bf16 bf16 bf16 bf16 bf16 f32  f32  f64  c64  c128",
        "f16  f16  f16  f16  f16  f32  f16  f32  f64  c64  c128",
        "f32  f32  f32  f32  f32  f32  f32  f32  f64  c64  c128",
        "f64  f64  f64  f64  f64  f64  f64  f64  f64  c128 c128",
        "c64  c64  c64  c64  c64  c64  c64  c64  c128 c64  c128",
        "c128 c128 c128 c128 c128 c128 c128 c128 c128 c128 c128",
    ];

    private static DType Parse(string name) => name == "b1" ? DType.Bool : DTypeInfo.Parse(name);

    [Fact]
    public void PromoteTypesFollowsJaxsTable()
    {
        for (var i = 0; i < Order.Length; i++)
        {
            var row = PromotionTable[i].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Parse).ToArray();
            for (var j = 0; j < Order.Length; j++)
                Assert.True(row[j] == Jnp.PromoteTypes(Order[i], Order[j]),
                    $"promote_types({Order[i]}, {Order[j]}) = {Jnp.PromoteTypes(Order[i], Order[j])}, JAX's table says {row[j]}");
        }
    }

    [Fact]
    public void ResultTypeCanonicalizesWithX64Off()
    {
        // The lattice puts int32 and uint32 at int64, which result_type narrows to int32 without x64.
        Assert.Equal(DType.Int64, Jnp.PromoteTypes(DType.Int32, DType.UInt32));
        Assert.Equal(DType.Int32, Jnp.ResultType(DType.Int32, DType.UInt32));
        Assert.Equal(DType.Float32, Jnp.ResultType(DType.Float64));
        Assert.Equal(DType.Complex64, Jnp.ResultType(DType.Float64, DType.Complex64));
        Assert.Equal(DType.Float32, Jnp.ResultType(DType.BFloat16, DType.Float16, DType.UInt8));
        Assert.Equal(DType.Bool, Jnp.ResultType(DType.Bool));
        // The dtype form agrees with the array form on strong arrays.
        Assert.Equal(Jnp.ResultType(Jnp.Zeros([1], DType.UInt8), Jnp.Zeros([2], DType.Float16)), Jnp.ResultType(DType.UInt8, DType.Float16));
    }

    // NumPy's can_cast(from, to, 'safe') for the dtypes JaxNet has; bfloat16's rows and columns are ml_dtypes'.
    [Theory]
    [InlineData(DType.Bool, DType.UInt8, true)]
    [InlineData(DType.Bool, DType.BFloat16, true)]
    [InlineData(DType.UInt8, DType.Bool, false)]
    [InlineData(DType.UInt8, DType.Int32, true)]
    [InlineData(DType.UInt8, DType.Float16, true)]
    [InlineData(DType.UInt8, DType.BFloat16, true)]
    [InlineData(DType.UInt8, DType.Complex64, true)]
    [InlineData(DType.UInt32, DType.Int32, false)]
    [InlineData(DType.UInt32, DType.Int64, true)]
    [InlineData(DType.UInt32, DType.Float32, false)]
    [InlineData(DType.UInt32, DType.Float64, true)]
    [InlineData(DType.UInt32, DType.Complex64, false)]
    [InlineData(DType.UInt32, DType.Complex128, true)]
    [InlineData(DType.Int32, DType.UInt32, false)]
    [InlineData(DType.Int32, DType.Int64, true)]
    [InlineData(DType.Int32, DType.Float16, false)]
    [InlineData(DType.Int32, DType.BFloat16, false)]
    [InlineData(DType.Int32, DType.Float32, false)]
    [InlineData(DType.Int32, DType.Float64, true)]
    [InlineData(DType.Int64, DType.Int32, false)]
    [InlineData(DType.Int64, DType.Float64, true)]
    [InlineData(DType.Int64, DType.Complex128, true)]
    [InlineData(DType.Float16, DType.BFloat16, false)]
    [InlineData(DType.BFloat16, DType.Float16, false)]
    [InlineData(DType.BFloat16, DType.Float32, true)]
    [InlineData(DType.BFloat16, DType.Complex64, true)]
    [InlineData(DType.Float16, DType.Float32, true)]
    [InlineData(DType.Float32, DType.Float16, false)]
    [InlineData(DType.Float32, DType.Complex64, true)]
    [InlineData(DType.Float64, DType.Complex64, false)]
    [InlineData(DType.Float64, DType.Complex128, true)]
    [InlineData(DType.Complex64, DType.Float64, false)]
    [InlineData(DType.Complex64, DType.Complex128, true)]
    [InlineData(DType.Complex128, DType.Complex64, false)]
    public void SafeCastsKeepEveryValue(DType from, DType to, bool expected)
    {
        Assert.Equal(expected, Jnp.CanCast(from, to));
        Assert.Equal(expected, Jnp.CanCast(from, to, Casting.Safe));
    }

    // NumPy's 'same_kind': safe casts, or down within a kind, or up the order bool < unsigned < signed < float < complex.
    [Theory]
    [InlineData(DType.Float64, DType.Float32, true)]
    [InlineData(DType.Float64, DType.Float16, true)]
    [InlineData(DType.Int64, DType.Int32, true)]
    [InlineData(DType.UInt32, DType.UInt8, true)]
    [InlineData(DType.UInt32, DType.Int32, true)]
    [InlineData(DType.Int64, DType.Float16, true)]
    [InlineData(DType.Complex128, DType.Complex64, true)]
    [InlineData(DType.Int32, DType.UInt8, false)]
    [InlineData(DType.Float32, DType.Int32, false)]
    [InlineData(DType.Complex64, DType.Float64, false)]
    [InlineData(DType.Int32, DType.Bool, false)]
    [InlineData(DType.Bool, DType.Float16, true)]
    public void SameKindCastsStayWithinOrAboveTheKind(DType from, DType to, bool expected) =>
        Assert.Equal(expected, Jnp.CanCast(from, to, Casting.SameKind));

    [Fact]
    public void NoAndUnsafeAreTheExtremes()
    {
        foreach (var from in Order)
            foreach (var to in Order)
            {
                Assert.Equal(from == to, Jnp.CanCast(from, to, Casting.No));
                Assert.Equal(from == to, Jnp.CanCast(from, to, Casting.Equiv));
                Assert.True(Jnp.CanCast(from, to, Casting.Unsafe));
                // Each rule allows at least what the stricter one does.
                if (Jnp.CanCast(from, to, Casting.Safe)) Assert.True(Jnp.CanCast(from, to, Casting.SameKind), $"{from} -> {to}");
            }
        Assert.Throws<ArgumentOutOfRangeException>(() => Jnp.CanCast(DType.Int32, DType.Int32, (Casting)42));
    }

    [Fact]
    public void SafeCastsNeverGoAgainstPromotion()
    {
        // A safe cast from a to b means b already holds a's values, so the lattice joins them at b.
        foreach (var from in Order)
            foreach (var to in Order)
                if (Jnp.CanCast(from, to))
                    Assert.True(Jnp.PromoteTypes(from, to) == to, $"{from} casts safely to {to} but they promote to {Jnp.PromoteTypes(from, to)}");
    }

    [Theory]
    [InlineData(DType.Bool, DTypeClass.Bool, true)]
    [InlineData(DType.Bool, DTypeClass.Generic, true)]
    [InlineData(DType.Bool, DTypeClass.Number, false)]
    [InlineData(DType.Bool, DTypeClass.Integer, false)]
    [InlineData(DType.UInt8, DTypeClass.UnsignedInteger, true)]
    [InlineData(DType.UInt8, DTypeClass.SignedInteger, false)]
    [InlineData(DType.UInt32, DTypeClass.Integer, true)]
    [InlineData(DType.Int32, DTypeClass.SignedInteger, true)]
    [InlineData(DType.Int64, DTypeClass.Number, true)]
    [InlineData(DType.Int64, DTypeClass.Inexact, false)]
    [InlineData(DType.BFloat16, DTypeClass.Floating, true)]
    [InlineData(DType.Float16, DTypeClass.Inexact, true)]
    [InlineData(DType.Float64, DTypeClass.ComplexFloating, false)]
    [InlineData(DType.Float32, DTypeClass.Integer, false)]
    [InlineData(DType.Complex64, DTypeClass.ComplexFloating, true)]
    [InlineData(DType.Complex128, DTypeClass.Inexact, true)]
    [InlineData(DType.Complex128, DTypeClass.Floating, false)]
    [InlineData(DType.Complex64, DTypeClass.Generic, true)]
    public void IssubdtypeFollowsNumpysHierarchy(DType dtype, DTypeClass parent, bool expected) =>
        Assert.Equal(expected, Jnp.Issubdtype(dtype, parent));

    [Fact]
    public void AbstractClassesNestAndConcreteTypesAreLeaves()
    {
        Assert.True(Jnp.Issubdtype(DTypeClass.Floating, DTypeClass.Inexact));
        Assert.True(Jnp.Issubdtype(DTypeClass.SignedInteger, DTypeClass.Number));
        Assert.True(Jnp.Issubdtype(DTypeClass.Number, DTypeClass.Number));
        Assert.False(Jnp.Issubdtype(DTypeClass.Inexact, DTypeClass.Floating));
        Assert.False(Jnp.Issubdtype(DTypeClass.Integer, DTypeClass.Inexact));
        Assert.False(Jnp.Issubdtype(DTypeClass.Generic, DTypeClass.Number));
        Assert.True(Jnp.Issubdtype(DType.Float32, DType.Float32));
        Assert.False(Jnp.Issubdtype(DType.Float32, DType.Float64));
        // Every dtype has exactly one leaf class, and isdtype's kinds agree with it.
        foreach (var d in Order)
        {
            Assert.Equal(Jnp.Isdtype(d, "real floating"), Jnp.Issubdtype(d, DTypeClass.Floating));
            Assert.Equal(Jnp.Isdtype(d, "integral"), Jnp.Issubdtype(d, DTypeClass.Integer));
            Assert.Equal(Jnp.Isdtype(d, "numeric"), Jnp.Issubdtype(d, DTypeClass.Number));
            Assert.True(Jnp.Issubdtype(d, DTypeClass.Generic));
        }
    }
}
