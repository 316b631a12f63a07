using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Nn
    {
        /// <summary>
        /// A parameter initializer (jax.nn.initializers): a fresh array of <paramref name="shape"/> and
        /// <paramref name="dtype"/> (default float32, float64 with x64) drawn with <paramref name="key"/> (raw or typed).
        /// </summary>
        public delegate NDArray Initializer(KeyArrayLike key, int[] shape, DType? dtype = null);

        /// <summary>Which fan <see cref="Initializers.VarianceScaling"/> divides the scale by.</summary>
        public enum FanMode { FanIn, FanOut, FanAvg, FanGeoAvg }

        /// <summary>The distribution <see cref="Initializers.VarianceScaling"/> draws from.</summary>
        public enum Distribution { TruncatedNormal, Normal, Uniform }

        /// <summary>jax.nn.initializers: factories of <see cref="Initializer"/>s with JAX's semantics and bits.</summary>
        public static partial class Initializers
        {
            /// <summary>Standard deviation of a standard normal truncated to (-2, 2).</summary>
            private const double TruncatedStdDev = .87962566103423978;

            /// <summary>
            /// jax.nn.initializers.variance_scaling: samples with variance <c>scale / n</c>, n the fan chosen by
            /// <paramref name="mode"/>. Fans come from the weight shape: the sizes of <paramref name="inAxis"/> and
            /// <paramref name="outAxis"/> times the receptive field (the product of the other dimensions, as for
            /// convolution kernels). A truncated normal is cut at two standard deviations and rescaled to keep the
            /// variance; a uniform is drawn from [-sqrt(3 variance), sqrt(3 variance)).
            /// </summary>
            public static Initializer VarianceScaling(double scale, FanMode mode, Distribution distribution, int inAxis = -2, int outAxis = -1) =>
                (key, shape, dtype) =>
                {
                    var d = dtype ?? TypePromotion.DefaultFloat;
                    if (!d.IsFloat()) throw new ArgumentException($"Initializers: dtype must be a float type, got {d}");
                    var (fanIn, fanOut) = Fans(shape, inAxis, outAxis);
                    var denominator = mode switch
                    {
                        FanMode.FanIn => fanIn,
                        FanMode.FanOut => fanOut,
                        FanMode.FanAvg => (fanIn + fanOut) / 2,
                        _ => Math.Sqrt(fanIn * fanOut),
                    };
                    // JAX computes the variance and the factors below in the weights' dtype.
                    var variance = Round(scale / denominator, d);
                    return distribution switch
                    {
                        Distribution.TruncatedNormal =>
                            Random.TruncatedNormal(key, -2, 2, shape, d) * Constant(Round(Math.Sqrt(variance), d) / Round(TruncatedStdDev, d), d),
                        Distribution.Normal => Random.Normal(key, shape, d) * Constant(Math.Sqrt(variance), d),
                        _ => Random.Uniform(key, shape, d, minval: -1) * Constant(Math.Sqrt(Round(3 * variance, d)), d),
                    };
                };

            /// <summary>Glorot (Xavier) uniform: variance 1 / fan_avg.</summary>
            public static Initializer GlorotUniform(int inAxis = -2, int outAxis = -1) => VarianceScaling(1, FanMode.FanAvg, Distribution.Uniform, inAxis, outAxis);

            /// <summary>Glorot (Xavier) normal: truncated normal of variance 1 / fan_avg.</summary>
            public static Initializer GlorotNormal(int inAxis = -2, int outAxis = -1) => VarianceScaling(1, FanMode.FanAvg, Distribution.TruncatedNormal, inAxis, outAxis);

            /// <summary>He (Kaiming) uniform: variance 2 / fan_in.</summary>
            public static Initializer HeUniform(int inAxis = -2, int outAxis = -1) => VarianceScaling(2, FanMode.FanIn, Distribution.Uniform, inAxis, outAxis);

            /// <summary>He (Kaiming) normal: truncated normal of variance 2 / fan_in.</summary>
            public static Initializer HeNormal(int inAxis = -2, int outAxis = -1) => VarianceScaling(2, FanMode.FanIn, Distribution.TruncatedNormal, inAxis, outAxis);

            /// <summary>LeCun uniform: variance 1 / fan_in.</summary>
            public static Initializer LecunUniform(int inAxis = -2, int outAxis = -1) => VarianceScaling(1, FanMode.FanIn, Distribution.Uniform, inAxis, outAxis);

            /// <summary>LeCun normal: truncated normal of variance 1 / fan_in.</summary>
            public static Initializer LecunNormal(int inAxis = -2, int outAxis = -1) => VarianceScaling(1, FanMode.FanIn, Distribution.TruncatedNormal, inAxis, outAxis);

            /// <summary>Normal values of standard deviation <paramref name="stddev"/> (jax.nn.initializers.normal).</summary>
            public static Initializer Normal(double stddev = 1e-2) =>
                (key, shape, dtype) => Random.Normal(key, shape, dtype) * Constant(stddev, dtype ?? TypePromotion.DefaultFloat);

            /// <summary>Uniform values in [0, scale) (jax.nn.initializers.uniform).</summary>
            public static Initializer Uniform(double scale = 1e-2) =>
                (key, shape, dtype) => Random.Uniform(key, shape, dtype, maxval: Constant(scale, dtype ?? TypePromotion.DefaultFloat));

            /// <summary>Zeros (jax.nn.initializers.zeros); the key is unused.</summary>
            public static Initializer Zeros() => (_, shape, dtype) => Jnp.Zeros(shape, dtype ?? TypePromotion.DefaultFloat);

            /// <summary>Ones (jax.nn.initializers.ones); the key is unused.</summary>
            public static Initializer Ones() => (_, shape, dtype) => Jnp.Ones(shape, dtype ?? TypePromotion.DefaultFloat);

            private static (double FanIn, double FanOut) Fans(int[] shape, int inAxis, int outAxis)
            {
                if (shape.Length < 2)
                    throw new ArgumentException($"Initializers: can't compute input and output sizes of a {shape.Length}-dimensional weights tensor; it must be at least 2-D");
                var inSize = (double)shape[Shapes.Axis(inAxis, shape.Length, "initializer")];
                var outSize = (double)shape[Shapes.Axis(outAxis, shape.Length, "initializer")];
                var receptiveField = Shapes.Size(shape) / inSize / outSize;
                return (inSize * receptiveField, outSize * receptiveField);
            }

            /// <summary>The value rounded to <paramref name="dtype"/>, as the dtype's arithmetic would leave it.</summary>
            private static double Round(double value, DType dtype) => Scalar.Of(DType.Float64, value).Convert(dtype).Value;

            private static NDArray Constant(double value, DType dtype) => NDArray.FromScalar(Scalar.Of(DType.Float64, value).Convert(dtype), weak: false);
        }
    }
}
