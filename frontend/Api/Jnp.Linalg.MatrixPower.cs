using static JaxNet.LinalgMatrices;

namespace JaxNet;

public static partial class Jnp
{
    public static partial class Linalg
    {
        /// <summary>
        /// numpy.linalg.matrix_power: each square matrix [..., n, n] raised to the integer power <paramref name="n"/>
        /// by repeated squaring (about 2 log₂ n products); the identity for n = 0, and powers of the inverse for n &lt; 0.
        /// Integers promote to the default float, as in JAX.
        /// </summary>
        /// <exception cref="ShapeException">a is not a (batch of) square matrix.</exception>
        public static NDArray MatrixPower(NDArray a, int n)
        {
            var x = PromoteInexact(a)[0];
            CheckMatrix("matrix_power", x);
            if (n == 0) return LinalgMatrices.Identity(x);
            if (n < 0) x = Jax.Scipy.Linalg.Inv(x);
            // The bits of |n| from the lowest: square the running power, multiply it in where a bit is set.
            var remaining = Math.Abs((long)n);
            NDArray? result = null;
            var power = x;
            while (true)
            {
                if ((remaining & 1) == 1) result = result is null ? power : Matmul(result, power);
                remaining >>= 1;
                if (remaining == 0) return result!;
                power = Matmul(power, power);
            }
        }
    }
}
