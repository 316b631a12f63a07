namespace JaxNet;

/// <summary>Which casts <see cref="Jnp.CanCast"/> allows (NumPy's <c>casting</c> argument).</summary>
public enum Casting
{
    /// <summary>None at all: the same dtype only.</summary>
    No,

    /// <summary>Byte-order changes only, which JaxNet's dtypes do not have: the same dtype only.</summary>
    Equiv,

    /// <summary>Casts that keep every value (NumPy's table: int64 to float64 counts as safe).</summary>
    Safe,

    /// <summary>Safe casts, or casts to a lower type of the same kind or of a higher kind (bool, unsigned, signed,
    /// float, complex), such as float64 to float32 or int64 to float16.</summary>
    SameKind,

    /// <summary>Any cast.</summary>
    Unsafe,
}
