using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>
/// gcd and lcm of integers, elementwise and broadcast. The greatest common divisor is Euclid's algorithm run on
/// all elements at once in a while loop (as JAX does), until every remainder is zero, so it traces under Jit and
/// batches under Vmap. Both results are non-negative; gcd(0, 0) = 0 and lcm(x, 0) = 0, as in NumPy.
/// </summary>
public static partial class Jnp
{
    public static NDArray Gcd(NDArray x, NDArray y)
    {
        var (a, b) = IntegerOperands(x, y, "gcd");
        var zero = ZerosLike(b);
        var result = Lax.WhileLoop(
            pair => Any(Lax.Ne(pair[1], ZerosLike(pair[1]))),
            pair =>
            {
                // (a, b) -> (b, a mod b) where b is nonzero; finished elements keep (gcd, 0).
                var nonzero = Lax.Ne(pair[1], zero);
                var divisor = Lax.Select(nonzero, pair[1], OnesLike(pair[1]));
                return [Lax.Select(nonzero, pair[1], pair[0]), Lax.Select(nonzero, Lax.Rem(pair[0], divisor), zero)];
            },
            [Abs(a), Abs(b)]);
        return result[0];
    }

    public static NDArray Lcm(NDArray x, NDArray y)
    {
        var (a, b) = IntegerOperands(x, y, "lcm");
        var d = Gcd(a, b);
        var isZero = Lax.Eq(d, ZerosLike(d));
        // |a * (b / d)|: dividing first keeps the product from overflowing when the lcm itself fits.
        return Lax.Select(isZero, ZerosLike(d), Abs(Lax.Mul(a, Lax.Div(b, Lax.Select(isZero, OnesLike(d), d)))));
    }

    private static (NDArray, NDArray) IntegerOperands(NDArray x, NDArray y, string op)
    {
        var p = Promote(x, y);
        if (!p[0].DType.IsInteger())
            throw new ArgumentException($"{op}: arguments must be integers, got {x.DType.NumpyName()} and {y.DType.NumpyName()}");
        var b = BroadcastArrays(p[0], p[1]);
        return (b[0], b[1]);
    }
}
