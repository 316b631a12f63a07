using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Primitives;

/// <summary>
/// The binary functions lax.reduce hands to a dedicated reduction (JAX's <c>_get_monoid_reducer</c>): recognised by
/// the method itself, as JAX compares the function, and only with the monoid's identity as a concrete init value.
/// </summary>
internal static class ReduceMonoids
{
    private enum Monoid { Sum, Prod, Max, Min, And, Or, Xor }

    private static readonly (Func<NDArray, NDArray, NDArray> F, Monoid Op)[] Known =
    [
        (Lax.Add, Monoid.Sum), (Jnp.Add, Monoid.Sum), (Lax.Mul, Monoid.Prod), (Jnp.Multiply, Monoid.Prod),
        (Lax.Max, Monoid.Max), (Jnp.Maximum, Monoid.Max), (Lax.Min, Monoid.Min), (Jnp.Minimum, Monoid.Min),
        (Lax.BitwiseAnd, Monoid.And), (Jnp.BitwiseAnd, Monoid.And), (Lax.BitwiseOr, Monoid.Or), (Jnp.BitwiseOr, Monoid.Or),
        (Lax.BitwiseXor, Monoid.Xor), (Jnp.BitwiseXor, Monoid.Xor),
    ];

    /// <summary>The dedicated reduction for <paramref name="computation"/> with <paramref name="init"/>, or null.</summary>
    public static Func<NDArray, int[], NDArray>? Reducer(Func<NDArray, NDArray, NDArray> computation, NDArray init)
    {
        if (computation.Target is not null) return null;
        var known = Known.Where(k => k.F.Method == computation.Method).Select(k => (Monoid?)k.Op).FirstOrDefault();
        if (known is not { } monoid || init.Ndim != 0) return null;
        var value = init.LiteralValue ?? (init.IsConcrete ? init.ToScalars()[0] : (Scalar?)null);
        if (value is not { } s) return null;
        var dtype = s.DType;
        var intLike = dtype == DType.Bool || dtype.IsInteger();
        // The dedicated reductions refuse these dtypes; the general reduce serves them, as JAX's reduce would.
        if (dtype.IsComplex() || (monoid is Monoid.Sum or Monoid.Prod or Monoid.Max or Monoid.Min && dtype == DType.Bool)) return null;
        bool Is(double identity) => s.AsDouble == identity;
        return monoid switch
        {
            Monoid.Sum when Is(0) => Lax.ReduceSum,
            Monoid.Prod when Is(1) => Lax.ReduceProd,
            Monoid.Max when (dtype.IsFloat() ? Is(double.NegativeInfinity) : s.Bits == Jnp.Iinfo(dtype).Min) => Lax.ReduceMax,
            Monoid.Min when (dtype.IsFloat() ? Is(double.PositiveInfinity) : s.Bits == Jnp.Iinfo(dtype).Max) => Lax.ReduceMin,
            Monoid.And when intLike && (dtype == DType.Bool ? Is(1) : s.Bits == (dtype.IsSignedInteger() ? -1 : Jnp.Iinfo(dtype).Max)) => Lax.ReduceAnd,
            Monoid.Or when intLike && Is(0) => Lax.ReduceOr,
            Monoid.Xor when intLike && Is(0) => Lax.ReduceXor,
            _ => null,
        };
    }
}
