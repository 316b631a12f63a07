using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class ExampleLibraries
    {
        public static partial class Optimizers
        {
            /// <summary>A step size that does not change: <paramref name="stepSize"/> as a weakly typed scalar, so it
            /// keeps the parameters' dtype.</summary>
            public static Func<NDArray, NDArray> Constant(double stepSize) => _ => stepSize;

            /// <summary>exponential_decay: <c>stepSize · decayRate^(i / decaySteps)</c>.</summary>
            public static Func<NDArray, NDArray> ExponentialDecay(double stepSize, double decaySteps, double decayRate)
            {
                CheckDecaySteps("ExponentialDecay", decaySteps);
                return i => stepSize * Jnp.Power(decayRate, i / decaySteps);
            }

            /// <summary>
            /// inverse_time_decay: <c>stepSize / (1 + decayRate · i / decaySteps)</c>, or with <paramref name="staircase"/>
            /// <c>stepSize / (1 + decayRate · floor(i / decaySteps))</c>.
            /// </summary>
            public static Func<NDArray, NDArray> InverseTimeDecay(double stepSize, double decaySteps, double decayRate, bool staircase = false)
            {
                CheckDecaySteps("InverseTimeDecay", decaySteps);
                if (staircase) return i => stepSize / (1 + decayRate * Jnp.Floor(i / decaySteps));
                return i => stepSize / (1 + decayRate * i / decaySteps);
            }

            /// <summary>
            /// polynomial_decay: from <paramref name="stepSize"/> to <paramref name="finalStepSize"/> along
            /// <c>(1 − min(i, decaySteps) / decaySteps)^power</c>, then constant.
            /// </summary>
            public static Func<NDArray, NDArray> PolynomialDecay(double stepSize, int decaySteps, double finalStepSize, double power = 1.0)
            {
                CheckDecaySteps("PolynomialDecay", decaySteps);
                return i =>
                {
                    var multiplier = Jnp.Power(1 - Jnp.Minimum(i, decaySteps) / (double)decaySteps, power);
                    return multiplier * (stepSize - finalStepSize) + finalStepSize;
                };
            }

            /// <summary>
            /// piecewise_constant: <c>values[k]</c> where k is the number of <paramref name="boundaries"/> below the step,
            /// so <c>values[0]</c> up to and including the first boundary.
            /// </summary>
            /// <exception cref="ArgumentException"><paramref name="values"/> is not one longer than <paramref name="boundaries"/>.</exception>
            public static Func<NDArray, NDArray> PiecewiseConstant(double[] boundaries, double[] values)
            {
                ArgumentNullException.ThrowIfNull(boundaries);
                ArgumentNullException.ThrowIfNull(values);
                if (values.Length != boundaries.Length + 1)
                    throw new ArgumentException($"PiecewiseConstant: boundaries must be one shorter than values; got {boundaries.Length} boundaries " +
                        $"and {values.Length} values", nameof(values));
                var (b, v) = (Jnp.Array(boundaries), Jnp.Array(values));
                return i => Jnp.Take(v, Jnp.Sum(i > b));
            }

            /// <summary>The step size of <paramref name="schedule"/> at step <paramref name="i"/>, for updating
            /// <paramref name="x"/>: a scalar, in x's dtype when x is floating (JAX would promote float16 parameters to a
            /// float32 schedule's dtype; here they keep theirs).</summary>
            internal static NDArray StepSize(Func<NDArray, NDArray> schedule, NDArray i, NDArray x)
            {
                var size = schedule(i);
                if (size.Ndim != 0)
                    throw new ArgumentException($"Optimizers: a step-size schedule must return a scalar; it returned shape {Shapes.Format(size.Shape)}");
                return x.DType.IsFloat() && size.DType != x.DType ? size.Astype(x.DType) : size;
            }

            private static void CheckDecaySteps(string schedule, double decaySteps)
            {
                if (!(decaySteps > 0))
                    throw new ArgumentException($"{schedule}: decaySteps must be positive; got {decaySteps}", nameof(decaySteps));
            }
        }
    }
}
