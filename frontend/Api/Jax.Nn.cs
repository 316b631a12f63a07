using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    /// <summary>jax.nn: activations and normalisations built from jnp.</summary>
    public static partial class Nn
    {
        /// <summary>max(x, 0). Its derivative at 0 is 0, as in JAX (a custom JVP): max's own rule would split the
        /// tie and give 1/2.</summary>
        public static NDArray Relu(NDArray x) => ReluWithRule(x);

        // The derivative's mask reads the output, not x (relu(x) > 0 exactly where x > 0, and both are false for NaN):
        // then a backward pass keeps only relu(x), and a layer's contraction can compute max(xW + b, 0) in its
        // epilogue instead of storing xW + b for the mask and running relu as a second pass over it.
        private static readonly Func<NDArray, NDArray> ReluWithRule = CustomJvp(x => Jnp.Maximum(x, 0), (x, t) =>
        {
            var y = Jnp.Maximum(x, 0);
            return (y, Jnp.Where(Jnp.Greater(y, 0), t, 0));
        });

        /// <summary>min(max(x, 0), 6), whose derivative is 1 strictly between 0 and 6 and 0 elsewhere, as in JAX.</summary>
        public static NDArray Relu6(NDArray x) => Relu6WithRule(x);

        private static readonly Func<NDArray, NDArray> Relu6WithRule = CustomJvp(x => Jnp.Minimum(Jnp.Maximum(x, 0), 6),
            (x, t) => (Jnp.Minimum(Jnp.Maximum(x, 0), 6), Jnp.Where(Jnp.Greater(x, 0) & Jnp.Less(x, 6), t, 0)));

        /// <summary>x where x &gt;= 0, else negativeSlope * x.</summary>
        public static NDArray LeakyRelu(NDArray x, double negativeSlope = 0.01) => Jnp.Where(Jnp.GreaterEqual(x, 0), x, negativeSlope * x);

        /// <summary>x where x &gt; 0, else alpha * (exp(x) - 1) (the exponential evaluated only on the safe side).</summary>
        public static NDArray Elu(NDArray x, double alpha = 1.0)
        {
            x = Jnp.PromoteInexact(x)[0];
            var positive = Jnp.Greater(x, 0);
            return Jnp.Where(positive, x, alpha * Jnp.Expm1(Jnp.Where(positive, 0, x)));
        }

        /// <summary>log(sigmoid(x)) = -softplus(-x), stable for large |x|.</summary>
        public static NDArray LogSigmoid(NDArray x) => -Softplus(-Jnp.PromoteInexact(x)[0]);

        /// <summary>1 / (1 + e^-x); complex x too, as JAX's lax.logistic (the logistic primitive here is real).</summary>
        public static NDArray Sigmoid(NDArray x) => x.DType.IsComplex() ? 1.0 / (1.0 + Jnp.Exp(-x)) : Lax.Logistic(Jnp.PromoteInexact(x)[0]);

        /// <summary>log(1 + exp(x)), stable for large |x|.</summary>
        public static NDArray Softplus(NDArray x) => Jnp.Logaddexp(x, 0);

        public static NDArray Silu(NDArray x) => x * Sigmoid(x);

        public static NDArray Tanh(NDArray x) => Jnp.Tanh(x);

        /// <summary>GELU; the tanh approximation by default, as jax.nn.gelu.</summary>
        public static NDArray Gelu(NDArray x, bool approximate = true)
        {
            x = Jnp.PromoteInexact(x)[0];
            if (approximate)
                return 0.5f * x * (1f + Jnp.Tanh(Math.Sqrt(2 / Math.PI) * (x + 0.044715f * x * x * x)));
            return 0.5f * x * (1f + Lax.Erf(x / Math.Sqrt(2)));
        }

        /// <summary>log(sum(exp(x))) along an axis, shifted by the maximum for stability. The shift cancels, so, as in
        /// JAX, it is a constant to differentiation: no max (tie counting) in the gradient.</summary>
        public static NDArray Logsumexp(NDArray x, int axis = -1, bool keepdims = false)
        {
            x = Jnp.PromoteInexact(x)[0];
            var m = Jnp.Max(x, axis, keepdims: true);
            var finite = Lax.StopGradient(Jnp.Where(Jnp.IsFinite(m), m, 0));
            var sum = Jnp.Sum(Jnp.Exp(x - finite), axis, keepdims: true);
            var result = Jnp.Log(sum) + finite;
            return keepdims ? result : Jnp.Squeeze(result, axis);
        }

        /// <summary>log(mean(exp(x))) along an axis: logsumexp minus the log of the count.</summary>
        public static NDArray Logmeanexp(NDArray x, int axis = -1, bool keepdims = false)
        {
            var count = x.Aval.Shape[Shapes.Axis(axis, x.Ndim, "logmeanexp")];
            return Logsumexp(x, axis, keepdims) - Math.Log(count);
        }

        /// <summary>x minus logsumexp(x) along an axis; the stabilising shift is a constant to differentiation, as in
        /// Logsumexp.</summary>
        public static NDArray LogSoftmax(NDArray x, int axis = -1)
        {
            x = Jnp.PromoteInexact(x)[0];
            var shifted = x - Lax.StopGradient(Jnp.Max(x, axis, keepdims: true));
            return shifted - Jnp.Log(Jnp.Sum(Jnp.Exp(shifted), axis, keepdims: true));
        }

        /// <summary>exp(x) normalised along an axis; the stabilising shift is a constant to differentiation, as in
        /// Logsumexp.</summary>
        public static NDArray Softmax(NDArray x, int axis = -1)
        {
            x = Jnp.PromoteInexact(x)[0];
            var e = Jnp.Exp(x - Lax.StopGradient(Jnp.Max(x, axis, keepdims: true)));
            return e / Jnp.Sum(e, axis, keepdims: true);
        }

        /// <summary>One-hot encoding of integer labels along a new axis (the last by default; negative counts
        /// from the end of the result). Labels outside [0, numClasses) give rows of zeros.</summary>
        public static NDArray OneHot(NDArray labels, int numClasses, DType dtype = DType.Float32, int axis = -1)
        {
            if (numClasses < 0) throw new ArgumentException($"one_hot: numClasses must be non-negative, got {numClasses}", nameof(numClasses));
            var a = Shapes.Axis(axis, labels.Ndim + 1, "one_hot");
            var shape = labels.Shape.ToList();
            shape.Insert(a, numClasses);
            var classes = Lax.BroadcastedIota(labels.DType.IsInteger() ? labels.DType : DType.Int32, shape.ToArray(), a);
            var expanded = Lax.ExpandDims(labels, [a]);
            return Lax.ConvertElementType(Jnp.Equal(expanded, classes), dtype);
        }
    }
}
