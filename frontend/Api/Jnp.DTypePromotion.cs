using JaxNet.Core;

namespace JaxNet;

/// <summary>
/// jnp's dtype functions on dtypes rather than arrays: promote_types and result_type on JAX's promotion lattice
/// (<see cref="TypePromotion"/>), can_cast with NumPy's casting rules, and issubdtype over NumPy's abstract classes.
/// They are static facts, so they serve under Jit as plain C# values.
/// </summary>
public static partial class Jnp
{
    /// <summary>
    /// The least upper bound of two dtypes on JAX's lattice (jnp.promote_types). Unlike <see cref="ResultType(DType,
    /// DType[])"/> it is not canonicalized: int32 and uint32 meet at int64 even with x64 off, as in JAX.
    /// </summary>
    public static DType PromoteTypes(DType a, DType b) => TypePromotion.Join(a, b);

    /// <summary>
    /// The dtype an operation on values of these dtypes gives (jnp.result_type of dtypes): their join on JAX's
    /// lattice, canonicalized for the x64 setting (float64 becomes float32 with x64 off).
    /// </summary>
    public static DType ResultType(DType first, params DType[] rest) =>
        TypePromotion.Canonicalize(rest.Aggregate(first, TypePromotion.Join));

    /// <summary>Whether a value of <paramref name="from"/> may be cast to <paramref name="to"/> under
    /// <paramref name="casting"/> (jnp.can_cast, NumPy's rules, with ml_dtypes' for bfloat16: exact from bool,
    /// uint8 and int8, exact into float32 and wider).</summary>
    public static bool CanCast(DType from, DType to, Casting casting = Casting.Safe) => casting switch
    {
        Casting.No or Casting.Equiv => from == to,
        Casting.Safe => SafeCast(from, to),
        Casting.SameKind => SafeCast(from, to) || KindRank(from) <= KindRank(to),
        Casting.Unsafe => true,
        _ => throw new ArgumentOutOfRangeException(nameof(casting), casting, "can_cast: unknown casting rule"),
    };

    /// <summary>Whether <paramref name="dtype"/> belongs to the abstract class (jnp.issubdtype(dtype, jnp.floating)).</summary>
    public static bool Issubdtype(DType dtype, DTypeClass parent) => Issubdtype(ClassOf(dtype), parent);

    /// <summary>Whether a key dtype belongs to the class: PRNGKey and Extended, as in
    /// <c>jnp.issubdtype(key.dtype, jax.dtypes.prng_key)</c>; no NumPy class (a key is not a number).</summary>
    public static bool Issubdtype(PRNGKeyDType dtype, DTypeClass parent) => Issubdtype(DTypeClass.PRNGKey, parent);

    /// <summary>Whether an abstract class lies under another (jnp.issubdtype(jnp.floating, jnp.inexact)).</summary>
    public static bool Issubdtype(DTypeClass child, DTypeClass parent)
    {
        for (DTypeClass? c = child; c is { } node; c = ParentOf(node))
            if (node == parent) return true;
        return false;
    }

    /// <summary>jnp.issubdtype of two concrete dtypes: each is a leaf of the hierarchy, so only itself.</summary>
    public static bool Issubdtype(DType dtype, DType other) => dtype == other;

    private static DTypeClass ClassOf(DType dtype) =>
        dtype == DType.Bool ? DTypeClass.Bool
        : dtype.IsSignedInteger() ? DTypeClass.SignedInteger
        : dtype.IsUnsignedInteger() ? DTypeClass.UnsignedInteger
        : dtype.IsFloat() ? DTypeClass.Floating
        : DTypeClass.ComplexFloating;

    private static DTypeClass? ParentOf(DTypeClass node) => node switch
    {
        DTypeClass.Generic or DTypeClass.Extended => null,
        DTypeClass.PRNGKey => DTypeClass.Extended,
        DTypeClass.Number or DTypeClass.Bool => DTypeClass.Generic,
        DTypeClass.Integer or DTypeClass.Inexact => DTypeClass.Number,
        DTypeClass.SignedInteger or DTypeClass.UnsignedInteger => DTypeClass.Integer,
        _ => DTypeClass.Inexact,
    };

    private static int KindRank(DType dtype) => ClassOf(dtype) switch
    {
        DTypeClass.Bool => 0,
        DTypeClass.UnsignedInteger => 1,
        DTypeClass.SignedInteger => 2,
        DTypeClass.Floating => 3,
        _ => 4,
    };

    // NumPy's value-preserving casts: integers widen within their signedness, unsigned into a wider signed type;
    // an integer goes into a float (or complex) at least twice its size, int64 into float64 by NumPy's decree;
    // floats widen (float16 and bfloat16 into neither other), into complex types whose parts hold them.
    private static bool SafeCast(DType from, DType to)
    {
        if (from == to || from == DType.Bool) return true;
        if (to == DType.Bool) return false;
        if (from.IsComplex()) return to.IsComplex() && to.SizeOf() >= from.SizeOf();
        if (to.IsComplex()) return SafeCast(from, to.RealPart());
        if (from.IsFloat()) return to.IsFloat() && to.SizeOf() > from.SizeOf();
        if (to.IsFloat()) return to.SizeOf() > from.SizeOf() || (from == DType.Int64 && to == DType.Float64);
        if (from.IsUnsignedInteger()) return to.IsUnsignedInteger() ? to.SizeOf() >= from.SizeOf() : to.SizeOf() > from.SizeOf();
        return to.IsSignedInteger() && to.SizeOf() >= from.SizeOf();
    }
}
