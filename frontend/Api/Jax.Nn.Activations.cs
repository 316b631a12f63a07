using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    /// <summary>jax.nn's further activations, with JAX's formulas (and so its derivatives at the kinks).</summary>
    public static partial class Nn
    {
        /// <summary>max(x, 0) + alpha * expm1(min(x, 0) / alpha).</summary>
        public static NDArray Celu(NDArray x, double alpha = 1.0) =>
            Jnp.Maximum(x, 0.0) + alpha * Jnp.Expm1(Jnp.Minimum(x, 0.0) / alpha);

        /// <summary>The scaled ELU: scale * elu(x, alpha) with the self-normalising constants.</summary>
        public static NDArray Selu(NDArray x) => 1.0507009873554804934193349852946 * Elu(x, 1.6732632423543772848170429916717);

        /// <summary>The gated linear unit: the first half of x along an axis times the sigmoid of the second.</summary>
        public static NDArray Glu(NDArray x, int axis = -1)
        {
            var a = Shapes.Axis(axis, x.Ndim, "glu");
            if (x.Aval.Shape[a] % 2 != 0)
                throw new ShapeException($"glu: the size of axis {axis} must be even, got shape {Shapes.Format(x.Aval.Shape)}");
            var halves = Jnp.Split(x, 2, a);
            return halves[0] * Sigmoid(halves[1]);
        }

        /// <summary>x clamped to [-1, 1] (derivative 1 inside and at the ends, 0 outside).</summary>
        public static NDArray HardTanh(NDArray x) => Jnp.Where(Jnp.Greater(x, 1), 1, Jnp.Where(Jnp.Less(x, -1), -1, x));

        /// <summary>relu6(x + 3) / 6.</summary>
        public static NDArray HardSigmoid(NDArray x) => Relu6(x + 3.0) / 6.0;

        /// <summary>x * hard_sigmoid(x).</summary>
        public static NDArray HardSilu(NDArray x) => x * HardSigmoid(x);

        public static NDArray HardSwish(NDArray x) => HardSilu(x);

        public static NDArray Swish(NDArray x) => Silu(x);

        /// <summary>x * tanh(softplus(x)).</summary>
        public static NDArray Mish(NDArray x) => x * Jnp.Tanh(Softplus(x));

        /// <summary>x / (|x| + 1).</summary>
        public static NDArray SoftSign(NDArray x) => x / (Jnp.Abs(x) + 1);

        /// <summary>(x + sqrt(x^2 + b)) / 2.</summary>
        public static NDArray Squareplus(NDArray x, double b = 4) => (x + Jnp.Sqrt(Jnp.Square(x) + b)) / 2;

        /// <summary>0 for x &lt;= -1, x for x &gt;= 1, (x + 1)^2 / 4 between.</summary>
        public static NDArray SparsePlus(NDArray x) =>
            Jnp.Where(Jnp.LessEqual(x, -1.0), 0.0, Jnp.Where(Jnp.GreaterEqual(x, 1.0), x, Jnp.Square(x + 1.0) / 4));

        /// <summary>0.5 * clip(x + 1, 0, 2): 0 for x &lt;= -1, 1 for x &gt;= 1, linear between (the derivative of
        /// SparsePlus).</summary>
        public static NDArray SparseSigmoid(NDArray x) => 0.5 * Jnp.Clip(x + 1.0, 0.0, 2.0);

        /// <summary>The argument unchanged.</summary>
        public static NDArray Identity(NDArray x) => x;

        /// <summary>log(1 - exp(-x)) for x &gt;= 0, stable on both sides of log 2 (Mächler's split); its derivative is
        /// 1 / expm1(x), as JAX defines it, so the branch not taken cannot leak a NaN into the gradient.</summary>
        public static NDArray Log1mexp(NDArray x) => Log1mexpWithRule(Jnp.PromoteInexact(x)[0]);

        private static readonly Func<NDArray, NDArray> Log1mexpWithRule = CustomJvp(Log1mexpValue, (x, t) => (Log1mexpValue(x), t / Jnp.Expm1(x)));

        private static NDArray Log1mexpValue(NDArray x) =>
            Jnp.Where(Jnp.Less(x, Math.Log(2)), Jnp.Log(-Jnp.Expm1(-x)), Jnp.Log1p(-Jnp.Exp(-x)));

        /// <summary>
        /// (x - mean) / sqrt(variance + epsilon) over the axes, with JAX's "fast" variance mean(x^2) - mean^2 (clipped
        /// at 0) unless <paramref name="variance"/> is given; <paramref name="mean"/> likewise.
        /// </summary>
        public static NDArray Standardize(NDArray x, int[] axes, NDArray? mean = null, NDArray? variance = null, double epsilon = 1e-5)
        {
            x = Jnp.PromoteInexact(x)[0];
            mean ??= Jnp.Mean(x, axes, keepdims: true);
            variance ??= Jnp.Maximum(Jnp.Mean(Jnp.Square(x), axes, keepdims: true) - Jnp.Square(mean), 0);
            return (x - mean) * Lax.Rsqrt(Jnp.PromoteInexact(variance + epsilon)[0]);
        }

        public static NDArray Standardize(NDArray x, int axis = -1, NDArray? mean = null, NDArray? variance = null, double epsilon = 1e-5) =>
            Standardize(x, [axis], mean, variance, epsilon);
    }
}
