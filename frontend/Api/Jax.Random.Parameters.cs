using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Random
    {
        /// <summary>A traceable sampler body: the key, the distribution's parameters, and the static choices.</summary>
        private delegate NDArray SamplerBody(NDArray key, NDArray[] parameters, int[] shape, DType dtype, KeyScheme scheme);

        /// <summary>
        /// Runs a sampler the way every one in this family does: resolves the shape against the parameters and
        /// compiles one program per static signature (the caller's name, <paramref name="statics"/> for any other
        /// static argument the body captures, the shape, the dtype, the key's scheme, and x64, which decides the
        /// dtype of the uniforms some samplers draw internally).
        /// </summary>
        private static NDArray Sample(string caller, KeyArrayLike key, int[]? shape, DType dtype, NDArray[] parameters, SamplerBody body,
            string statics = "")
        {
            var s = SampleShape(caller, shape, parameters);
            var p = KeyScheme.Of(key);
            return Compiled($"{caller}{statics}{Shapes.Format(s)}{dtype}{Scheme(p)}|{TypePromotion.DefaultFloat}", a => body(a[0], a[1..], s, dtype, p), [key, .. parameters]);
        }

        /// <summary><see cref="Sample"/> of a float-valued distribution: dtype defaults to float32 (float64 under x64).</summary>
        private static NDArray SampleFloat(string caller, KeyArrayLike key, int[]? shape, DType? dtype, NDArray[] parameters, SamplerBody body,
            string statics = "") =>
            Sample(caller, key, shape, FloatDType(caller, dtype), parameters, body, statics);

        /// <summary>
        /// The shape of a sample, as JAX's _check_shape decides it: <paramref name="shape"/> when given, which must
        /// already be the broadcast of itself with every parameter's shape; otherwise the parameters' broadcast shape.
        /// </summary>
        private static int[] SampleShape(string caller, int[]? shape, params NDArray[] parameters) =>
            SampleShape(caller, shape, parameters.Select(x => x.Aval.Shape).ToArray());

        private static int[] SampleShape(string caller, int[]? shape, int[][] parameterShapes)
        {
            if (shape is not null && shape.Any(d => d < 0))
                throw new ArgumentException($"Jax.Random.{caller}: shape {Shapes.Format(shape)} has a negative dimension");
            var broadcast = parameterShapes.Aggregate(shape ?? [], (s, x) => Shapes.Broadcast($"Jax.Random.{caller}", s, x));
            if (shape is not null && !Shapes.Equal(broadcast, shape))
                throw new ShapeException($"Jax.Random.{caller}: parameter shapes {string.Join(", ", parameterShapes.Select(Shapes.Format))} " +
                    $"must broadcast to the shape argument {Shapes.Format(shape)}, not to {Shapes.Format(broadcast)}");
            return shape ?? broadcast;
        }

        /// <summary>A parameter converted to the sample's dtype and broadcast to its shape.</summary>
        private static NDArray Param(NDArray x, DType dtype, int[] shape) => Jnp.BroadcastTo(Lax.ConvertElementType(x, dtype), shape);

        /// <summary>The <paramref name="num"/> keys of <c>split(key, num)</c>, each of shape [words].</summary>
        internal static NDArray[] SplitKeys(NDArray key, int num, KeyScheme scheme) => KeysOf(scheme.Split(key, [num]));

        /// <summary>The rows of a [num, words] array of keys, one key each.</summary>
        private static NDArray[] KeysOf(NDArray keys)
        {
            var words = keys.Shape[1];
            return Enumerable.Range(0, keys.Shape[0]).Select(i => Lax.Reshape(Lax.Slice(keys, [i, 0], [i + 1, words]), [words])).ToArray();
        }

        /// <summary>Uniform values in [<paramref name="minval"/>, 1), as JAX's samplers draw them.</summary>
        private static NDArray UnitUniform(NDArray key, int[] shape, DType dtype, KeyScheme scheme, double minval = 0) =>
            UniformCore(key, shape, dtype, Lit(minval, dtype), Lit(1, dtype), scheme);

        /// <summary>finfo.eps: the gap between 1 and the next float.</summary>
        private static double Epsilon(DType dtype) => Math.ScaleB(1, -FloatLayout(dtype).Mantissa);

        /// <summary>finfo.epsneg: the gap between 1 and the float below it.</summary>
        private static double EpsilonBelowOne(DType dtype) => Math.ScaleB(1, -FloatLayout(dtype).Mantissa - 1);
    }
}
